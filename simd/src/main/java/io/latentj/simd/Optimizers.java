package io.latentj.simd;

import io.latentj.simd.scalar.ScalarOptimizers;
import io.latentj.simd.vector.VectorOptimizers;

/**
 * Fused adaptive optimiser steps (minimisation; see {@link Updates#momentum} for classical momentum). Every path but
 * {@link Path#SCALAR} runs the Vector API when it is available; the Vector and scalar versions give identical
 * results. Arrays must not overlap one another.
 */
public final class Optimizers {
    private Optimizers() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    /** AdaGrad on n parameters, with g = grad + weightDecay·w: acc += g²; w −= lr·g / (√acc + eps). */
    public static void adagrad(Path path, int n, float lr, float eps, float weightDecay, float[] grad, int gOff, float[] acc, int aOff, float[] w, int wOff) {
        Checks.finite("lr", lr);
        Checks.finite("eps", eps);
        Checks.finite("weightDecay", weightDecay);
        Checks.vector("grad", grad, gOff, n);
        Checks.vector("acc", acc, aOff, n);
        Checks.vector("w", w, wOff, n);
        Checks.noOverlap("acc", acc, aOff, n, "grad", grad, gOff, n);
        Checks.noOverlap("w", w, wOff, n, "grad", grad, gOff, n);
        Checks.noOverlap("w", w, wOff, n, "acc", acc, aOff, n);
        if (simd(path)) VectorOptimizers.adagrad(n, lr, eps, weightDecay, grad, gOff, acc, aOff, w, wOff);
        else ScalarOptimizers.adagrad(n, lr, eps, weightDecay, grad, gOff, acc, aOff, w, wOff);
    }

    /**
     * Adam on n parameters, with g = grad + weightDecay·w: m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²;
     * w −= stepSize·m / (√v + eps). Pass stepSize = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) at step t (bias correction).
     */
    public static void adam(Path path, int n, float stepSize, float beta1, float beta2, float eps, float weightDecay,
                            float[] grad, int gOff, float[] m, int mOff, float[] v, int vOff, float[] w, int wOff) {
        Checks.finite("stepSize", stepSize);
        Checks.finite("beta1", beta1);
        Checks.finite("beta2", beta2);
        Checks.finite("eps", eps);
        Checks.finite("weightDecay", weightDecay);
        Checks.vector("grad", grad, gOff, n);
        Checks.vector("m", m, mOff, n);
        Checks.vector("v", v, vOff, n);
        Checks.vector("w", w, wOff, n);
        Checks.noOverlap("m", m, mOff, n, "grad", grad, gOff, n);
        Checks.noOverlap("v", v, vOff, n, "grad", grad, gOff, n);
        Checks.noOverlap("v", v, vOff, n, "m", m, mOff, n);
        Checks.noOverlap("w", w, wOff, n, "grad", grad, gOff, n);
        Checks.noOverlap("w", w, wOff, n, "m", m, mOff, n);
        Checks.noOverlap("w", w, wOff, n, "v", v, vOff, n);
        if (simd(path)) VectorOptimizers.adam(n, stepSize, beta1, beta2, eps, weightDecay, grad, gOff, m, mOff, v, vOff, w, wOff);
        else ScalarOptimizers.adam(n, stepSize, beta1, beta2, eps, weightDecay, grad, gOff, m, mOff, v, vOff, w, wOff);
    }
}
