package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FactorAnalysisTest {
    @TempDir
    java.nio.file.Path dir;

    static final int D = 8, Q = 2, N = 20_000;
    /** Heteroscedastic noise: what PPCA cannot model and FA must recover. */
    static final double[] PSI = {0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 0.15, 0.6};
    static final double[] MEAN = {0, 1, -1, 2, 0.5, -0.5, 3, 0};
    static final double[][] W = {
            {1.0, 0.9, 0.8, 0.0, 0.1, 0.7, -0.6, 0.4},
            {0.0, 0.3, -0.5, 1.2, 0.9, 0.2, 0.5, -0.8}};
    static final FMatrix X = LinearTestData.factorModel(W, PSI, MEAN, N, 31);

    private static FactorAnalysisConfig.Builder config(long seed) {
        return FactorAnalysisConfig.builder(Q).maxIterations(2000).tolerance(1e-8).seed(seed);
    }

    @Test
    void logLikelihoodNeverDecreasesAndTheListenerSeesEveryIterate() {
        List<Double> heard = new ArrayList<>();
        FactorAnalysis fa = FactorAnalysis.fit(config(1).build(), X, (it, ll) -> {
            assertEquals(heard.size(), it);
            heard.add(ll);
        });
        double[] trace = fa.logLikelihoodTrace();
        assertEquals(heard.size(), trace.length);
        double worstDrop = 0;
        for (int t = 1; t < trace.length; t++) {
            assertEquals(heard.get(t), trace[t]);
            worstDrop = Math.max(worstDrop, trace[t - 1] - trace[t]);
            assertTrue(trace[t] >= trace[t - 1] - 1e-6 * Math.abs(trace[t - 1]), "EM lowered the log-likelihood at " + t + ": "
                    + trace[t - 1] + " → " + trace[t]);
        }
        System.out.printf("FA EM: %d iterations, log-likelihood %.6f → %.6f, largest decrease %.2e, converged %s%n",
                trace.length - 1, trace[0], trace[trace.length - 1], worstDrop, fa.provenance().get("converged"));
        assertTrue(trace[trace.length - 1] > trace[0] + 0.1, "EM improved on its start");
        assertEquals("true", fa.provenance().get("converged"));
        assertEquals(trace[trace.length - 1], fa.score(X), 1e-4 * Math.abs(trace[trace.length - 1]));
    }

    @Test
    void recoversTheNoiseVariancesAndCovarianceOfAKnownFactorModel() {
        FactorAnalysis fa = FactorAnalysis.fit(config(2).build(), X);
        float[] psi = fa.noiseVariance();
        double worstPsi = 0;
        for (int j = 0; j < D; j++) {
            worstPsi = Math.max(worstPsi, Math.abs(psi[j] - PSI[j]) / PSI[j]);
            assertEquals(PSI[j], psi[j], 0.1 * PSI[j] + 0.01, "ψ_" + j);
        }
        // WWᵀ is identified (W only up to rotation)
        FMatrix w = fa.loadings();
        double worstC = 0;
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double got = 0, want = 0;
                for (int k = 0; k < Q; k++) {
                    got += (double) w.get(k, i) * w.get(k, j);
                    want += W[k][i] * W[k][j];
                }
                worstC = Math.max(worstC, Math.abs(got - want));
            }
        }
        System.out.printf("FA known model: ψ %s (true %s), worst relative ψ error %.3f, max |WWᵀ − W₀W₀ᵀ| %.4f%n",
                Arrays.toString(psi), Arrays.toString(PSI), worstPsi, worstC);
        assertTrue(worstC < 0.06, "WWᵀ error " + worstC);
        // FA models the heteroscedastic noise, PPCA with the same q cannot: FA's likelihood is higher
        double ppca = ProbabilisticPCA.fit(PpcaConfig.builder(Q).build(), X).score(X);
        System.out.printf("FA log-likelihood %.5f vs PPCA %.5f per sample%n", fa.score(X), ppca);
        assertTrue(fa.score(X) > ppca + 0.01);
    }

    @Test
    void logLikelihoodMatchesADirectGaussianDensity() {
        FMatrix small = X.rowRange(0, 50);
        FactorAnalysis fa = FactorAnalysis.fit(config(3).maxIterations(30).build(), small);
        double[][] c = LinearTestData.covariance(fa.loadings(), fa.noiseVariance());
        double[] mean = LinearTestData.toDouble(fa.mean());
        double[] ll = fa.logLikelihood(small);
        double worst = 0;
        for (int r = 0; r < small.rows(); r++) {
            double want = LinearTestData.logDensity(c, mean, small.data(), small.rowOffset(r));
            worst = Math.max(worst, Math.abs(want - ll[r]));
            assertEquals(want, ll[r], 1e-4 * Math.max(1, Math.abs(want)), "row " + r);
        }
        System.out.printf("FA vs dense log-density: max abs difference %.2e%n", worst);
    }

    @Test
    void transformIsThePosteriorMeanAndTransformIntoAgrees() {
        FactorAnalysis fa = FactorAnalysis.fit(config(4).maxIterations(100).build(), X.rowRange(0, 2000));
        FMatrix w = fa.loadings();
        float[] psi = fa.noiseVariance(), mu = fa.mean();
        double[] k = new double[Q * Q]; // I + WᵀΨ⁻¹W
        for (int a = 0; a < Q; a++) for (int b = 0; b < Q; b++) {
            double t = a == b ? 1 : 0;
            for (int j = 0; j < D; j++) t += (double) w.get(a, j) * w.get(b, j) / psi[j];
            k[a * Q + b] = t;
        }
        double[] inv = Small.inverseFromCholesky(Small.cholesky(k, Q), Q);
        FMatrix z = fa.transform(X.rowRange(0, 40));
        float[] out = new float[Q + 3];
        for (int r = 0; r < 40; r++) {
            double[] v = new double[Q];
            for (int a = 0; a < Q; a++) for (int j = 0; j < D; j++) v[a] += w.get(a, j) / psi[j] * ((double) X.get(r, j) - mu[j]);
            Arrays.fill(out, -9f);
            fa.transformInto(X.data(), X.rowOffset(r), out, 2);
            assertEquals(-9f, out[1]);
            assertEquals(-9f, out[Q + 2]);
            for (int a = 0; a < Q; a++) {
                double want = 0;
                for (int b = 0; b < Q; b++) want += inv[a * Q + b] * v[b];
                assertEquals(want, z.get(r, a), 1e-4 * Math.max(1, Math.abs(want)));
                assertEquals(z.get(r, a), out[2 + a], 1e-5f * Math.max(1, Math.abs(z.get(r, a))));
            }
        }
    }

    @Test
    void saveThenLoadGivesBitIdenticalOutputs() throws Exception {
        FactorAnalysis fa = FactorAnalysis.fit(config(5).maxIterations(50).build(), X.rowRange(0, 3000));
        java.nio.file.Path f = dir.resolve("fa.safetensors");
        fa.save(f);
        FactorAnalysis back = FactorAnalysis.load(f);
        FMatrix x = X.rowRange(0, 100);
        assertArrayEquals(fa.transform(x).data(), back.transform(x).data());
        assertArrayEquals(fa.logLikelihood(x), back.logLikelihood(x));
        assertArrayEquals(fa.noiseVariance(), back.noiseVariance());
        assertEquals(fa.config().toMap(), back.config().toMap());
        float[] o1 = new float[Q], o2 = new float[Q];
        fa.transformInto(x.data(), 0, o1, 0);
        back.transformInto(x.data(), 0, o2, 0);
        assertArrayEquals(o1, o2);
        assertThrows(io.latentj.models.io.FormatException.class, () -> PCA.load(f));
        java.nio.file.Files.write(f, new byte[] {1, 2, 3});
        assertThrows(java.io.IOException.class, () -> FactorAnalysis.load(f));
    }

    @Test
    void badInputIsRefused() {
        FactorAnalysis fa = FactorAnalysis.fit(config(6).maxIterations(10).build(), X.rowRange(0, 100));
        assertThrows(IllegalArgumentException.class, () -> fa.transform(FMatrix.zeros(2, D + 1)));
        assertThrows(IllegalArgumentException.class, () -> fa.transform(null));
        assertThrows(IllegalArgumentException.class, () -> fa.logLikelihood(FMatrix.zeros(2, D - 1)));
        assertThrows(IllegalArgumentException.class, () -> fa.transformInto(new float[D], 1, new float[Q], 0));
        assertThrows(IllegalArgumentException.class, () -> fa.transformInto(new float[D], 0, new float[Q], 1));
        FMatrix bad = X.rowRange(0, 20).copy();
        bad.set(11, 2, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fa.transform(bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FactorAnalysis.fit(config(1).build(), bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fa.transformInto(bad.row(11).toArray(), 0, new float[Q], 0));
        assertThrows(IllegalArgumentException.class, () -> FactorAnalysis.fit(FactorAnalysisConfig.builder(D + 1).build(), X.rowRange(0, 100)));
        assertThrows(IllegalArgumentException.class, () -> FactorAnalysis.of(FMatrix.zeros(Q, D), new float[D], new float[D], FactorAnalysisConfig.builder(Q).build()));
        assertThrows(IllegalArgumentException.class, () -> FactorAnalysisConfig.builder(Q).noiseFloor(0));
    }

    @Test
    void constantColumnsDoNotBreakTheFit() {
        FMatrix x = X.rowRange(0, 500).copy();
        for (int i = 0; i < x.rows(); i++) x.set(i, 4, 2.5f);
        FactorAnalysis fa = FactorAnalysis.fit(config(7).maxIterations(200).build(), x);
        for (float v : fa.noiseVariance()) assertTrue(v > 0 && Float.isFinite(v));
        for (double v : fa.logLikelihood(x.rowRange(0, 10))) assertTrue(Double.isFinite(v));
    }
}
