package io.latentj.models.energy;

import io.latentj.models.TrainingState;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/**
 * How to estimate the gradient of a training objective of an energy model from one minibatch: maximum likelihood
 * with MCMC, contrastive divergence (CD-k, persistent), or score matching. Rules that keep chains are stateful: one
 * instance per training run.
 */
public interface LearningRule {
    /**
     * Adds the gradient ∇_θ of the objective to be minimised, averaged over the batch's rows, into {@code grad}
     * (which the caller has zeroed). Returns the rule's monitor on this batch (see {@link #monitorName()}).
     */
    double gradient(EnergyModel model, FMatrix batch, float[] grad, Rng rng);

    /** What {@link #gradient} returns, for training reports: e.g. "score_matching" or "energy_gap". */
    String monitorName();

    /**
     * Adds what this rule carries from one update to the next (persistent chains, its operator's adapted step size)
     * to a training checkpoint, under names starting {@code rule.}; stateless rules add nothing.
     */
    default void saveState(TrainingState s) {}

    /** Restores what {@link #saveState} wrote, into a rule built as the checkpointed one was. */
    default void restoreState(TrainingState.Restored r) {}
}
