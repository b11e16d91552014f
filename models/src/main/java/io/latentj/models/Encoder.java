package io.latentj.models;

import io.latentj.simd.FMatrix;

/**
 * A trained model that maps an input vector to a code (hidden probabilities, features). Implementations are
 * immutable once trained, so one instance may be shared by any number of threads.
 */
public interface Encoder {
    /** Length of an input vector. */
    int inputSize();

    /** Length of a code. */
    int outputSize();

    /** Codes of every row of {@code x} (rows × {@link #inputSize()}), as a new rows × {@link #outputSize()} matrix. */
    FMatrix transform(FMatrix x);

    /**
     * The code of one input {@code x[xOff .. xOff+inputSize)} into {@code out[outOff .. outOff+outputSize)}, on the
     * caller's thread, allocating nothing: the call a service makes per request.
     */
    void transformInto(float[] x, int xOff, float[] out, int outOff);

    /**
     * Runs the inference kernels until the JIT has compiled them, so the first requests are not served by cold code
     * (Vector API code runs ~100× slower before C2 compiles it). Call once after loading, before taking traffic.
     */
    default void warmUp() {
        float[] x = new float[inputSize()], out = new float[outputSize()];
        java.util.Arrays.fill(x, 0.5f);
        long end = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 20_000 && System.nanoTime() < end; i++) transformInto(x, 0, out, 0);
        transform(FMatrix.wrap(new float[8 * inputSize()], 8, inputSize()));
    }
}
