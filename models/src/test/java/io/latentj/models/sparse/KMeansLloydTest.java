package io.latentj.models.sparse;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Lloyd's k-means ({@link KMeansConfig.Clustering#EUCLIDEAN}) and {@link KMeansDictionary#inertia}, on odd sizes. */
class KMeansLloydTest {
    @TempDir
    java.nio.file.Path dir;

    /** n points around k well-separated centres in d dimensions (odd sizes: not multiples of any vector width). */
    static FMatrix blobs(int n, int d, int k, double spread, long seed, double[][] centres) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int j = 0; j < k; j++) for (int c = 0; c < d; c++) centres[j][c] = r.nextGaussian() * 10;
        FMatrix x = FMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) x.set(i, c, (float) (centres[i % k][c] + spread * r.nextGaussian()));
        return x;
    }

    static KMeansConfig.Builder lloyd(int k) {
        return KMeansConfig.builder(k).clustering(KMeansConfig.Clustering.EUCLIDEAN).normalize(false, 10).whiten(false, 0.1);
    }

    /** Σ min_j ‖x_i − c_j‖² in double, by brute force. */
    static double bruteInertia(FMatrix x, FMatrix c, int[] assign) {
        double total = 0;
        for (int i = 0; i < x.rows(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < c.rows(); j++) {
                double s = 0;
                for (int f = 0; f < x.cols(); f++) {
                    double diff = (double) x.get(i, f) - c.get(j, f);
                    s += diff * diff;
                }
                if (s < best) {
                    best = s;
                    if (assign != null) assign[i] = j;
                }
            }
            total += best;
        }
        return total;
    }

    @Test
    void inertiaAgreesWithBruteForceOnEveryPath() {
        double[][] centres = new double[7][23];
        FMatrix x = blobs(3001, 23, 7, 3.0, 1, centres); // more rows than one assignment block
        FMatrix c = FMatrix.zeros(7, 23);
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < c.data().length; i++) c.data()[i] = (float) (r.nextGaussian() * 5);
        double want = bruteInertia(x, c, null);
        for (Path p : new Path[] {Path.SCALAR, Path.SIMD, Path.BLAS, Path.AUTO}) {
            if (!p.isAvailable()) continue;
            double got = KMeansDictionary.of(c, lloyd(7).path(p).build()).inertia(x);
            assertEquals(want, got, 1e-5 * want, p.toString());
        }
    }

    @Test
    void eachIterationLowersTheInertiaAndTheResultIsAFixedPoint() {
        double[][] centres = new double[9][31];
        FMatrix x = blobs(1237, 31, 9, 6.0, 3, centres);
        double previous = Double.POSITIVE_INFINITY;
        KMeansDictionary last = null;
        for (int it = 0; it <= 12; it++) {
            last = KMeansDictionary.fit(lloyd(9).iterations(it).seed(4).build(), x);
            double inertia = last.inertia(x);
            assertTrue(inertia <= previous * (1 + 1e-6), "iteration " + it + ": " + previous + " → " + inertia);
            previous = inertia;
        }
        // converged: every centroid is the mean of the points nearest to it
        FMatrix c = last.centroids();
        int[] assign = new int[x.rows()];
        bruteInertia(x, c, assign);
        for (int j = 0; j < 9; j++) {
            double[] mean = new double[31];
            int count = 0;
            for (int i = 0; i < x.rows(); i++) {
                if (assign[i] != j) continue;
                count++;
                for (int f = 0; f < 31; f++) mean[f] += x.get(i, f);
            }
            assertTrue(count > 0, "centroid " + j + " has points");
            for (int f = 0; f < 31; f++) assertEquals(mean[f] / count, c.get(j, f), 1e-3 * (1 + Math.abs(mean[f] / count)), "centroid " + j);
        }
    }

    @Test
    void recoversWellSeparatedClusters() {
        double[][] centres = new double[5][17];
        FMatrix x = blobs(1005, 17, 5, 0.5, 5, centres);
        KMeansDictionary km = KMeansDictionary.fit(lloyd(5).iterations(20).seed(1).build(), x);
        double perPoint = km.inertia(x) / x.rows();
        assertEquals(17 * 0.25, perPoint, 0.1 * 17 * 0.25, "inertia per point is the noise variance × d");
        assertEquals("lloyd_kmeans", km.provenance().get("trainer"));
    }

    @Test
    void clusteringIsSavedAndOfValidates() throws Exception {
        double[][] centres = new double[3][5];
        FMatrix x = blobs(100, 5, 3, 1.0, 6, centres);
        KMeansDictionary km = KMeansDictionary.fit(lloyd(3).encoding(KMeansConfig.Encoding.TRIANGLE).iterations(4).build(), x);
        java.nio.file.Path f = dir.resolve("km.safetensors");
        km.save(f);
        KMeansDictionary back = KMeansDictionary.load(f);
        assertEquals(KMeansConfig.Clustering.EUCLIDEAN, back.config().clustering());
        assertArrayEquals(km.transform(x).data(), back.transform(x).data());
        assertEquals(km.inertia(x), back.inertia(x));
        assertEquals(KMeansConfig.Clustering.SPHERICAL, KMeansConfig.fromMap(java.util.Map.of("centroids", "2")).clustering());
        assertThrows(IllegalArgumentException.class, () -> KMeansDictionary.of(FMatrix.zeros(2, 5), lloyd(3).build()));
        assertThrows(IllegalArgumentException.class, () -> KMeansDictionary.of(FMatrix.zeros(3, 5), KMeansConfig.builder(3).build()));
        FMatrix bad = km.centroids();
        bad.set(1, 2, Float.NaN);
        assertThrows(IllegalArgumentException.class, () -> KMeansDictionary.of(bad, lloyd(3).build()));
        assertThrows(IllegalArgumentException.class, () -> km.inertia(FMatrix.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> KMeansConfig.builder(3).clustering(null));
    }

    @Test
    void reportedInertiaBoundsTheTrueOneAndMeetsItAtConvergence() {
        double[][] centres = new double[6][23];
        FMatrix x = blobs(2001, 23, 6, 4.0, 7, centres);
        for (int it : new int[] {0, 1, 2, 3, 50}) {
            KMeansDictionary km = KMeansDictionary.fit(lloyd(6).iterations(it).seed(2).build(), x);
            double reported = Double.parseDouble(km.provenance().get("mean_squared_distance")) * x.rows();
            double actual = km.inertia(x);
            // the last assignment with the final centroids: never below the inertia, which re-assigning may lower
            assertTrue(reported >= actual * (1 - 1e-6), it + " iterations: reported " + reported + " < inertia " + actual);
            int done = Integer.parseInt(km.provenance().get("iterations"));
            assertTrue(done <= it, "updates " + done + " ≤ " + it);
            if (it == 0) assertEquals(actual, reported, 1e-6 * actual, "no update: the seeds' own assignment");
            if (done < it) assertEquals(actual, reported, 1e-6 * actual, "converged after " + done + ": the assignment is the nearest one");
        }
    }

    @Test
    void convergedSaysWhetherTheAssignmentsStoppedChanging() {
        FMatrix x = blobs(1005, 17, 5, 0.5, 5, new double[5][17]);
        KMeansDictionary capped = KMeansDictionary.fit(lloyd(5).iterations(1).seed(1).build(), x);
        assertEquals("false", capped.provenance().get("converged"), capped.provenance().toString());
        KMeansDictionary free = KMeansDictionary.fit(lloyd(5).iterations(200).seed(1).build(), x);
        assertEquals("true", free.provenance().get("converged"), free.provenance().toString());
        assertTrue(Integer.parseInt(free.provenance().get("iterations")) < 200);
    }
}
