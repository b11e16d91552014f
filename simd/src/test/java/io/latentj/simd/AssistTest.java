package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** {@link Assist}: every part runs exactly once, failures reach the caller; the assisted GEMV equals the unsplit one. */
class AssistTest {
    @Test
    void bothPartsRunExactlyOnceUnderConcurrentCallers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    int[] counts = new int[2];
                    Assist.Task task = part -> counts[part]++;
                    for (int i = 0; i < 20_000; i++) {
                        Assist.run(true, task);
                        if (counts[0] != i + 1 || counts[1] != i + 1) return "call " + i + ": parts ran " + counts[0] + " and " + counts[1] + " times";
                    }
                    return null;
                }));
            }
            for (Future<String> f : fs) assertNull(f.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFailureInEitherPartReachesTheCaller() {
        for (int failing = 0; failing < 2; failing++) {
            int f = failing;
            AtomicInteger ran = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Assist.run(true, part -> {
                ran.incrementAndGet();
                if (part == f) throw new IllegalStateException("part " + part);
            }));
            assertEquals("part " + failing, e.getMessage());
        }
        // the helper is still usable afterwards
        int[] counts = new int[2];
        Assist.run(true, part -> counts[part]++);
        assertArrayEquals(new int[] {1, 1}, counts);
    }

    @Test
    void assistedSoftThresholdIsBitIdenticalToTheUnsplitSimdPath() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        int before = Parallelism.threads();
        boolean wasEnabled = Assist.enabled();
        Assist.setEnabled(true);
        try {
            for (int[] shape : new int[][] {{1601, 197}, {403, 651}, {1600, 784}, {9, 29131}}) {
                int m = shape[0], n = shape[1];
                FMatrix d = TestData.matrix(rnd, m, n, true);
                float[] x = TestData.vector(rnd, n + 3, 1);
                Parallelism.setThreads(2);
                float[] ref = new float[m + 2], got = new float[m + 2];
                for (Path p : PathAgreementTest.fastPaths()) {
                    if (p == Path.BLAS) continue;
                    Fused.softThresholdAffine(Path.SIMD, Trans.N, d, x, 3, 0.1f, ref, 2);
                    for (int rep = 0; rep < 50; rep++) {
                        java.util.Arrays.fill(got, Float.NaN);
                        Fused.softThresholdAffineAssisted(p, d, x, 3, 0.1f, got, 2);
                        for (int i = 2; i < m + 2; i++) assertEquals(ref[i], got[i], p + " " + m + "×" + n + " row " + (i - 2));
                        assertTrue(Float.isNaN(got[0]) && Float.isNaN(got[1]), "wrote before yOff");
                    }
                }
                // one thread, the scalar and BLAS paths: the plain kernel
                Parallelism.setThreads(1);
                float[] plain = new float[m];
                Fused.softThresholdAffine(Path.AUTO, Trans.N, d, x, 3, 0.1f, plain, 0);
                Fused.softThresholdAffineAssisted(Path.AUTO, d, x, 3, 0.1f, got, 0);
                for (int i = 0; i < m; i++) assertEquals(plain[i], got[i]);
                Fused.softThresholdAffine(Path.SCALAR, Trans.N, d, x, 3, 0.1f, plain, 0);
                Fused.softThresholdAffineAssisted(Path.SCALAR, d, x, 3, 0.1f, got, 0);
                for (int i = 0; i < m; i++) assertEquals(plain[i], got[i]);
            }
            assertThrows(IllegalArgumentException.class, () -> Fused.softThresholdAffineAssisted(Path.AUTO, FMatrix.zeros(600, 600), new float[599], 0, 0.1f, new float[600], 0));
            assertThrows(IllegalArgumentException.class, () -> Fused.softThresholdAffineAssisted(Path.AUTO, FMatrix.zeros(600, 600), new float[600], 0, Float.NaN, new float[600], 0));
        } finally {
            Assist.setEnabled(wasEnabled);
            Parallelism.setThreads(before);
        }
    }
}
