package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Scatter#shifted} on every path against a double-precision reference: odd widths (vector tails), row counts
 * around the block size, padded views; non-finite data must show in the column sums; bad arguments are refused.
 */
class ScatterTest {
    private static List<Path> allPaths() {
        List<Path> paths = new ArrayList<>(List.of(Path.SCALAR));
        paths.addAll(PathAgreementTest.fastPaths());
        return paths;
    }

    @Test
    void everyPathAgreesWithTheDoubleReference() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {{1, 1}, {5, 3}, {7, 17}, {40, 16}, {33, 33}, {Scatter.BLOCK, 31}, {Scatter.BLOCK + 3, 47}, {2 * Scatter.BLOCK + 17, 65}, {9 * Scatter.BLOCK + 5, 21}};
        for (int[] shape : shapes) {
            int n = shape[0], d = shape[1];
            FMatrix x = TestData.matrix(rnd, n, d, n % 2 == 1);
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x.set(i, j, x.get(i, j) + 0.5f * j); // an offset to remove
            float[] shift = new float[d + 2];
            for (int j = 0; j < d; j++) shift[2 + j] = 0.5f * j + (float) (0.1 * rnd.nextGaussian());
            double[] refS = new double[d * d], refSums = new double[d];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    double u = (double) x.get(i, a) - shift[2 + a];
                    refSums[a] += u;
                    for (int b = 0; b < d; b++) refS[a * d + b] += u * ((double) x.get(i, b) - shift[2 + b]);
                }
            }
            for (Path p : allPaths()) {
                FMatrix s = FMatrix.zeros(d, d);
                s.fill(7f); // overwritten
                double[] sums = new double[d + 1];
                sums[0] = 99;
                Scatter.shifted(p, x, shift, 2, s, sums, 1);
                assertEquals(99, sums[0]);
                for (int a = 0; a < d; a++) {
                    // float products summed in blocks: error ~ n·eps relative to the sum of |products| (≤ n here)
                    assertEquals(refSums[a], sums[1 + a], 1e-5 * n, p + " " + n + "x" + d + " sum " + a);
                    for (int b = 0; b < d; b++) {
                        assertEquals(refS[a * d + b], s.get(a, b), 2e-6 * n + 1e-6, p + " " + n + "x" + d + " S[" + a + "][" + b + "]");
                        assertEquals(s.get(a, b), s.get(b, a), p + " symmetric");
                    }
                }
            }
        }
    }

    @Test
    void nonFiniteDataShowsInTheSums() {
        for (Path p : allPaths()) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                int n = Scatter.BLOCK + 5, d = 19;
                FMatrix x = FMatrix.zeros(n, d);
                x.set(n - 2, 17, bad);
                double[] sums = new double[d];
                Scatter.shifted(p, x, new float[d], 0, FMatrix.zeros(d, d), sums, 0);
                assertFalse(Double.isFinite(sums[17]), p + " " + bad);
                assertEquals(0, sums[16], p + " other columns unaffected");
            }
        }
    }

    @Test
    void emptyDataGivesZeros() {
        FMatrix s = FMatrix.zeros(3, 3);
        s.fill(1f);
        double[] sums = {1, 1, 1};
        Scatter.shifted(Path.AUTO, FMatrix.zeros(0, 3), new float[3], 0, s, sums, 0);
        assertArrayEquals(new float[9], s.toArray());
        assertArrayEquals(new double[3], sums);
    }

    @Test
    void theSameOnAnyThreadCount() {
        // the BLAS route shares fixed row chunks out among a team's threads: the answer must not depend on them
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 9 * Scatter.BLOCK + 333, d = 37;
        assertEquals(4, Scatter.chunks(n, d, Scatter.BLOCK), "several chunks on the BLAS route");
        FMatrix x = TestData.matrix(rnd, n, d, false);
        float[] shift = new float[d];
        int before = Parallelism.threads();
        try {
            for (Path p : allPaths()) {
                float[] first = null;
                double[] firstSums = null;
                for (int threads : new int[] {1, 2, 3}) {
                    Parallelism.setThreads(threads);
                    FMatrix s = FMatrix.zeros(d, d);
                    double[] sums = new double[d];
                    Scatter.shifted(p, x, shift, 0, s, sums, 0);
                    if (first == null) {
                        first = s.toArray();
                        firstSums = sums;
                    } else {
                        assertArrayEquals(first, s.toArray(), p + " S on " + threads + " threads");
                        assertArrayEquals(firstSums, sums, p + " sums on " + threads + " threads");
                    }
                }
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        FMatrix x = FMatrix.zeros(4, 3);
        assertThrows(IllegalArgumentException.class, () -> Scatter.shifted(Path.AUTO, x, new float[2], 0, FMatrix.zeros(3, 3), new double[3], 0));
        assertThrows(IllegalArgumentException.class, () -> Scatter.shifted(Path.AUTO, x, new float[3], 0, FMatrix.zeros(3, 2), new double[3], 0));
        assertThrows(IllegalArgumentException.class, () -> Scatter.shifted(Path.AUTO, x, new float[3], 0, FMatrix.zeros(3, 3), new double[3], 1));
        assertThrows(IllegalArgumentException.class, () -> Scatter.shifted(Path.AUTO, x, new float[3], 0, FMatrix.zeros(3, 3), null, 0));
        FMatrix s = FMatrix.zeros(3, 3);
        assertThrows(IllegalArgumentException.class, () -> Scatter.shifted(Path.AUTO, x, s.data(), 0, s, new double[3], 0));
    }
}
