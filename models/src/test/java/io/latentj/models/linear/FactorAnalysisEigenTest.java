package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The scaled-eigen method of factor analysis against EM, the blocked covariance against the centred copy, odd sizes. */
class FactorAnalysisEigenTest {
    static final FMatrix X = FactorAnalysisTest.X;

    @Test
    void reachesTheLikelihoodOfConvergedEmAndTheSameCovariance() {
        FactorAnalysis em = FactorAnalysis.fit(FactorAnalysisConfig.builder(FactorAnalysisTest.Q).maxIterations(5000).tolerance(1e-10).seed(1).build(), X);
        FactorAnalysis eig = FactorAnalysis.fit(FactorAnalysisConfig.builder(FactorAnalysisTest.Q).method(FactorAnalysisConfig.Method.EIGEN)
                .maxIterations(500).tolerance(1e-10).seed(1).build(), X);
        double llEm = em.score(X), llEig = eig.score(X);
        assertTrue(llEig >= llEm - 1e-4, "eigen " + llEig + " vs EM " + llEm);
        assertEquals("eigen", eig.provenance().get("method"));
        int iterations = Integer.parseInt(eig.provenance().get("iterations"));
        assertTrue(iterations < Integer.parseInt(em.provenance().get("iterations")), "eigen took " + iterations + " iterations");
        // the model covariances WWᵀ + Ψ agree (W itself only up to a rotation)
        double[][] ce = covariance(em), cg = covariance(eig);
        for (int i = 0; i < ce.length; i++) for (int j = 0; j < ce.length; j++) assertEquals(ce[i][j], cg[i][j], 2e-3 * (1 + Math.abs(ce[i][j])));
        // the trace is what the listener heard and the kept iterate is the best of it
        double[] trace = eig.logLikelihoodTrace();
        double best = Double.NEGATIVE_INFINITY;
        for (double v : trace) best = Math.max(best, v);
        assertEquals(best, llEig, 1e-4 * Math.abs(best));
    }

    @Test
    void oddSizesAgreeWithEm() {
        SplittableRandom r = new SplittableRandom(7);
        int d = 19, q = 3, n = 3001;
        double[][] w = new double[q][d];
        double[] psi = new double[d], mean = new double[d];
        for (int k = 0; k < q; k++) for (int j = 0; j < d; j++) w[k][j] = r.nextGaussian();
        for (int j = 0; j < d; j++) {
            psi[j] = 0.1 + r.nextDouble();
            mean[j] = r.nextGaussian();
        }
        FMatrix x = LinearTestData.factorModel(w, psi, mean, n, 8);
        for (Path p : new Path[] {Path.SCALAR, Path.AUTO}) {
            double llEm = FactorAnalysis.fit(FactorAnalysisConfig.builder(q).maxIterations(5000).tolerance(1e-10).path(p).build(), x).score(x);
            double llEig = FactorAnalysis.fit(FactorAnalysisConfig.builder(q).method(FactorAnalysisConfig.Method.EIGEN)
                    .maxIterations(500).tolerance(1e-10).path(p).build(), x).score(x);
            assertEquals(llEm, llEig, 1e-3, p.toString());
        }
    }

    @Test
    void blockedCovarianceAgreesWithTheCentredCopy() {
        SplittableRandom r = new SplittableRandom(9);
        FMatrix x = FMatrix.zeros(2500, 13); // more than two blocks, odd width
        for (int i = 0; i < x.data().length; i++) x.data()[i] = (float) (3 + r.nextGaussian());
        for (Path p : new Path[] {Path.SCALAR, Path.AUTO}) {
            float[] mean = Moments.mean(p, x);
            FMatrix want = Moments.covariance(p, Moments.centred(p, x, mean), 2499), got = Moments.covarianceOf(p, x, mean, 2499);
            for (int i = 0; i < 13 * 13; i++) assertEquals(want.data()[i], got.data()[i], 1e-4f * (1 + Math.abs(want.data()[i])), p.toString());
        }
    }

    @Test
    void orthonormalisedRowsAreOrthonormalEvenWhenDependent() {
        FMatrix a = FMatrix.zeros(6, 11);
        SplittableRandom r = new SplittableRandom(10);
        for (int i = 0; i < 4 * 11; i++) a.data()[i] = (float) r.nextGaussian();
        System.arraycopy(a.data(), 0, a.data(), 4 * 11, 11);       // row 4 repeats row 0
        for (int c = 0; c < 11; c++) a.set(5, c, 2 * a.get(1, c)); // row 5 is twice row 1
        ScaledEigenIteration.orthonormalizeRows(Path.AUTO, a, Rng.of(1));
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double s = 0;
                for (int c = 0; c < 11; c++) s += (double) a.get(i, c) * a.get(j, c);
                assertEquals(i == j ? 1 : 0, s, 1e-5, "rows " + i + ", " + j);
            }
        }
    }

    @Test
    void methodIsSavedInTheConfig() {
        FactorAnalysisConfig c = FactorAnalysisConfig.builder(2).method(FactorAnalysisConfig.Method.EIGEN).build();
        assertEquals(FactorAnalysisConfig.Method.EIGEN, FactorAnalysisConfig.fromMap(c.toMap()).method());
        assertEquals(FactorAnalysisConfig.Method.EM, FactorAnalysisConfig.fromMap(java.util.Map.of("components", "2")).method());
        assertThrows(IllegalArgumentException.class, () -> FactorAnalysisConfig.fromMap(java.util.Map.of("method", "svd")));
        assertThrows(IllegalArgumentException.class, () -> FactorAnalysisConfig.builder(2).method(null));
    }

    private static double[][] covariance(FactorAnalysis fa) {
        FMatrix w = fa.loadings();
        float[] psi = fa.noiseVariance();
        int d = w.cols();
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = i == j ? psi[i] : 0;
                for (int k = 0; k < w.rows(); k++) s += (double) w.get(k, i) * w.get(k, j);
                c[i][j] = s;
            }
        }
        return c;
    }
}
