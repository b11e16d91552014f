package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** {@link Proximal#fistaRows} on every path against the scalar reference and against its definition, odd widths and views. */
class ProximalTest {
    private static final int[] WIDTHS = {1, 3, 15, 16, 17, 31, 100, 257};

    @Test
    void everyPathAgreesWithTheReference() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (Path p : PathAgreementTest.fastPaths()) {
            for (int n : WIDTHS) {
                for (boolean padded : new boolean[] {false, true}) {
                    for (boolean withC : new boolean[] {false, true}) {
                        int m = 9;
                        FMatrix step = TestData.matrix(rnd, m, n, padded), c = withC ? TestData.matrix(rnd, m, n, padded) : null;
                        FMatrix prev = TestData.matrix(rnd, m, n, padded), y = TestData.matrix(rnd, m, n, padded);
                        FMatrix y2 = y.copy(), next = FMatrix.zeros(m, n), next2 = FMatrix.zeros(m, n);
                        double[] t = new double[m], t2 = new double[m], st = new double[2 * m], st2 = new double[2 * m];
                        for (int r = 0; r < m; r++) t[r] = t2[r] = 1 + r % 4;
                        Proximal.fistaRows(Path.SCALAR, 0.3f, step, c, prev, y, next, t, st);
                        Proximal.fistaRows(p, 0.3f, step, c, prev, y2, next2, t2, st2);
                        assertArrayEquals(next.toArray(), next2.toArray(), p + " n=" + n);
                        assertArrayEquals(y.toArray(), y2.toArray(), 1e-6f, p + " n=" + n);
                        assertArrayEquals(t, t2, 1e-12);
                        for (int i = 0; i < 2 * m; i++) assertEquals(st[i], st2[i], 1e-5 * (1 + st[i]));
                    }
                }
            }
        }
    }

    @Test
    void referenceFollowsTheDefinition() {
        SplittableRandom rnd = new SplittableRandom(6);
        int m = 4, n = 7;
        FMatrix step = TestData.matrix(rnd, m, n, false), c = TestData.matrix(rnd, m, n, false);
        FMatrix prev = TestData.matrix(rnd, m, n, false), y = TestData.matrix(rnd, m, n, false), y0 = y.copy(), next = FMatrix.zeros(m, n);
        double[] t = {1, 2, 3, 4}, t0 = t.clone(), st = new double[2 * m];
        Proximal.fistaRows(Path.SCALAR, 0.25f, step, c, prev, y, next, t, st);
        for (int r = 0; r < m; r++) {
            double change = 0, size = 0;
            float[] x = new float[n];
            double dot = 0;
            for (int j = 0; j < n; j++) {
                float v = step.get(r, j) + c.get(r, j);
                x[j] = Math.abs(v) > 0.25f ? Math.copySign(Math.abs(v) - 0.25f, v) : 0f;
                assertEquals(x[j], next.get(r, j));
                float d = x[j] - prev.get(r, j);
                change += d * d;
                size += x[j] * x[j];
                dot += (y0.get(r, j) - x[j]) * d;
            }
            double tn = (1 + Math.sqrt(1 + 4 * t0[r] * t0[r])) / 2;
            double beta = dot > 0 ? 0 : (t0[r] - 1) / tn;
            assertEquals(dot > 0 ? 1 : tn, t[r], 1e-12, "restart rule of row " + r);
            for (int j = 0; j < n; j++) assertEquals(x[j] + beta * (x[j] - prev.get(r, j)), y.get(r, j), 1e-6);
            assertEquals(change, st[2 * r], 1e-5);
            assertEquals(size, st[2 * r + 1], 1e-5);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        FMatrix a = FMatrix.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> Proximal.fistaRows(Path.AUTO, 0.1f, a, null, a.copy(), a.copy(), FMatrix.zeros(2, 4), new double[2], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> Proximal.fistaRows(Path.AUTO, 0.1f, a, null, a.copy(), a.copy(), a.copy(), new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Proximal.fistaRows(Path.AUTO, Float.NaN, a, null, a.copy(), a.copy(), a.copy(), new double[2], new double[4]));
    }
}
