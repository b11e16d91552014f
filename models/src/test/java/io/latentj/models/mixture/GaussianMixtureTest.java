package io.latentj.models.mixture;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.mixture.GaussianMixtureConfig.CovarianceType;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Gaussian mixtures by EM: the log-likelihood never decreases, well-separated clusters give back their means and
 * weights, BIC picks the true K, the E-step agrees with densities computed directly in double, full-covariance EM
 * agrees with a double-precision reference EM from the same start, soft k-means, sampling, save/load and refusal of
 * bad input and bad files.
 */
class GaussianMixtureTest {
    static final int D = 5;
    static final double[][] MEANS = {{8, 0, 0, 2, -3}, {-6, 5, 1, 0, 2}, {0, -7, -4, 3, 1}};
    static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    static final double[] SCALES = {1.0, 0.6, 1.5};

    @TempDir
    java.nio.file.Path dir;

    /** n rows from three well-separated, correlated clusters (cluster c: mean MEANS[c], x = μ + scale·(z + 0.5·z₀·1)). */
    static FMatrix clusters(int n, long seed, int[] truth) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, D);
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            int c = u < WEIGHTS[0] ? 0 : u < WEIGHTS[0] + WEIGHTS[1] ? 1 : 2;
            if (truth != null) truth[i] = c;
            double shared = r.nextGaussian();
            for (int j = 0; j < D; j++) x.set(i, j, (float) (MEANS[c][j] + 100 + SCALES[c] * (r.nextGaussian() + 0.5 * shared * (j % 2))));
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void logLikelihoodNeverDecreases(CovarianceType type) {
        FMatrix x = clusters(2000, 1, null);
        // a poor start (k-means++ seeds only) and no early stop, so the trace is long
        GaussianMixture gm = GaussianMixture.fit(GaussianMixtureConfig.builder(4).covariance(type).init(GaussianMixtureConfig.Init.KMEANS_PLUS_PLUS)
                .tolerance(0).maxIterations(40).seed(2).build(), x);
        double[] t = gm.logLikelihoodTrace();
        assertEquals(41, t.length);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] >= t[i - 1] - 2e-6 * Math.abs(t[i - 1]), type + ": log-likelihood fell from " + t[i - 1] + " to " + t[i] + " at step " + i);
        }
        assertTrue(t[t.length - 1] > t[0], "EM improved nothing");
        assertEquals(t[t.length - 1], gm.score(x), 1e-5 * Math.abs(t[t.length - 1]));
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void wellSeparatedClustersGiveBackTheirMeansAndWeights(CovarianceType type) {
        int[] truth = new int[6000];
        FMatrix x = clusters(6000, 3, truth);
        GaussianMixture gm = GaussianMixture.fit(GaussianMixtureConfig.builder(3).covariance(type).seed(4).build(), x);
        assertTrue(gm.converged());
        FMatrix m = gm.means();
        float[] w = gm.weights();
        int[] match = new int[3];
        for (int c = 0; c < 3; c++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int f = 0; f < 3; f++) {
                double dist = 0;
                for (int j = 0; j < D; j++) dist += Math.pow(m.get(f, j) - (MEANS[c][j] + 100), 2);
                if (dist < bestDist) {
                    bestDist = dist;
                    best = f;
                }
            }
            assertTrue(Math.sqrt(bestDist) < 0.15, type + ": true mean " + c + " is " + Math.sqrt(bestDist) + " from the nearest fitted mean");
            assertEquals(WEIGHTS[c], w[best], 0.03);
            match[c] = best;
        }
        int[] labels = gm.predict(x);
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) if (labels[i] != match[truth[i]]) wrong++;
        assertTrue(wrong < 6, wrong + " rows in the wrong cluster");
        FMatrix r = gm.transform(x.rowRange(0, 50));
        for (int i = 0; i < 50; i++) {
            double s = 0;
            for (int c = 0; c < 3; c++) s += r.get(i, c);
            assertEquals(1, s, 1e-5);
        }
    }

    @Test
    void bicPicksTheTrueNumberOfComponents() {
        FMatrix x = clusters(3000, 5, null);
        for (CovarianceType type : new CovarianceType[] {CovarianceType.DIAGONAL, CovarianceType.FULL}) {
            int bestK = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int k = 1; k <= 6; k++) {
                double bic = GaussianMixture.fit(GaussianMixtureConfig.builder(k).covariance(type).seed(6).build(), x).bic(x);
                if (bic < best) {
                    best = bic;
                    bestK = k;
                }
            }
            assertEquals(3, bestK, type + ": BIC chose " + bestK + " components");
        }
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void scoresAgreeWithDensitiesComputedDirectlyInDouble(CovarianceType type) {
        FMatrix x = clusters(1500, 7, null);
        GaussianMixture gm = GaussianMixture.fit(GaussianMixtureConfig.builder(3).covariance(type).maxIterations(5).seed(8).build(), x);
        float[] s = gm.scoreSamples(x);
        FMatrix resp = gm.transform(x);
        float[] one = new float[3];
        for (int i = 0; i < 1500; i += 7) {
            double[] lp = Reference.logProbabilities(gm.weights(), gm.means(), gm.covariances(), type, x, i);
            double lse = Reference.logSumExp(lp);
            assertEquals(lse, s[i], 2e-5 * Math.max(1, Math.abs(lse)), type + " row " + i);
            gm.transformInto(x.data(), x.rowOffset(i), one, 0);
            for (int c = 0; c < 3; c++) {
                assertEquals(Math.exp(lp[c] - lse), resp.get(i, c), 1e-4);
                assertEquals(resp.get(i, c), one[c], 1e-5);
            }
        }
    }

    @Test
    void fullCovarianceEmAgreesWithADoublePrecisionReference() {
        FMatrix x = clusters(1200, 9, null);
        GaussianMixtureConfig c = GaussianMixtureConfig.builder(3).covariance(CovarianceType.FULL).tolerance(0).maxIterations(15).regCovar(1e-4).build();
        // a deliberately poor start: equal weights, means near three data rows, unit covariances
        float[] w = {1f / 3, 1f / 3, 1f / 3};
        FMatrix m = FMatrix.zeros(3, D);
        for (int k = 0; k < 3; k++) for (int j = 0; j < D; j++) m.set(k, j, x.get(k * 17, j) + 0.5f);
        float[] cov = new float[3 * D * D];
        for (int k = 0; k < 3; k++) for (int j = 0; j < D; j++) cov[k * D * D + j * D + j] = 1f;
        GaussianMixture start = GaussianMixture.of(c, w, m, cov);
        GaussianMixture got = GaussianMixture.fit(c, x, start);
        Reference.Params ref = Reference.em(x, w, m, cov, 15, 1e-4);
        double[] t = got.logLikelihoodTrace();
        for (int i = 0; i < t.length; i++) assertEquals(ref.trace()[i], t[i], 2e-5 * Math.abs(ref.trace()[i]), "log-likelihood at step " + i);
        for (int k = 0; k < 3; k++) {
            assertEquals(ref.weights()[k], got.weights()[k], 1e-4);
            for (int j = 0; j < D; j++) assertEquals(ref.means()[k][j], got.means().get(k, j), 1e-3);
            for (int a = 0; a < D * D; a++) assertEquals(ref.covariances()[k][a], got.covariances()[k * D * D + a], 2e-3 * (1 + Math.abs(ref.covariances()[k][a])));
        }
    }

    @Test
    void softKMeansKeepsEqualWeightsAndTheFixedVariance() {
        FMatrix x = clusters(3000, 11, null);
        double beta = 0.5;
        GaussianMixture gm = GaussianMixture.fit(GaussianMixtureConfig.softKMeans(3, beta).seed(1).build(), x);
        assertTrue(gm.config().isSoftKMeans());
        for (float v : gm.weights()) assertEquals(1f / 3, v, 1e-7);
        for (float v : gm.covariances()) assertEquals(1 / beta, v, 1e-6);
        assertEquals(3L * D, gm.parameterCount());
        FMatrix r = gm.transform(x.rowRange(0, 20)), m = gm.means();
        for (int i = 0; i < 20; i++) {
            double[] e = new double[3];
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                double d2 = 0;
                for (int j = 0; j < D; j++) d2 += Math.pow(x.get(i, j) - m.get(c, j), 2);
                e[c] = -beta * d2 / 2;
            }
            double lse = Reference.logSumExp(e);
            for (int c = 0; c < 3; c++) assertEquals(Math.exp(e[c] - lse), r.get(i, c), 1e-4);
            sum += 0;
        }
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.softKMeans(3, 1).covariance(CovarianceType.FULL).build());
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.softKMeans(3, 0));
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void samplesFollowTheMixture(CovarianceType type) {
        FMatrix x = clusters(3000, 13, null);
        GaussianMixture gm = GaussianMixture.fit(GaussianMixtureConfig.builder(3).covariance(type).seed(2).build(), x);
        FMatrix s = gm.sample(20000, Rng.of(5));
        // the sample mean is the mixture mean; sampled points score like the training data
        float[] mix = Gaussians.mixtureMean(gm.weights(), gm.means());
        for (int j = 0; j < D; j++) {
            double mean = 0;
            for (int i = 0; i < s.rows(); i++) mean += s.get(i, j);
            assertEquals(mix[j], mean / s.rows(), 0.12, "column " + j);
        }
        int[] counts = new int[3];
        for (int l : gm.predict(s)) counts[l]++;
        for (int c = 0; c < 3; c++) assertEquals(gm.weights()[c], counts[c] / 20000.0, 0.015);
        assertEquals(gm.score(x), gm.score(s), 0.1);
        assertArrayEquals(gm.sample(10, Rng.of(5)).data(), s.rowRange(0, 10).copy().data());
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void saveThenLoadGivesBitIdenticalOutputs(CovarianceType type) throws Exception {
        FMatrix x = clusters(600, 15, null);
        GaussianMixture gm = GaussianMixture.fit(GaussianMixtureConfig.builder(3).covariance(type).seed(3).build(), x);
        java.nio.file.Path f = dir.resolve(type + ".safetensors");
        gm.save(f);
        GaussianMixture back = GaussianMixture.load(f);
        assertArrayEquals(gm.transform(x).data(), back.transform(x).data());
        assertArrayEquals(gm.scoreSamples(x), back.scoreSamples(x));
        assertArrayEquals(gm.covariances(), back.covariances());
        assertEquals(gm.config().toMap(), back.config().toMap());
        assertInstanceOf(GaussianMixture.class, io.latentj.models.ModelFiles.load(f));
        java.nio.file.Files.write(f, new byte[] {1, 2, 3});
        assertThrows(java.io.IOException.class, () -> GaussianMixture.load(f));
    }

    @Test
    void corruptParametersInAFileAreRefused() throws Exception {
        FMatrix x = clusters(600, 17, null);
        GaussianMixture gm = GaussianMixture.fit(GaussianMixtureConfig.builder(3).covariance(CovarianceType.FULL).seed(3).build(), x);
        java.nio.file.Path f = dir.resolve("bad.safetensors");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weights", Tensor.vector(gm.weights()));
        t.put("means", Tensor.matrix(3, D, gm.means().toArray()));
        float[] cov = gm.covariances();
        cov[7] = Float.NaN;
        t.put("covariances", new Tensor(new int[] {3, D, D}, cov));
        ModelFile.write(f, "GaussianMixture", "1", t, gm.config().toMap(), Map.of());
        assertThrows(FormatException.class, () -> GaussianMixture.load(f), "NaN");
        float[] notPd = new float[3 * D * D];
        for (int a = 0; a < notPd.length; a += D + 1) notPd[a] = -1f;
        t.put("covariances", new Tensor(new int[] {3, D, D}, notPd));
        ModelFile.write(f, "GaussianMixture", "1", t, gm.config().toMap(), Map.of());
        FormatException e = assertThrows(FormatException.class, () -> GaussianMixture.load(f));
        assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
        t.put("covariances", Tensor.matrix(3, D, new float[3 * D]));
        ModelFile.write(f, "GaussianMixture", "1", t, gm.config().toMap(), Map.of());
        assertThrows(FormatException.class, () -> GaussianMixture.load(f), "a diagonal-shaped tensor in a full model");
        t.put("covariances", new Tensor(new int[] {3, D, D}, gm.covariances()));
        t.put("weights", Tensor.vector(new float[] {0.5f, 2f, 0.1f}));
        ModelFile.write(f, "GaussianMixture", "1", t, gm.config().toMap(), Map.of());
        assertThrows(FormatException.class, () -> GaussianMixture.load(f), "weight above 1");
        t.put("weights", Tensor.vector(gm.weights()));
        Map<String, String> cfg = new LinkedHashMap<>(gm.config().toMap());
        cfg.put("covariance", "banded");
        ModelFile.write(f, "GaussianMixture", "1", t, cfg, Map.of());
        e = assertThrows(FormatException.class, () -> GaussianMixture.load(f));
        assertTrue(e.getMessage().contains("banded"), e.getMessage());
    }

    @Test
    void badInputIsRefused() {
        FMatrix x = clusters(300, 19, null);
        GaussianMixture gm = GaussianMixture.fit(GaussianMixtureConfig.builder(2).covariance(CovarianceType.DIAGONAL).build(), x);
        FMatrix bad = x.rowRange(0, 20).copy();
        bad.set(11, 2, Float.POSITIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianMixture.fit(GaussianMixtureConfig.builder(2).build(), bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gm.score(bad));
        assertTrue(e.getMessage().contains("row 11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gm.transform(FMatrix.zeros(3, D + 1)));
        assertThrows(IllegalArgumentException.class, () -> gm.predict(null));
        assertThrows(IllegalArgumentException.class, () -> gm.transformInto(new float[D], 0, new float[1], 0));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.fit(GaussianMixtureConfig.builder(5).build(), x.rowRange(0, 4)));
        assertThrows(IllegalArgumentException.class, () -> gm.sample(-1, Rng.of(1)));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.builder(0));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.builder(2).regCovar(-1));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.builder(2).maxIterations(0));
        // duplicated rows and no regularisation: a singular covariance is a clear error, not NaN
        FMatrix dup = FMatrix.zeros(40, 3);
        for (int i = 0; i < 40; i++) for (int j = 0; j < 3; j++) dup.set(i, j, i < 20 ? j : 10 + (i % 2));
        ArithmeticException ae = assertThrows(ArithmeticException.class,
                () -> GaussianMixture.fit(GaussianMixtureConfig.builder(2).covariance(CovarianceType.FULL).regCovar(0).build(), dup));
        assertTrue(ae.getMessage().contains("regCovar"), ae.getMessage());
        GaussianMixtureConfig c = GaussianMixtureConfig.builder(4).covariance(CovarianceType.SPHERICAL).init(GaussianMixtureConfig.Init.KMEANS_PLUS_PLUS)
                .tolerance(1e-5).maxIterations(17).regCovar(1e-3).seed(9).path(Path.SCALAR).build();
        assertEquals(c.toMap(), GaussianMixtureConfig.fromMap(c.toMap()).toMap());
        GaussianMixtureConfig s = GaussianMixtureConfig.softKMeans(3, 2).build();
        assertEquals(s.toMap(), GaussianMixtureConfig.fromMap(s.toMap()).toMap());
    }

    @Test
    void scalarAndDefaultPathsAgree() {
        FMatrix x = clusters(1000, 21, null);
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixtureConfig c = GaussianMixtureConfig.builder(3).covariance(type).seed(1).build();
            GaussianMixture a = GaussianMixture.fit(c.toBuilder().path(Path.SCALAR).build(), x), b = GaussianMixture.fit(c, x);
            assertEquals(a.score(x), b.score(x), 1e-4 * Math.abs(a.score(x)), type.name());
        }
    }
}
