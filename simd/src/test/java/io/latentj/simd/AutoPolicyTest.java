package io.latentj.simd;

import io.latentj.simd.AutoPolicy.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AutoPolicyTest {
    private final int threadsBefore = Parallelism.threads();

    /** The built-in policy for this JVM's vector width (a per-user file on the machine running the tests must not count). */
    @BeforeEach
    @AfterEach
    void builtIn() {
        Parallelism.setThreads(threadsBefore);
        AutoPolicy.reset(AutoPolicy.BUILT_IN, null, AutoPolicy.Machine.current(), message -> fail("unexpected warning: " + message));
    }

    @Test
    void tinyWorkNeverPaysADowncall() {
        // An 8x8 GEMV costs a few ns in Java and ~60-90 ns through FFM: auto must not send it to OpenBLAS.
        for (int threads : new int[] {1, 2}) {
            Parallelism.setThreads(threads);
            // (a tiny GEMM may go to OpenBLAS: its small-matrix path measured faster than the packed SIMD GEMM's set-up)
            assertNotEquals(Path.BLAS, AutoPolicy.choose(Op.GEMV, 64));
            assertNotEquals(Path.BLAS, AutoPolicy.choose(Op.GEMV_T, 64));
            assertNotEquals(Path.BLAS, AutoPolicy.choose(Op.DOT, 8));
        }
        // the shipped policy keeps a small model's single-sample GEMV on the caller's thread with two threads
        // configured (no pool wake-up per request); only a matrix of a megabyte or more uses OpenBLAS's threads
        Parallelism.setThreads(2);
        assertNotEquals(Path.BLAS, AutoPolicy.choose(Op.GEMV, 100 * 784));
        assertNotEquals(Path.BLAS, AutoPolicy.choose(Op.GEMV_T, 100 * 784));
        if (Path.BLAS.isAvailable()) assertEquals(Path.BLAS, AutoPolicy.choose(Op.GEMV, 1600 * 784));
    }

    @Test
    void thresholdsSplitTheWorkAndLevelOneWorkStaysOnTheCallersThread() {
        AutoPolicy.load("gemm.threads1=1000\ngemm.threads2=500\ngemv.threads1=200\ngemv.threads2=300000\ndot.threads1=50\ndot.threads2=1\n", "test");
        Parallelism.setThreads(1);
        assertEquals(1000, AutoPolicy.threshold(Op.GEMM));
        assertEquals(200, AutoPolicy.threshold(Op.GEMV));
        assertEquals(Long.MAX_VALUE, AutoPolicy.threshold(Op.AXPY), "a missing key means never");
        if (Path.BLAS.isAvailable()) {
            assertEquals(Path.BLAS, AutoPolicy.choose(Op.GEMM, 1000));
            assertEquals(Path.BLAS, AutoPolicy.choose(Op.GEMV, 200));
        }
        assertNotEquals(Path.BLAS, AutoPolicy.choose(Op.GEMM, 999));
        Parallelism.setThreads(2);
        assertEquals(500, AutoPolicy.threshold(Op.GEMM));
        assertEquals(300000, AutoPolicy.threshold(Op.GEMV), "a GEMV over megabytes may use OpenBLAS's threads");
        assertNotEquals(Path.BLAS, AutoPolicy.choose(Op.GEMV, 299999));
        if (Path.BLAS.isAvailable()) assertEquals(Path.BLAS, AutoPolicy.choose(Op.GEMV, 300000));
        assertEquals(Long.MAX_VALUE, AutoPolicy.threshold(Op.GEMV_T), "a missing key means never");
        assertEquals(Long.MAX_VALUE, AutoPolicy.threshold(Op.DOT), "level-1 work never wakes OpenBLAS's pool, whatever its key says");
        assertNotEquals(Path.BLAS, AutoPolicy.choose(Op.DOT, Long.MAX_VALUE - 1));
    }

    @Test
    void badPolicyFilesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoPolicy.load("gemm.threads1=lots\n", "bad.properties"));
        assertTrue(e.getMessage().contains("bad.properties") && e.getMessage().contains("gemm.threads1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AutoPolicy.load("gemv.threads1=-5\n", "neg"));
    }

    @Test
    void explicitPathsResolveAsAsked() {
        assertEquals(Path.SCALAR, AutoPolicy.resolve(Path.SCALAR, Op.GEMM, 1L << 40));
        assertEquals(Capabilities.vectorApi() ? Path.SIMD : Path.SCALAR, AutoPolicy.resolve(Path.SIMD, Op.GEMM, 1));
        if (Path.BLAS.isAvailable()) {
            assertEquals(Path.BLAS, AutoPolicy.resolve(Path.BLAS, Op.DOT, 1));
        } else {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> AutoPolicy.resolve(Path.BLAS, Op.DOT, 1));
            assertTrue(e.getMessage().contains("OpenBLAS"));
        }
    }
}
