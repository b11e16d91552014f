package io.latentj.bench;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;

import java.util.SplittableRandom;

/** Shared set-up for the benchmarks: seeded operands, shape parsing, the thread setting. */
final class BenchSupport {
    private BenchSupport() {}

    static float[] randomVector(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    /** Values in (0, 1), e.g. probabilities. */
    static float[] randomUnit(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextDouble();
        return v;
    }

    static FMatrix randomMatrix(int rows, int cols, long seed) {
        return FMatrix.wrap(randomVector(Math.multiplyExact(rows, cols), seed), rows, cols);
    }

    /** Parses the {@code path} parameter and applies the {@code threads} parameter; fails if the path cannot run here. */
    static Path setUp(String path, int threads) {
        Path p = Path.parse(path);
        if (!p.isAvailable()) {
            throw new IllegalStateException("path " + path + " is unavailable in this JVM (check the fork flags and OpenBLAS)");
        }
        Parallelism.setThreads(threads);
        return p;
    }

    /** "784x100" → {784, 100}; "100x784x256" → {100, 784, 256}. */
    static int[] dims(String s) {
        String[] parts = s.split("x");
        int[] d = new int[parts.length];
        for (int i = 0; i < parts.length; i++) d[i] = Integer.parseInt(parts[i].trim());
        return d;
    }

    /** Warm-up goes on past the minimum until this much time has gone into it (JIT compilation settles). */
    static final double WARM_UP_SECONDS = 2.0;
    /** ... but never for more than this many calls beyond the minimum. */
    static final int EXTRA_WARM_UPS = 4;

    /** What {@link #warmUp} did: how many calls, and the first one's seconds (a cold call in a fresh JVM). */
    record WarmUp(int calls, double firstSeconds) {}

    /**
     * Untimed calls before a measurement: at least {@code atLeast}, and more until {@link #WARM_UP_SECONDS} have been
     * spent (at most {@link #EXTRA_WARM_UPS} more), one rule for every task as JMH's time-based warm-up: a fit of
     * seconds is warmed once, a fit of a tenth of a second several times.
     */
    static WarmUp warmUp(Runnable call, int atLeast) {
        double first = Double.NaN, spent = 0;
        int done = 0;
        while (done < atLeast || (spent < WARM_UP_SECONDS && done < atLeast + EXTRA_WARM_UPS)) {
            long t0 = System.nanoTime();
            call.run();
            double sec = (System.nanoTime() - t0) / 1e9;
            if (done == 0) first = sec;
            spent += sec;
            done++;
        }
        return new WarmUp(done, first);
    }
}
