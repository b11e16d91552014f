package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue "Learning quality: converge for real": EM for factor analysis and probabilistic PCA runs until its gains
 * have really dried up (not to the first flat or falling step), reports {@code converged} truthfully, and ends
 * where the closed forms / the scaled-eigen method do, on any kernel path.
 */
class EmConvergenceTest {
    static final int D = 60, Q = 5, N = 4000;
    static final FMatrix X = data();

    /** Data from a known factor model: d = 60, q = 5, noise variances 0.05–1.05. */
    private static FMatrix data() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] w = new double[Q][D];
        double[] psi = new double[D], mean = new double[D];
        for (int k = 0; k < Q; k++) for (int j = 0; j < D; j++) w[k][j] = r.nextGaussian();
        for (int j = 0; j < D; j++) {
            psi[j] = 0.05 + r.nextDouble();
            mean[j] = r.nextGaussian();
        }
        return LinearTestData.factorModel(w, psi, mean, N, 12);
    }

    private static double eigenScore(Path path) {
        FactorAnalysis eig = FactorAnalysis.fit(FactorAnalysisConfig.builder(Q).method(FactorAnalysisConfig.Method.EIGEN).path(path).build(), X);
        assertEquals("true", eig.provenance().get("converged"), eig.provenance().toString());
        return eig.score(X);
    }

    @Test
    void factorAnalysisByEmReachesTheEigenMethodAndSaysItConverged() {
        double llEig = eigenScore(Path.AUTO);
        for (long seed = 1; seed <= 3; seed++) {
            FactorAnalysis em = FactorAnalysis.fit(FactorAnalysisConfig.builder(Q).seed(seed).build(), X);
            double llEm = em.score(X);
            System.out.printf("FA EM seed %d: %.6f after %s iterations (converged %s), EIGEN %.6f%n",
                    seed, llEm, em.provenance().get("iterations"), em.provenance().get("converged"), llEig);
            assertEquals("true", em.provenance().get("converged"), em.provenance().toString());
            assertEquals(llEig, llEm, 1e-3, "seed " + seed);
            // the reported iterations are the M-steps taken, below the cap
            assertEquals(em.logLikelihoodTrace().length - 1, Integer.parseInt(em.provenance().get("iterations")));
        }
    }

    @Test
    void anIterationCapThatStopsEmEarlyIsReportedAsNotConverged() {
        boolean[] heard = new boolean[2];
        FactorAnalysis fa = FactorAnalysis.fit(FactorAnalysisConfig.builder(Q).maxIterations(5).build(), X, new LikelihoodListener() {
            @Override public void iteration(int iteration, double logLikelihood) {}
            @Override public void finished(int iterations, boolean converged) {
                heard[0] = true;
                heard[1] = converged;
                assertEquals(5, iterations);
            }
        });
        assertEquals("false", fa.provenance().get("converged"));
        assertTrue(heard[0] && !heard[1], "the listener hears that the cap stopped the fit");
        assertEquals("5", fa.provenance().get("iterations"));
        FactorAnalysis eig = FactorAnalysis.fit(FactorAnalysisConfig.builder(Q).method(FactorAnalysisConfig.Method.EIGEN).maxIterations(1).build(), X);
        assertEquals("false", eig.provenance().get("converged"));
        ProbabilisticPCA ppca = ProbabilisticPCA.fit(PpcaConfig.builder(Q).method(PpcaConfig.Method.EM).maxIterations(3).build(), X);
        assertEquals("false", ppca.provenance().get("converged"));
        assertEquals("3", ppca.provenance().get("iterations"));
        // even a huge tolerance cannot end a fit on fewer steps than the window
        FactorAnalysis loose = FactorAnalysis.fit(FactorAnalysisConfig.builder(Q).maxIterations(LatentEm.WINDOW - 1).tolerance(1e3).build(), X);
        assertEquals("false", loose.provenance().get("converged"));
    }

    @Test
    void ppcaByEmReachesTheClosedFormAndSaysItConverged() {
        double closed = ProbabilisticPCA.fit(PpcaConfig.builder(Q).method(PpcaConfig.Method.CLOSED_FORM).build(), X).score(X);
        ProbabilisticPCA em = ProbabilisticPCA.fit(PpcaConfig.builder(Q).method(PpcaConfig.Method.EM).seed(2).build(), X);
        System.out.printf("PPCA EM: %.6f after %s iterations (converged %s), closed form %.6f%n",
                em.score(X), em.provenance().get("iterations"), em.provenance().get("converged"), closed);
        assertEquals("true", em.provenance().get("converged"), em.provenance().toString());
        assertEquals(closed, em.score(X), 1e-3);
    }

    @Test
    void theFitDoesNotDependOnTheKernelPathBeyondRounding() {
        FactorAnalysis scalar = FactorAnalysis.fit(FactorAnalysisConfig.builder(Q).seed(4).path(Path.SCALAR).build(), X);
        FactorAnalysis auto = FactorAnalysis.fit(FactorAnalysisConfig.builder(Q).seed(4).path(Path.AUTO).build(), X);
        assertEquals("true", scalar.provenance().get("converged"));
        assertEquals("true", auto.provenance().get("converged"));
        double a = Double.parseDouble(scalar.provenance().get("log_likelihood")), b = Double.parseDouble(auto.provenance().get("log_likelihood"));
        System.out.printf("FA EM SCALAR %.8f (%s iterations), AUTO %.8f (%s)%n", a, scalar.provenance().get("iterations"), b, auto.provenance().get("iterations"));
        assertEquals(a, b, 1e-3);
        assertEquals(eigenScore(Path.SCALAR), a, 1e-3);
    }
}
