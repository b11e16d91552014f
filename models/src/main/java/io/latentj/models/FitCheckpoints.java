package io.latentj.models;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoint and exact resume of the iterative fits (EM, k-means, FastICA, dictionary learning) in the
 * {@link TrainingState} format. An "epoch" is one iteration (one pass over the data for minibatch fits). The config's
 * iteration cap is recorded as its {@code epochs}, which a resume may change (as for every trainer): a run may be
 * resumed with a larger cap and then ends exactly where a longer uninterrupted run would. Trainers save their
 * iterates and the history their convergence test reads ({@link TrainingState#putValues}) only after iterations the
 * fit goes on from, so a resumed run stops at the same iteration as an uninterrupted one.
 *
 * <p>With no {@link Checkpointing} every method but {@link #iteration} does nothing (and the data is not even
 * fingerprinted): fits without checkpoints run exactly as before.
 */
public final class FitCheckpoints {
    private static final System.Logger LOG = System.getLogger(FitCheckpoints.class.getName());

    private final Checkpointing where; // null: none
    private final String type;
    private final Map<String, String> config;
    private final String fingerprint;
    private final int cap;
    private final Path path;
    private final TrainingListener listener;
    private long lastNanos = System.nanoTime();

    private FitCheckpoints(Checkpointing where, String type, Map<String, String> config, String fingerprint, int cap, Path path,
                           TrainingListener listener) {
        this.where = where;
        this.type = type;
        this.config = config;
        this.fingerprint = fingerprint;
        this.cap = cap;
        this.path = path;
        this.listener = listener == null ? TrainingListener.NONE : listener;
    }

    /**
     * The checkpoints of a fit of {@code type} (e.g. {@code "GaussianMixture-checkpoint"}) with {@code config} whose
     * iteration cap is the entry {@code capKey} (null: the cap is part of the config and a resume must keep it) and
     * {@code cap}, on {@code data}; {@code where} null for none.
     */
    public static FitCheckpoints of(String type, Map<String, String> config, String capKey, int cap, FMatrix data, Path path,
                                    TrainingListener listener, Checkpointing where) {
        Map<String, String> c = new LinkedHashMap<>(config);
        if (capKey != null) {
            c.remove(capKey);
            c.put("epochs", Integer.toString(cap));
        }
        return new FitCheckpoints(where, type, c, where == null ? null : Minibatches.fingerprint(data), cap, path, listener);
    }

    /** True when the fit should start from the checkpoint instead of its initialisation. */
    public boolean resuming() {
        return where != null && where.resumable();
    }

    /** An empty layout of this fit's checkpoint type. */
    public TrainingState.Layout layout() {
        return new TrainingState.Layout(type);
    }

    /**
     * Reads the checkpoint (same type, config apart from the cap, and data), restores every array and stream of
     * {@code layout} and returns it; refuses one made after more iterations than this run's cap.
     */
    public TrainingState.Restored restore(TrainingState.Layout layout) {
        TrainingState.Restored r = layout.restore(where, config, fingerprint);
        if (r.epochsDone() > cap) {
            throw new IllegalArgumentException("checkpoint " + where.file() + " was made after " + r.epochsDone()
                    + " iterations, more than the " + cap + " this run allows");
        }
        LOG.log(Level.INFO, () -> "resumed from " + where.file() + " after iteration " + r.epochsDone());
        lastNanos = System.nanoTime();
        return r;
    }

    /** True when a listener hears the iterations (so their metrics are worth computing). */
    public boolean listening() {
        return listener != TrainingListener.NONE;
    }

    /** True when a checkpoint is due after {@code done} iterations. */
    public boolean due(int done) {
        return where != null && where.due(done, cap);
    }

    /**
     * Saves {@code state} (call when {@link #due}), after checking that {@code parameters} are finite: a fit that
     * produced NaN/Inf stops with an {@link ArithmeticException} naming {@code model} and {@code advice}, and the
     * last good checkpoint stays.
     */
    public void save(TrainingState state, String model, String advice, float[]... parameters) {
        Divergence.check(path, model, state.epochsDone(), advice, where, parameters);
        state.save(where, config, fingerprint);
    }

    /** Tells the listener that iteration {@code done} (1-based) of at most the cap has finished, with its metrics. */
    public void iteration(int done, Map<String, Double> metrics) {
        if (listener == TrainingListener.NONE) return;
        long now = System.nanoTime();
        EpochReport report = new EpochReport(done, cap, (now - lastNanos) / 1e9, metrics);
        lastNanos = now;
        listener.onEpoch(report);
    }

    /** The checkpoint file, or null without checkpoints. */
    public java.nio.file.Path file() {
        return where == null ? null : where.file();
    }
}
