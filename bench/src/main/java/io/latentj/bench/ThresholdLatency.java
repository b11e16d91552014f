package io.latentj.bench;

import io.latentj.models.data.FashionMnist;
import io.latentj.models.sparse.KMeansConfig;
import io.latentj.models.sparse.KMeansDictionary;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Single-row soft-threshold latency for the {@code linear-vs-sklearn} section, run by {@link LinearVsSklearn} in a
 * fresh JVM as a service runs a loaded model: the 1,600-atom dictionary (training rows 40,000..41,599 of
 * Fashion-MNIST, unit norm, as the peers' script) encodes test rows one call at a time. p50/p99/p99.9 of individual
 * {@code transformInto} calls, plain and with the Coates–Ng pre-processing, on 1 thread and with 2 threads configured
 * (auto then runs the soft-threshold GEMV on OpenBLAS's two threads): back to back, and one call per millisecond
 * (caches and OpenBLAS's threads go cold in between). Prints the Markdown table rows.
 *
 * <p>Usage: {@code ThresholdLatency [CALLS]} (default 200,000 back-to-back calls per row).
 */
public final class ThresholdLatency {
    private ThresholdLatency() {}

    public static void main(String[] args) throws IOException {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        FashionMnist fm = FashionMnist.load(FashionMnist.locate().orElseThrow(() ->
                new IllegalStateException("needs Fashion-MNIST: apt-get install dataset-fashion-mnist")));
        FMatrix d1600 = LinearVsSklearn.unitRows(fm.trainImages().rowRange(40_000, 41_600));
        FMatrix batch = fm.testImages().rowRange(0, 64).copy();
        System.out.print(table(d1600, batch, calls));
    }

    static String table(FMatrix d1600, FMatrix batch, int calls) {
        StringBuilder sb = new StringBuilder();
        sb.append("| encoder (1,600 atoms × 784, one row) | threads | p50 µs | p99 µs | p99.9 µs |\n|---|---|---:|---:|---:|\n");
        FMatrix white = FMatrix.zeros(784, 784);
        for (int i = 0; i < 784; i++) white.set(i, i, 1f);
        float[][] xs = new float[64][];
        for (int i = 0; i < 64; i++) xs[i] = Arrays.copyOfRange(batch.data(), batch.rowOffset(i), batch.rowOffset(i) + 784);
        float[] y = new float[1600];
        // variants: 0 plain, 1 normalise + ZCA, 2 plain with one call per ms
        for (int threads : new int[] {1, 2}) {
            Parallelism.setThreads(threads);
            for (int variant = 0; variant < 3; variant++) {
                KMeansConfig cfg = variant != 1 ? LinearVsSklearn.plainEncoder(1600, Path.AUTO)
                        : KMeansConfig.builder(1600).alpha(0.25).path(Path.AUTO).build(); // normalise + ZCA (784×784 GEMV)
                KMeansDictionary enc = variant != 1 ? KMeansDictionary.of(d1600, cfg)
                        : KMeansDictionary.of(d1600, new float[784], white, cfg);
                enc.warmUp();
                for (int i = 0; i < 50_000; i++) enc.transformInto(xs[i & 63], 0, y, 0);
                int n = variant == 2 ? Math.max(100, calls / 50) : calls;
                long[] t = new long[n];
                for (int i = 0; i < n; i++) {
                    if (variant == 2) java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    long t0 = System.nanoTime();
                    enc.transformInto(xs[i & 63], 0, y, 0);
                    t[i] = System.nanoTime() - t0;
                }
                Arrays.sort(t);
                String what = switch (variant) {
                    case 0 -> "";
                    case 1 -> " after per-row normalisation and ZCA whitening";
                    default -> ", one call per ms (" + n + " calls)";
                };
                String how = threads == 1 ? "1" : "2 (the GEMV on OpenBLAS's two threads)";
                sb.append(String.format(Locale.ROOT, "| LatentJ `KMeansDictionary.transformInto`, soft threshold%s | %s | %.1f | %.1f | %.1f |%n",
                        what, how, t[n / 2] / 1e3, t[(int) (n * 0.99)] / 1e3, t[(int) (n * 0.999)] / 1e3));
            }
        }
        return sb.toString();
    }
}
