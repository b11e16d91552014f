package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/**
 * Contrastive divergence over any energy model and any transition operator (Hinton): the negative log-likelihood
 * gradient ⟨∇_θE⟩_data − ⟨∇_θE⟩_model with the model expectation taken over chains that start at the data and run
 * {@code k} transitions (CD-k), or, persistent (PCD, Tieleman), over chains that carry on from where the previous
 * update left them (started at the first batch). The monitor is the energy gap ⟨E⟩_data − ⟨E⟩_chains, which
 * falls towards zero as the model fits. Stateful when persistent: one instance per training run.
 */
public final class ContrastiveDivergence implements LearningRule {
    private final TransitionOperator operator;
    private final int k;
    private final boolean persistent;
    private FMatrix chains;

    private ContrastiveDivergence(TransitionOperator operator, int k, boolean persistent) {
        if (operator == null) throw new IllegalArgumentException("operator must not be null");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        this.operator = operator;
        this.k = k;
        this.persistent = persistent;
    }

    /** CD-k: chains start at the batch and run k transitions. */
    public static ContrastiveDivergence cd(TransitionOperator operator, int k) {
        return new ContrastiveDivergence(operator, k, false);
    }

    /** Persistent CD: as many chains as the first batch has rows, k transitions per update, never restarted. */
    public static ContrastiveDivergence persistent(TransitionOperator operator, int k) {
        return new ContrastiveDivergence(operator, k, true);
    }

    public TransitionOperator operator() { return operator; }
    public int k() { return k; }
    public boolean isPersistent() { return persistent; }

    /** The current negative particles (a copy), or null before the first update. */
    public FMatrix chains() {
        return chains == null ? null : chains.copy();
    }

    @Override
    public double gradient(EnergyModel model, FMatrix batch, float[] grad, Rng rng) {
        Batches.requirePoints("batch", batch, model.dimension());
        Batches.requireVector("grad", grad, 0, model.parameterCount());
        int n = batch.rows();
        if (n == 0) return Double.NaN;
        if (!persistent || chains == null) chains = batch.copy();
        for (int s = 0; s < k; s++) operator.step(model, chains, rng);
        model.accumulateParameterGradient(batch, 1f / n, grad);
        model.accumulateParameterGradient(chains, -1f / chains.rows(), grad);
        float[] e = new float[Math.max(n, chains.rows())];
        model.energy(batch, e, 0);
        double gap = 0;
        for (int r = 0; r < n; r++) gap += e[r];
        gap /= n;
        model.energy(chains, e, 0);
        double neg = 0;
        for (int r = 0; r < chains.rows(); r++) neg += e[r];
        return gap - neg / chains.rows();
    }

    /** The persistent chains ({@code rule.chains}, once started) and the operator's state ({@code rule.operator.…}). */
    @Override
    public void saveState(io.latentj.models.TrainingState s) {
        if (persistent && chains != null) s.put("rule.chains", chains);
        operator.saveState(s, "rule.operator.");
    }

    @Override
    public void restoreState(io.latentj.models.TrainingState.Restored r) {
        if (persistent && r.has("rule.chains")) chains = r.matrix("rule.chains");
        operator.restoreState(r, "rule.operator.");
    }

    @Override
    public String monitorName() {
        return "energy_gap";
    }

    @Override
    public String toString() {
        return (persistent ? "PCD-" : "CD-") + k + "[" + operator + "]";
    }
}
