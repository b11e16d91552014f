package io.latentj.models;

import io.latentj.simd.Elementwise;
import io.latentj.simd.Path;

/** The check every trainer runs after an epoch: parameters that turned NaN/Inf stop training with a clear message. */
public final class Divergence {
    private Divergence() {}

    /**
     * Throws an {@link ArithmeticException} naming the model, the epoch and the advice when any of {@code parameters}
     * holds a non-finite value; the last good checkpoint (if any) is kept, since it is checked before checkpointing.
     */
    public static void check(Path path, String model, int epoch, String advice, Checkpointing checkpointing, float[]... parameters) {
        for (float[] p : parameters) {
            if (Elementwise.firstNonFinite(path, p, 0, p.length) >= 0) {
                throw new ArithmeticException(model + " training diverged in epoch " + epoch + " (non-finite parameters); " + advice
                        + (checkpointing != null ? "; the last good checkpoint is kept at " + checkpointing.file() : ""));
            }
        }
    }
}
