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
     * Runs the inference kernels until the JIT has compiled them for good, so the first requests are not served by
     * cold code (Vector API code runs ~100× slower before C2 compiles it, and C2's first compilation may still
     * allocate per call): {@link WarmUp#untilSteady} on {@link #transformInto}, after one small batch through
     * {@link #transform}. Call once after loading, before taking traffic; it takes up to a few seconds.
     */
    default void warmUp() {
        float[] x = new float[inputSize()], out = new float[outputSize()];
        java.util.Arrays.fill(x, 0.5f);
        transform(FMatrix.wrap(new float[8 * inputSize()], 8, inputSize()));
        WarmUp.untilSteady(() -> transformInto(x, 0, out, 0), 15);
    }
}
