package io.latentj.models.sparse;

import io.latentj.bindings.lapack.Lapack;
import io.latentj.models.sparse.KMeansConfig.Encoding;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KMeansDictionaryTest {
    @TempDir
    java.nio.file.Path dir;

    /** Samples c·u_j + N(0, noise²) with c = ±[1, 2] along one of the planted unit directions u_j. */
    static FMatrix directions(FMatrix planted, int n, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, planted.cols());
        for (int i = 0; i < n; i++) {
            int j = r.nextInt(planted.rows());
            double c = (1 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            for (int f = 0; f < planted.cols(); f++) x.set(i, f, (float) (c * planted.get(j, f) + noise * r.nextGaussian()));
        }
        return x;
    }

    @Test
    void sphericalKMeansRecoversPlantedDirections() {
        FMatrix planted = SparseCoderTest.unitAtoms(8, 30, 51);
        // noise 0.05 per feature: within a cluster 1 − cos² ≈ 0.05, between clusters ≈ 0.97 (well separated). With
        // noise 0.1 the seeding sometimes puts two centroids in one cluster (2 of seeds 1..6 then find 7 of 8); the
        // over-complete check below covers that case.
        FMatrix x = directions(planted, 1500, 0.05, 52);
        KMeansConfig cfg = KMeansConfig.builder(8).normalize(false, 0).whiten(false, 0).iterations(20).path(Path.AUTO).build();
        StringBuilder report = new StringBuilder();
        for (long seed = 1; seed <= 3; seed++) {
            KMeansDictionary km = KMeansDictionary.fit(cfg.toBuilder().seed(seed).build(), x);
            FMatrix c = km.centroids();
            DictionaryLearningTest.assertUnitNorm(c);
            int rec = DictionaryLearningTest.recovered(planted, c, 0.95);
            report.append(" seed ").append(seed).append(": ").append(rec).append("/8 (").append(DictionaryLearningTest.recovered(planted, c, 0.99)).append(" at 0.99)");
            assertEquals(8, rec, "seed " + seed);
            assertArrayEquals(c.data(), KMeansDictionary.fit(cfg.toBuilder().seed(seed).build(), x).centroids().data(), "seeded");
        }
        FMatrix noisy = directions(planted, 1500, 0.1, 53);
        KMeansDictionary over = KMeansDictionary.fit(KMeansConfig.builder(12).normalize(false, 0).whiten(false, 0).iterations(20).seed(1).build(), noisy);
        int rec12 = DictionaryLearningTest.recovered(planted, over.centroids(), 0.95);
        System.out.println("spherical k-means, 8 centroids for 8 planted directions:" + report + "; noise 0.1, 12 centroids: " + rec12 + "/8");
        assertEquals(8, rec12);
    }

    @Test
    void batchAndSingleSampleEncodingsAgree() {
        assumeTrue(Lapack.isAvailable(), "whitening needs LAPACK");
        FMatrix planted = SparseCoderTest.unitAtoms(6, 21, 61);
        FMatrix x = directions(planted, 300, 0.3, 62);
        KMeansDictionary km = KMeansDictionary.fit(KMeansConfig.builder(10).normalize(true, 0.1).whiten(true, 0.01).alpha(0.1).seed(2).build(), x);
        for (KMeansDictionary m : new KMeansDictionary[] {km, km.withEncoding(Encoding.TRIANGLE, 0)}) {
            FMatrix batch = m.transform(x);
            float[] one = new float[10 + 3];
            int positive = 0;
            for (int r = 0; r < x.rows(); r++) {
                m.transformInto(x.data(), x.rowOffset(r), one, 3);
                for (int j = 0; j < 10; j++) {
                    assertEquals(batch.get(r, j), one[3 + j], 1e-4f * Math.max(1f, Math.abs(one[3 + j])), m.config().encoding() + " row " + r + " code " + j);
                    assertTrue(one[3 + j] >= 0);
                    if (one[3 + j] > 0) positive++;
                }
            }
            System.out.printf("%s: %.1f%% of codes positive%n", m.config().encoding(), 100.0 * positive / (x.rows() * 10));
            assertTrue(positive > 0 && positive < x.rows() * 10, "neither all zero nor dense");
        }
    }

    @Test
    void softThresholdCodesFollowTheDefinition() {
        FMatrix planted = SparseCoderTest.unitAtoms(5, 13, 71);
        FMatrix x = directions(planted, 100, 0.2, 72);
        KMeansDictionary km = KMeansDictionary.fit(KMeansConfig.builder(5).normalize(false, 0).whiten(false, 0).alpha(0.3).seed(3).build(), x);
        FMatrix f = km.transform(x), c = km.centroids();
        FMatrix tri = km.withEncoding(Encoding.TRIANGLE, 0).transform(x);
        for (int i = 0; i < 100; i++) {
            double[] dist = new double[5];
            double mu = 0;
            for (int j = 0; j < 5; j++) {
                double dot = 0, dd = 0;
                for (int q = 0; q < 13; q++) { dot += c.get(j, q) * x.get(i, q); double e = x.get(i, q) - c.get(j, q); dd += e * e; }
                assertEquals(Math.max(0, dot - 0.3), f.get(i, j), 1e-5);
                dist[j] = Math.sqrt(dd);
                mu += dist[j] / 5;
            }
            for (int j = 0; j < 5; j++) assertEquals(Math.max(0, mu - dist[j]), tri.get(i, j), 1e-4);
        }
    }

    @Test
    void whiteningDecorrelatesTheTrainingData() {
        assumeTrue(Lapack.isAvailable(), "whitening needs LAPACK");
        SplittableRandom r = new SplittableRandom(81);
        int n = 2000, d = 6;
        FMatrix x = FMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian() * 3, b = r.nextGaussian();
            for (int f = 0; f < d; f++) x.set(i, f, (float) (a * (f + 1) + b * (f % 2 == 0 ? 1 : -1) + 0.5 * r.nextGaussian() + 4));
        }
        KMeansDictionary km = KMeansDictionary.fit(KMeansConfig.builder(3).normalize(false, 0).whiten(true, 1e-4).seed(1).build(), x);
        FMatrix z = km.preprocess(x);
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                double s = 0, mp = 0, mq = 0;
                for (int i = 0; i < n; i++) { mp += z.get(i, p) / n; mq += z.get(i, q) / n; }
                for (int i = 0; i < n; i++) s += (z.get(i, p) - mp) * (z.get(i, q) - mq) / n;
                assertEquals(p == q ? 1 : 0, s, 2e-3, "covariance (" + p + ", " + q + ")");
            }
        }
        // ZCA: W is symmetric
        FMatrix w = km.whitening();
        for (int p = 0; p < d; p++) for (int q = 0; q < d; q++) assertEquals(w.get(p, q), w.get(q, p), 1e-4f * Math.abs(w.get(p, q)) + 1e-6f);
    }

    @Test
    void saveLoadRoundTripAndBadInput() throws Exception {
        FMatrix planted = SparseCoderTest.unitAtoms(4, 11, 91);
        FMatrix x = directions(planted, 80, 0.2, 92);
        KMeansConfig cfg = KMeansConfig.builder(6).normalize(true, 0.5).whiten(Lapack.isAvailable(), Lapack.isAvailable() ? 0.1 : 0)
                .encoding(Encoding.TRIANGLE).seed(4).build();
        KMeansDictionary km = KMeansDictionary.fit(cfg, x);
        java.nio.file.Path f = dir.resolve("km.safetensors");
        km.save(f);
        KMeansDictionary back = KMeansDictionary.load(f);
        assertArrayEquals(km.transform(x).data(), back.transform(x).data());
        assertEquals(km.config().toMap(), back.config().toMap());
        float[] o1 = new float[6], o2 = new float[6];
        km.transformInto(x.data(), 0, o1, 0);
        back.transformInto(x.data(), 0, o2, 0);
        assertArrayEquals(o1, o2);
        assertThrows(IllegalArgumentException.class, () -> km.transform(FMatrix.zeros(2, 10)));
        assertThrows(IllegalArgumentException.class, () -> km.transformInto(new float[10], 0, new float[6], 0));
        assertThrows(IllegalArgumentException.class, () -> km.transformInto(new float[11], 0, new float[5], 0));
        FMatrix nan = x.copy();
        nan.set(3, 1, Float.NEGATIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> km.transform(nan));
        assertTrue(e.getMessage().contains("row 3"), e.getMessage());
        IllegalArgumentException te = assertThrows(IllegalArgumentException.class, () -> KMeansDictionary.fit(cfg, nan));
        assertTrue(te.getMessage().contains("row 3") && te.getMessage().contains("column 1"), te.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KMeansDictionary.fit(cfg, x.rowRange(0, 5)));
        assertThrows(IllegalArgumentException.class, () -> KMeansConfig.builder(3).whiten(true, 0));
        java.nio.file.Files.write(f, new byte[] {9, 9, 9, 9});
        assertThrows(java.io.IOException.class, () -> KMeansDictionary.load(f));
    }
}
