package io.latentj.simd.scalar;

/**
 * Reference reconstruction losses fused with their gradient, over one row of n values: the sum of the loss terms is
 * returned (accumulated in double) and the gradient with respect to the output layer's pre-activation written.
 */
public final class ScalarLosses {
    private ScalarLosses() {}

    /** dz = scale·(y − t)·y·(1 − y) (a sigmoid output y against target t); returns Σ (y − t)². */
    public static double squaredErrorSigmoid(int n, float scale, float[] y, int yOff, float[] t, int tOff, float[] dz, int dzOff) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            float v = y[yOff + i], e = v - t[tOff + i];
            s += (double) e * e;
            dz[dzOff + i] = scale * e * (v * (1f - v));
        }
        return s;
    }

    /**
     * dz = scale·(σ(z) − t) (logits z against targets t in [0, 1]); returns Σ [softplus(z) − t·z], the binary
     * cross-entropy of σ(z) in its stable form.
     */
    public static double sigmoidCrossEntropy(int n, float scale, float[] z, int zOff, float[] t, int tOff, float[] dz, int dzOff) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = z[zOff + i], u = Math.exp(-Math.abs(v)), tv = t[tOff + i];
            s += Math.max(v, 0.0) + Math.log1p(u) - tv * v;
            double p = (v >= 0 ? 1.0 : u) / (1.0 + u);
            dz[dzOff + i] = (float) (scale * (p - tv));
        }
        return s;
    }
}
