package io.latentj.simd.blas;

import io.latentj.bindings.OpenBlas;
import io.latentj.simd.scalar.ScalarBlas;

import java.util.Random;

/**
 * NativeBlas against ScalarBlas on random valid shapes (every transpose case, offsets, ld &gt; cols, both the
 * critical and the native-copy paths). Run in-process by {@code NativeBlasTest} and, as a {@code main}, in a
 * child JVM on the bundled OpenBLAS.
 */
public final class NativeBlasChecks {
    static final int[] SIZES = {1, 3, 15, 16, 17, 31, 100, 500, 784};

    private NativeBlasChecks() {}

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
        int n = randomAll(new Random(seed), 60);
        largeGemmsUseTheNativePath();
        System.out.println("NATIVEBLAS-OK cases=" + n + " source=" + OpenBlas.source().orElse("?") + " config=" + OpenBlas.config());
    }

    static int pick(Random r) {
        return SIZES[r.nextInt(SIZES.length)];
    }

    static float[] randomArray(Random r, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) a[i] = (float) r.nextGaussian() * (r.nextInt(10) == 0 ? 100f : 1f);
        return a;
    }

    static float randomScalar(Random r, boolean allowZero) {
        return switch (r.nextInt(allowZero ? 6 : 4)) {
            case 0 -> 1f;
            case 1 -> -0.5f;
            case 2, 3 -> (float) r.nextGaussian();
            default -> 0f;
        };
    }

    /** Runs {@code rounds} rounds of every operation; returns the number of cases. */
    public static int randomAll(Random r, int rounds) {
        int cases = 0;
        for (int i = 0; i < rounds; i++) {
            cases += gemmCase(r, pick(r), pick(r), pick(r), r.nextBoolean(), r.nextBoolean());
            cases += gemvCase(r, pick(r), pick(r), r.nextBoolean());
            cases += gerCase(r, pick(r), pick(r));
            cases += syrkCase(r, pick(r), pick(r), r.nextBoolean());
            cases += level1Case(r, pick(r) * (1 + r.nextInt(3)));
            cases += sumsCase(r, pick(r), pick(r));
        }
        return cases;
    }

    /** Shapes large enough for the native-scratch path (above NATIVE_FLOPS), with offsets and ld &gt; cols. */
    public static void largeGemmsUseTheNativePath() {
        Random r = new Random(99);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) gemmCase(r, 257, 250, 520, ta, tb);
        }
        syrkCase(r, 410, 400, false);
        syrkCase(r, 405, 400, true);
    }

    private static int extra(Random r) {
        return r.nextInt(3) == 0 ? 0 : r.nextInt(9);
    }

    static int gemmCase(Random r, int m, int n, int k, boolean ta, boolean tb) {
        if ((long) m * n * k > 3e7 && r.nextInt(4) != 0) { // keep the scalar reference affordable
            m = Math.min(m, 100);
        }
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + extra(r), ldb = bCols + extra(r), ldc = n + extra(r);
        int aOff = r.nextInt(5), bOff = r.nextInt(5), cOff = r.nextInt(5);
        float[] a = randomArray(r, aOff + (aRows - 1) * lda + aCols + r.nextInt(3));
        float[] b = randomArray(r, bOff + (bRows - 1) * ldb + bCols + r.nextInt(3));
        float[] c = randomArray(r, cOff + (m - 1) * ldc + n + r.nextInt(3));
        float alpha = randomScalar(r, true), beta = randomScalar(r, true);
        if (beta == 0f) for (int i = 0; i < m; i++) c[cOff + i * ldc] = Float.NaN; // must be overwritten, not read
        float[] expected = c.clone();
        float[] actual = c.clone();
        ScalarBlas.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        NativeBlas.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, actual, cOff, ldc);
        double[] bound = new double[c.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += Math.abs((double) av * bv);
                }
                double cv = beta == 0f ? 0 : Math.abs((double) beta * c[cOff + i * ldc + j]);
                bound[cOff + i * ldc + j] = tolerance(k, Math.abs(alpha) * s + cv);
            }
        }
        compare("gemm ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k + " lda=" + lda + " ldb=" + ldb
                + " ldc=" + ldc + " alpha=" + alpha + " beta=" + beta, expected, actual, bound);
        return 1;
    }

    static int gemvCase(Random r, int m, int n, boolean trans) {
        int lda = n + extra(r), aOff = r.nextInt(5), xOff = r.nextInt(5), yOff = r.nextInt(5);
        int inLen = trans ? m : n, outLen = trans ? n : m;
        float[] a = randomArray(r, aOff + (m - 1) * lda + n);
        float[] x = randomArray(r, xOff + inLen + r.nextInt(3));
        float[] y = randomArray(r, yOff + outLen + r.nextInt(3));
        float alpha = randomScalar(r, true), beta = randomScalar(r, true);
        if (beta == 0f) y[yOff] = Float.NaN;
        float[] expected = y.clone(), actual = y.clone();
        ScalarBlas.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, expected, yOff);
        NativeBlas.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, actual, yOff);
        double[] bound = new double[y.length];
        for (int i = 0; i < outLen; i++) {
            double s = 0;
            for (int j = 0; j < inLen; j++) {
                float av = trans ? a[aOff + j * lda + i] : a[aOff + i * lda + j];
                s += Math.abs((double) av * x[xOff + j]);
            }
            bound[yOff + i] = tolerance(inLen, Math.abs(alpha) * s + (beta == 0f ? 0 : Math.abs((double) beta * y[yOff + i])));
        }
        compare("gemv trans=" + trans + " m=" + m + " n=" + n + " lda=" + lda, expected, actual, bound);
        return 1;
    }

    static int gerCase(Random r, int m, int n) {
        int lda = n + extra(r), aOff = r.nextInt(5), xOff = r.nextInt(5), yOff = r.nextInt(5);
        float[] a = randomArray(r, aOff + (m - 1) * lda + n + r.nextInt(3));
        float[] x = randomArray(r, xOff + m), y = randomArray(r, yOff + n);
        float alpha = randomScalar(r, true);
        float[] expected = a.clone(), actual = a.clone();
        ScalarBlas.ger(m, n, alpha, x, xOff, y, yOff, expected, aOff, lda);
        NativeBlas.ger(m, n, alpha, x, xOff, y, yOff, actual, aOff, lda);
        double[] bound = new double[a.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                bound[aOff + i * lda + j] = tolerance(1, Math.abs((double) alpha * x[xOff + i] * y[yOff + j]) + Math.abs(a[aOff + i * lda + j]));
            }
        }
        compare("ger m=" + m + " n=" + n + " lda=" + lda, expected, actual, bound);
        return 1;
    }

    static int syrkCase(Random r, int n, int k, boolean trans) {
        if ((long) n * n * k > 3e7) n = Math.min(n, 100);
        int aRows = trans ? k : n, aCols = trans ? n : k;
        int lda = aCols + extra(r), ldc = n + extra(r), aOff = r.nextInt(5), cOff = r.nextInt(5);
        float[] a = randomArray(r, aOff + (aRows - 1) * lda + aCols);
        float[] c = randomArray(r, cOff + (n - 1) * ldc + n + r.nextInt(3));
        // C symmetric on entry, as syrk's callers have it
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) c[cOff + j * ldc + i] = c[cOff + i * ldc + j];
        float alpha = randomScalar(r, true), beta = randomScalar(r, true);
        if (beta == 0f) c[cOff] = Float.NaN;
        float[] expected = c.clone(), actual = c.clone();
        ScalarBlas.syrk(trans, n, k, alpha, a, aOff, lda, beta, expected, cOff, ldc);
        NativeBlas.syrk(trans, n, k, alpha, a, aOff, lda, beta, actual, cOff, ldc);
        double[] bound = new double[c.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float ai = trans ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float aj = trans ? a[aOff + p * lda + j] : a[aOff + j * lda + p];
                    s += Math.abs((double) ai * aj);
                }
                bound[cOff + i * ldc + j] = tolerance(k, Math.abs(alpha) * s
                        + (beta == 0f ? 0 : Math.abs((double) beta * c[cOff + i * ldc + j])));
            }
        }
        compare("syrk trans=" + trans + " n=" + n + " k=" + k + " lda=" + lda + " ldc=" + ldc, expected, actual, bound);
        // both triangles written, exactly symmetric
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Float.compare(actual[cOff + i * ldc + j], actual[cOff + j * ldc + i]) != 0) {
                    throw new AssertionError("syrk result not symmetric at " + i + "," + j);
                }
            }
        }
        return 1;
    }

    static int level1Case(Random r, int n) {
        int xOff = r.nextInt(5), yOff = r.nextInt(5);
        float[] x = randomArray(r, xOff + n + r.nextInt(3)), y = randomArray(r, yOff + n + r.nextInt(3));
        float alpha = randomScalar(r, true);
        double sumAbs = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            sumAbs += Math.abs((double) x[xOff + i] * y[yOff + i]);
            sumSq += (double) x[xOff + i] * x[xOff + i];
        }
        closeTo("dot n=" + n, ScalarBlas.dot(n, x, xOff, y, yOff), NativeBlas.dot(n, x, xOff, y, yOff), tolerance(n, sumAbs));
        closeTo("nrm2 n=" + n, ScalarBlas.nrm2(n, x, xOff), NativeBlas.nrm2(n, x, xOff), tolerance(4, Math.sqrt(sumSq)));

        float[] e = y.clone(), g = y.clone();
        ScalarBlas.axpy(n, alpha, x, xOff, e, yOff);
        NativeBlas.axpy(n, alpha, x, xOff, g, yOff);
        double[] bound = new double[y.length];
        for (int i = 0; i < n; i++) bound[yOff + i] = tolerance(1, Math.abs((double) alpha * x[xOff + i]) + Math.abs(y[yOff + i]));
        compare("axpy n=" + n, e, g, bound);

        e = x.clone();
        g = x.clone();
        ScalarBlas.scal(n, alpha, e, xOff);
        NativeBlas.scal(n, alpha, g, xOff);
        bound = new double[x.length];
        for (int i = 0; i < n; i++) bound[xOff + i] = tolerance(1, Math.abs((double) alpha * x[xOff + i]));
        compare("scal n=" + n, e, g, bound);
        return 4;
    }

    static int sumsCase(Random r, int m, int n) {
        int lda = n + extra(r), aOff = r.nextInt(5), oOff = r.nextInt(5);
        float[] a = randomArray(r, aOff + (m - 1) * lda + n);
        float[] out = randomArray(r, oOff + Math.max(m, n) + 2);
        out[oOff] = Float.NaN; // overwritten, not read
        float[] e = out.clone(), g = out.clone();
        ScalarBlas.rowSums(m, n, a, aOff, lda, e, oOff);
        NativeBlas.rowSums(m, n, a, aOff, lda, g, oOff);
        double[] bound = new double[out.length];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += Math.abs(a[aOff + i * lda + j]);
            bound[oOff + i] = tolerance(n, s);
        }
        compare("rowSums m=" + m + " n=" + n, e, g, bound);
        e = out.clone();
        g = out.clone();
        ScalarBlas.colSums(m, n, a, aOff, lda, e, oOff);
        NativeBlas.colSums(m, n, a, aOff, lda, g, oOff);
        bound = new double[out.length];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) s += Math.abs(a[aOff + i * lda + j]);
            bound[oOff + j] = tolerance(m, s);
        }
        compare("colSums m=" + m + " n=" + n, e, g, bound);
        return 2;
    }

    /** Forward error bound of a float sum of {@code terms} products whose absolute values add to {@code magnitude}. */
    static double tolerance(int terms, double magnitude) {
        return 2.0 * Math.ulp(1f) * (terms + 2) * magnitude + Float.MIN_NORMAL;
    }

    /** Elements with bound 0 (outside the output view) must be bit-identical; the others within their bound. */
    static void compare(String what, float[] expected, float[] actual, double[] bound) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], g = actual[i];
            boolean ok = bound[i] == 0 ? Float.compare(e, g) == 0
                    : (Float.isNaN(e) && Float.isNaN(g)) || e == g || Math.abs((double) e - g) <= bound[i];
            if (!ok) {
                throw new AssertionError(what + ": element " + i + " expected " + e + " got " + g + " (bound " + bound[i] + ")");
            }
        }
    }

    static void closeTo(String what, float e, float g, double bound) {
        if (!((Float.isNaN(e) && Float.isNaN(g)) || e == g || Math.abs((double) e - g) <= bound)) {
            throw new AssertionError(what + ": expected " + e + " got " + g + " (bound " + bound + ")");
        }
    }
}
