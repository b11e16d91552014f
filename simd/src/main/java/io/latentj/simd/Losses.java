package io.latentj.simd;

import io.latentj.simd.scalar.ScalarLosses;
import io.latentj.simd.vector.VectorLosses;

/**
 * Reconstruction losses of a minibatch fused with their gradient, one pass per row: the loss terms are summed and
 * the gradient with respect to the output layer's pre-activation is written, so an autoencoder's output layer
 * needs no separate loss, subtraction, scaling and activation-derivative passes. BLAS has none of these, so every
 * path but {@link Path#SCALAR} runs the Vector API when it is available. {@code dz} must not overlap the inputs.
 */
public final class Losses {
    private Losses() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    private static void check(String what, FMatrix y, FMatrix t, FMatrix dz) {
        Checks.notNull(what, y);
        Checks.notNull("target", t);
        Checks.notNull("dz", dz);
        Checks.sameShape(what + "/target", y, t);
        Checks.sameShape(what + "/dz", y, dz);
        Checks.noOverlap("dz", dz, what, y);
        Checks.noOverlap("dz", dz, "target", t);
    }

    /**
     * Squared error of a sigmoid output layer: dz = scale·(y − t)·y·(1 − y) where y = σ(z) is the layer's output;
     * returns Σ (y − t)² over all elements (½ of it, divided by the rows, is the mean squared-error loss).
     */
    public static double squaredErrorSigmoid(Path path, FMatrix y, FMatrix t, float scale, FMatrix dz) {
        check("y", y, t, dz);
        boolean simd = simd(path);
        double s = 0;
        for (int r = 0; r < y.rows(); r++) {
            s += simd ? VectorLosses.squaredErrorSigmoid(y.cols(), scale, y.data(), y.rowOffset(r), t.data(), t.rowOffset(r), dz.data(), dz.rowOffset(r))
                    : ScalarLosses.squaredErrorSigmoid(y.cols(), scale, y.data(), y.rowOffset(r), t.data(), t.rowOffset(r), dz.data(), dz.rowOffset(r));
        }
        return s;
    }

    /**
     * Binary cross-entropy of logits z against targets t in [0, 1]: dz = scale·(σ(z) − t); returns
     * Σ [softplus(z) − t·z] over all elements (divided by the rows: the mean loss).
     */
    public static double sigmoidCrossEntropy(Path path, FMatrix z, FMatrix t, float scale, FMatrix dz) {
        check("z", z, t, dz);
        boolean simd = simd(path);
        double s = 0;
        for (int r = 0; r < z.rows(); r++) {
            s += simd ? VectorLosses.sigmoidCrossEntropy(z.cols(), scale, z.data(), z.rowOffset(r), t.data(), t.rowOffset(r), dz.data(), dz.rowOffset(r))
                    : ScalarLosses.sigmoidCrossEntropy(z.cols(), scale, z.data(), z.rowOffset(r), t.data(), t.rowOffset(r), dz.data(), dz.rowOffset(r));
        }
        return s;
    }
}
