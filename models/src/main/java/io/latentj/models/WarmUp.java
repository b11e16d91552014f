package io.latentj.models;

import java.lang.management.ManagementFactory;

/**
 * Runs an inference call until the JIT has finished with it. Vector API code is ~100× slower before C2 compiles it,
 * and C2's first compilation of an inference path can still box vectors (allocating on every call) until a later
 * recompilation with a fuller profile; measured here that took 60–90 thousand calls. So warming up runs batches of
 * calls until a batch allocates nothing three times in a row on the calling thread (up to a time limit). Where the JVM
 * cannot report per-thread allocation, it runs a fixed 200,000 calls or 5 seconds, whichever comes first.
 */
public final class WarmUp {
    private static final int BATCH = 5_000;

    private WarmUp() {}

    /** Calls {@code call} until its allocation per batch has been zero three times in a row, or {@code maxSeconds} pass. */
    public static void untilSteady(Runnable call, double maxSeconds) {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        com.sun.management.ThreadMXBean bean = allocationBean();
        if (bean == null) {
            for (int i = 0; i < 200_000 && System.nanoTime() < deadline; i++) call.run();
            return;
        }
        long tid = Thread.currentThread().threadId();
        int clean = 0;
        while (clean < 3 && System.nanoTime() < deadline) {
            long before = bean.getThreadAllocatedBytes(tid);
            for (int i = 0; i < BATCH; i++) call.run();
            clean = bean.getThreadAllocatedBytes(tid) == before ? clean + 1 : 0;
        }
    }

    private static com.sun.management.ThreadMXBean allocationBean() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b && b.isThreadAllocatedMemorySupported()) {
                if (!b.isThreadAllocatedMemoryEnabled()) b.setThreadAllocatedMemoryEnabled(true);
                return b;
            }
        } catch (RuntimeException | LinkageError e) {
            // no management support in this runtime: fall back to a fixed number of calls
        }
        return null;
    }
}
