package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** ScratchPool: one holder per object at a time, reuse instead of new objects (no allocation: ScratchPoolAllocationTest in the test module). */
class ScratchPoolTest {
    /** A scratch object that knows whether someone holds it. */
    private static final class Scratch {
        final AtomicInteger holders = new AtomicInteger();
        final float[] buffer = new float[32];
    }

    @Test
    void borrowedObjectsAreDistinctAndReleasedOnesAreReused() {
        AtomicInteger made = new AtomicInteger();
        ScratchPool<Scratch> pool = ScratchPool.of(() -> {
            made.incrementAndGet();
            return new Scratch();
        });
        Scratch a = pool.borrow(), b = pool.borrow();
        assertNotSame(a, b);
        assertEquals(2, made.get());
        pool.release(a);
        pool.release(b);
        assertEquals(2, pool.pooled());
        for (int i = 0; i < 100; i++) {
            Scratch c = pool.borrow();
            assertTrue(c == a || c == b);
            pool.release(c);
        }
        pool.release(null);
        assertEquals(2, made.get(), "nothing new while pooled objects are free");
        for (int i = 0; i < ScratchPool.SLOTS + 5; i++) pool.release(new Scratch()); // a full pool drops the surplus
        assertEquals(ScratchPool.SLOTS, pool.pooled());
    }

    @Test
    void sixteenThreadsNeverShareAnObject() throws Exception {
        AtomicInteger made = new AtomicInteger();
        ScratchPool<Scratch> pool = ScratchPool.of(() -> {
            made.incrementAndGet();
            return new Scratch();
        });
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int id = t + 1;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        Scratch s = pool.borrow();
                        if (s.holders.incrementAndGet() != 1) return "two holders at once";
                        java.util.Arrays.fill(s.buffer, id);
                        for (float v : s.buffer) if (v != id) return "another thread wrote into a borrowed buffer";
                        s.holders.decrementAndGet();
                        pool.release(s);
                    }
                    return null;
                }));
            }
            for (Future<String> f : results) assertNull(f.get());
        } finally {
            threads.shutdownNow();
        }
        assertTrue(made.get() <= 16, "at most one object per thread holding one at a time, made " + made.get());
    }
}
