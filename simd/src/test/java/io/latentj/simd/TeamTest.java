package io.latentj.simd;

import io.latentj.bindings.OpenBlas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Team: every part runs once per section on its own thread, results are visible after run, failures surface. */
class TeamTest {
    private final int threadsBefore = Parallelism.threads();

    @AfterEach
    void restore() {
        Parallelism.setThreads(threadsBefore);
    }

    @Test
    void everyPartRunsOnceOnItsOwnThreadAndTheCallerTakesPartZero() {
        for (int size : new int[] {1, 2, 3}) {
            try (Team team = Team.of(size)) {
                assertEquals(size, team.size());
                for (int section = 0; section < 50; section++) {
                    AtomicInteger[] calls = new AtomicInteger[size];
                    for (int i = 0; i < size; i++) calls[i] = new AtomicInteger();
                    ConcurrentHashMap<Integer, Thread> threads = new ConcurrentHashMap<>();
                    team.run(p -> {
                        calls[p].incrementAndGet();
                        threads.put(p, Thread.currentThread());
                    });
                    for (int i = 0; i < size; i++) assertEquals(1, calls[i].get(), "part " + i + " of " + size);
                    assertSame(Thread.currentThread(), threads.get(0));
                    assertEquals(size, threads.values().stream().distinct().count());
                }
            }
        }
    }

    @Test
    void manySectionsSeeEachOthersWrites() {
        // each section reads what the previous section wrote on other threads (run is a barrier both ways)
        int parts = 2, n = 1000, sections = 5000;
        long[] cells = new long[n];
        try (Team team = Team.of(parts)) {
            for (int s = 0; s < sections; s++) {
                int shift = s % parts;
                team.run(p -> {
                    int q = (p + shift) % parts; // who owns which half changes every section
                    for (int i = q * n / parts; i < (q + 1) * n / parts; i++) cells[i] += i;
                });
            }
        }
        for (int i = 0; i < n; i++) assertEquals((long) i * sections, cells[i]);
    }

    @Test
    void insideAPartOperationsAreSerialAndOpenBlasRunsOneThreadWhileATeamIsOpen() {
        Parallelism.setThreads(2);
        int[] seen = new int[2];
        try (Team team = Team.of(2)) {
            assertEquals(2, Parallelism.threads(), "outside a section the setting holds");
            team.run(p -> seen[p] = Parallelism.threads());
            assertArrayEquals(new int[] {1, 1}, seen);
            if (Capabilities.blas()) assertEquals(1, OpenBlas.threads());
            // a product computed inside a part agrees with the same product outside
            Random r = new Random(3);
            FMatrix a = FMatrix.zeros(37, 53), b = FMatrix.zeros(53, 29);
            for (float[] d : new float[][] {a.data(), b.data()}) for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
            FMatrix c0 = FMatrix.zeros(37, 29), c1 = FMatrix.zeros(37, 29), ref = FMatrix.zeros(37, 29);
            Linalg.gemm(Path.SCALAR, Trans.N, Trans.N, 1f, a, b, 0f, ref);
            team.run(p -> Linalg.gemm(Path.AUTO, Trans.N, Trans.N, 1f, a, b, 0f, p == 0 ? c0 : c1));
            for (int i = 0; i < ref.data().length; i++) {
                assertEquals(ref.data()[i], c0.data()[i], 1e-4f);
                assertEquals(ref.data()[i], c1.data()[i], 1e-4f);
            }
        }
        if (Capabilities.blas()) assertEquals(2, OpenBlas.threads(), "closing the last team restores OpenBLAS's threads");
        try (Team outer = Team.of(2)) {
            try (Team inner = Team.of(2)) {
                if (Capabilities.blas()) assertEquals(1, OpenBlas.threads());
            }
            if (Capabilities.blas()) assertEquals(1, OpenBlas.threads(), "still one team open");
            Parallelism.setThreads(3);
            if (Capabilities.blas()) assertEquals(1, OpenBlas.threads(), "a new setting waits for the teams to close");
        }
        assertEquals(3, Parallelism.threads());
        if (Capabilities.blas()) assertEquals(3, OpenBlas.threads());
    }

    @Test
    void aSerialSectionRunsOnOneThreadAndRestoresTheSetting() {
        Parallelism.setThreads(2);
        int[] inside = Team.serial(() -> new int[] {Parallelism.threads(), Capabilities.blas() ? OpenBlas.threads() : 1});
        assertArrayEquals(new int[] {1, 1}, inside, "one thread for the Java kernels and for OpenBLAS inside");
        assertEquals(2, Parallelism.threads(), "the setting holds again after it");
        if (Capabilities.blas()) assertEquals(2, OpenBlas.threads(), "OpenBLAS's threads restored");
        assertThrows(IllegalStateException.class, () -> Team.serial(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(2, Parallelism.threads(), "restored after a failure too");
        if (Capabilities.blas()) assertEquals(2, OpenBlas.threads());
        try (Team team = Team.of(2)) { // inside a part it just runs the body
            int[] seen = new int[2];
            team.run(q -> seen[q] = Team.serial(Parallelism::threads));
            assertArrayEquals(new int[] {1, 1}, seen);
        }
        assertThrows(IllegalArgumentException.class, () -> Team.serial(null));
    }

    @Test
    void aFailingPartIsRethrownAfterAllPartsFinishAndTheTeamGoesOn() {
        try (Team team = Team.of(2)) {
            AtomicInteger finished = new AtomicInteger();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> team.run(p -> {
                if (p == 1) throw new IllegalArgumentException("part one failed");
                finished.incrementAndGet();
            }));
            assertEquals("part one failed", e.getMessage());
            assertEquals(1, finished.get());
            assertThrows(ArithmeticException.class, () -> team.run(p -> {
                if (p == 0) throw new ArithmeticException("caller's part failed");
            }));
            int[] ok = new int[2];
            team.run(p -> ok[p] = 1);
            assertArrayEquals(new int[] {1, 1}, ok);
        }
    }

    @Test
    void misuseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Team.of(0));
        Team team = Team.of(2);
        assertThrows(IllegalArgumentException.class, () -> team.run(null));
        IllegalStateException nested = assertThrows(IllegalStateException.class, () -> team.run(p -> {
            if (p == 0) team.run(q -> { });
        }));
        assertTrue(nested.getMessage().contains("reentrant"), nested.getMessage());
        team.close();
        team.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> team.run(p -> { }));
    }
}
