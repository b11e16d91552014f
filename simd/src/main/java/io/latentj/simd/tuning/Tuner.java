package io.latentj.simd.tuning;

import io.latentj.simd.AutoPolicy;
import io.latentj.simd.AutoPolicy.Op;
import io.latentj.simd.Capabilities;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures, for every {@link Op} {@link Path#AUTO} decides, where OpenBLAS starts beating the Vector API on this
 * machine, and returns the thresholds as a policy file ({@link AutoPolicy}'s format, with the {@code machine.*}
 * keys that tie it to this machine's vector width and OpenBLAS build). Internal: {@code latentj tune} (and through
 * it {@code bench/auto-tune.sh}) runs it; this package is exported to the cli module only.
 *
 * <p>For each op (and thread count: 1 for all, several for gemm, syrk, gemv and gemvT) it walks a ladder of shapes
 * the library uses (the benchmark shapes among them: GEMV 784→256, 784→500 and 1,600×784; GEMM at minibatch shapes
 * 100×784×256, 100×784×500 and their transposes), times {@code Linalg.<op>(Path.SIMD, ...)} against
 * {@code Path.BLAS}, and picks the threshold with {@link #threshold}. Timing: each op's kernels are first run on a
 * small, a middle and a large rung until the time per call stops improving, so that C2 has compiled the Vector
 * code (cold Vector API code is ~100× slower); then per rung both paths are warmed again, calibrated to batches of
 * {@code sampleMs}, and sampled alternately; the score is the median of the samples.
 *
 * <p>Run it with {@code -XX:-TieredCompilation} (the {@code latentj} launcher does for {@code tune}): with tiered
 * compilation the 2 KB SIMD GEMM micro-kernel can stay in C1 tier-2 code for minutes (C1's tier-3 compile of it
 * fails with "out of virtual registers"), which on a loaded machine made SIMD GEMM look 50× slower than it is.
 */
public final class Tuner {
    /**
     * How much to measure.
     *
     * @param mode       "full", "quick" or "smoke" (recorded in the file)
     * @param threads    the thread count for the {@code .threads2} ("several threads") keys; 1 copies the
     *                   single-thread thresholds there instead of measuring
     * @param samples    timed batches per path and rung (the median is kept)
     * @param sampleMs   length of one batch
     * @param warmScale  scale of the warm-up times (1 = full)
     * @param margin     relative difference treated as a tie (see {@link #threshold})
     * @param ops        the ops to measure, or null for all (the others are written as "never")
     */
    public record Settings(String mode, int threads, int samples, double sampleMs, double warmScale, double margin, List<Op> ops) {
        public Settings {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            if (samples < 1) throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }

        /** Aims at one to two minutes on an idle two-core machine. */
        public static Settings full() {
            return new Settings("full", 2, 7, 15, 1.0, 0.03, null);
        }

        /** Shorter ladders, fewer samples, shorter warm-up: well under a minute on an idle machine, noisier. */
        public static Settings quick() {
            return new Settings("quick", 2, 5, 8, 0.4, 0.03, null);
        }

        /** Two tiny rungs per op and almost no warm-up: a few seconds; for tests of the file it writes, not for use. */
        public static Settings smoke() {
            return new Settings("smoke", 2, 3, 0.2, 0.005, 0.03, null);
        }

        public Settings withThreads(int n) {
            return new Settings(mode, n, samples, sampleMs, warmScale, margin, ops);
        }

        public Settings withOps(List<Op> only) {
            return new Settings(mode, threads, samples, sampleMs, warmScale, margin, only);
        }
    }

    /** The policy file's text and every timing as TSV (op, threads, shape, work, simd_ns, blas_ns, blas_over_simd). */
    public record Result(String properties, String detailTsv) {}

    /**
     * The smallest single-sample GEMV (elements) sent to OpenBLAS's threads when several are configured, whatever the
     * ladder says: below about a megabyte the second core saves microseconds at best, and waking OpenBLAS's pool for
     * every request takes that core from the service's other request threads.
     */
    public static final long POOL_FLOOR = 1L << 18;

    /** One rung of a ladder: a name, its work (as AutoPolicy counts it) and the call to time on a path. */
    record Rung(String name, long work, Call call) {}

    @FunctionalInterface
    interface Call {
        /** Returns something derived from the result so the JIT cannot drop the call. */
        float run(Path p);
    }

    record Timing(Rung rung, double simdNs, double blasNs) {}

    private static volatile float sink;

    private final Settings settings;
    private final PrintStream log;

    private Tuner(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** Measures and returns the policy; progress goes to {@code log}. Restores the thread setting afterwards. */
    public static Result run(Settings settings, PrintStream log) {
        int threadsBefore = Parallelism.threads();
        try {
            return new Tuner(settings, log).measure();
        } finally {
            Parallelism.setThreads(threadsBefore);
        }
    }

    private Result measure() {
        AutoPolicy.Machine machine = AutoPolicy.Machine.current();
        StringBuilder tsv = new StringBuilder("op\tthreads\tshape\twork\tsimd_ns\tblas_ns\tblas_over_simd\n");
        StringBuilder props = new StringBuilder();
        String when = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        props.append("# Work from which Path.AUTO takes OpenBLAS instead of the Vector API (\"never\" = always SIMD).\n");
        props.append("# Measured by `latentj tune` (").append(settings.mode).append(") on ").append(machine.cpu()).append(", ")
             .append(Runtime.getRuntime().availableProcessors()).append(" cpus, JDK ").append(Runtime.version()).append(", ")
             .append(Capabilities.vectorDescription()).append(", ")
             .append(Capabilities.blas() ? machine.openblas() : "no OpenBLAS").append(", ").append(when).append(".\n");
        props.append("# Median of ").append(settings.samples).append(" batches of ").append(settings.sampleMs)
             .append(" ms per path and shape; .threads2 keys measured with ")
             .append(settings.threads > 1 ? settings.threads + " threads" : "1 thread (copied from .threads1)").append(".\n");
        props.append("# A file tuned for another vector width or OpenBLAS build is ignored (with a warning).\n");
        String loadBefore = loadAverage();
        int loadLine = props.length();
        prop(props, AutoPolicy.KEY_CPU, machine.cpu());
        prop(props, AutoPolicy.KEY_VECTOR_BITS, Integer.toString(machine.vectorBits()));
        prop(props, AutoPolicy.KEY_OPENBLAS, machine.openblas());
        prop(props, AutoPolicy.KEY_JDK, Runtime.version().toString());
        prop(props, "machine.cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        prop(props, "machine.tuned", when);
        prop(props, "machine.mode", settings.mode);

        if (!Capabilities.blas()) log.println("OpenBLAS is unavailable: every threshold is \"never\" (auto cannot pick BLAS anyway)");
        if (!Capabilities.vectorApi()) log.println("the Vector API is unavailable: measuring the scalar kernels against OpenBLAS");
        Op[] order = {Op.GEMM, Op.SYRK, Op.GEMV, Op.GEMV_T, Op.GER, Op.DOT, Op.AXPY, Op.SCAL, Op.NRM2, Op.SUMS};
        for (Op op : order) {
            boolean measured = settings.ops == null || settings.ops.contains(op);
            String one = "never";
            for (String suffix : op.mayUseThreads() ? new String[] {".threads1", ".threads2"} : new String[] {".threads1"}) {
                boolean several = suffix.equals(".threads2");
                int threads = several ? settings.threads : 1;
                String key = op.key() + suffix;
                String value;
                if (!measured || !Capabilities.blas()) {
                    value = "never";
                } else if (several && threads == 1) {
                    value = one; // --threads 1: not measured, the single-thread threshold
                } else {
                    Parallelism.setThreads(threads);
                    List<Timing> results = time(ladder(op));
                    for (Timing r : results) {
                        tsv.append(op.key()).append('\t').append(threads).append('\t').append(r.rung.name).append('\t')
                           .append(r.rung.work).append('\t').append(String.format(Locale.ROOT, "%.1f\t%.1f\t%.3f",
                                   r.simdNs, r.blasNs, r.blasNs / r.simdNs)).append('\n');
                    }
                    value = threshold(results, settings.margin);
                    log.printf(Locale.ROOT, "%-16s %s%n", key, value);
                    for (Timing r : results) {
                        log.printf(Locale.ROOT, "    %-18s simd %12.1f ns  blas %12.1f ns  blas/simd %.3f%n",
                                r.rung.name, r.simdNs, r.blasNs, r.blasNs / r.simdNs);
                    }
                }
                if (several && (op == Op.GEMV || op == Op.GEMV_T)) value = atLeast(value, POOL_FLOOR);
                if (!several) one = value;
                props.append(key).append('=').append(value).append('\n');
            }
        }
        String loadAfter = loadAverage();
        if (!loadBefore.isEmpty()) props.insert(loadLine, "# Load average (1 min) before and after: " + loadBefore + ", " + loadAfter + ".\n");
        return new Result(props.toString(), tsv.toString());
    }

    /** The 1-minute load average (Linux), or "" where there is none. */
    public static String loadAverage() {
        try {
            java.nio.file.Path f = java.nio.file.Path.of("/proc/loadavg");
            if (java.nio.file.Files.isReadable(f)) return java.nio.file.Files.readString(f).trim().split("\\s+")[0];
        } catch (java.io.IOException | RuntimeException ignored) {
            // not Linux
        }
        return "";
    }

    /** Appends {@code key=value}, escaped as {@link java.util.Properties#load} reads it back. */
    private static void prop(StringBuilder sb, String key, String value) {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> v.append("\\\\");
                case '\n' -> v.append("\\n");
                case '\r' -> v.append("\\r");
                case '\t' -> v.append("\\t");
                default -> v.append(c);
            }
        }
        sb.append(key).append('=').append(v).append('\n');
    }

    static String atLeast(String threshold, long floor) {
        return threshold.equals("never") ? threshold : Long.toString(Math.max(Long.parseLong(threshold), floor));
    }

    /**
     * The threshold for a ladder sorted by work. {@code AutoPolicy} has one crossover per op (SIMD below, BLAS at or
     * above), so the candidates are the work of each rung and "never"; each is scored by its regret at every rung
     * (its path's time over the faster path's time, minus one) and the one with the smallest worst-case regret wins,
     * ties (within {@code margin}) going to the smaller total regret; the largest threshold (most SIMD: no downcall)
     * that keeps every rung within {@code margin} of the fastest is preferred to any smaller one. When the
     * measurements have a single crossover this is the smallest work from which BLAS is faster at every larger rung;
     * when they do not (BLAS ahead at small shapes and SIMD marginally ahead at the largest), it is the choice that
     * keeps auto closest to the fastest path everywhere.
     */
    static String threshold(List<Timing> sortedByWork, double margin) {
        int n = sortedByWork.size();
        int best = n; // n = never
        double bestMax = Double.MAX_VALUE, bestSum = Double.MAX_VALUE;
        for (int cand = n; cand >= 0; cand--) {
            double max = 0, sum = 0;
            for (int i = 0; i < n; i++) {
                Timing r = sortedByWork.get(i);
                double chosen = i >= cand ? r.blasNs : r.simdNs, fastest = Math.min(r.blasNs, r.simdNs);
                double regret = chosen / fastest - 1;
                max = Math.max(max, regret);
                sum += regret;
            }
            // Once some threshold keeps every rung within the margin, only larger thresholds (more SIMD) are kept:
            // differences inside the noise must not move the threshold around.
            if (max < bestMax - margin || (bestMax > margin && max <= bestMax + margin && sum < bestSum)) {
                best = cand;
                bestMax = Math.min(bestMax, max);
                bestSum = sum;
            }
        }
        return best == n ? "never" : Long.toString(sortedByWork.get(best).rung.work);
    }

    private List<Timing> time(List<Rung> ladder) {
        ladder = new ArrayList<>(ladder);
        ladder.sort(Comparator.comparingLong(Rung::work));
        double w = settings.warmScale;
        // Let C2 compile both paths' kernels on a small, a middle and a large rung: run each until its time per
        // call has stopped improving (cold Vector API code is ~100x slower, and C2 is slow on a loaded machine).
        for (Rung r : List.of(ladder.get(0), ladder.get(ladder.size() / 2), ladder.get(ladder.size() - 1))) {
            warm(r.call, Path.SIMD, 300 * w, 4000 * w);
            warm(r.call, Path.BLAS, 100 * w, 1000 * w);
        }
        List<Timing> results = new ArrayList<>();
        for (Rung r : ladder) {
            warm(r.call, Path.SIMD, 40 * w, 1500 * w);
            warm(r.call, Path.BLAS, 20 * w, 500 * w);
            long simdBatch = calibrate(r.call, Path.SIMD), blasBatch = calibrate(r.call, Path.BLAS);
            double[] s = new double[settings.samples], b = new double[settings.samples];
            for (int i = 0; i < settings.samples; i++) {
                s[i] = sample(r.call, Path.SIMD, simdBatch);
                b[i] = sample(r.call, Path.BLAS, blasBatch);
            }
            results.add(new Timing(r, median(s), median(b)));
        }
        return results;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    /**
     * Runs {@code c} in chunks of ~20 ms (less when {@code maxMs} is shorter) for at least {@code minMs} and until
     * the last three chunks agree within 10% per call (compiled and stable), or {@code maxMs} has passed.
     */
    private static void warm(Call c, Path p, double minMs, double maxMs) {
        long start = System.nanoTime(), chunkNs = (long) Math.min(20e6, Math.max(0.1e6, maxMs * 1e6 / 10));
        double[] last = new double[3];
        int chunks = 0;
        float acc = 0;
        while (true) {
            long t0 = System.nanoTime(), n = 0;
            do { acc += c.run(p); n++; } while (System.nanoTime() - t0 < chunkNs);
            last[chunks++ % 3] = (System.nanoTime() - t0) / (double) n;
            double elapsedMs = (System.nanoTime() - start) / 1e6;
            if (elapsedMs >= maxMs) break;
            if (elapsedMs >= minMs && chunks >= 3) {
                double lo = Math.min(last[0], Math.min(last[1], last[2])), hi = Math.max(last[0], Math.max(last[1], last[2]));
                if (hi <= lo * 1.10) break;
            }
        }
        sink = acc;
    }

    private long calibrate(Call c, Path p) {
        long t0 = System.nanoTime(), n = 0, budget = (long) Math.min(5e6, settings.sampleMs * 1e6 / 4);
        float acc = 0;
        do { acc += c.run(p); n++; } while (System.nanoTime() - t0 < budget);
        sink = acc;
        double perCall = (System.nanoTime() - t0) / (double) n;
        return Math.max(1, (long) (settings.sampleMs * 1e6 / perCall));
    }

    private static double sample(Call c, Path p, long batch) {
        float acc = 0;
        long t0 = System.nanoTime();
        for (long i = 0; i < batch; i++) acc += c.run(p);
        long t = System.nanoTime() - t0;
        sink = acc;
        return t / (double) batch;
    }

    // ---------------------------------------------------------------- ladders

    private static final int[] SQUARES = {8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};
    private static final int[] SQUARES_QUICK = {8, 16, 32, 64, 128, 256};
    private static final int[][] MATVEC = {{8, 8}, {16, 16}, {32, 32}, {64, 64}, {128, 128}, {256, 256}, {100, 784},
            {256, 784}, {500, 784}, {1000, 784}, {1600, 784}, {2000, 784}};
    private static final int[][] MATVEC_QUICK = {{8, 8}, {32, 32}, {128, 128}, {256, 784}, {500, 784}, {1600, 784}};
    private static final int[] LENGTHS = {8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65536, 262144, 1048576, 1568000};
    private static final int[] LENGTHS_QUICK = {8, 32, 128, 512, 4096, 65536, 1048576};

    List<Rung> ladder(Op op) {
        boolean smoke = settings.mode.equals("smoke"), quick = settings.mode.equals("quick");
        int[] squares = smoke ? new int[] {4, 8} : quick ? SQUARES_QUICK : SQUARES;
        int[][] matvec = smoke ? new int[][] {{4, 4}, {8, 8}} : quick ? MATVEC_QUICK : MATVEC;
        int[] lengths = smoke ? new int[] {8, 16} : quick ? LENGTHS_QUICK : LENGTHS;
        List<Rung> l = new ArrayList<>();
        switch (op) {
            case GEMM -> {
                for (int s : squares) l.add(gemm(s, s, s, Trans.N, Trans.N));
                if (!smoke) {
                    // training minibatches of 100 on a 784-pixel input: forward, backward (A·Bᵀ) and the weight gradient (Aᵀ·B)
                    l.add(gemm(100, 784, 256, Trans.N, Trans.N));
                    l.add(gemm(100, 784, 500, Trans.N, Trans.N));
                    l.add(gemm(100, 256, 784, Trans.N, Trans.T));
                    l.add(gemm(100, 500, 784, Trans.N, Trans.T));
                    l.add(gemm(784, 100, 256, Trans.T, Trans.N));
                    if (!quick) l.add(gemm(784, 100, 500, Trans.T, Trans.N));
                }
            }
            case SYRK -> {
                for (int s : squares) l.add(syrk(s, s, false));
                if (!smoke) {
                    l.add(syrk(784, 100, true)); // VᵀV of a 100×784 minibatch
                    l.add(syrk(256, 100, true));
                }
            }
            case GEMV, GEMV_T -> {
                boolean t = op == Op.GEMV_T;
                for (int[] d : matvec) {
                    FMatrix a = randomMatrix(d[0], d[1], 1);
                    float[] x = randomVector(t ? d[0] : d[1], 2), y = new float[t ? d[1] : d[0]];
                    Trans tr = t ? Trans.T : Trans.N;
                    l.add(new Rung(d[0] + "x" + d[1], (long) d[0] * d[1], p -> {
                        Linalg.gemv(p, tr, 1f, a, x, 0, 0f, y, 0);
                        return y[0];
                    }));
                }
            }
            case GER -> {
                for (int[] d : matvec) {
                    FMatrix a = randomMatrix(d[0], d[1], 1);
                    float[] x = randomVector(d[0], 2), y = randomVector(d[1], 3);
                    l.add(new Rung(d[0] + "x" + d[1], (long) d[0] * d[1], p -> {
                        Linalg.ger(p, 1e-7f, x, 0, y, 0, a); // tiny alpha keeps A bounded over millions of calls
                        return a.data()[0];
                    }));
                }
            }
            case SUMS -> {
                for (int[] d : matvec) {
                    FMatrix a = randomMatrix(d[0], d[1], 1);
                    float[] r = new float[d[0]], c = new float[d[1]];
                    l.add(new Rung(d[0] + "x" + d[1], (long) d[0] * d[1], p -> {
                        Linalg.rowSums(p, a, r, 0);
                        Linalg.colSums(p, a, c, 0);
                        return r[0] + c[0];
                    }));
                }
            }
            case DOT, AXPY, SCAL, NRM2 -> {
                for (int n : lengths) {
                    float[] x = randomVector(n, 1), y = randomVector(n, 2);
                    Call call = switch (op) {
                        case DOT -> p -> Linalg.dot(p, n, x, 0, y, 0);
                        case AXPY -> p -> {
                            Linalg.axpy(p, n, 1e-7f, x, 0, y, 0);
                            return y[0];
                        };
                        case SCAL -> {
                            // Alternate 2 and 0.5: exact and bounded. Not alpha = 1, which OpenBLAS returns from at once.
                            float[] alpha = {2f};
                            yield p -> {
                                alpha[0] = 1f / alpha[0];
                                Linalg.scal(p, n, alpha[0], x, 0);
                                return x[0];
                            };
                        }
                        default -> p -> Linalg.nrm2(p, n, x, 0);
                    };
                    l.add(new Rung(Integer.toString(n), n, call));
                }
            }
        }
        return l;
    }

    private static Rung gemm(int m, int k, int n, Trans ta, Trans tb) {
        FMatrix a = ta == Trans.T ? randomMatrix(k, m, 1) : randomMatrix(m, k, 1);
        FMatrix b = tb == Trans.T ? randomMatrix(n, k, 2) : randomMatrix(k, n, 2);
        FMatrix c = FMatrix.zeros(m, n);
        String prefix = ta == Trans.N && tb == Trans.N ? "" : (ta == Trans.T ? "t" : "n") + (tb == Trans.T ? "t" : "n") + ":";
        return new Rung(prefix + m + "x" + k + "x" + n, (long) m * n * k, p -> {
            Linalg.gemm(p, ta, tb, 1f, a, b, 0f, c);
            return c.data()[0];
        });
    }

    private static Rung syrk(int n, int k, boolean transA) {
        FMatrix a = transA ? randomMatrix(k, n, 1) : randomMatrix(n, k, 1);
        FMatrix c = FMatrix.zeros(n, n);
        Trans t = transA ? Trans.T : Trans.N;
        return new Rung((transA ? "t:" : "") + "n" + n + "k" + k, (long) n * n * k, p -> {
            Linalg.syrk(p, t, 1f, a, 0f, c);
            return c.data()[0];
        });
    }

    private static FMatrix randomMatrix(int rows, int cols, long seed) {
        FMatrix m = FMatrix.zeros(rows, cols);
        fill(m.data(), seed);
        return m;
    }

    private static float[] randomVector(int n, long seed) {
        float[] v = new float[n];
        fill(v, seed);
        return v;
    }

    private static void fill(float[] v, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
}
