package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * FastICA's contrast kernels: the scalar reference against the formulas in double, and the Vector path against the
 * scalar one over odd sizes with masked tails, on padded views and in place.
 */
class ContrastsTest {
    private static final int[] SIZES = {1, 3, 7, 15, 16, 17, 31, 33, 100, 1001};

    private interface Run { float apply(Path p, float[] u, int uOff, float[] g, int gOff, int n); }

    private static final double ALPHA = 1.3;

    private static double g(int kind, double v) {
        return switch (kind) {
            case 0 -> Math.tanh(ALPHA * v);
            case 1 -> v * Math.exp(-v * v / 2);
            default -> v * v * v;
        };
    }

    private static double gPrime(int kind, double v) {
        return switch (kind) {
            case 0 -> ALPHA * (1 - Math.tanh(ALPHA * v) * Math.tanh(ALPHA * v));
            case 1 -> (1 - v * v) * Math.exp(-v * v / 2);
            default -> 3 * v * v;
        };
    }

    private static Run run(int kind) {
        return switch (kind) {
            case 0 -> (p, u, uo, g, go, n) -> Contrasts.logcosh(p, (float) ALPHA, u, uo, g, go, n);
            case 1 -> Contrasts::exp;
            default -> Contrasts::cube;
        };
    }

    @Test
    void scalarMatchesTheFormulas() {
        SplittableRandom r = new SplittableRandom(1);
        for (int kind = 0; kind < 3; kind++) {
            for (int n : SIZES) {
                float[] u = TestData.vector(r, n + 2, 4);
                float[] g = new float[n + 3];
                float sum = run(kind).apply(Path.SCALAR, u, 2, g, 1, n);
                double want = 0;
                for (int i = 0; i < n; i++) {
                    double v = u[2 + i];
                    assertEquals(g(kind, v), g[1 + i], 2e-6 * Math.max(1, Math.abs(g(kind, v))), "kind " + kind + " n " + n);
                    want += gPrime(kind, v);
                }
                assertEquals(want, sum, 1e-5 * Math.max(1, Math.abs(want)) + 1e-6 * n);
                assertEquals(0f, g[0]);
                assertEquals(0f, g[n + 1], "wrote past its run");
            }
        }
    }

    @Test
    void vectorPathAgreesWithScalar() {
        if (!Path.SIMD.isAvailable()) return;
        SplittableRandom r = new SplittableRandom(2);
        for (int kind = 0; kind < 3; kind++) {
            for (int n : SIZES) {
                float[] u = TestData.vector(r, n + 5, 5);
                float[] gs = new float[n + 4], gv = new float[n + 4];
                float ss = run(kind).apply(Path.SCALAR, u, 5, gs, 3, n);
                float sv = run(kind).apply(Path.SIMD, u, 5, gv, 3, n);
                assertTrue(TestData.relErr(gs, gv, 1) < 1e-6, "kind " + kind + " n " + n);
                assertEquals(ss, sv, 1e-5 * Math.max(1, Math.abs(ss)) + 1e-6 * n, "kind " + kind + " n " + n);
                assertEquals(0f, gv[n + 3], "wrote past its run");
                float[] inPlace = u.clone();
                float sp = run(kind).apply(Path.SIMD, inPlace, 5, inPlace, 5, n);
                assertEquals(sv, sp);
                for (int i = 0; i < n; i++) assertEquals(gv[3 + i], inPlace[5 + i]);
            }
        }
    }

    @Test
    void matrixFormsRunEveryRowOfAView() {
        SplittableRandom r = new SplittableRandom(3);
        for (Path p : new Path[] {Path.SCALAR, Path.AUTO}) {
            FMatrix u = TestData.matrix(r, 4, 37, true);
            FMatrix g = FMatrix.zeros(4, 37);
            float[] sums = new float[6];
            for (int kind = 0; kind < 3; kind++) {
                switch (kind) {
                    case 0 -> Contrasts.logcosh(p, (float) ALPHA, u, g, sums, 2);
                    case 1 -> Contrasts.exp(p, u, g, sums, 2);
                    default -> Contrasts.cube(p, u, g, sums, 2);
                }
                for (int row = 0; row < 4; row++) {
                    float[] one = new float[37];
                    float s = run(kind).apply(p, u.data(), u.rowOffset(row), one, 0, 37);
                    assertEquals(s, sums[2 + row]);
                    assertArrayEquals(one, g.row(row).toArray());
                }
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        float[] u = new float[10], g = new float[10];
        assertThrows(IllegalArgumentException.class, () -> Contrasts.cube(Path.AUTO, u, 0, g, 0, 11));
        assertThrows(IllegalArgumentException.class, () -> Contrasts.logcosh(Path.AUTO, Float.NaN, u, 0, g, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> Contrasts.exp(Path.AUTO, u, 0, u, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> Contrasts.cube(Path.AUTO, FMatrix.zeros(2, 3), FMatrix.zeros(3, 3), new float[3], 0));
    }
}
