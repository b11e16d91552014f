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
     * allocate per call): {@link #warmUp(FMatrix)} on {@link WarmUp#syntheticInputs varied synthetic inputs}. Call
     * once after loading, before taking traffic; it takes up to a few seconds. Better, when a few real requests are at
     * hand: {@link #warmUp(FMatrix)} on them.
     */
    default void warmUp() {
        warmUp(WarmUp.syntheticInputs(this));
    }

    /**
     * Warms up on {@code samples} (rows of inputs like the requests to come): one small batch through
     * {@link #transform}, then {@link WarmUp#untilSteady} on {@link #transformInto} cycling through the rows. Inputs of
     * one kind only (the same row over and over) leave the JIT a one-sided profile: C2 then compiles each branch the
     * warm-up never took as an uncommon trap, the first real request that takes it throws the whole compiled inference
     * path away, and calls run interpreted, allocating, until C2 has compiled it again.
     */
    default void warmUp(FMatrix samples) {
        if (samples == null || samples.rows() < 1) throw new IllegalArgumentException("warmUp needs at least one sample row");
        transform(samples.rowRange(0, Math.min(8, samples.rows())).copy());
        WarmUp.untilSteady(this, samples, 15);
    }
}
