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
}
