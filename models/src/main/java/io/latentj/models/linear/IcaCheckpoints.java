package io.latentj.models.linear;

import io.latentj.models.Checkpointing;
import io.latentj.models.FitCheckpoints;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.simd.FMatrix;

import java.util.Map;

/**
 * Checkpoints of FastICA's fixed-point iteration through {@link FitCheckpoints}; one "epoch" is one fixed-point
 * iteration. Saved: the k×k rotation {@code w} (the whitening is recomputed from the same data). Symmetric FastICA
 * needs nothing else, and may resume under a larger iteration cap. Deflation also saves the current component's
 * iterate ({@code w_component} [k]) and the counters {@code component}, {@code component_iterations},
 * {@code most_iterations} and {@code all_converged}; its cap applies per component and so stays part of the config.
 * Checkpoints are only made after iterations that did not converge (the fit goes on from them).
 */
final class IcaCheckpoints {
    static final String TYPE = "FastICA-checkpoint";

    private final FitCheckpoints checkpoints;
    private final int k;
    private final int maxIterations;

    IcaCheckpoints(FastIcaConfig config, int k, FMatrix data, TrainingListener listener, Checkpointing where) {
        this.k = k;
        this.maxIterations = config.maxIterations();
        Map<String, String> c = new java.util.LinkedHashMap<>(config.toMap());
        c.put("components", Integer.toString(k));
        checkpoints = config.algorithm() == FastIcaConfig.Algorithm.SYMMETRIC
                ? FitCheckpoints.of(TYPE, c, "max_iterations", maxIterations, data, config.path(), listener, where)
                : FitCheckpoints.of(TYPE, c, null, k * maxIterations, data, config.path(), listener, where);
    }

    boolean resuming() {
        return checkpoints.resuming();
    }

    /** Symmetric: restores w; returns the iterations done. */
    int restoreSymmetric(FMatrix w) {
        return checkpoints.restore(checkpoints.layout().matrix("w", w)).epochsDone();
    }

    /** Symmetric: after iteration {@code done}, with the largest change 1 − |⟨wₙ, wₒ⟩| of a row. */
    void afterSymmetric(int done, FMatrix w, double change, boolean converged) {
        checkpoints.iteration(done, Map.of("change", change));
        if (!converged && checkpoints.due(done)) {
            checkpoints.save(checkpoints.layout().matrix("w", w).state(done), "FastICA", "lower the tolerance or standardise the data", w.data());
        }
    }

    /** Where a deflation run stood: iterations in all, the component and its iterations, the most any took, all converged so far. */
    record Deflation(int done, int component, int iteration, int most, boolean all) {}

    /** Deflation: restores w and the current iterate wc; returns where the run stood. */
    Deflation restoreDeflation(FMatrix w, float[] wc) {
        TrainingState.Restored r = checkpoints.restore(checkpoints.layout().matrix("w", w).vector("w_component", wc));
        Deflation d = new Deflation(r.epochsDone(), (int) r.counter("component"), (int) r.counter("component_iterations"),
                (int) r.counter("most_iterations"), r.counter("all_converged") != 0);
        if (d.component < 0 || d.component >= k || d.iteration < 1 || d.iteration > maxIterations) {
            throw new IllegalArgumentException("checkpoint " + r.file() + ": component " + d.component + ", iteration " + d.iteration + " is out of range");
        }
        return d;
    }

    /** Deflation: after the run's iteration {@code s.done()}, iteration {@code s.iteration()} of component {@code s.component()}. */
    void afterDeflation(Deflation s, FMatrix w, float[] wc, double change, boolean converged) {
        checkpoints.iteration(s.done(), Map.of("change", change));
        if (!converged && checkpoints.due(s.done())) {
            TrainingState state = checkpoints.layout().matrix("w", w).vector("w_component", wc).state(s.done())
                    .putCounter("component", s.component()).putCounter("component_iterations", s.iteration())
                    .putCounter("most_iterations", s.most()).putCounter("all_converged", s.all() ? 1 : 0);
            checkpoints.save(state, "FastICA", "lower the tolerance or standardise the data", w.data(), wc);
        }
    }
}
