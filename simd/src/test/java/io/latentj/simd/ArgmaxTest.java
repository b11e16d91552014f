package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** {@link Argmax#rows} on every path against the scalar reference: odd widths, tails, ties, views, NaN and −∞. */
class ArgmaxTest {
    private static final int[] WIDTHS = {1, 3, 7, 15, 16, 17, 31, 33, 100, 256, 257};

    @Test
    void everyPathAgreesWithTheReferenceOnOddSizesAndTails() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (Path p : PathAgreementTest.fastPaths()) {
            for (int n : WIDTHS) {
                for (boolean padded : new boolean[] {false, true}) {
                    FMatrix a = TestData.matrix(rnd, 13, n, padded);
                    float[] bias = new float[n + 2];
                    for (int j = 0; j < bias.length; j++) bias[j] = (float) rnd.nextGaussian();
                    for (boolean withBias : new boolean[] {false, true}) {
                        int[] ri = new int[15], gi = new int[15];
                        float[] rm = new float[14], gm = new float[14];
                        Argmax.rows(Path.SCALAR, a, withBias ? bias : null, 2, ri, 2, rm, 1);
                        Argmax.rows(p, a, withBias ? bias : null, 2, gi, 2, gm, 1);
                        assertArrayEquals(ri, gi, p + " n=" + n + " padded=" + padded + " bias=" + withBias);
                        assertArrayEquals(rm, gm, p + " n=" + n);
                        for (int i = 0; i < 13; i++) { // the reference is the arg-max
                            float best = Float.NEGATIVE_INFINITY;
                            for (int j = 0; j < n; j++) best = Math.max(best, a.get(i, j) + (withBias ? bias[2 + j] : 0f));
                            assertEquals(best, rm[1 + i]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void tiesGoToTheFirstColumnAndNaNNeverWins() {
        for (Path p : new Path[] {Path.SCALAR, Path.SIMD, Path.AUTO}) {
            if (!p.isAvailable()) continue;
            for (int n : WIDTHS) {
                float[] row = new float[n];
                java.util.Arrays.fill(row, 1f);
                int[] idx = new int[1];
                float[] max = new float[1];
                Argmax.rows(p, FMatrix.wrap(row.clone(), 1, n), null, 0, idx, 0, max, 0);
                assertEquals(0, idx[0], p + " n=" + n);
                if (n > 2) {
                    row[n - 1] = 5f;
                    row[n - 2] = 5f;
                    row[0] = Float.NaN;
                    Argmax.rows(p, FMatrix.wrap(row.clone(), 1, n), null, 0, idx, 0, max, 0);
                    assertEquals(n - 2, idx[0], p + " n=" + n);
                    assertEquals(5f, max[0]);
                }
                java.util.Arrays.fill(row, Float.NEGATIVE_INFINITY);
                Argmax.rows(p, FMatrix.wrap(row, 1, n), null, 0, idx, 0, max, 0);
                assertEquals(0, idx[0]);
                assertEquals(Float.NEGATIVE_INFINITY, max[0]);
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        FMatrix a = FMatrix.zeros(3, 4);
        assertThrows(IllegalArgumentException.class, () -> Argmax.rows(Path.AUTO, a, new float[3], 0, new int[3], 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> Argmax.rows(Path.AUTO, a, null, 0, new int[2], 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> Argmax.rows(Path.AUTO, a, null, 0, new int[3], 0, new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> Argmax.rows(Path.AUTO, FMatrix.zeros(2, 0), null, 0, new int[2], 0, null, 0));
    }
}
