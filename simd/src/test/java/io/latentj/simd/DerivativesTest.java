package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Activation backward kernels: the scalar reference against the derivative formulas in double, and the Vector path
 * against the scalar one over sizes that exercise masked tails (bit-identical except the softmax row's lane sum).
 */
class DerivativesTest {
    private static final int[] SIZES = {1, 3, 7, 15, 16, 17, 31, 100};

    private static FMatrix random(SplittableRandom r, int rows, int cols, double lo, double hi) {
        FMatrix m = FMatrix.zeros(rows, cols);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.set(i, j, (float) (lo + (hi - lo) * r.nextDouble()));
        return m;
    }

    @Test
    void scalarMatchesTheFormulas() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : SIZES) {
            FMatrix y = random(r, 3, n, 0, 1), t = random(r, 3, n, -1, 1), x = random(r, 3, n, -2, 2), dy = random(r, 3, n, -3, 3);
            FMatrix out = FMatrix.zeros(3, n), s = FMatrix.zeros(3, n), q = FMatrix.zeros(3, n);
            Derivatives.sigmoid(Path.SCALAR, y, dy, out);
            for (int i = 0; i < 3; i++) for (int j = 0; j < n; j++) {
                double v = y.get(i, j);
                assertEquals(dy.get(i, j) * v * (1 - v), out.get(i, j), 1e-6);
            }
            Derivatives.tanh(Path.SCALAR, t, dy, out);
            for (int i = 0; i < 3; i++) for (int j = 0; j < n; j++) {
                double v = t.get(i, j);
                assertEquals(dy.get(i, j) * (1 - v * v), out.get(i, j), 1e-6);
            }
            Derivatives.relu(Path.SCALAR, x, dy, out);
            for (int i = 0; i < 3; i++) for (int j = 0; j < n; j++) assertEquals(x.get(i, j) > 0 ? dy.get(i, j) : 0f, out.get(i, j));
            Derivatives.softmaxRows(Path.SCALAR, y, dy, out);
            for (int i = 0; i < 3; i++) {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += (double) y.get(i, j) * dy.get(i, j);
                for (int j = 0; j < n; j++) assertEquals(y.get(i, j) * (dy.get(i, j) - dot), out.get(i, j), 1e-5);
            }
            Derivatives.contractive(Path.SCALAR, y, s, q);
            for (int i = 0; i < 3; i++) for (int j = 0; j < n; j++) {
                double v = y.get(i, j), d = v * (1 - v);
                assertEquals(d * d, s.get(i, j), 1e-7);
                assertEquals(d * d * (1 - 2 * v), q.get(i, j), 1e-7);
            }
        }
    }

    @Test
    void vectorPathAgreesWithScalar() {
        if (!Path.SIMD.isAvailable()) return; // nothing to compare without the Vector API (NoVectorApiTest covers that JVM)
        SplittableRandom r = new SplittableRandom(2);
        for (int n : SIZES) {
            // a view with an offset and padded rows, so row offsets are not multiples of the vector length
            float[] buf = new float[5 * (n + 3) + 1];
            for (int i = 0; i < buf.length; i++) buf[i] = (float) r.nextDouble();
            FMatrix y = FMatrix.view(buf, 1, 4, n, n + 3);
            FMatrix dy = random(r, 4, n, -3, 3), x = random(r, 4, n, -2, 2);
            x.set(0, 0, Float.NaN);
            x.set(1, 0, 0f);
            FMatrix a = FMatrix.zeros(4, n), b = FMatrix.zeros(4, n), a2 = FMatrix.zeros(4, n), b2 = FMatrix.zeros(4, n);
            Derivatives.sigmoid(Path.SCALAR, y, dy, a);
            Derivatives.sigmoid(Path.SIMD, y, dy, b);
            assertArrayEquals(a.toArray(), b.toArray(), "sigmoid n=" + n);
            Derivatives.tanh(Path.SCALAR, y, dy, a);
            Derivatives.tanh(Path.SIMD, y, dy, b);
            assertArrayEquals(a.toArray(), b.toArray(), "tanh n=" + n);
            Derivatives.relu(Path.SCALAR, x, dy, a);
            Derivatives.relu(Path.SIMD, x, dy, b);
            assertArrayEquals(a.toArray(), b.toArray(), "relu n=" + n);
            Derivatives.contractive(Path.SCALAR, y, a, a2);
            Derivatives.contractive(Path.SIMD, y, b, b2);
            assertArrayEquals(a.toArray(), b.toArray(), "contractive s n=" + n);
            assertArrayEquals(a2.toArray(), b2.toArray(), "contractive q n=" + n);
            Derivatives.softmaxRows(Path.SCALAR, y, dy, a);
            Derivatives.softmaxRows(Path.SIMD, y, dy, b);
            assertArrayEquals(a.toArray(), b.toArray(), 1e-5f * n, "softmax n=" + n);
            // in place: out is dy
            FMatrix d1 = dy.copy(), d2 = dy.copy();
            Derivatives.sigmoid(Path.SCALAR, y, d1, d1);
            Derivatives.sigmoid(Path.SIMD, y, d2, d2);
            Derivatives.sigmoid(Path.SCALAR, y, dy, a);
            assertArrayEquals(a.toArray(), d1.toArray());
            assertArrayEquals(a.toArray(), d2.toArray());
        }
    }

    @Test
    void badArgumentsAreRefused() {
        FMatrix a = FMatrix.zeros(2, 3), b = FMatrix.zeros(2, 4);
        assertThrows(IllegalArgumentException.class, () -> Derivatives.sigmoid(Path.SCALAR, a, b, a));
        assertThrows(IllegalArgumentException.class, () -> Derivatives.relu(null, a, a, a));
        FMatrix big = FMatrix.zeros(4, 3);
        assertThrows(IllegalArgumentException.class, () -> Derivatives.tanh(Path.SCALAR, big.rowRange(0, 2), a, big.rowRange(1, 3)));
        assertThrows(IllegalArgumentException.class, () -> Derivatives.contractive(Path.SCALAR, a, a, FMatrix.zeros(2, 3)));
    }
}
