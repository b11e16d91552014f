package io.latentj.models;

import io.latentj.simd.FMatrix;

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

    /** {@link #untilSteady(Runnable, double)} on {@code model.transformInto} of each row of {@code samples} in turn. */
    public static void untilSteady(Encoder model, FMatrix samples, double maxSeconds) {
        if (samples.cols() != model.inputSize()) {
            throw new IllegalArgumentException("warm-up samples have " + samples.cols() + " columns, the model expects " + model.inputSize());
        }
        FMatrix rows = samples.copy();
        float[] out = new float[model.outputSize()];
        final class Cycle implements Runnable {
            private int r;

            @Override
            public void run() {
                model.transformInto(rows.data(), rows.rowOffset(r), out, 0);
                if (++r == rows.rows()) r = 0;
            }
        }
        untilSteady(new Cycle(), maxSeconds);
    }

    /**
     * Varied inputs for a model's warm-up when no real ones are given: all 0.5, all 0, all 1, uniform in [0, 1),
     * random 0/1, standard normal, normal with standard deviation 3, and alternating −1/+1 (seeded, so every run warms
     * the same way), each kept only if the model's {@code transformInto} and {@code transform} accept it. Both sides
     * of the kernels' data-dependent branches (signs, clamps, zero tests, solver iterations) are then in the JIT's
     * profile.
     */
    public static FMatrix syntheticInputs(Encoder model) {
        int d = model.inputSize();
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x5EED);
        float[][] kinds = new float[8][d];
        for (int j = 0; j < d; j++) {
            kinds[0][j] = 0.5f;
            kinds[2][j] = 1f;
            kinds[3][j] = (float) random.nextDouble();
            kinds[4][j] = random.nextBoolean() ? 1f : 0f;
            kinds[5][j] = (float) random.nextGaussian();
            kinds[6][j] = (float) (3 * random.nextGaussian());
            kinds[7][j] = (j & 1) == 0 ? -1f : 1f;
        }
        float[] out = new float[model.outputSize()];
        java.util.List<float[]> accepted = new java.util.ArrayList<>();
        IllegalArgumentException refused = null;
        for (float[] k : kinds) {
            try {
                model.transformInto(k, 0, out, 0);
                model.transform(FMatrix.wrap(k, 1, d)); // some models check more in the batch call (value ranges)
                accepted.add(k);
            } catch (IllegalArgumentException e) {
                refused = e; // outside what the model reads (e.g. not a one-hot rating vector): not a warm-up input
            }
        }
        if (accepted.isEmpty()) throw new IllegalStateException("the model refused every synthetic warm-up input: call warmUp(samples)", refused);
        FMatrix x = FMatrix.zeros(accepted.size(), d);
        for (int i = 0; i < accepted.size(); i++) System.arraycopy(accepted.get(i), 0, x.data(), x.rowOffset(i), d);
        return x;
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
