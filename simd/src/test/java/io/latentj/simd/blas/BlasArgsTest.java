package io.latentj.simd.blas;

import io.latentj.bindings.OpenBlas;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random argument combinations, mostly invalid: every invalid one must throw IllegalArgumentException (and never
 * reach native code), every valid one must run. The oracle enumerates the indices each operand would touch,
 * independently of BlasArgs' arithmetic.
 */
class BlasArgsTest {
    private static final Random R = new Random(77);

    private static int small() {
        return R.nextInt(12) == 0 ? R.nextInt(3) - 3 : R.nextInt(7); // -3..-1 sometimes, else 0..6
    }

    private static int offset() {
        return R.nextInt(10) == 0 ? -1 - R.nextInt(5) : R.nextInt(6);
    }

    private static float[] array() {
        return R.nextInt(30) == 0 ? null : new float[R.nextInt(40)];
    }

    /** Oracle for one stored rows×cols operand. */
    private static boolean fits(float[] arr, int off, int rows, int cols, int ld) {
        if (arr == null || rows < 0 || cols < 0 || off < 0 || ld < Math.max(1, cols)) return false;
        if (off > arr.length) return false;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long idx = off + (long) i * ld + j;
                if (idx < 0 || idx >= arr.length) return false;
            }
        }
        return true;
    }

    private static boolean fitsVec(float[] arr, int off, int n) {
        return fits(arr, off, n < 0 ? -1 : 1, n, Math.max(1, n));
    }

    private static void expect(boolean valid, Runnable call, String what) {
        if (valid) {
            if (!OpenBlas.isAvailable()) return;
            call.run();
        } else {
            assertThrows(IllegalArgumentException.class, call::run, what);
        }
    }

    @Test
    void randomArgumentCombinations() {
        int invalid = 0;
        for (int iter = 0; iter < 6000; iter++) {
            int m = small(), n = small(), k = small();
            boolean ta = R.nextBoolean(), tb = R.nextBoolean();
            float[] a = array(), b = array(), c = array(), x = array(), y = array();
            int aOff = offset(), bOff = offset(), cOff = offset(), xOff = offset(), yOff = offset();
            int lda = small(), ldb = small(), ldc = small();
            String shape = "m=" + m + " n=" + n + " k=" + k + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;

            boolean ok = m >= 0 && n >= 0 && k >= 0 && fits(a, aOff, ta ? k : m, ta ? m : k, lda)
                    && fits(b, bOff, tb ? n : k, tb ? k : n, ldb) && fits(c, cOff, m, n, ldc);
            invalid += ok ? 0 : 1;
            expect(ok, () -> NativeBlas.gemm(ta, tb, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 0.5f, c, cOff, ldc), "gemm " + shape);

            ok = m >= 0 && n >= 0 && fits(a, aOff, m, n, lda) && fitsVec(x, xOff, ta ? m : n) && fitsVec(y, yOff, ta ? n : m);
            invalid += ok ? 0 : 1;
            expect(ok, () -> NativeBlas.gemv(ta, m, n, 1f, a, aOff, lda, x, xOff, 0.5f, y, yOff), "gemv " + shape);

            ok = m >= 0 && n >= 0 && fitsVec(x, xOff, m) && fitsVec(y, yOff, n) && fits(a, aOff, m, n, lda);
            invalid += ok ? 0 : 1;
            expect(ok, () -> NativeBlas.ger(m, n, 1f, x, xOff, y, yOff, a, aOff, lda), "ger " + shape);

            ok = n >= 0 && k >= 0 && fits(a, aOff, ta ? k : n, ta ? n : k, lda) && fits(c, cOff, n, n, ldc);
            invalid += ok ? 0 : 1;
            expect(ok, () -> NativeBlas.syrk(ta, n, k, 1f, a, aOff, lda, 0.5f, c, cOff, ldc), "syrk " + shape);

            int len = m * 3 + n - 2;
            ok = fitsVec(x, xOff, len) && fitsVec(y, yOff, len);
            invalid += ok ? 0 : 1;
            expect(ok, () -> NativeBlas.axpy(len, 2f, x, xOff, y, yOff), "axpy n=" + len);
            expect(ok, () -> NativeBlas.dot(len, x, xOff, y, yOff), "dot n=" + len);
            ok = fitsVec(x, xOff, len);
            expect(ok, () -> NativeBlas.scal(len, 2f, x, xOff), "scal n=" + len);
            expect(ok, () -> NativeBlas.nrm2(len, x, xOff), "nrm2 n=" + len);

            ok = m >= 0 && n >= 0 && fits(a, aOff, m, n, lda) && fitsVec(y, yOff, m);
            expect(ok, () -> NativeBlas.rowSums(m, n, a, aOff, lda, y, yOff), "rowSums " + shape);
            ok = m >= 0 && n >= 0 && fits(a, aOff, m, n, lda) && fitsVec(y, yOff, n);
            expect(ok, () -> NativeBlas.colSums(m, n, a, aOff, lda, y, yOff), "colSums " + shape);
        }
        assertTrue(invalid > 10000, "too few invalid combinations: " + invalid);
    }

    @Test
    void overflowingExtentsAreRejected() {
        float[] a = new float[16];
        int big = Integer.MAX_VALUE;
        assertThrows(IllegalArgumentException.class, () -> BlasArgs.matrix("op", "A", a, 1, big, 2, big));
        assertThrows(IllegalArgumentException.class, () -> BlasArgs.matrix("op", "A", a, big, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> BlasArgs.vector("op", "x", a, big, big));
        assertThrows(IllegalArgumentException.class,
                () -> NativeBlas.gemm(false, false, big, big, big, 1f, a, 0, big, a, 0, big, 0f, a, 0, big));
    }

    @Test
    void messagesNameTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeBlas.gemm(true, false, 4, 5, 6, 1f, new float[24], 0, 4, new float[30], 0, 5, 0f, new float[19], 0, 5));
        assertTrue(e.getMessage().contains("gemm") && e.getMessage().contains("C (m x n)") && e.getMessage().contains("4x5")
                && e.getMessage().contains("19"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BlasArgs.matrix("gemv", "A", new float[9], 0, 3, 3, 2));
        assertTrue(e.getMessage().contains("leading dimension 2"), e.getMessage());
    }
}
