package io.latentj.models.energy;

import io.latentj.models.TrainingState;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/**
 * A Markov transition that leaves q(x) ∝ exp(−E(x)) invariant (exactly, or up to discretisation for unadjusted
 * Langevin), applied to many chains at once: each row of {@code chains} is one chain's state, updated in place.
 * Operators keep scratch buffers and, for the adaptive ones, a step size: one instance per thread.
 */
public interface TransitionOperator {
    /** One transition of every chain; returns the mean Metropolis acceptance probability (1 when there is no test). */
    double step(EnergyModel model, FMatrix chains, Rng rng);

    /**
     * {@code steps} transitions for burn-in; operators with step-size adaptation adapt here (and only here), then
     * freeze the step size. Returns the mean acceptance probability over the burn-in.
     */
    default double burnIn(EnergyModel model, FMatrix chains, Rng rng, int steps) {
        double sum = 0;
        for (int s = 0; s < steps; s++) sum += step(model, chains, rng);
        return steps == 0 ? Double.NaN : sum / steps;
    }

    /** Adds the operator's state that outlives a transition (an adapted step size) to a checkpoint as {@code <prefix>…}. */
    default void saveState(TrainingState s, String prefix) {}

    /** Restores what {@link #saveState} wrote under {@code prefix}. */
    default void restoreState(TrainingState.Restored r, String prefix) {}
}
