package io.latentj.test;

import io.latentj.simd.ScratchPool;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.*;

/** ScratchPool allocates nothing once warm, and a new virtual thread gets the pooled object, not a new one. */
class ScratchPoolAllocationTest {
    @Test
    void borrowAndReleaseAllocateNothingOnAWarmThreadOrANewVirtualOne() throws Exception {
        ScratchPool<float[]> pool = ScratchPool.of(() -> new float[16]);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200_000; i++) pool.release(pool.borrow());
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5 && least > 0; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) pool.release(pool.borrow());
            least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, least, "bytes allocated by 10,000 borrow/release pairs");
        float[][] seen = new float[2][];
        Thread v = Thread.startVirtualThread(() -> {
            seen[0] = pool.borrow();
            pool.release(seen[0]);
        });
        v.join();
        seen[1] = pool.borrow();
        assertSame(seen[0], seen[1], "a new virtual thread gets the pooled object, not a new one");
    }
}
