package io.latentj.simd;

import io.latentj.simd.vector.VectorGemm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Coarse data parallelism: {@link #run} runs tasks 0 … n−1 (say, the shards of a minibatch) on up to
 * {@link Parallelism#threads()} threads, the caller's included, and waits for all of them. Inside a task every GEMM
 * of the SIMD path runs serially on the task's thread: the parallelism is the tasks'. The worker threads are daemons
 * made once and kept; a run allocates nothing, so it can be called once per minibatch.
 *
 * <p>One run at a time: concurrent callers queue, and a run started from inside a task runs its tasks on the
 * calling thread.
 */
public final class Workers {
    private Workers() {}

    /** NEXT when no run is open: far above any task count, and far from overflowing however many late claims. */
    private static final int EXHAUSTED = Integer.MAX_VALUE / 2;
    private static final Object RUN = new Object();
    private static final Object LOCK = new Object();
    private static final AtomicInteger NEXT = new AtomicInteger(EXHAUSTED);
    private static final AtomicInteger DONE = new AtomicInteger();
    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);
    private static Thread[] threads = new Thread[0];
    private static long generation;
    private static volatile IntConsumer body;
    private static volatile int tasks;
    private static Throwable failure;

    /**
     * Runs {@code task.accept(i)} for every i in [0, n) and returns when all have finished. The tasks must be
     * independent (they may run in any order and at once). The first exception a task throws is rethrown here
     * after every task has ended.
     */
    public static void run(int n, IntConsumer task) {
        Checks.notNull("task", task);
        if (n < 0) throw new IllegalArgumentException("task count must be non-negative, got " + n);
        if (n == 0) return;
        boolean[] inside = INSIDE.get();
        int want = Math.min(n, Parallelism.threads()) - 1;
        if (want <= 0 || inside[0]) {
            for (int i = 0; i < n; i++) task.accept(i);
            return;
        }
        synchronized (RUN) {
            ensureThreads(want);
            synchronized (LOCK) {
                body = task;
                tasks = n;
                failure = null;
                DONE.set(0);
                NEXT.set(0);
                generation++;
                LOCK.notifyAll();
            }
            inside[0] = true;
            boolean old = VectorGemm.markSerial(true);
            try {
                work();
            } finally {
                VectorGemm.markSerial(old);
                inside[0] = false;
            }
            boolean interrupted = false;
            Throwable f;
            synchronized (LOCK) {
                while (DONE.get() < n) {
                    try {
                        LOCK.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the tasks write into the caller's buffers: wait for them all the same
                    }
                }
                NEXT.set(EXHAUSTED);
                body = null;
                f = failure;
                failure = null;
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error er) throw er;
            if (f != null) throw new IllegalStateException("a parallel task failed", f);
        }
    }

    /** Claims and runs tasks until none is left. */
    private static void work() {
        int i;
        while ((i = NEXT.getAndIncrement()) < tasks) {
            try {
                body.accept(i);
            } catch (Throwable t) {
                synchronized (LOCK) {
                    if (failure == null) failure = t;
                }
            } finally {
                if (DONE.incrementAndGet() == tasks) {
                    synchronized (LOCK) {
                        LOCK.notifyAll();
                    }
                }
            }
        }
    }

    private static void ensureThreads(int count) {
        if (threads.length >= count) return;
        Thread[] grown = java.util.Arrays.copyOf(threads, count);
        for (int i = threads.length; i < count; i++) {
            long start = generation;
            Thread t = new Thread(() -> loop(start), "latentj-worker-" + i);
            t.setDaemon(true);
            t.start();
            grown[i] = t;
        }
        threads = grown;
    }

    private static void loop(long start) {
        INSIDE.get()[0] = true;
        VectorGemm.markSerial(true);
        long seen = start;
        while (true) {
            synchronized (LOCK) {
                while (generation == seen) {
                    try {
                        LOCK.wait();
                    } catch (InterruptedException e) {
                        // daemon worker: keep serving
                    }
                }
                seen = generation;
            }
            work();
        }
    }
}
