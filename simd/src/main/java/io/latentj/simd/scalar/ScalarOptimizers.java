package io.latentj.simd.scalar;

/**
 * Reference adaptive optimiser steps for minimisation, one fused pass per parameter array. L2 weight decay is
 * coupled: the step uses g = grad + weightDecay·w. Arguments are validated by the facade.
 */
public final class ScalarOptimizers {
    private ScalarOptimizers() {}

    /** AdaGrad: acc += g²; w −= lr · g / (√acc + eps). */
    public static void adagrad(int n, float lr, float eps, float weightDecay, float[] grad, int gOff, float[] acc, int aOff, float[] w, int wOff) {
        for (int i = 0; i < n; i++) {
            float wi = w[wOff + i];
            float g = grad[gOff + i] + weightDecay * wi;
            float a = acc[aOff + i] + g * g;
            acc[aOff + i] = a;
            w[wOff + i] = wi - lr * g / ((float) Math.sqrt(a) + eps);
        }
    }

    /**
     * Adam with the bias corrections folded into the step (Kingma and Ba, section 2): m = β₁m + (1 − β₁)g;
     * v = β₂v + (1 − β₂)g²; w −= stepSize · m / (√v + eps), where the caller passes
     * stepSize = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ).
     */
    public static void adam(int n, float stepSize, float beta1, float beta2, float eps, float weightDecay,
                            float[] grad, int gOff, float[] m, int mOff, float[] v, int vOff, float[] w, int wOff) {
        float c1 = 1f - beta1, c2 = 1f - beta2;
        for (int i = 0; i < n; i++) {
            float wi = w[wOff + i];
            float g = grad[gOff + i] + weightDecay * wi;
            float mi = beta1 * m[mOff + i] + c1 * g;
            float vi = beta2 * v[vOff + i] + c2 * (g * g);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            w[wOff + i] = wi - stepSize * mi / ((float) Math.sqrt(vi) + eps);
        }
    }
}
