package io.latentj.simd;

import io.latentj.bindings.OpenBlas;

/**
 * The one thread setting: how many threads OpenBLAS and the Java-side kernels (the SIMD GEMM) may use for a
 * single large operation. Read from {@code -Dlatentj.threads}, else the number of available processors.
 * Single-sample kernels (GEMV, elementwise) always run on the caller's thread whatever this says.
 */
public final class Parallelism {
    /** System property with the thread count. */
    public static final String PROPERTY = "latentj.threads";

    private static volatile int threads = initial();
    /** Open teams of more than one thread; while there are any, OpenBLAS runs each call on one thread. */
    private static volatile int openTeams;

    private Parallelism() {}

    private static int initial() {
        int cpus = Runtime.getRuntime().availableProcessors();
        String v = System.getProperty(PROPERTY);
        int n = cpus;
        if (v != null && !v.isBlank()) {
            try {
                n = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " is not a number");
            }
            if (n < 1) throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " must be at least 1");
        }
        applyToBlas(n);
        return n;
    }

    private static void applyToBlas(int n) {
        if (Capabilities.blas()) OpenBlas.setThreads(n);
    }

    /**
     * The thread count for one operation: the setting, or 1 on a thread that runs a part of a {@link Team}'s
     * section (the team is the parallelism there).
     */
    public static int threads() {
        if (openTeams > 0 && Team.inPart()) return 1;
        return threads;
    }

    /** Sets the thread count for OpenBLAS and the Java kernels (process-wide, like OpenBLAS's own setting). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1, got " + n);
        threads = n;
        applyToBlas(openTeams > 0 ? 1 : n);
    }

    /** A team of several threads opens: OpenBLAS runs each call on its caller's thread until the last one closes. */
    static synchronized void enterTeam() {
        if (openTeams++ == 0) applyToBlas(1);
    }

    /** A team closes; the last one restores OpenBLAS's thread count to the setting. */
    static synchronized void leaveTeam() {
        if (--openTeams == 0) applyToBlas(threads);
    }

    /** The body of {@link #forRange}: handles the indices lo .. hi − 1. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int lo, int hi);
    }

    /** A daemon thread of the range pool; ranges started on it run serially (no nested splitting). */
    private static final class RangeWorker extends Thread {
        RangeWorker(Runnable r, int id) {
            super(r, "latentj-rows-" + id);
            setDaemon(true);
        }
    }

    private static java.util.concurrent.ExecutorService rangePool;
    private static int rangeWorkers;

    private static synchronized java.util.concurrent.ExecutorService rangePool(int workers) {
        if (rangePool == null || rangeWorkers < workers) {
            if (rangePool != null) rangePool.shutdown();
            int[] ids = {0};
            rangePool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> new RangeWorker(r, ids[0]++));
            rangeWorkers = workers;
        }
        return rangePool;
    }

    /**
     * Runs {@code body} over 0 .. n − 1 split into at most {@link #threads()} contiguous ranges of at least
     * {@code minPerPart} indices each: the caller runs the first range, daemon workers the others, and the call returns
     * when all are done (rethrowing the first failure). For work whose parts are independent (rows of a batch), so
     * the results do not depend on the split. On a worker of this pool the whole range runs on the caller.
     */
    public static void forRange(int n, int minPerPart, RangeBody body) {
        if (body == null) throw new IllegalArgumentException("body must not be null");
        if (n <= 0) return;
        int parts = Math.min(threads(), n / Math.max(1, minPerPart));
        if (parts <= 1 || Thread.currentThread() instanceof RangeWorker) {
            body.run(0, n);
            return;
        }
        java.util.concurrent.ExecutorService exec = rangePool(parts - 1);
        java.util.concurrent.Future<?>[] futures = new java.util.concurrent.Future<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int lo = (int) ((long) n * t / parts), hi = (int) ((long) n * (t + 1) / parts);
            futures[t - 1] = exec.submit(() -> body.run(lo, hi));
        }
        Throwable failure = null;
        try {
            body.run(0, (int) ((long) n / parts));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // wait for every part, even when interrupted: returning early would leave workers writing into the results
        boolean interrupted = false;
        for (java.util.concurrent.Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) failure = e.getCause();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error er) throw er;
        if (failure != null) throw new IllegalStateException(failure);
    }
}
