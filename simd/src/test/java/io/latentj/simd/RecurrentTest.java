package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fused LSTM step kernels: the scalar reference against the LSTM equations evaluated in double, and the Vector
 * path against the scalar one on hidden sizes that exercise masked tails, on views whose rows are padded.
 */
class RecurrentTest {
    private static final int[] SIZES = {1, 3, 7, 15, 16, 17, 31, 33, 100};

    private static FMatrix random(SplittableRandom r, int rows, int cols, double lo, double hi) {
        // padded rows at an offset, so row starts are not multiples of the vector length
        float[] buf = new float[1 + rows * (cols + 3)];
        FMatrix m = FMatrix.view(buf, 1, rows, cols, cols + 3);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.set(i, j, (float) (lo + (hi - lo) * r.nextDouble()));
        return m;
    }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    @Test
    void scalarMatchesTheLstmEquations() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : SIZES) {
            int b = 3;
            FMatrix z = random(r, b, 4 * n, -4, 4), cp = random(r, b, n, -2, 2), c = FMatrix.zeros(b, n), h = FMatrix.zeros(b, n);
            FMatrix z0 = z.copy();
            Recurrent.lstmForward(Path.SCALAR, z, cp, c, h);
            FMatrix dh = random(r, b, n, -1, 1), dc = random(r, b, n, -1, 1), dz = FMatrix.zeros(b, 4 * n);
            FMatrix dc0 = dc.copy();
            Recurrent.lstmBackward(Path.SCALAR, z, cp, c, dh, dc, dz);
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < n; j++) {
                    double f = sigmoid(z0.get(i, j)), in = sigmoid(z0.get(i, n + j)), g = Math.tanh(z0.get(i, 2 * n + j)), o = sigmoid(z0.get(i, 3 * n + j));
                    double ct = f * cp.get(i, j) + in * g, ht = o * Math.tanh(ct);
                    assertEquals(f, z.get(i, j), 1e-6);
                    assertEquals(in, z.get(i, n + j), 1e-6);
                    assertEquals(g, z.get(i, 2 * n + j), 1e-6);
                    assertEquals(o, z.get(i, 3 * n + j), 1e-6);
                    assertEquals(ct, c.get(i, j), 1e-5);
                    assertEquals(ht, h.get(i, j), 1e-5);
                    double tau = Math.tanh(ct), d = dh.get(i, j);
                    double dct = dc0.get(i, j) + d * o * (1 - tau * tau);
                    assertEquals(dct * cp.get(i, j) * f * (1 - f), dz.get(i, j), 1e-5);
                    assertEquals(dct * g * in * (1 - in), dz.get(i, n + j), 1e-5);
                    assertEquals(dct * in * (1 - g * g), dz.get(i, 2 * n + j), 1e-5);
                    assertEquals(d * tau * o * (1 - o), dz.get(i, 3 * n + j), 1e-5);
                    assertEquals(dct * f, dc.get(i, j), 1e-5);
                }
            }
        }
    }

    @Test
    void vectorPathAgreesWithScalar() {
        if (!Path.SIMD.isAvailable()) return; // nothing to compare without the Vector API
        SplittableRandom r = new SplittableRandom(2);
        for (int n : SIZES) {
            int b = 4;
            FMatrix z = random(r, b, 4 * n, -6, 6), cp = random(r, b, n, -3, 3);
            FMatrix z1 = z.copy(), z2 = z.copy(), c1 = FMatrix.zeros(b, n), c2 = FMatrix.zeros(b, n), h1 = FMatrix.zeros(b, n), h2 = FMatrix.zeros(b, n);
            Recurrent.lstmForward(Path.SCALAR, z1, cp, c1, h1);
            Recurrent.lstmForward(Path.SIMD, z2, cp, c2, h2);
            assertArrayEquals(z1.toArray(), z2.toArray(), 2e-6f, "gates n=" + n);
            assertArrayEquals(c1.toArray(), c2.toArray(), 1e-5f, "c n=" + n);
            assertArrayEquals(h1.toArray(), h2.toArray(), 1e-5f, "h n=" + n);
            FMatrix dh = random(r, b, n, -1, 1), dc = random(r, b, n, -1, 1);
            FMatrix dc1 = dc.copy(), dc2 = dc.copy(), dz1 = FMatrix.zeros(b, 4 * n);
            Recurrent.lstmBackward(Path.SCALAR, z1, cp, c1, dh, dc1, dz1);
            Recurrent.lstmBackward(Path.SIMD, z1, cp, c1, dh, dc2, z1); // in place: dz over the gates
            assertArrayEquals(dz1.toArray(), z1.toArray(), 1e-5f, "dz n=" + n);
            assertArrayEquals(dc1.toArray(), dc2.toArray(), 1e-5f, "dc n=" + n);
            // the cell state in place (the streaming step's use)
            FMatrix z3 = z.copy(), c3 = cp.copy(), h3 = FMatrix.zeros(b, n);
            Recurrent.lstmForward(Path.SIMD, z3, c3, c3, h3);
            assertArrayEquals(c2.toArray(), c3.toArray(), "in-place c n=" + n);
            assertArrayEquals(h2.toArray(), h3.toArray(), "in-place h n=" + n);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        FMatrix g = FMatrix.zeros(2, 12), s = FMatrix.zeros(2, 3), s2 = FMatrix.zeros(2, 3), wrong = FMatrix.zeros(2, 4);
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmForward(Path.SCALAR, wrong, s, s2, FMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmForward(Path.SCALAR, g, s, s2, wrong));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmForward(Path.SCALAR, g, s, s2, s2));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmForward(null, g, s, s2, FMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmBackward(Path.SCALAR, g, s, s2, s, s, g));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmBackward(Path.SCALAR, g, s, s2, FMatrix.zeros(2, 3), FMatrix.zeros(3, 3), g));
    }

    /**
     * Keeping τ = tanh(c) in the forward pass: the same gates, c and h as the plain kernels, τ = tanh(c), and the
     * backward from τ the same gradients as the backward from c — on both paths, on padded views with tails.
     */
    @Test
    void keepingTanhOfTheCellStateChangesNothing() {
        SplittableRandom r = new SplittableRandom(5);
        for (Path p : new Path[]{Path.SCALAR, Path.SIMD}) {
            if (!p.isAvailable()) continue;
            for (int n : SIZES) {
                int b = 3;
                FMatrix z = random(r, b, 4 * n, -6, 6), cp = random(r, b, n, -3, 3);
                FMatrix z1 = z.copy(), z2 = z.copy(), c1 = FMatrix.zeros(b, n), c2 = FMatrix.zeros(b, n), h1 = FMatrix.zeros(b, n);
                FMatrix h2 = random(r, b, n, 0, 0), tc = random(r, b, n, 0, 0);
                Recurrent.lstmForward(p, z1, cp, c1, h1);
                Recurrent.lstmForward(p, z2, cp, c2, tc, h2);
                assertArrayEquals(z1.toArray(), z2.toArray(), p + " gates n=" + n);
                assertArrayEquals(c1.toArray(), c2.toArray(), p + " c n=" + n);
                assertArrayEquals(h1.toArray(), h2.toArray(), 1e-6f, p + " h n=" + n);
                for (int i = 0; i < b; i++) for (int j = 0; j < n; j++) assertEquals(Math.tanh(c2.get(i, j)), tc.get(i, j), 2e-6, p + " tanh(c)");
                FMatrix dh = random(r, b, n, -1, 1), dc = random(r, b, n, -1, 1);
                FMatrix dc1 = dc.copy(), dc2 = dc.copy(), dz1 = FMatrix.zeros(b, 4 * n);
                Recurrent.lstmBackward(p, z1, cp, c1, dh, dc1, dz1);
                Recurrent.lstmBackwardWithTanh(p, z2, cp, tc, dh, dc2, z2);
                assertArrayEquals(dz1.toArray(), z2.toArray(), 1e-5f, p + " dz n=" + n);
                assertArrayEquals(dc1.toArray(), dc2.toArray(), 1e-5f, p + " dc n=" + n);
            }
        }
        FMatrix g = FMatrix.zeros(2, 12), s = FMatrix.zeros(2, 3), s2 = FMatrix.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmForward(Path.SCALAR, g, s, s2, s2, FMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmForward(Path.SCALAR, g, s, s2, FMatrix.zeros(2, 4), FMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstmBackwardWithTanh(Path.SCALAR, g, s, s2, FMatrix.zeros(2, 3), FMatrix.zeros(3, 3), g));
    }
}
