package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;

/**
 * Maximum likelihood with MCMC: the exact log-likelihood gradient ⟨∇_θE⟩_data − ⟨∇_θE⟩_model, with the model
 * expectation estimated from fresh chains started at N(0, σ²I) noise and run {@code steps} transitions towards
 * equilibrium before each update (the first {@code steps} through {@link TransitionOperator#burnIn}, so an adaptive
 * operator tunes its step size once). Unbiased when the chains reach equilibrium, and far costlier than
 * {@link ContrastiveDivergence}. Monitor: the energy gap ⟨E⟩_data − ⟨E⟩_chains.
 */
public final class MaximumLikelihood implements LearningRule {
    private final TransitionOperator operator;
    private final int chains, steps;
    private final float initialStd;
    private boolean adapted;

    public MaximumLikelihood(TransitionOperator operator, int chains, int steps, double initialStd) {
        if (operator == null) throw new IllegalArgumentException("operator must not be null");
        if (chains < 1 || steps < 1) throw new IllegalArgumentException("need at least one chain and one step, got " + chains + " and " + steps);
        if (!(initialStd > 0) || !Double.isFinite(initialStd)) throw new IllegalArgumentException("initial std must be positive, got " + initialStd);
        this.operator = operator;
        this.chains = chains;
        this.steps = steps;
        this.initialStd = (float) initialStd;
    }

    @Override
    public double gradient(EnergyModel model, FMatrix batch, float[] grad, Rng rng) {
        Batches.requirePoints("batch", batch, model.dimension());
        Batches.requireVector("grad", grad, 0, model.parameterCount());
        int n = batch.rows();
        if (n == 0) return Double.NaN;
        FMatrix x = FMatrix.zeros(chains, model.dimension());
        Sampling.gaussian(model.path(), rng, 0f, initialStd, x);
        if (!adapted) {
            operator.burnIn(model, x, rng, steps);
            adapted = true;
        } else {
            for (int s = 0; s < steps; s++) operator.step(model, x, rng);
        }
        model.accumulateParameterGradient(batch, 1f / n, grad);
        model.accumulateParameterGradient(x, -1f / chains, grad);
        float[] e = new float[Math.max(n, chains)];
        model.energy(batch, e, 0);
        double pos = 0, neg = 0;
        for (int r = 0; r < n; r++) pos += e[r];
        model.energy(x, e, 0);
        for (int r = 0; r < chains; r++) neg += e[r];
        return pos / n - neg / chains;
    }

    /** Whether the operator has been adapted ({@code rule.adapted}) and its state ({@code rule.operator.…}). */
    @Override
    public void saveState(io.latentj.models.TrainingState s) {
        s.putCounter("rule.adapted", adapted ? 1 : 0);
        operator.saveState(s, "rule.operator.");
    }

    @Override
    public void restoreState(io.latentj.models.TrainingState.Restored r) {
        adapted = r.counter("rule.adapted") != 0;
        operator.restoreState(r, "rule.operator.");
    }

    @Override
    public String monitorName() {
        return "energy_gap";
    }

    @Override
    public String toString() {
        return "MaximumLikelihood[" + operator + ", " + chains + " chains × " + steps + " steps]";
    }
}
