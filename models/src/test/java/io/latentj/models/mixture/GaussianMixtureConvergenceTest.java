package io.latentj.models.mixture;

import io.latentj.models.mixture.GaussianMixtureConfig.CovarianceType;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** EM for Gaussian mixtures reports {@code converged} truthfully and does not stop on one flat step. */
class GaussianMixtureConvergenceTest {
    static final FMatrix X = GaussianMixtureTest.clusters(3000, 5, null);

    @Test
    void anIterationCapBeforeConvergenceIsReportedAsNotConverged() {
        GaussianMixture capped = GaussianMixture.fit(GaussianMixtureConfig.builder(3).covariance(CovarianceType.DIAGONAL)
                .tolerance(1e-6).maxIterations(2).seed(1).build(), X);
        assertFalse(capped.converged());
        assertEquals(2, capped.iterations());
        GaussianMixture free = GaussianMixture.fit(GaussianMixtureConfig.builder(3).covariance(CovarianceType.DIAGONAL)
                .tolerance(1e-6).maxIterations(1000).seed(1).build(), X);
        assertTrue(free.converged(), free.provenance().toString());
        assertTrue(free.iterations() < 1000);
    }

    @Test
    void convergenceLooksAtTheGainOverSeveralIterations() {
        // a huge tolerance cannot end the fit before the window has been seen
        GaussianMixture loose = GaussianMixture.fit(GaussianMixtureConfig.builder(3).tolerance(1e6).maxIterations(100).seed(1).build(), X);
        assertTrue(loose.converged());
        assertEquals(GaussianMixture.WINDOW + 1, loose.iterations()); // WINDOW + 1 log-likelihoods, one before each M-step
        java.util.List<Double> trace = new java.util.ArrayList<>(java.util.List.of(-10.0, -9.0, -8.9999999, -8.0));
        assertFalse(GaussianMixture.settled(trace, 1e-3), "one flat step in a climbing run");
        trace.addAll(java.util.List.of(-8.0, -8.0, -8.0));
        assertTrue(GaussianMixture.settled(trace, 1e-3));
    }
}
