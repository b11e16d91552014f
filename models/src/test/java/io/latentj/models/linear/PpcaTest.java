package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class PpcaTest {
    @TempDir
    java.nio.file.Path dir;

    static final int D = 10, Q = 3, N = 5000;
    static final double SIGMA2 = 0.5;
    static final double[] MEAN = {1, 2, 3, -1, -2, 0, 0.5, 4, -3, 1.5};
    static final double[][] W = trueLoadings();
    static final FMatrix X;

    static {
        double[] psi = new double[D];
        Arrays.fill(psi, SIGMA2);
        X = LinearTestData.factorModel(W, psi, MEAN, N, 21);
    }

    private static double[][] trueLoadings() {
        double[][] o = LinearTestData.randomOrthogonal(D, 5);
        double[] scale = {3, 2, 1.3};
        double[][] w = new double[Q][D];
        for (int k = 0; k < Q; k++) for (int j = 0; j < D; j++) w[k][j] = scale[k] * o[k][j];
        return w;
    }

    private static PpcaConfig.Builder em(long seed) {
        return PpcaConfig.builder(Q).method(PpcaConfig.Method.EM).maxIterations(3000).tolerance(1e-9).seed(seed);
    }

    @Test
    void closedFormRecoversTheNoiseVariance() {
        ProbabilisticPCA m = ProbabilisticPCA.fit(PpcaConfig.builder(Q).build(), X);
        System.out.printf("PPCA closed form: σ² %.5f (true %.2f), mean log-likelihood %.6f%n", m.noiseVariance(), SIGMA2, m.logLikelihoodTrace()[0]);
        assertEquals(SIGMA2, m.noiseVariance(), 0.03);
        // WWᵀ + σ²I reproduces the true covariance up to sampling error
        double[][] c = LinearTestData.covariance(m.weight(), fill(m.noiseVariance()));
        double worst = 0;
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double t = (i == j ? SIGMA2 : 0);
                for (int k = 0; k < Q; k++) t += W[k][i] * W[k][j];
                worst = Math.max(worst, Math.abs(t - c[i][j]));
            }
        }
        System.out.printf("PPCA closed form: max |C − C_true| %.4f%n", worst);
        assertTrue(worst < 0.3, "covariance error " + worst);
    }

    private static float[] fill(float v) {
        float[] a = new float[D];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void emConvergesToTheClosedFormOptimum() {
        ProbabilisticPCA closed = ProbabilisticPCA.fit(PpcaConfig.builder(Q).build(), X);
        double closedLL = closed.score(X);
        for (long seed : new long[] {1, 2}) {
            ProbabilisticPCA fit = ProbabilisticPCA.fit(em(seed).build(), X);
            double emLL = fit.score(X);
            double[] trace = fit.logLikelihoodTrace();
            System.out.printf("PPCA EM seed %d: %d iterations, log-likelihood %.6f vs closed form %.6f, σ² %.6f vs %.6f%n",
                    seed, trace.length - 1, emLL, closedLL, fit.noiseVariance(), closed.noiseVariance());
            assertEquals(closedLL, emLL, 1e-3);
            assertEquals(closed.noiseVariance(), fit.noiseVariance(), 1e-3 * closed.noiseVariance());
            assertTrue(emLL <= closedLL + 1e-4, "the closed form is the maximum");
            for (int t = 1; t < trace.length; t++) {
                assertTrue(trace[t] >= trace[t - 1] - 1e-6 * Math.abs(trace[t - 1]), "EM lowered the likelihood at " + t);
            }
        }
    }

    @Test
    void logLikelihoodMatchesADirectGaussianDensity() {
        FMatrix small = X.rowRange(0, 40).colRange(0, 5).copy();
        for (PpcaConfig.Method method : PpcaConfig.Method.values()) {
            ProbabilisticPCA m = ProbabilisticPCA.fit(PpcaConfig.builder(2).method(method).seed(3).build(), small);
            double[][] c = LinearTestData.covariance(m.weight(), new float[] {m.noiseVariance(), m.noiseVariance(),
                    m.noiseVariance(), m.noiseVariance(), m.noiseVariance()});
            double[] mean = LinearTestData.toDouble(m.mean());
            double[] ll = m.logLikelihood(small);
            double worst = 0, sum = 0;
            for (int r = 0; r < small.rows(); r++) {
                double want = LinearTestData.logDensity(c, mean, small.data(), small.rowOffset(r));
                worst = Math.max(worst, Math.abs(ll[r] - want));
                assertEquals(want, ll[r], 1e-4 * Math.max(1, Math.abs(want)), "row " + r);
                sum += ll[r];
            }
            double[] trace = m.logLikelihoodTrace();
            System.out.printf("PPCA %s vs dense log-density: max abs difference %.2e; mean %.6f vs trace %.6f%n",
                    method, worst, sum / small.rows(), trace[trace.length - 1]);
            // the trace is computed from the covariance statistics, the scores row by row: same number
            assertEquals(trace[trace.length - 1], sum / small.rows(), 1e-4 * Math.abs(sum / small.rows()));
        }
    }

    @Test
    void transformIsThePosteriorMean() {
        ProbabilisticPCA m = ProbabilisticPCA.fit(em(4).maxIterations(50).build(), X);
        FMatrix w = m.weight();
        float s2 = m.noiseVariance();
        float[] mu = m.mean();
        // M = WᵀW + σ²I (q×q), z = M⁻¹Wᵀ(x − μ) by a direct dense solve
        double[] mm = new double[Q * Q];
        for (int a = 0; a < Q; a++) for (int b = 0; b < Q; b++) {
            double t = a == b ? s2 : 0;
            for (int j = 0; j < D; j++) t += (double) w.get(a, j) * w.get(b, j);
            mm[a * Q + b] = t;
        }
        double[] inv = Small.inverseFromCholesky(Small.cholesky(mm, Q), Q);
        FMatrix z = m.transform(X.rowRange(0, 30));
        for (int r = 0; r < 30; r++) {
            double[] wx = new double[Q];
            for (int a = 0; a < Q; a++) for (int j = 0; j < D; j++) wx[a] += w.get(a, j) * ((double) X.get(r, j) - mu[j]);
            for (int a = 0; a < Q; a++) {
                double want = 0;
                for (int b = 0; b < Q; b++) want += inv[a * Q + b] * wx[b];
                assertEquals(want, z.get(r, a), 1e-4 * Math.max(1, Math.abs(want)));
            }
        }
        float[] out = new float[Q + 2];
        for (int r = 0; r < 30; r++) {
            Arrays.fill(out, -9f);
            m.transformInto(X.data(), X.rowOffset(r), out, 1);
            assertEquals(-9f, out[0]);
            assertEquals(-9f, out[Q + 1]);
            for (int a = 0; a < Q; a++) assertEquals(z.get(r, a), out[1 + a], 1e-5f * Math.max(1, Math.abs(z.get(r, a))));
        }
    }

    @Test
    void seededEmIsReproducible() {
        FMatrix a = ProbabilisticPCA.fit(em(9).maxIterations(20).build(), X).transform(X.rowRange(0, 10));
        FMatrix b = ProbabilisticPCA.fit(em(9).maxIterations(20).build(), X).transform(X.rowRange(0, 10));
        FMatrix c = ProbabilisticPCA.fit(em(10).maxIterations(20).build(), X).transform(X.rowRange(0, 10));
        assertArrayEquals(a.data(), b.data());
        assertFalse(Arrays.equals(a.data(), c.data()));
    }

    @Test
    void saveThenLoadGivesBitIdenticalOutputs() throws Exception {
        for (PpcaConfig.Method method : PpcaConfig.Method.values()) {
            ProbabilisticPCA m = ProbabilisticPCA.fit(PpcaConfig.builder(Q).method(method).maxIterations(100).build(), X);
            java.nio.file.Path f = dir.resolve("ppca-" + method + ".safetensors");
            m.save(f);
            ProbabilisticPCA back = ProbabilisticPCA.load(f);
            FMatrix x = X.rowRange(0, 100);
            assertArrayEquals(m.transform(x).data(), back.transform(x).data());
            assertArrayEquals(m.logLikelihood(x), back.logLikelihood(x));
            assertEquals(m.config().toMap(), back.config().toMap());
            float[] o1 = new float[Q], o2 = new float[Q];
            m.transformInto(x.data(), 0, o1, 0);
            back.transformInto(x.data(), 0, o2, 0);
            assertArrayEquals(o1, o2);
            java.nio.file.Files.write(f, new byte[] {1, 2, 3});
            assertThrows(java.io.IOException.class, () -> ProbabilisticPCA.load(f));
        }
    }

    @Test
    void badInputIsRefused() {
        ProbabilisticPCA m = ProbabilisticPCA.fit(PpcaConfig.builder(2).build(), X.rowRange(0, 100));
        assertThrows(IllegalArgumentException.class, () -> m.transform(FMatrix.zeros(2, D - 1)));
        assertThrows(IllegalArgumentException.class, () -> m.logLikelihood(FMatrix.zeros(2, D + 1)));
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(new float[D - 1], 0, new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(new float[D], 0, new float[1], 0));
        FMatrix bad = X.rowRange(0, 20).copy();
        bad.set(11, 2, Float.NEGATIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProbabilisticPCA.fit(PpcaConfig.builder(2).build(), bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(bad.row(11).toArray(), 0, new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> ProbabilisticPCA.fit(PpcaConfig.builder(D).build(), X.rowRange(0, 100)));
        assertThrows(IllegalArgumentException.class, () -> PpcaConfig.builder(0));
        assertThrows(IllegalArgumentException.class, () -> ProbabilisticPCA.of(FMatrix.zeros(2, D), new float[D], 0f, PpcaConfig.builder(2).build()));
    }
}
