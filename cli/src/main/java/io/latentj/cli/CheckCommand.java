package io.latentj.cli;

import io.latentj.simd.AutoPolicy;
import io.latentj.simd.Capabilities;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Self-check: which paths this JVM can use (Vector API species, OpenBLAS library, version and threads), whether
 * each path agrees with the scalar reference, and a quick timing of each path on the shapes the models use.
 * The timings are a sanity check, not a benchmark: {@code bench/run-all.sh} measures properly with JMH.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Show the available kernel paths, check them against the scalar reference and time them quickly.")
final class CheckCommand implements Runnable {
    @Option(names = "--threads", description = "Threads for OpenBLAS and the Java kernels (default: all CPUs).")
    Integer threads;

    @Option(names = "--seconds", defaultValue = "0.5", description = "Time per measurement, after warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    private interface Work {
        void run(Path p);
    }

    private record Case(String name, double flops, Work work) {}

    @Override
    public void run() {
        if (threads != null) Parallelism.setThreads(threads);
        System.out.print(Capabilities.describe());
        System.out.println("auto       policy from " + AutoPolicy.source());
        if (!AutoPolicy.source().startsWith("per-user file") && !AutoPolicy.source().startsWith("file ")) {
            System.out.println("           (the default for this vector width; `latentj tune` measures this machine and writes " + AutoPolicy.userFile() + ")");
        }
        System.out.println();

        SplittableRandom rnd = new SplittableRandom(42);
        FMatrix w = random(rnd, 500, 784);
        float[] x = random(rnd, 1, 784).data();
        float[] y = new float[500];
        FMatrix a = random(rnd, 100, 784);
        FMatrix b = random(rnd, 784, 256);
        FMatrix c = FMatrix.zeros(100, 256);
        float[] v = random(rnd, 1, 1 << 20).data();
        float[] out = new float[v.length];

        List<Case> cases = List.of(
                new Case("gemv 500x784", 2.0 * 500 * 784, p -> Linalg.gemv(p, Trans.N, 1f, w, x, 0, 0f, y, 0)),
                new Case("gemm 100x784x256", 2.0 * 100 * 784 * 256, p -> Linalg.gemm(p, Trans.N, Trans.N, 1f, a, b, 0f, c)),
                new Case("sigmoid 1M", 0, p -> Elementwise.sigmoid(p, v, 0, out, 0, v.length)));

        int failures = checkAgreement(w, x, a, b);
        List<Path> paths = new ArrayList<>();
        for (Path p : Path.values()) if (p.isAvailable()) paths.add(p);

        System.out.printf(Locale.ROOT, "%-20s", "time per call");
        for (Path p : paths) System.out.printf(Locale.ROOT, "%22s", p.name().toLowerCase(Locale.ROOT));
        System.out.println();
        for (Case cs : cases) {
            System.out.printf(Locale.ROOT, "%-20s", cs.name);
            for (Path p : paths) {
                double t = time(cs.work, p);
                String rate = cs.flops > 0 ? String.format(Locale.ROOT, " (%.1f GF/s)", cs.flops / t / 1e9) : "";
                System.out.printf(Locale.ROOT, "%22s", human(t) + rate);
            }
            System.out.println();
        }
        System.out.println();
        System.out.println(failures == 0 ? "all available paths agree with the scalar reference"
                : failures + " disagreement(s) with the scalar reference: see above");
        if (failures > 0) throw new IllegalStateException("self-check failed");
    }

    private int checkAgreement(FMatrix w, float[] x, FMatrix a, FMatrix b) {
        float[] ref = new float[w.rows()];
        Linalg.gemv(Path.SCALAR, Trans.N, 1f, w, x, 0, 0f, ref, 0);
        FMatrix cref = FMatrix.zeros(a.rows(), b.cols());
        Linalg.gemm(Path.SCALAR, Trans.N, Trans.N, 1f, a, b, 0f, cref);
        int failures = 0;
        for (Path p : Path.values()) {
            if (p == Path.SCALAR || !p.isAvailable()) continue;
            float[] yy = new float[w.rows()];
            Linalg.gemv(p, Trans.N, 1f, w, x, 0, 0f, yy, 0);
            FMatrix cc = FMatrix.zeros(a.rows(), b.cols());
            Linalg.gemm(p, Trans.N, Trans.N, 1f, a, b, 0f, cc);
            double e1 = maxRelDiff(ref, yy), e2 = maxRelDiff(cref.data(), cc.data());
            if (e1 > 1e-4 || e2 > 1e-4) {
                System.out.printf(Locale.ROOT, "%s disagrees with scalar: gemv %.2e, gemm %.2e%n", p, e1, e2);
                failures++;
            }
        }
        return failures;
    }

    private static double maxRelDiff(float[] ref, float[] got) {
        double scale = 0, diff = 0;
        for (int i = 0; i < ref.length; i++) {
            scale = Math.max(scale, Math.abs(ref[i]));
            diff = Math.max(diff, Math.abs(ref[i] - got[i]));
        }
        return diff / Math.max(scale, 1e-30);
    }

    /**
     * Median seconds per call, after a warm-up that lasts until the time per call stops improving (C2 must have
     * compiled the kernel: cold Vector API code runs ~100x slower, and on a busy machine compilation takes longer).
     */
    private double time(Work work, Path p) {
        // Interpreted Vector API code is ~1000x slower and flat, so "stopped improving" is only judged after a
        // minimum warm-up long enough for C2 to have compiled the loops (measured ~1.5 s on a busy 2-core machine).
        double previous = Double.POSITIVE_INFINITY;
        long start = System.nanoTime(), minimum = 2_500_000_000L, deadline = start + 30_000_000_000L;
        int flat = 0;
        while (System.nanoTime() < deadline) {
            double t = sample(work, p, seconds / 3);
            flat = t > 0.95 * previous ? flat + 1 : 0;
            previous = Math.min(previous, t);
            if (flat >= 2 && System.nanoTime() - start > minimum) break;
        }
        double[] samples = new double[7];
        for (int s = 0; s < samples.length; s++) samples[s] = sample(work, p, seconds / samples.length);
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static double sample(Work work, Path p, double budgetSeconds) {
        long t0 = System.nanoTime(), budget = (long) (budgetSeconds * 1e9);
        int calls = 0;
        do {
            work.run(p);
            calls++;
        } while (System.nanoTime() - t0 < budget);
        return (System.nanoTime() - t0) / 1e9 / calls;
    }

    private static String human(double seconds) {
        if (seconds >= 1e-3) return String.format(Locale.ROOT, "%.2fms", seconds * 1e3);
        return String.format(Locale.ROOT, "%.1fus", seconds * 1e6);
    }

    private static FMatrix random(SplittableRandom rnd, int rows, int cols) {
        FMatrix m = FMatrix.zeros(rows, cols);
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        return m;
    }
}
