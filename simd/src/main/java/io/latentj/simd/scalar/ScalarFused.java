package io.latentj.simd.scalar;

/**
 * Reference fused kernels for one sample's layer: a matrix-vector product and its epilogue in one call.
 * A is m×n row-major; op(A)·x has m entries (n when {@code trans}).
 */
public final class ScalarFused {
    private ScalarFused() {}

    /** y = sigmoid(op(A)·x + bias). */
    public static void gemvBiasSigmoid(boolean trans, int m, int n, float[] a, int aOff, int lda,
                                       float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff) {
        ScalarBlas.gemv(trans, m, n, 1f, a, aOff, lda, x, xOff, 0f, y, yOff);
        int len = trans ? n : m;
        for (int i = 0; i < len; i++) y[yOff + i] = ScalarElementwise.sigmoid(y[yOff + i] + bias[bOff + i]);
    }

    /** y = max(0, op(A)·x − alpha): the soft-threshold encoder f_j = max(0, D_jᵀx − α). */
    public static void gemvSoftThreshold(boolean trans, int m, int n, float[] a, int aOff, int lda,
                                         float[] x, int xOff, float alpha, float[] y, int yOff) {
        ScalarBlas.gemv(trans, m, n, 1f, a, aOff, lda, x, xOff, 0f, y, yOff);
        ScalarElementwise.softThreshold(trans ? n : m, alpha, y, yOff, y, yOff);
    }
}
