package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** {@link RowDots#of} on every path against a double-precision reference: odd row counts, 1–9 rows of B, tails, views. */
class RowDotsTest {
    @Test
    void everyPathAgreesWithTheReferenceOnOddSizesAndTails() {
        SplittableRandom rnd = new SplittableRandom(5);
        java.util.List<Path> paths = new java.util.ArrayList<>(java.util.List.of(Path.SCALAR));
        paths.addAll(PathAgreementTest.fastPaths());
        for (int m : new int[] {1, 2, 3, 8, 13}) {
            for (int n = 1; n <= 9; n++) {
                for (int d : new int[] {1, 5, 15, 16, 17, 33, 100}) {
                    FMatrix a = TestData.matrix(rnd, m, d, (m + n) % 2 == 0), b = TestData.matrix(rnd, n, d, d % 2 == 1);
                    for (Path p : paths) {
                        FMatrix c = TestData.matrix(rnd, m, n, true);
                        float[] before = c.data().clone();
                        RowDots.of(p, a, b, c);
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double ref = 0;
                                for (int q = 0; q < d; q++) ref += (double) a.get(i, q) * b.get(j, q);
                                assertEquals(ref, c.get(i, j), 1e-5 * d, p + " m=" + m + " n=" + n + " d=" + d + " C[" + i + "][" + j + "]");
                            }
                        }
                        int touched = 0; // nothing outside the view of C is written
                        for (int q = 0; q < before.length; q++) if (before[q] != c.data()[q]) touched++;
                        assertTrue(touched <= m * n, p + " wrote outside C");
                        for (int q = 0; q < c.offset(); q++) assertEquals(before[q], c.data()[q]);
                    }
                }
            }
        }
    }

    @Test
    void largeProductsSplitAmongThreadsGiveTheSameResult() {
        SplittableRandom rnd = new SplittableRandom(8);
        int before = Parallelism.threads();
        try {
            for (int m : new int[] {1001, 2048}) {
                FMatrix a = TestData.matrix(rnd, m, 1500, true), b = TestData.matrix(rnd, 7, 1500, false);
                FMatrix one = FMatrix.zeros(m, 7), three = FMatrix.zeros(m, 7);
                Parallelism.setThreads(1);
                RowDots.of(Path.SIMD, a, b, one);
                Parallelism.setThreads(3);
                RowDots.of(Path.SIMD, a, b, three);
                // the same blocks; only the order of the lane reduction may differ between JIT tiers, so the sums of
                // 1500 products of magnitude ≤ 1 agree to rounding (a wrong row or column would be off by ~1 or more)
                for (int q = 0; q < one.data().length; q++) assertEquals(one.data()[q], three.data()[q], 1e-4, "m=" + m);
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RowDots.of(Path.AUTO, FMatrix.zeros(3, 4), FMatrix.zeros(2, 5), FMatrix.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> RowDots.of(Path.AUTO, FMatrix.zeros(3, 4), FMatrix.zeros(2, 4), FMatrix.zeros(2, 3)));
        FMatrix a = FMatrix.zeros(3, 3);
        assertThrows(IllegalArgumentException.class, () -> RowDots.of(Path.AUTO, a, FMatrix.zeros(3, 3), a));
    }
}
