package io.latentj.models.linear;

import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * FastICA on a known mixture of non-Gaussian sources (Laplace and cubed Gaussian: super-Gaussian; uniform and a sine
 * wave: sub-Gaussian): both algorithms with all three contrasts recover the mixing up to order, sign and scale (Amari
 * distance below 0.05), plus the algebra of the results, save/load and refusal of bad input.
 */
class FastIcaTest {
    private static final int N = 4000, K = 4;

    @TempDir
    java.nio.file.Path dir;

    /** The true sources, n×4, each standardised. */
    static double[][] sources(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] s = new double[n][K];
        double phase = r.nextDouble() * 6;
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() - 0.5;
            s[i][0] = -Math.signum(u) * Math.log(1 - 2 * Math.abs(u)) / Math.sqrt(2);  // Laplace
            s[i][1] = (r.nextDouble() - 0.5) * Math.sqrt(12);                          // uniform
            s[i][2] = Math.sin(0.05 * i + phase) * Math.sqrt(2);                       // sine: sub-Gaussian
            double g = r.nextGaussian();
            s[i][3] = g * g * g / Math.sqrt(15);                                        // cubed Gaussian: super-Gaussian
        }
        return s;
    }

    /** A d×4 mixing matrix (Gaussian entries plus the identity on top, so it is well conditioned). */
    static FMatrix mixing(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix a = FMatrix.zeros(d, K);
        for (int i = 0; i < d; i++) for (int j = 0; j < K; j++) a.set(i, j, (float) (r.nextGaussian() * 0.5 + (i % K == j ? 1.5 : 0)));
        return a;
    }

    /** x = A·s + offset, n×d. */
    static FMatrix mixed(double[][] s, FMatrix a) {
        int d = a.rows();
        FMatrix x = FMatrix.zeros(s.length, d);
        for (int i = 0; i < s.length; i++) {
            for (int t = 0; t < d; t++) {
                double v = 3 - t;
                for (int j = 0; j < K; j++) v += a.get(t, j) * s[i][j];
                x.set(i, t, (float) v);
            }
        }
        return x;
    }

    static Stream<Arguments> algorithmsAndContrasts() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (FastIcaConfig.Algorithm a : FastIcaConfig.Algorithm.values()) {
            for (FastIcaConfig.Contrast c : FastIcaConfig.Contrast.values()) b.add(Arguments.of(a, c));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("algorithmsAndContrasts")
    void recoversTheSourcesOfAKnownMixture(FastIcaConfig.Algorithm algorithm, FastIcaConfig.Contrast contrast) {
        FMatrix a = mixing(K, 11);
        double[][] s = sources(N, 12);
        FMatrix x = mixed(s, a);
        FastICA ica = FastICA.fit(FastIcaConfig.builder().algorithm(algorithm).contrast(contrast).alpha(1.0).seed(3).build(), x);
        assertEquals(K, ica.components());
        double amari = FastICA.amariDistance(ica.unmixingMatrix(), a);
        assertTrue(amari < 0.05, algorithm + " " + contrast + ": Amari distance " + amari);
        assertEquals("true", ica.provenance().get("converged"));
        // every recovered source matches one true source with |correlation| > 0.99
        FMatrix y = ica.transform(x);
        for (int j = 0; j < K; j++) {
            double best = 0;
            for (int t = 0; t < K; t++) best = Math.max(best, Math.abs(correlation(y, j, s, t)));
            assertTrue(best > 0.99, "source " + j + " best |correlation| " + best);
        }
    }

    @Test
    void fewerComponentsThanColumnsWhitenTheLeadingSubspace() {
        FMatrix a = mixing(7, 21); // 7 observed mixtures of 4 sources: the covariance has rank 4
        FMatrix x = mixed(sources(N, 22), a);
        for (FastIcaConfig.Algorithm alg : FastIcaConfig.Algorithm.values()) {
            FastICA ica = FastICA.fit(FastIcaConfig.builder(K).algorithm(alg).seed(5).build(), x);
            assertEquals(7, ica.inputSize());
            assertEquals(K, ica.outputSize());
            assertTrue(FastICA.amariDistance(ica.unmixingMatrix(), a) < 0.05);
            // unmixing·mixing = I (the mixing matrix is the pseudo-inverse)
            FMatrix w = ica.unmixingMatrix(), m = ica.mixingMatrix();
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    double v = 0;
                    for (int t = 0; t < 7; t++) v += (double) w.get(i, t) * m.get(t, j);
                    assertEquals(i == j ? 1 : 0, v, 1e-4);
                }
            }
            // noise-free data lie in the 4-dimensional subspace, so the reconstruction is exact
            FMatrix back = ica.reconstruct(x.rowRange(0, 100));
            for (int i = 0; i < 100; i++) for (int t = 0; t < 7; t++) assertEquals(x.get(i, t), back.get(i, t), 2e-3 * (1 + Math.abs(x.get(i, t))));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastICA.fit(FastIcaConfig.builder(5).build(), x));
        assertTrue(e.getMessage().contains("span only 4"), e.getMessage());
    }

    @Test
    void sourcesHaveUnitVarianceAndAreUncorrelated() {
        FMatrix x = mixed(sources(N, 32), mixing(K, 31));
        FMatrix y = FastICA.fit(FastIcaConfig.builder().seed(1).build(), x).transform(x);
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double sum = 0;
                for (int r = 0; r < N; r++) sum += (double) y.get(r, i) * y.get(r, j);
                assertEquals(i == j ? 1 : 0, sum / N, 1e-3, "covariance of sources " + i + ", " + j);
            }
        }
    }

    @Test
    void symmetricDecorrelationGivesAnOrthogonalMatrix() {
        SplittableRandom r = new SplittableRandom(4);
        FMatrix w = FMatrix.zeros(6, 6);
        for (int i = 0; i < 36; i++) w.data()[i] = (float) r.nextGaussian();
        FastICA.decorrelate(Path.AUTO, w);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double v = 0;
                for (int t = 0; t < 6; t++) v += (double) w.get(i, t) * w.get(j, t);
                assertEquals(i == j ? 1 : 0, v, 1e-5);
            }
        }
    }

    @Test
    void scalarAndDefaultPathsFindTheSameComponents() {
        FMatrix a = mixing(K, 41);
        FMatrix x = mixed(sources(N, 42), a);
        FastICA ref = FastICA.fit(FastIcaConfig.builder().seed(2).path(Path.SCALAR).build(), x);
        FastICA got = FastICA.fit(FastIcaConfig.builder().seed(2).build(), x);
        assertTrue(FastICA.amariDistance(got.unmixingMatrix(), ref.mixingMatrix()) < 1e-3);
    }

    @Test
    void seededAndReproducible() {
        FMatrix x = mixed(sources(1000, 52), mixing(K, 51));
        FastIcaConfig c = FastIcaConfig.builder().seed(9).build();
        assertArrayEquals(FastICA.fit(c, x).unmixingMatrix().data(), FastICA.fit(c, x).unmixingMatrix().data());
    }

    @Test
    void amariDistanceIsZeroForAScaledPermutationAndPositiveOtherwise() {
        FMatrix a = mixing(3, 1).rowRange(0, 3).colRange(0, 3).copy();
        // a scaled permutation against the identity: 0; the all-ones matrix (no component separated): 1
        FMatrix w = FMatrix.wrap(new float[] {0, 2, -3, 0}, 2, 2), id = FMatrix.wrap(new float[] {1, 0, 0, 1}, 2, 2);
        assertEquals(0, FastICA.amariDistance(w, id), 1e-12);
        assertEquals(1, FastICA.amariDistance(FMatrix.wrap(new float[] {1, 1, 1, 1}, 2, 2), id), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FastICA.amariDistance(a, FMatrix.zeros(2, 3)));
    }

    @Test
    void saveThenLoadGivesBitIdenticalOutputs() throws Exception {
        FMatrix x = mixed(sources(1000, 62), mixing(K, 61));
        FastICA ica = FastICA.fit(FastIcaConfig.builder(3).algorithm(FastIcaConfig.Algorithm.DEFLATION).contrast(FastIcaConfig.Contrast.EXP).seed(4).build(), x);
        java.nio.file.Path f = dir.resolve("ica.safetensors");
        ica.save(f);
        FastICA back = FastICA.load(f);
        assertArrayEquals(ica.transform(x).data(), back.transform(x).data());
        assertArrayEquals(ica.inverseTransform(ica.transform(x)).data(), back.inverseTransform(back.transform(x)).data());
        assertEquals(ica.config().toMap(), back.config().toMap());
        assertEquals(ica.provenance(), back.provenance());
        assertInstanceOf(FastICA.class, io.latentj.models.ModelFiles.load(f));
        assertThrows(FormatException.class, () -> PCA.load(f), "a FastICA file is not a PCA");
        java.nio.file.Files.write(f, new byte[] {1, 2, 3});
        assertThrows(java.io.IOException.class, () -> FastICA.load(f));
    }

    @Test
    void nonFiniteTensorsAndBadConfigInAFileAreRefused() throws Exception {
        FMatrix x = mixed(sources(500, 72), mixing(K, 71));
        FastICA ica = FastICA.fit(FastIcaConfig.builder().seed(4).build(), x);
        java.nio.file.Path f = dir.resolve("nan.safetensors");
        java.util.Map<String, io.latentj.models.io.SafeTensors.Tensor> t = new java.util.LinkedHashMap<>();
        float[] unmixing = ica.unmixingMatrix().toArray();
        unmixing[5] = Float.NaN;
        t.put("unmixing", io.latentj.models.io.SafeTensors.Tensor.matrix(K, K, unmixing));
        t.put("mixing", io.latentj.models.io.SafeTensors.Tensor.matrix(K, K, ica.mixingMatrix().toArray()));
        t.put("mean", io.latentj.models.io.SafeTensors.Tensor.vector(ica.mean()));
        io.latentj.models.io.ModelFile.write(f, "FastICA", "1", t, ica.config().toMap(), java.util.Map.of());
        assertThrows(FormatException.class, () -> FastICA.load(f));
        t.put("unmixing", io.latentj.models.io.SafeTensors.Tensor.matrix(K, K, ica.unmixingMatrix().toArray()));
        t.put("mixing", io.latentj.models.io.SafeTensors.Tensor.matrix(K, K - 1, new float[K * (K - 1)]));
        io.latentj.models.io.ModelFile.write(f, "FastICA", "1", t, ica.config().toMap(), java.util.Map.of());
        assertThrows(FormatException.class, () -> FastICA.load(f));
        t.put("mixing", io.latentj.models.io.SafeTensors.Tensor.matrix(K, K, ica.mixingMatrix().toArray()));
        java.util.Map<String, String> cfg = new java.util.LinkedHashMap<>(ica.config().toMap());
        cfg.put("contrast", "sigmoid");
        io.latentj.models.io.ModelFile.write(f, "FastICA", "1", t, cfg, java.util.Map.of());
        FormatException e = assertThrows(FormatException.class, () -> FastICA.load(f));
        assertTrue(e.getMessage().contains("sigmoid"), e.getMessage());
    }

    @Test
    void badInputIsRefused() {
        FMatrix x = mixed(sources(300, 82), mixing(K, 81));
        FastICA ica = FastICA.fit(FastIcaConfig.builder().seed(1).build(), x);
        FMatrix bad = x.rowRange(0, 20).copy();
        bad.set(11, 2, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastICA.fit(FastIcaConfig.builder().build(), bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ica.transform(bad));
        assertTrue(e.getMessage().contains("row 11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ica.transform(FMatrix.zeros(2, K + 1)));
        assertThrows(IllegalArgumentException.class, () -> ica.inverseTransform(FMatrix.zeros(2, K + 1)));
        assertThrows(IllegalArgumentException.class, () -> ica.transformInto(new float[K - 1], 0, new float[K], 0));
        assertThrows(IllegalArgumentException.class, () -> FastICA.fit(FastIcaConfig.builder().build(), x.rowRange(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> FastICA.fit(FastIcaConfig.builder(1).build(), FMatrix.zeros(10, 3)));
        assertThrows(IllegalArgumentException.class, () -> FastIcaConfig.builder(0));
        assertThrows(IllegalArgumentException.class, () -> FastIcaConfig.builder().alpha(3));
        assertThrows(IllegalArgumentException.class, () -> FastIcaConfig.builder().tolerance(0));
        assertThrows(IllegalArgumentException.class, () -> FastIcaConfig.builder().maxIterations(0));
        FastIcaConfig c = FastIcaConfig.builder(3).algorithm(FastIcaConfig.Algorithm.DEFLATION).contrast(FastIcaConfig.Contrast.CUBE)
                .alpha(1.5).tolerance(1e-5).maxIterations(77).seed(8).path(Path.SCALAR).build();
        assertEquals(c.toMap(), FastIcaConfig.fromMap(c.toMap()).toMap());
    }

    private static double correlation(FMatrix y, int j, double[][] s, int t) {
        int n = y.rows();
        double my = 0, ms = 0;
        for (int i = 0; i < n; i++) {
            my += y.get(i, j);
            ms += s[i][t];
        }
        my /= n;
        ms /= n;
        double sy = 0, ss = 0, c = 0;
        for (int i = 0; i < n; i++) {
            double a = y.get(i, j) - my, b = s[i][t] - ms;
            sy += a * a;
            ss += b * b;
            c += a * b;
        }
        return c / Math.sqrt(sy * ss);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(FastIcaConfig.Algorithm.class)
    void anIterationCapBeforeConvergenceIsReportedAsNotConverged(FastIcaConfig.Algorithm algorithm) {
        FMatrix x = mixed(sources(N, 12), mixing(K, 11));
        FastICA capped = FastICA.fit(FastIcaConfig.builder().algorithm(algorithm).maxIterations(1).seed(3).build(), x);
        assertEquals("false", capped.provenance().get("converged"), capped.provenance().toString());
        FastICA free = FastICA.fit(FastIcaConfig.builder().algorithm(algorithm).seed(3).build(), x);
        assertEquals("true", free.provenance().get("converged"), free.provenance().toString());
    }
}
