package io.latentj.simd.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latentj.simd.scalar.ScalarElementwise;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * VectorElementwise against ScalarElementwise.
 *
 * <p>Tolerances (measured on AVX-512, JDK 25, 4M random arguments each, against Math in double rounded to float):
 * the Vector API's EXP, LOG, TANH and LOG1P are within 1 ulp of the correctly rounded float. So: exp, log, tanh
 * ≤ 2 ulps; sigmoid (exp, add, divide) and softplus (exp, log1p, add) ≤ 4 ulps; relu, softThreshold, shrink are
 * exact (bit-equal up to NaN payload). Results that are subnormal in the reference may differ by an absolute
 * {@code Float.MIN_NORMAL} (e.g. sigmoid(−100): the reference rounds 3.7e−44, the float formula flushes e^100 = ∞
 * to 1/∞ = 0). NaN must match NaN; ±∞ must match exactly.
 */
class VectorElementwiseTest {
    static final int[] SIZES = {0, 1, 3, 15, 16, 17, 31, 100, 500, 784, 1000, 1023, 4099};

    interface Kernel { void run(int n, float[] x, int xOff, float[] out, int outOff); }

    static long ulps(float a, float b) {
        if (a == b) return 0;
        int ia = Float.floatToRawIntBits(a), ib = Float.floatToRawIntBits(b);
        if (ia < 0) ia = 0x80000000 - ia;
        if (ib < 0) ib = 0x80000000 - ib;
        return Math.abs((long) ia - ib);
    }

    /** NaN-aware: NaN only equals NaN, infinities only themselves, finite within maxUlps (or MIN_NORMAL absolute). */
    static void assertNear(float expected, float actual, long maxUlps, String what) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            if (Float.isNaN(expected) != Float.isNaN(actual)) fail(what + ": expected " + expected + " got " + actual);
            return;
        }
        if (Float.isInfinite(expected) || Float.isInfinite(actual)) {
            if (expected != actual) fail(what + ": expected " + expected + " got " + actual);
            return;
        }
        if (maxUlps == 0) { // exact kernels: bit-equal, so −0 and +0 differ
            if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) fail(what + ": expected " + expected + " got " + actual);
            return;
        }
        if (ulps(expected, actual) > maxUlps && Math.abs(expected - actual) > Float.MIN_NORMAL) {
            fail(what + ": expected " + expected + " got " + actual + " (" + ulps(expected, actual) + " ulps)");
        }
    }

    static float[] randoms(int n, long seed, float lo, float hi) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextFloat();
        return v;
    }

    static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f,
            88f, 89f, -88f, -89f, 100f, -100f, 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-20f, -1e-20f, 0.5f, -0.5f, 20f, -20f, 1e-7f};

    /**
     * Runs both kernels over every size with offsets (out-of-place, with guard cells that must stay untouched) and
     * in-place, on random data from [lo, hi) with the special values sprinkled in.
     */
    static void check(String name, Kernel ref, Kernel vec, float lo, float hi, long maxUlps) {
        for (int n : SIZES) {
            float[] src = randoms(n, 31L * n + 7, lo, hi);
            for (int i = 0; i < n; i += 7) src[i] = SPECIALS[(i / 7) % SPECIALS.length];
            int xOff = 5, outOff = 3;
            float[] x = new float[n + xOff + 9];
            Arrays.fill(x, 777f);
            System.arraycopy(src, 0, x, xOff, n);
            float[] xCopy = x.clone();
            float[] expected = new float[n + outOff + 21];
            Arrays.fill(expected, -4242f);
            float[] actual = expected.clone();
            ref.run(n, x, xOff, expected, outOff);
            vec.run(n, x, xOff, actual, outOff);
            for (int i = 0; i < actual.length; i++) {
                assertNear(expected[i], actual[i], maxUlps, name + " n=" + n + " i=" + (i - outOff) + " x=" + (i >= outOff && i < outOff + n ? src[i - outOff] : Float.NaN));
            }
            for (int i = 0; i < outOff; i++) assertEquals(-4242f, actual[i], name + " wrote before outOff");
            for (int i = outOff + n; i < actual.length; i++) assertEquals(-4242f, actual[i], name + " wrote past the end");
            assertTrue(Arrays.equals(xCopy, x), name + " modified its input");
            // in place: out == x, same offset
            float[] inPlace = x.clone();
            vec.run(n, inPlace, xOff, inPlace, xOff);
            for (int i = 0; i < n; i++) assertNear(expected[outOff + i], inPlace[xOff + i], maxUlps, name + " in-place n=" + n + " i=" + i);
            for (int i = 0; i < xOff; i++) assertEquals(777f, inPlace[i]);
            for (int i = xOff + n; i < inPlace.length; i++) assertEquals(777f, inPlace[i]);
        }
    }

    @Test void sigmoid() {
        check("sigmoid", ScalarElementwise::sigmoid, VectorElementwise::sigmoid, -30f, 30f, 4);
        check("sigmoid wide", ScalarElementwise::sigmoid, VectorElementwise::sigmoid, -200f, 200f, 4);
    }

    @Test void sigmoidOfLargeIsExactlyZeroOrOne() {
        float[] x = {1e3f, -1e3f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 100f};
        float[] y = new float[x.length];
        VectorElementwise.sigmoid(x.length, x, 0, y, 0);
        assertEquals(1f, y[0]); assertEquals(0f, y[1]); assertEquals(1f, y[2]); assertEquals(0f, y[3]);
        assertEquals(1f, y[4]); assertEquals(0f, y[5]); assertEquals(1f, y[6]);
    }

    @Test void tanh() { check("tanh", ScalarElementwise::tanh, VectorElementwise::tanh, -12f, 12f, 2); }

    @Test void softplus() {
        check("softplus", ScalarElementwise::softplus, VectorElementwise::softplus, -40f, 40f, 4);
        float[] x = {1e30f, Float.MAX_VALUE, 100f, -1e30f};
        float[] y = new float[4];
        VectorElementwise.softplus(4, x, 0, y, 0);
        assertEquals(1e30f, y[0]); assertEquals(Float.MAX_VALUE, y[1]); assertEquals(100f, y[2]); assertEquals(0f, y[3]);
    }

    @Test void exp() { check("exp", ScalarElementwise::exp, VectorElementwise::exp, -100f, 100f, 2); }

    @Test void log() {
        check("log", ScalarElementwise::log, VectorElementwise::log, 1e-6f, 1e6f, 2);
        check("log neg", ScalarElementwise::log, VectorElementwise::log, -1f, 1f, 2); // NaN for x < 0, −∞ at 0
    }

    @Test void relu() { check("relu", ScalarElementwise::relu, VectorElementwise::relu, -5f, 5f, 0); }

    @Test void softThreshold() {
        for (float alpha : new float[] {0f, 0.25f, -0.5f, 3f}) {
            check("softThreshold " + alpha, (n, x, xo, o, oo) -> ScalarElementwise.softThreshold(n, alpha, x, xo, o, oo),
                    (n, x, xo, o, oo) -> VectorElementwise.softThreshold(n, alpha, x, xo, o, oo), -5f, 5f, 0);
        }
    }

    @Test void shrink() {
        for (float lambda : new float[] {0f, 0.25f, 2f}) {
            check("shrink " + lambda, (n, x, xo, o, oo) -> ScalarElementwise.shrink(n, lambda, x, xo, o, oo),
                    (n, x, xo, o, oo) -> VectorElementwise.shrink(n, lambda, x, xo, o, oo), -5f, 5f, 0);
        }
    }

    @Test void clampsKeepNanAndSign() {
        float[] x = new float[37]; // 16 + 16 + tail: the same value lands in full vectors and in the masked tail
        float[] pattern = {Float.NaN, -0f, 0f, -3f, 3f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        for (int i = 0; i < x.length; i++) x[i] = pattern[i % 7];
        float[] y = new float[x.length];
        VectorElementwise.relu(x.length, x, 0, y, 0);
        for (int i = 0; i < x.length; i++) {
            float v = x[i], want = v > 0f ? v : (v == v ? 0f : v);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(y[i]), "relu bits at " + i);
        }
        VectorElementwise.relu(x.length, x, 0, y, 0);
        assertTrue(Float.isNaN(y[0]));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(y[1]), "relu(-0) is +0 as the reference");
        assertEquals(3f, y[4]); assertEquals(0f, y[3]); assertEquals(0f, y[5]); assertEquals(Float.POSITIVE_INFINITY, y[6]);
        VectorElementwise.softThreshold(x.length, 1f, x, 0, y, 0);
        assertTrue(Float.isNaN(y[0])); assertEquals(2f, y[4]); assertEquals(0f, y[3]);
        VectorElementwise.shrink(x.length, 1f, x, 0, y, 0);
        assertTrue(Float.isNaN(y[0])); assertEquals(-2f, y[3]); assertEquals(2f, y[4]);
        assertEquals(Float.NEGATIVE_INFINITY, y[5]); assertEquals(Float.POSITIVE_INFINITY, y[6]);
    }

    // ---- row kernels ----

    static final int[] ROW_SIZES = {0, 1, 3, 15, 16, 17, 31, 100, 500, 784, 1000, 1031};

    @Test void softmaxRows() {
        for (int n : ROW_SIZES) {
            int m = 5, aOff = 7, lda = n + 3, oOff = 2, ldo = n + 5;
            float[] a = randoms(aOff + m * lda + 4, n, -20f, 20f);
            specialRows(a, aOff, lda, n);
            float[] e = new float[oOff + m * ldo + 6];
            Arrays.fill(e, 55f);
            float[] g = e.clone();
            ScalarElementwise.softmaxRows(m, n, a, aOff, lda, e, oOff, ldo);
            VectorElementwise.softmaxRows(m, n, a, aOff, lda, g, oOff, ldo);
            for (int i = 0; i < e.length; i++) {
                float tol = 8 * Math.ulp(1f) * (1 + (float) Math.sqrt(n)); // exp ≤1 ulp each, plus sum rounding
                if (Float.isNaN(e[i]) || Float.isNaN(g[i])) assertEquals(Float.isNaN(e[i]), Float.isNaN(g[i]), "softmax NaN n=" + n + " i=" + i);
                else assertEquals(e[i], g[i], tol * Math.max(e[i], Float.MIN_NORMAL) + 1e-30f, "softmax n=" + n + " i=" + i);
            }
            if (n > 0) {
                double sum = 0; // row 0 is ordinary: sums to 1
                for (int j = 0; j < n; j++) sum += g[oOff + j];
                assertEquals(1.0, sum, 1e-5, "softmax row sum n=" + n);
            }
        }
    }

    @Test void softmaxOfHugeInputsStaysFinite() {
        float[] a = {1e30f, 1e30f, -1e30f, Float.MAX_VALUE / 2, 3e38f, 3.4e38f, 1000f, 1001f, 999f};
        float[] o = new float[a.length];
        VectorElementwise.softmaxRows(3, 3, a, 0, 3, o, 0, 3);
        for (int r = 0; r < 3; r++) {
            double s = 0;
            for (int j = 0; j < 3; j++) { assertTrue(Float.isFinite(o[r * 3 + j]), "finite " + r + "," + j); s += o[r * 3 + j]; }
            assertEquals(1.0, s, 1e-6);
        }
        assertEquals(0.5f, o[0], 1e-6f);
    }

    @Test void logSumExpRows() {
        for (int n : ROW_SIZES) {
            int m = 5, aOff = 4, lda = n + 2, outOff = 3;
            float[] a = randoms(aOff + m * lda + 4, 100 + n, -50f, 50f);
            specialRows(a, aOff, lda, n);
            float[] e = new float[outOff + m + 4];
            Arrays.fill(e, 9f);
            float[] g = e.clone();
            ScalarElementwise.logSumExpRows(m, n, a, aOff, lda, e, outOff);
            VectorElementwise.logSumExpRows(m, n, a, aOff, lda, g, outOff);
            for (int i = 0; i < e.length; i++) {
                if (Float.isNaN(e[i]) || Float.isInfinite(e[i]) || Float.isNaN(g[i]) || Float.isInfinite(g[i])) {
                    assertEquals(e[i], g[i], "lse special n=" + n + " i=" + i);
                } else {
                    // |Δ| ≤ ulp(max) + (relative error of the sum ≈ 4·eps·(1+√n)) as an absolute error of its log
                    float tol = 2 * Math.ulp(Math.abs(e[i])) + 4 * Math.ulp(1f) * (1 + (float) Math.sqrt(n));
                    assertEquals(e[i], g[i], tol, "lse n=" + n + " i=" + i);
                }
            }
        }
    }

    @Test void logSumExpSpecials() {
        float ninf = Float.NEGATIVE_INFINITY;
        float[] a = {ninf, ninf, ninf, 1e38f, 3e38f, 3.4e38f, 1f, Float.POSITIVE_INFINITY, 0f, 2f, Float.NaN, 0f, -1e38f, -3e38f, -3.4e38f};
        float[] o = new float[5];
        VectorElementwise.logSumExpRows(5, 3, a, 0, 3, o, 0);
        assertEquals(ninf, o[0], "row of −∞");
        assertTrue(Float.isFinite(o[1]) && o[1] >= 3.4e38f, "huge row stays finite: " + o[1]);
        assertEquals(Float.POSITIVE_INFINITY, o[2]);
        assertTrue(Float.isNaN(o[3]));
        assertEquals(-1e38f, o[4], Math.ulp(1e38f));
        float[] empty = {42f};
        VectorElementwise.logSumExpRows(1, 0, new float[0], 0, 0, empty, 0);
        assertEquals(ninf, empty[0], "empty row");
    }

    /** Row 0 ordinary; row 1 all −∞; row 2 has a NaN; row 3 has +∞; row 4 mixes −∞ into ordinary values. */
    static void specialRows(float[] a, int aOff, int lda, int n) {
        if (n == 0) return;
        for (int j = 0; j < n; j++) a[aOff + lda + j] = Float.NEGATIVE_INFINITY;
        a[aOff + 2 * lda + n / 2] = Float.NaN;
        a[aOff + 3 * lda + n - 1] = Float.POSITIVE_INFINITY;
        for (int j = 0; j < n; j += 3) a[aOff + 4 * lda + j] = Float.NEGATIVE_INFINITY;
    }
}
