package io.latentj.test;

import io.latentj.models.sparse.KMeansConfig;
import io.latentj.models.sparse.KMeansDictionary;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A soft-threshold encoder over a dictionary of megabytes (1,600 atoms × 784 features) with two threads configured,
 * where auto sends the single-row GEMV to OpenBLAS's threads: the codes agree with the one-thread SIMD codes and
 * the batch, and {@code transformInto} still allocates nothing.
 */
class LargeDictionaryEncodingTest {
    @Test
    void largeSoftThresholdEncoderOnTwoThreadsKeepsItsCodesAndAllocatesNothing() {
        SplittableRandom r = new SplittableRandom(21);
        int k = 1600, d = 784;
        FMatrix c = FMatrix.zeros(k, d), x = FMatrix.zeros(40, d);
        for (int i = 0; i < k; i++) for (int j = 0; j < d; j++) c.set(i, j, (float) (r.nextGaussian() / Math.sqrt(d)));
        for (int i = 0; i < 40; i++) for (int j = 0; j < d; j++) x.set(i, j, (float) r.nextGaussian());
        KMeansDictionary simd = KMeansDictionary.of(c, KMeansConfig.builder(k).normalize(false, 10).whiten(false, 0.1).alpha(0.25)
                .path(Path.SIMD).build());
        KMeansDictionary auto = KMeansDictionary.of(c, KMeansConfig.builder(k).normalize(false, 10).whiten(false, 0.1).alpha(0.25)
                .path(Path.AUTO).build());
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            float[][] ref = new float[40][k];
            for (int i = 0; i < 40; i++) simd.transformInto(x.data(), x.rowOffset(i), ref[i], 0);
            Parallelism.setThreads(2);
            if (Path.BLAS.isAvailable()) {
                assertEquals(Path.BLAS, io.latentj.simd.AutoPolicy.choose(io.latentj.simd.AutoPolicy.Op.GEMV, (long) k * d),
                        "two threads: the single-row GEMV over 5 MB goes to OpenBLAS's threads");
            }
            FMatrix batch = auto.transform(x);
            float[] out = new float[k];
            for (int i = 0; i < 40; i++) {
                auto.transformInto(x.data(), x.rowOffset(i), out, 0);
                for (int j = 0; j < k; j++) assertEquals(ref[i][j], out[j], 1e-4f * Math.max(1f, Math.abs(out[j])), "row " + i + " vs one-thread SIMD");
                for (int j = 0; j < k; j++) assertEquals(batch.get(i, j), out[j], 1e-4f * Math.max(1f, Math.abs(out[j])), "batch row " + i);
            }
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 30_000; i++) auto.transformInto(x.data(), x.rowOffset(i % 40), out, 0);
            long least = Long.MAX_VALUE; // the least of a few rounds: the JIT may still be compiling in the first
            for (int round = 0; round < 5 && least > 0; round++) {
                long a0 = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 5_000; i++) auto.transformInto(x.data(), x.rowOffset(i % 40), out, 0);
                least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - a0);
            }
            assertEquals(0L, least, "bytes allocated by 5,000 two-thread transformInto calls");
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
