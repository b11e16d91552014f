package io.latentj.simd.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latentj.simd.scalar.ScalarBlas;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * VectorBlas against ScalarBlas. Tolerances: sums in a different order (vector lanes, FMA) differ from the reference
 * by at most the classic bound, used here as |Δ| ≤ 2·eps·(k+2)·Σ|terms| (k = terms summed) plus the same for any
 * beta·y term. axpy, scal, ger and colSums add in the reference's order and must be bit-identical.
 * nrm2 (float partial sums vs the reference's double): relative 2·eps·(1+n/64).
 */
class VectorBlasTest {
    static final int[] SIZES = {0, 1, 3, 15, 16, 17, 31, 100, 500, 784};
    static final float EPS = Math.ulp(1f);
    static final float GUARD = 1234.5f;

    static float[] randoms(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }

    static float[] guarded(int len) {
        float[] v = new float[len];
        Arrays.fill(v, GUARD);
        return v;
    }

    static void near(float expected, float actual, double tol, String what) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            if (Float.isNaN(expected) != Float.isNaN(actual)) fail(what + ": expected " + expected + " got " + actual);
            return;
        }
        if (Float.isInfinite(expected) || Float.isInfinite(actual)) {
            assertEquals(expected, actual, what);
            return;
        }
        if (!(Math.abs((double) expected - actual) <= tol)) fail(what + ": expected " + expected + " got " + actual + " tol " + tol);
    }

    @Test void gemvBothTransposesAllSizes() {
        float[][] ab = {{1f, 0f}, {0.5f, 0f}, {-1.5f, 0.25f}, {1f, 1f}};
        for (boolean trans : new boolean[] {false, true}) {
            for (int m : SIZES) {
                for (int n : SIZES) {
                    for (float[] p : ab) gemvCase(trans, m, n, p[0], p[1], 1000L * m + n);
                }
            }
        }
    }

    static void gemvCase(boolean trans, int m, int n, float alpha, float beta, long seed) {
        int aOff = 3, lda = n + 5, xOff = 2, yOff = 4;
        int inLen = trans ? m : n, outLen = trans ? n : m;
        float[] a = randoms(aOff + m * lda + 3, seed);
        float[] x = randoms(xOff + inLen + 3, seed + 1);
        float[] y0 = guarded(yOff + outLen + 19);
        float[] yr = randoms(outLen, seed + 2);
        System.arraycopy(yr, 0, y0, yOff, outLen);
        if (beta == 0f) for (int i = 0; i < outLen; i += 2) y0[yOff + i] = Float.NaN; // must not be read
        float[] e = y0.clone(), g = y0.clone();
        ScalarBlas.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, e, yOff);
        VectorBlas.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, g, yOff);
        String what = "gemv trans=" + trans + " m=" + m + " n=" + n + " alpha=" + alpha + " beta=" + beta;
        for (int i = 0; i < g.length; i++) {
            if (i < yOff || i >= yOff + outLen) { assertEquals(GUARD, g[i], what + " wrote outside y at " + i); continue; }
            int o = i - yOff;
            double mag = 0;
            for (int j = 0; j < inLen; j++) {
                float av = trans ? a[aOff + j * lda + o] : a[aOff + o * lda + j];
                mag += Math.abs(av * x[xOff + j]);
            }
            double tol = 2 * EPS * (inLen + 2) * (Math.abs(alpha) * mag + (beta == 0f ? 0 : Math.abs(beta * y0[i])));
            near(e[i], g[i], tol, what + " i=" + o);
        }
    }

    @Test void gemvBetaZeroIgnoresNanInYAndAlphaZeroDoesNotReadA() {
        for (boolean trans : new boolean[] {false, true}) {
            int m = 17, n = 33;
            float[] a = new float[m * n];
            Arrays.fill(a, Float.NaN);
            float[] x = new float[trans ? m : n];
            Arrays.fill(x, Float.NaN);
            float[] y = new float[trans ? n : m];
            Arrays.fill(y, 2f);
            VectorBlas.gemv(trans, m, n, 0f, a, 0, n, x, 0, 0.5f, y, 0);
            for (float v : y) assertEquals(1f, v, "alpha=0: y = beta·y, A and x unread");
            Arrays.fill(y, Float.NaN);
            VectorBlas.gemv(trans, m, n, 0f, a, 0, n, x, 0, 0f, y, 0);
            for (float v : y) assertEquals(0f, v, "alpha=0, beta=0: y = 0");
            float[] a1 = randoms(m * n, 5), x1 = randoms(x.length, 6);
            Arrays.fill(y, Float.NaN);
            VectorBlas.gemv(trans, m, n, 1f, a1, 0, n, x1, 0, 0f, y, 0);
            for (float v : y) assertTrue(Float.isFinite(v), "beta=0: NaN in y not read");
        }
    }

    @Test void gemvPropagatesNanAndInfFromA() {
        for (boolean trans : new boolean[] {false, true}) {
            int m = 20, n = 37;
            float[] a = randoms(m * n, 9), x = randoms(trans ? m : n, 10);
            a[3 * n + 5] = Float.NaN;
            a[7 * n + 36] = Float.POSITIVE_INFINITY; // lands in the masked tail when not transposed
            float[] e = new float[trans ? n : m], g = e.clone();
            ScalarBlas.gemv(trans, m, n, 1f, a, 0, n, x, 0, 0f, e, 0);
            VectorBlas.gemv(trans, m, n, 1f, a, 0, n, x, 0, 0f, g, 0);
            for (int i = 0; i < e.length; i++) {
                if (Float.isNaN(e[i]) || Float.isInfinite(e[i])) {
                    assertTrue(Float.isNaN(e[i]) ? Float.isNaN(g[i]) : e[i] == g[i], "trans=" + trans + " i=" + i + " " + e[i] + " vs " + g[i]);
                }
            }
        }
    }

    @Test void gerIsBitIdentical() {
        for (int m : SIZES) {
            for (int n : SIZES) {
                int aOff = 2, lda = n + 3, xOff = 1, yOff = 3;
                float[] x = randoms(xOff + m, m), y = randoms(yOff + n, n + 1);
                float[] a = randoms(aOff + m * lda + 5, m * 7L + n);
                float[] e = a.clone(), g = a.clone();
                ScalarBlas.ger(m, n, 0.75f, x, xOff, y, yOff, e, aOff, lda);
                VectorBlas.ger(m, n, 0.75f, x, xOff, y, yOff, g, aOff, lda);
                assertTrue(Arrays.equals(e, g), "ger m=" + m + " n=" + n);
            }
        }
        float[] a = {1f, 2f};
        VectorBlas.ger(1, 2, 0f, new float[] {Float.NaN}, 0, new float[] {Float.NaN, 1f}, 0, a, 0, 2);
        assertTrue(Arrays.equals(new float[] {1f, 2f}, a), "alpha=0 does nothing");
    }

    @Test void level1() {
        for (int n : SIZES) {
            for (int extra : new int[] {0, 1000}) {
                int len = n + extra;
                float[] x = randoms(len + 6, len), y = randoms(len + 9, len + 3);
                // axpy: bit-identical, nothing outside touched
                float[] e = y.clone(), g = y.clone();
                ScalarBlas.axpy(len, -0.3f, x, 2, e, 5);
                VectorBlas.axpy(len, -0.3f, x, 2, g, 5);
                assertTrue(Arrays.equals(e, g), "axpy n=" + len);
                // scal
                e = x.clone(); g = x.clone();
                ScalarBlas.scal(len, 1.7f, e, 3);
                VectorBlas.scal(len, 1.7f, g, 3);
                assertTrue(Arrays.equals(e, g), "scal n=" + len);
                // dot
                double mag = 0;
                for (int i = 0; i < len; i++) mag += Math.abs(x[1 + i] * y[4 + i]);
                near(ScalarBlas.dot(len, x, 1, y, 4), VectorBlas.dot(len, x, 1, y, 4), 2 * EPS * (len + 2) * mag, "dot n=" + len);
                // nrm2
                float ne = ScalarBlas.nrm2(len, x, 2), ng = VectorBlas.nrm2(len, x, 2);
                near(ne, ng, 2 * EPS * (1 + len / 64.0) * ne, "nrm2 n=" + len);
            }
        }
        float[] z = {5f};
        VectorBlas.axpy(1, 0f, new float[] {Float.NaN}, 0, z, 0);
        assertEquals(5f, z[0], "axpy alpha=0 does not read x");
    }

    @Test void nrm2NeitherOverflowsNorUnderflows() {
        for (int n : new int[] {1, 3, 17, 100, 784}) {
            for (float s : new float[] {1e30f, 3e38f, Float.MAX_VALUE, 1e-30f, 1e-40f, Float.MIN_VALUE, 1e19f, 1e-19f}) {
                float[] x = randoms(n + 1, n);
                for (int i = 0; i < x.length; i++) x[i] *= s;
                if (s == Float.MIN_VALUE) Arrays.fill(x, s);
                float e = ScalarBlas.nrm2(n, x, 1), g = VectorBlas.nrm2(n, x, 1);
                near(e, g, 2 * EPS * (1 + n / 64.0) * e + 2 * Float.MIN_VALUE, "nrm2 scale=" + s + " n=" + n);
            }
        }
        float[] v = {3e38f, 3e38f, Float.NaN, Float.POSITIVE_INFINITY, 0f, 0f};
        assertEquals(Float.POSITIVE_INFINITY, VectorBlas.nrm2(2, v, 0), "overflowing true norm is ∞ as the reference");
        assertEquals(ScalarBlas.nrm2(2, v, 0), VectorBlas.nrm2(2, v, 0));
        assertTrue(Float.isNaN(VectorBlas.nrm2(4, v, 0)), "NaN wins");
        assertEquals(Float.POSITIVE_INFINITY, VectorBlas.nrm2(2, v, 3), "∞");
        assertEquals(0f, VectorBlas.nrm2(2, v, 4));
        assertEquals(0f, VectorBlas.nrm2(0, v, 0));
        float[] big = {2e19f, 2e19f}; // squares overflow float, the norm does not
        assertEquals((float) Math.sqrt(8e38), VectorBlas.nrm2(2, big, 0), Math.ulp(2.8e19f));
    }

    @Test void rowAndColSums() {
        for (int m : SIZES) {
            for (int n : SIZES) {
                int aOff = 4, lda = n + 7, oOff = 2;
                float[] a = randoms(aOff + m * lda + 3, 17L * m + n);
                float[] e = guarded(oOff + Math.max(m, n) + 17), g = e.clone();
                ScalarBlas.rowSums(m, n, a, aOff, lda, e, oOff);
                VectorBlas.rowSums(m, n, a, aOff, lda, g, oOff);
                for (int i = 0; i < g.length; i++) {
                    if (i < oOff || i >= oOff + m) { assertEquals(GUARD, g[i], "rowSums wrote outside at " + i); continue; }
                    double mag = 0;
                    for (int j = 0; j < n; j++) mag += Math.abs(a[aOff + (i - oOff) * lda + j]);
                    near(e[i], g[i], 2 * EPS * (n + 2) * mag, "rowSums m=" + m + " n=" + n + " i=" + (i - oOff));
                }
                e = guarded(oOff + n + 17); g = e.clone();
                ScalarBlas.colSums(m, n, a, aOff, lda, e, oOff);
                VectorBlas.colSums(m, n, a, aOff, lda, g, oOff);
                assertTrue(Arrays.equals(e, g), "colSums bit-identical m=" + m + " n=" + n);
            }
        }
    }
}
