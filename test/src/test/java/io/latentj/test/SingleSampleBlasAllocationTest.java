package io.latentj.test;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A single-sample GEMV on the BLAS path (what auto picks for a dictionary of megabytes) allocates nothing, with input
 * and output at non-zero offsets, both transposes: the vectors pass through the thread's native buffers and the
 * matrix through its cached whole-array segment instead of heap slices.
 */
class SingleSampleBlasAllocationTest {
    @Test
    void gemvOnTheBlasPathAllocatesNothing() {
        Assumptions.assumeTrue(Path.BLAS.isAvailable(), "OpenBLAS is not loaded");
        SplittableRandom r = new SplittableRandom(5);
        int m = 1600, n = 784;
        FMatrix a = FMatrix.zeros(m, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a.set(i, j, (float) r.nextGaussian());
        float[] x = new float[n + 3], y = new float[m + 5], back = new float[n + 1];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) call(a, x, y, back, i);
        long least = Long.MAX_VALUE; // the least of a few rounds: the JIT may still be compiling in the first
        for (int round = 0; round < 5 && least > 0; round++) {
            long a0 = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 2_000; i++) call(a, x, y, back, i);
            least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - a0);
        }
        assertEquals(0L, least, "bytes allocated by 2,000 BLAS-path GEMVs");
    }

    private static void call(FMatrix a, float[] x, float[] y, float[] back, int i) {
        if ((i & 1) == 0) Linalg.gemv(Path.BLAS, Trans.N, 1f, a, x, 3, 0f, y, 5);
        else Linalg.gemv(Path.BLAS, Trans.T, 1f / a.rows(), a, y, 5, 0.5f, back, 1);
    }
}
