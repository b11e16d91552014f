package io.latentj.models.linear;

/** Hears the progress of an EM fit: after each E-step, the mean log-likelihood per sample of the current parameters. */
@FunctionalInterface
public interface LikelihoodListener {
    /** {@code iteration} counts from 0 (the starting parameters). */
    void iteration(int iteration, double logLikelihood);

    /**
     * Once, when the fit ends: the iterations (M-steps) taken and whether the convergence test was met; false when
     * the iteration cap stopped the fit (a warning is logged then too). Does nothing unless overridden.
     */
    default void finished(int iterations, boolean converged) {}
}
