package io.latentj.simd.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latentj.simd.scalar.ScalarFused;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * VectorFused against ScalarFused, both transposes, all sizes, offsets, lda &gt; cols, guard cells around y.
 * Tolerance: the pre-activation z = op(A)·x (+bias) may differ by the GEMV bound δ = 2·eps·(k+2)·Σ|a||x|;
 * sigmoid is 1/4-Lipschitz, so |Δy| ≤ δ/4 + 4 ulps of y; soft threshold is 1-Lipschitz, so |Δy| ≤ δ.
 */
class VectorFusedTest {
    static final int[] SIZES = {0, 1, 3, 15, 16, 17, 31, 100, 500, 784};
    static final float EPS = Math.ulp(1f);
    static final float GUARD = -99.5f;

    static float[] randoms(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }

    interface Fused { void run(boolean trans, int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float[] y, int yOff); }

    static void check(String name, Fused ref, Fused vec, boolean sigmoid) {
        for (boolean trans : new boolean[] {false, true}) {
            for (int m : SIZES) {
                for (int n : SIZES) {
                    int aOff = 5, lda = n + 3, xOff = 1, yOff = 6;
                    int inLen = trans ? m : n, outLen = trans ? n : m;
                    float[] a = randoms(aOff + m * lda + 2, 31L * m + n);
                    float[] x = randoms(xOff + inLen + 2, 7L * m + n + 1);
                    float[] e = new float[yOff + outLen + 17];
                    Arrays.fill(e, GUARD);
                    for (int i = 0; i < outLen; i += 3) e[yOff + i] = Float.NaN; // y is output only
                    float[] g = e.clone();
                    ref.run(trans, m, n, a, aOff, lda, x, xOff, e, yOff);
                    vec.run(trans, m, n, a, aOff, lda, x, xOff, g, yOff);
                    String what = name + " trans=" + trans + " m=" + m + " n=" + n;
                    for (int i = 0; i < g.length; i++) {
                        if (i < yOff || i >= yOff + outLen) { assertEquals(GUARD, g[i], what + " wrote outside y at " + i); continue; }
                        int o = i - yOff;
                        double mag = 0;
                        for (int j = 0; j < inLen; j++) {
                            float av = trans ? a[aOff + j * lda + o] : a[aOff + o * lda + j];
                            mag += Math.abs(av * x[xOff + j]);
                        }
                        double delta = 2 * EPS * (inLen + 2) * (mag + 1);
                        double tol = sigmoid ? delta / 4 + 4 * Math.ulp(Math.abs(e[i])) : delta;
                        if (Float.isNaN(e[i]) != Float.isNaN(g[i]) || !(Math.abs(e[i] - g[i]) <= tol || e[i] == g[i])) {
                            fail(what + " i=" + o + ": expected " + e[i] + " got " + g[i] + " tol " + tol);
                        }
                    }
                }
            }
        }
    }

    @Test void gemvBiasSigmoid() {
        int maxLen = 784 + 20;
        float[] bias = randoms(maxLen, 3);
        for (int i = 0; i < maxLen; i++) bias[i] *= 4;
        check("gemvBiasSigmoid",
                (t, m, n, a, ao, lda, x, xo, y, yo) -> ScalarFused.gemvBiasSigmoid(t, m, n, a, ao, lda, x, xo, bias, 2, y, yo),
                (t, m, n, a, ao, lda, x, xo, y, yo) -> VectorFused.gemvBiasSigmoid(t, m, n, a, ao, lda, x, xo, bias, 2, y, yo), true);
    }

    @Test void gemvSoftThreshold() {
        for (float alpha : new float[] {0f, 0.3f, -0.2f}) {
            check("gemvSoftThreshold alpha=" + alpha,
                    (t, m, n, a, ao, lda, x, xo, y, yo) -> ScalarFused.gemvSoftThreshold(t, m, n, a, ao, lda, x, xo, alpha, y, yo),
                    (t, m, n, a, ao, lda, x, xo, y, yo) -> VectorFused.gemvSoftThreshold(t, m, n, a, ao, lda, x, xo, alpha, y, yo), false);
        }
    }

    @Test void specialValues() {
        for (boolean trans : new boolean[] {false, true}) {
            int m = 19, n = 21;
            float[] a = randoms(m * n, 11), x = randoms(trans ? m : n, 12);
            int outLen = trans ? n : m;
            // huge pre-activations: sigmoid saturates to exactly 0/1, never NaN
            float[] big = a.clone();
            for (int i = 0; i < big.length; i++) big[i] = (i % 2 == 0 ? 1e30f : -1e30f) * Math.signum(x[trans ? i / n : i % n]);
            float[] bias = new float[outLen];
            float[] y = new float[outLen];
            VectorFused.gemvBiasSigmoid(trans, m, n, big, 0, n, x, 0, bias, 0, y, 0);
            for (float v : y) assertTrue(v >= 0f && v <= 1f, "sigmoid of huge stays in [0,1]: " + v);
            // NaN in A propagates through both epilogues as the reference
            float[] an = a.clone();
            an[2 * n + 4] = Float.NaN;
            float[] e = new float[outLen], g = new float[outLen];
            ScalarFused.gemvSoftThreshold(trans, m, n, an, 0, n, x, 0, 0.1f, e, 0);
            VectorFused.gemvSoftThreshold(trans, m, n, an, 0, n, x, 0, 0.1f, g, 0);
            for (int i = 0; i < outLen; i++) assertEquals(Float.isNaN(e[i]), Float.isNaN(g[i]), "softThreshold NaN at " + i);
            ScalarFused.gemvBiasSigmoid(trans, m, n, an, 0, n, x, 0, bias, 0, e, 0);
            VectorFused.gemvBiasSigmoid(trans, m, n, an, 0, n, x, 0, bias, 0, g, 0);
            for (int i = 0; i < outLen; i++) assertEquals(Float.isNaN(e[i]), Float.isNaN(g[i]), "sigmoid NaN at " + i);
            assertTrue(Float.isNaN(g[trans ? 4 : 2]), "the NaN reached y");
        }
    }
}
