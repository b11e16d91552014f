package io.latentj.bench;

import io.latentj.bindings.OpenBlas;
import io.latentj.simd.AutoPolicy.Op;
import io.latentj.simd.Capabilities;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Measures, for every {@link Op} {@link Path#AUTO} decides, where OpenBLAS starts beating the Vector API on this
 * machine, and writes the thresholds as an {@code auto-policy.properties} file (same keys and format as the one
 * shipped in the simd module).
 *
 * <p>For each op (and thread count: 1 for all, 2 for gemm and syrk) it walks a ladder of shapes the library uses,
 * times {@code Linalg.<op>(Path.SIMD, ...)} against {@code Path.BLAS}, and takes as threshold the work of the
 * smallest shape from which BLAS is consistently faster (see {@link #threshold}; "never" when it is not). Timing: each op's kernels are first run for a few hundred ms on several shapes so that C2 has compiled
 * the Vector code (cold Vector API code is ~100× slower); then per shape both paths are warmed again, calibrated to
 * batches of {@code --sample-ms}, and sampled alternately; the score is the second-fastest of the samples, which
 * ignores one outlier in either direction and most interference from other processes.
 *
 * <p>Run it with {@code -XX:-TieredCompilation} (auto-tune.sh does): with tiered compilation the 2 KB SIMD GEMM
 * micro-kernel can stay in C1 tier-2 code for minutes (C1's tier-3 compile of it fails with "out of virtual
 * registers"), which on a loaded machine made SIMD GEMM look 50× slower than it is once C2 has compiled it.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp benchmarks.jar
 * io.latentj.bench.AutoTune --out FILE [--detail FILE.tsv] [--sample-ms 20] [--samples 7] [--margin 0.03] [--ops gemm,gemv,...]}
 */
public final class AutoTune {
    private AutoTune() {}

    /** One rung of a ladder: a name, its work (as AutoPolicy counts it) and the call to time on a path. */
    record Rung(String name, long work, Call call) {}

    @FunctionalInterface
    interface Call {
        /** Returns something derived from the result so the JIT cannot drop the call. */
        float run(Path p);
    }

    record Result(Rung rung, double simdNs, double blasNs) {}

    private static int samples = 7;
    private static double sampleMs = 20;
    private static double margin = 0.03;
    private static volatile float sink;

    public static void main(String[] args) throws IOException {
        java.nio.file.Path out = java.nio.file.Path.of("bench/out/auto-policy.properties");
        java.nio.file.Path detail = null;
        List<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = java.nio.file.Path.of(args[++i]);
                case "--detail" -> detail = java.nio.file.Path.of(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--sample-ms" -> sampleMs = Double.parseDouble(args[++i]);
                case "--margin" -> margin = Double.parseDouble(args[++i]);
                case "--ops" -> only = List.of(args[++i].split(","));
                case "-h", "--help" -> {
                    System.out.println("AutoTune --out FILE [--detail FILE.tsv] [--samples 7] [--sample-ms 20] [--margin 0.03] [--ops gemm,gemv,...]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (detail == null) {
            String f = out.getFileName().toString().replaceFirst("\\.properties$", "");
            detail = out.resolveSibling(f + "-detail.tsv");
        }
        long start = System.nanoTime();
        System.err.print(Capabilities.describe());
        StringBuilder tsv = new StringBuilder("op\tthreads\tshape\twork\tsimd_ns\tblas_ns\tblas_over_simd\n");
        StringBuilder props = new StringBuilder();
        props.append("# Work from which Path.AUTO takes OpenBLAS instead of the Vector API (\"never\" = always SIMD).\n");
        props.append("# Measured by bench/auto-tune.sh on ").append(cpuModel()).append(", ")
             .append(Runtime.getRuntime().availableProcessors()).append(" cpus, JDK ").append(Runtime.version()).append(", ")
             .append(Capabilities.vectorDescription()).append(", ")
             .append(Capabilities.blas() ? OpenBlas.config().trim() : "no OpenBLAS").append(", ")
             .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(".\n");

        Op[] order = {Op.GEMM, Op.SYRK, Op.GEMV, Op.GEMV_T, Op.GER, Op.DOT, Op.AXPY, Op.SCAL, Op.NRM2, Op.SUMS};
        for (Op op : order) {
            if (only != null && !only.contains(key(op))) continue;
            int[] threadCounts = (op == Op.GEMM || op == Op.SYRK || op == Op.GEMV || op == Op.GEMV_T) ? new int[] {1, 2} : new int[] {1};
            for (int threads : threadCounts) {
                String key = key(op) + ".threads" + threads;
                String value;
                if (!Capabilities.blas()) {
                    value = "never";
                    System.err.printf("%-16s never (OpenBLAS unavailable)%n", key);
                } else {
                    Parallelism.setThreads(threads);
                    List<Rung> ladder = ladder(op);
                    List<Result> results = tune(ladder);
                    for (Result r : results) {
                        tsv.append(key(op)).append('\t').append(threads).append('\t').append(r.rung.name).append('\t')
                           .append(r.rung.work).append('\t').append(String.format(Locale.ROOT, "%.1f\t%.1f\t%.3f",
                                   r.simdNs, r.blasNs, r.blasNs / r.simdNs)).append('\n');
                    }
                    value = threshold(results);
                    if (threads > 1 && (op == Op.GEMV || op == Op.GEMV_T)) value = atLeast(value, POOL_FLOOR);
                    System.err.printf("%-16s %s%n", key, value);
                    for (Result r : results) {
                        System.err.printf(Locale.ROOT, "    %-16s simd %12.1f ns  blas %12.1f ns  blas/simd %.3f%n",
                                r.rung.name, r.simdNs, r.blasNs, r.blasNs / r.simdNs);
                    }
                }
                props.append(key).append('=').append(value).append('\n');
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, props.toString(), StandardCharsets.UTF_8);
        Files.writeString(detail, tsv.toString(), StandardCharsets.UTF_8);
        System.err.printf("wrote %s and %s in %.0f s%n", out, detail, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The smallest single-sample GEMV (elements) sent to OpenBLAS's threads when several are configured, whatever the
     * ladder says: below about a megabyte the second core saves microseconds at best, and waking OpenBLAS's pool for
     * every request takes that core from the service's other request threads.
     */
    static final long POOL_FLOOR = 1L << 18;

    static String atLeast(String threshold, long floor) {
        return threshold.equals("never") ? threshold : Long.toString(Math.max(Long.parseLong(threshold), floor));
    }

    static String key(Op op) {
        return op == Op.GEMV_T ? "gemvT" : op.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The threshold for a ladder sorted by work. {@code AutoPolicy} has one crossover per op (SIMD below, BLAS at or
     * above), so the candidates are the work of each rung and "never"; each is scored by its regret at every rung
     * (its path's time over the faster path's time, minus one) and the one with the smallest worst-case regret wins,
     * ties (within {@code margin}) going to the smaller total regret; the largest threshold (most SIMD: no downcall)
     * that keeps every rung within {@code margin} of the fastest is preferred to any smaller one. When the measurements have a single crossover this is the smallest work from which BLAS is faster
     * at every larger rung; when they do not (BLAS ahead at small shapes and SIMD marginally ahead at the largest),
     * it is the choice that keeps auto closest to the fastest path everywhere.
     */
    static String threshold(List<Result> sortedByWork) {
        int n = sortedByWork.size();
        int best = n; // n = never
        double bestMax = Double.MAX_VALUE, bestSum = Double.MAX_VALUE;
        for (int cand = n; cand >= 0; cand--) {
            double max = 0, sum = 0;
            for (int i = 0; i < n; i++) {
                Result r = sortedByWork.get(i);
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

    static List<Result> tune(List<Rung> ladder) {
        ladder = new ArrayList<>(ladder);
        ladder.sort(Comparator.comparingLong(Rung::work));
        // Let C2 compile both paths' kernels on a small, a middle and a large rung: run each until its time per
        // call has stopped improving (cold Vector API code is ~100x slower, and C2 is slow on a loaded machine).
        for (Rung r : List.of(ladder.get(0), ladder.get(ladder.size() / 2), ladder.get(ladder.size() - 1))) {
            warm(r.call, Path.SIMD, 300, 4000);
            warm(r.call, Path.BLAS, 100, 1000);
        }
        List<Result> results = new ArrayList<>();
        for (Rung r : ladder) {
            warm(r.call, Path.SIMD, 40, 1500);
            warm(r.call, Path.BLAS, 20, 500);
            long simdBatch = calibrate(r.call, Path.SIMD), blasBatch = calibrate(r.call, Path.BLAS);
            double[] s = new double[samples], b = new double[samples];
            for (int i = 0; i < samples; i++) {
                s[i] = sample(r.call, Path.SIMD, simdBatch);
                b[i] = sample(r.call, Path.BLAS, blasBatch);
            }
            results.add(new Result(r, robustMin(s), robustMin(b)));
        }
        return results;
    }

    private static double robustMin(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[Math.min(1, c.length - 1)];
    }

    /**
     * Runs {@code c} in chunks of ~20 ms for at least {@code minMs} and until the last three chunks agree within
     * 10% per call (compiled and stable), or {@code maxMs} has passed.
     */
    private static void warm(Call c, Path p, double minMs, double maxMs) {
        long start = System.nanoTime();
        double[] last = new double[3];
        int chunks = 0;
        float acc = 0;
        while (true) {
            long t0 = System.nanoTime(), n = 0;
            do { acc += c.run(p); n++; } while (System.nanoTime() - t0 < 20_000_000L);
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

    private static long calibrate(Call c, Path p) {
        long t0 = System.nanoTime(), n = 0;
        float acc = 0;
        do { acc += c.run(p); n++; } while (System.nanoTime() - t0 < 5_000_000L);
        sink = acc;
        double perCall = (System.nanoTime() - t0) / (double) n;
        return Math.max(1, (long) (sampleMs * 1e6 / perCall));
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

    static final int[] SQUARES = {8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};
    static final int[][] MATVEC = {{8, 8}, {16, 16}, {32, 32}, {64, 64}, {128, 128}, {256, 256}, {100, 784},
            {256, 784}, {500, 784}, {1000, 784}, {1600, 784}, {2000, 784}};
    static final int[] LENGTHS = {8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65536, 262144, 1048576, 1568000};

    static List<Rung> ladder(Op op) {
        List<Rung> l = new ArrayList<>();
        switch (op) {
            case GEMM -> {
                for (int s : SQUARES) l.add(gemm(s, s, s, false));
                l.add(gemm(100, 784, 256, false));
                l.add(gemm(100, 784, 500, false));
                l.add(gemm(784, 100, 256, true));
            }
            case SYRK -> {
                for (int s : SQUARES) l.add(syrk(s, s, false));
                l.add(syrk(784, 100, true)); // VᵀV of a 100×784 minibatch
                l.add(syrk(256, 100, true));
            }
            case GEMV, GEMV_T -> {
                boolean t = op == Op.GEMV_T;
                for (int[] d : MATVEC) {
                    FMatrix a = BenchSupport.randomMatrix(d[0], d[1], 1);
                    float[] x = BenchSupport.randomVector(t ? d[0] : d[1], 2), y = new float[t ? d[1] : d[0]];
                    Trans tr = t ? Trans.T : Trans.N;
                    l.add(new Rung(d[0] + "x" + d[1], (long) d[0] * d[1], p -> {
                        Linalg.gemv(p, tr, 1f, a, x, 0, 0f, y, 0);
                        return y[0];
                    }));
                }
            }
            case GER -> {
                for (int[] d : MATVEC) {
                    FMatrix a = BenchSupport.randomMatrix(d[0], d[1], 1);
                    float[] x = BenchSupport.randomVector(d[0], 2), y = BenchSupport.randomVector(d[1], 3);
                    l.add(new Rung(d[0] + "x" + d[1], (long) d[0] * d[1], p -> {
                        Linalg.ger(p, 1e-7f, x, 0, y, 0, a); // tiny alpha keeps A bounded over millions of calls
                        return a.data()[0];
                    }));
                }
            }
            case SUMS -> {
                for (int[] d : MATVEC) {
                    FMatrix a = BenchSupport.randomMatrix(d[0], d[1], 1);
                    float[] r = new float[d[0]], c = new float[d[1]];
                    l.add(new Rung(d[0] + "x" + d[1], (long) d[0] * d[1], p -> {
                        Linalg.rowSums(p, a, r, 0);
                        Linalg.colSums(p, a, c, 0);
                        return r[0] + c[0];
                    }));
                }
            }
            case DOT, AXPY, SCAL, NRM2 -> {
                for (int n : LENGTHS) {
                    float[] x = BenchSupport.randomVector(n, 1), y = BenchSupport.randomVector(n, 2);
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

    private static Rung gemm(int m, int k, int n, boolean transA) {
        FMatrix a = transA ? BenchSupport.randomMatrix(k, m, 1) : BenchSupport.randomMatrix(m, k, 1);
        FMatrix b = BenchSupport.randomMatrix(k, n, 2), c = FMatrix.zeros(m, n);
        Trans ta = transA ? Trans.T : Trans.N;
        return new Rung((transA ? "tn:" : "") + m + "x" + k + "x" + n, (long) m * n * k, p -> {
            Linalg.gemm(p, ta, Trans.N, 1f, a, b, 0f, c);
            return c.data()[0];
        });
    }

    private static Rung syrk(int n, int k, boolean transA) {
        FMatrix a = transA ? BenchSupport.randomMatrix(k, n, 1) : BenchSupport.randomMatrix(n, k, 1);
        FMatrix c = FMatrix.zeros(n, n);
        Trans t = transA ? Trans.T : Trans.N;
        return new Rung((transA ? "t:" : "") + "n" + n + "k" + k, (long) n * n * k, p -> {
            Linalg.syrk(p, t, 1f, a, 0f, c);
            return c.data()[0];
        });
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
