package io.latentj.models.linear;

/** Hears the progress of an EM fit: after each E-step, the mean log-likelihood per sample of the current parameters. */
@FunctionalInterface
public interface LikelihoodListener {
    /** {@code iteration} counts from 0 (the starting parameters). */
    void iteration(int iteration, double logLikelihood);
}
