package io.latentj.simd.blas;

import io.latentj.bindings.OpenBlas;
import io.latentj.simd.scalar.ScalarBlas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** NativeBlas on the library this JVM loaded, against ScalarBlas. */
class NativeBlasTest {
    @BeforeAll
    static void needsBlas() {
        assumeTrue(OpenBlas.isAvailable(), () -> OpenBlas.unavailableReason().orElse(""));
    }

    @Test
    void randomShapesAgreeWithScalar() {
        int cases = NativeBlasChecks.randomAll(new Random(20240611), 40);
        assertTrue(cases > 300);
    }

    @Test
    void everyTransposeCaseOnBothPaths() {
        Random r = new Random(5);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                NativeBlasChecks.gemmCase(r, 17, 31, 16, ta, tb);  // critical path
                NativeBlasChecks.gemmCase(r, 1, 1, 1, ta, tb);
            }
            NativeBlasChecks.gemvCase(r, 15, 784, ta);
            NativeBlasChecks.syrkCase(r, 31, 17, ta);
        }
        NativeBlasChecks.largeGemmsUseTheNativePath();
        assertTrue(2.0 * 257 * 250 * 520 >= NativeBlas.NATIVE_FLOPS && 410.0 * 410 * 400 >= NativeBlas.NATIVE_FLOPS);
    }

    @Test
    void chunkedLevel2AndLevel1() {
        Random r = new Random(11);
        // more than CHUNK elements: several critical pieces
        int rows = NativeBlas.CHUNK / 784 + 37;
        NativeBlasChecks.gemvCase(r, rows, 784, false);
        NativeBlasChecks.gemvCase(r, rows, 784, true);
        NativeBlasChecks.gerCase(r, rows, 784);
        NativeBlasChecks.sumsCase(r, rows, 784);
        NativeBlasChecks.level1Case(r, NativeBlas.CHUNK * 2 + 17);
    }

    @Test
    void gemvThroughAKeptSegmentSeesTheArrayAsItIsNow() {
        // one piece: x and y go through the thread's native vectors and A through the segment its caller keeps (no
        // allocation: checked in the test module's SingleSampleBlasAllocationTest)
        Random r = new Random(5);
        int m = 1600, n = 784;
        float[] a = new float[m * n], x = new float[n + 3];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        java.lang.foreign.MemorySegment kept = java.lang.foreign.MemorySegment.ofArray(a);
        float[] y0 = new float[m], y1 = new float[m], y2 = new float[m + 2];
        NativeBlas.gemv(false, m, n, 1f, a, kept, 0, n, x, 3, 0f, y0, 0);
        for (int i = 0; i < n; i++) a[i] += 1f; // row 0 changes in place
        NativeBlas.gemv(false, m, n, 1f, a, kept, 0, n, x, 3, 0f, y1, 0);
        NativeBlas.gemv(false, m, n, 1f, a, null, 0, n, x, 3, 0f, y2, 2);
        double sumX = 0;
        for (int j = 0; j < n; j++) sumX += x[3 + j];
        assertEquals(y0[0] + sumX, y1[0], 1e-3, "row 0 after the in-place change");
        assertEquals(y0[1], y1[1], "other rows unchanged");
        assertArrayEquals(y1, java.util.Arrays.copyOfRange(y2, 2, m + 2), "kept segment and a fresh one agree");
        assertThrows(IllegalArgumentException.class, () -> NativeBlas.gemv(false, m, n, 1f, a, java.lang.foreign.MemorySegment.ofArray(new float[7]),
                0, n, x, 3, 0f, y1, 0), "a segment of another size is refused");
    }

    @Test
    void emptyShapes() {
        float[] c = {5f, 6f};
        NativeBlas.gemm(false, false, 1, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertEquals(2.5f, c[0]);
        assertEquals(3f, c[1]);
        NativeBlas.gemm(false, false, 0, 2, 3, 1f, new float[0], 0, 3, new float[6], 0, 2, 0f, c, 0, 2);
        assertEquals(2.5f, c[0]);
        float[] y = {Float.NaN, 2f};
        NativeBlas.gemv(false, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 0f, y, 0);
        assertEquals(0f, y[0]);
        assertEquals(0f, NativeBlas.dot(0, new float[0], 0, new float[0], 0));
        assertEquals(0f, NativeBlas.nrm2(0, new float[0], 0));
    }

    private static int kind(float v) {
        return Float.isNaN(v) ? 0 : v == Float.POSITIVE_INFINITY ? 1 : v == Float.NEGATIVE_INFINITY ? 2 : 3;
    }

    private static void sameKinds(String what, float[] e, float[] g) {
        for (int i = 0; i < e.length; i++) {
            assertEquals(kind(e[i]), kind(g[i]), what + " element " + i + ": expected " + e[i] + " got " + g[i]);
        }
    }

    @Test
    void nanAndInfinityPropagateLikeIeee() {
        Random r = new Random(3);
        for (int rep = 0; rep < 50; rep++) {
            int m = 1 + r.nextInt(20), n = 1 + r.nextInt(20), k = 1 + r.nextInt(20);
            float[] a = NativeBlasChecks.randomArray(r, m * k), b = NativeBlasChecks.randomArray(r, k * n);
            float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f};
            for (int s = 0; s < 3; s++) {
                a[r.nextInt(a.length)] = specials[r.nextInt(4)];
                b[r.nextInt(b.length)] = specials[r.nextInt(4)];
            }
            float[] e = new float[m * n], g = new float[m * n];
            ScalarBlas.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, e, 0, n);
            NativeBlas.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, g, 0, n);
            sameKinds("gemm", e, g);
            float[] ye = new float[m], yg = new float[m];
            ScalarBlas.gemv(false, m, k, 1f, a, 0, k, b, 0, 0f, ye, 0);
            NativeBlas.gemv(false, m, k, 1f, a, 0, k, b, 0, 0f, yg, 0);
            sameKinds("gemv", ye, yg);
            assertEquals(kind(ScalarBlas.dot(k, a, 0, b, 0)), kind(NativeBlas.dot(k, a, 0, b, 0)), "dot");
            assertEquals(kind(ScalarBlas.nrm2(a.length, a, 0)), kind(NativeBlas.nrm2(a.length, a, 0)), "nrm2");
            float[] se = a.clone(), sg = a.clone();
            ScalarBlas.scal(se.length, 0f, se, 0);
            NativeBlas.scal(sg.length, 0f, sg, 0);
            sameKinds("scal by 0", se, sg);
        }
        // beta == 0: NaN already in C is overwritten, not propagated; alpha == 0: NaN in A is not read
        float[] c = {Float.NaN, Float.NaN};
        NativeBlas.gemm(false, false, 1, 2, 1, 1f, new float[] {2f}, 0, 1, new float[] {1f, 3f}, 0, 2, 0f, c, 0, 2);
        assertEquals(2f, c[0]);
        assertEquals(6f, c[1]);
        float[] c2 = {1f, 2f};
        NativeBlas.gemm(false, false, 1, 2, 1, 0f, new float[] {Float.NaN}, 0, 1, new float[] {1f, 3f}, 0, 2, 2f, c2, 0, 2);
        assertEquals(2f, c2[0]);
        assertEquals(4f, c2[1]);
    }

    @Test
    void unavailableOrInvalidNeverReachesNativeCode() {
        // validation happens before any downcall, whatever the library state
        float[] small = new float[4];
        try {
            NativeBlas.gemm(false, false, 3, 3, 3, 1f, small, 0, 3, small, 0, 3, 0f, small, 0, 3);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("gemm") && e.getMessage().contains("3x3"), e.getMessage());
            return;
        }
        throw new AssertionError("expected IllegalArgumentException");
    }
}
