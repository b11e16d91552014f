package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** AdaGrad and Adam steps: the scalar reference against the update rules in double, the Vector path bit-identical to it. */
class OptimizersTest {
    private static final int[] SIZES = {1, 3, 15, 16, 17, 33, 100};

    private static float[] random(SplittableRandom r, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return a;
    }

    @Test
    void adagradFollowsItsRule() {
        SplittableRandom r = new SplittableRandom(3);
        float[] g = random(r, 9, -1, 1), acc = random(r, 9, 0, 1), w = random(r, 9, -1, 1);
        float[] acc0 = acc.clone(), w0 = w.clone();
        Optimizers.adagrad(Path.SCALAR, 9, 0.1f, 1e-6f, 0.01f, g, 0, acc, 0, w, 0);
        for (int i = 0; i < 9; i++) {
            double gi = g[i] + 0.01 * w0[i], a = acc0[i] + gi * gi;
            assertEquals(a, acc[i], 1e-6);
            assertEquals(w0[i] - 0.1 * gi / (Math.sqrt(a) + 1e-6), w[i], 1e-6);
        }
    }

    @Test
    void adamFollowsItsRule() {
        SplittableRandom r = new SplittableRandom(4);
        float[] g = random(r, 9, -1, 1), m = random(r, 9, -0.1, 0.1), v = random(r, 9, 0, 0.1), w = random(r, 9, -1, 1);
        float[] m0 = m.clone(), v0 = v.clone(), w0 = w.clone();
        Optimizers.adam(Path.SCALAR, 9, 0.01f, 0.9f, 0.999f, 1e-8f, 0.001f, g, 0, m, 0, v, 0, w, 0);
        for (int i = 0; i < 9; i++) {
            double gi = g[i] + 0.001 * w0[i], mi = 0.9 * m0[i] + 0.1 * gi, vi = 0.999 * v0[i] + 0.001 * gi * gi;
            assertEquals(mi, m[i], 1e-6);
            assertEquals(vi, v[i], 1e-6);
            assertEquals(w0[i] - 0.01 * mi / (Math.sqrt(vi) + 1e-8), w[i], 1e-5);
        }
    }

    @Test
    void adamMinimisesAQuadratic() {
        float[] w = {3f, -2f, 5f}, m = new float[3], v = new float[3], g = new float[3];
        for (int t = 1; t <= 2000; t++) {
            for (int i = 0; i < 3; i++) g[i] = 2 * (w[i] - i); // ∇ Σ (w_i − i)²
            float step = (float) (0.05 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)));
            Optimizers.adam(Path.defaultPath(), 3, step, 0.9f, 0.999f, 1e-8f, 0f, g, 0, m, 0, v, 0, w, 0);
        }
        for (int i = 0; i < 3; i++) assertEquals(i, w[i], 1e-2);
    }

    @Test
    void vectorPathIsBitIdentical() {
        if (!Path.SIMD.isAvailable()) return;
        SplittableRandom r = new SplittableRandom(5);
        for (int n : SIZES) {
            float[] g = random(r, n + 2, -1, 1), a = random(r, n + 2, 0, 1), w = random(r, n + 2, -1, 1), mm = random(r, n + 2, -0.1, 0.1);
            float[] a1 = a.clone(), a2 = a.clone(), w1 = w.clone(), w2 = w.clone();
            Optimizers.adagrad(Path.SCALAR, n, 0.1f, 1e-6f, 0.01f, g, 2, a1, 1, w1, 2);
            Optimizers.adagrad(Path.SIMD, n, 0.1f, 1e-6f, 0.01f, g, 2, a2, 1, w2, 2);
            assertArrayEquals(a1, a2, "adagrad acc n=" + n);
            assertArrayEquals(w1, w2, "adagrad w n=" + n);
            float[] m1 = mm.clone(), m2 = mm.clone(), v1 = a.clone(), v2 = a.clone();
            w1 = w.clone();
            w2 = w.clone();
            Optimizers.adam(Path.SCALAR, n, 0.01f, 0.9f, 0.999f, 1e-8f, 0.001f, g, 1, m1, 0, v1, 2, w1, 1);
            Optimizers.adam(Path.SIMD, n, 0.01f, 0.9f, 0.999f, 1e-8f, 0.001f, g, 1, m2, 0, v2, 2, w2, 1);
            assertArrayEquals(m1, m2, "adam m n=" + n);
            assertArrayEquals(v1, v2, "adam v n=" + n);
            assertArrayEquals(w1, w2, "adam w n=" + n);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        float[] a = new float[4];
        assertThrows(IllegalArgumentException.class, () -> Optimizers.adagrad(Path.SCALAR, 5, 0.1f, 1e-6f, 0f, a, 0, new float[5], 0, new float[5], 0));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.adagrad(Path.SCALAR, 4, 0.1f, 1e-6f, 0f, a, 0, a, 0, new float[4], 0));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.adam(Path.SCALAR, 4, Float.NaN, 0.9f, 0.999f, 1e-8f, 0f, a, 0, new float[4], 0, new float[4], 0, new float[4], 0));
    }
}
