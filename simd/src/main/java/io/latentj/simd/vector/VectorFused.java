package io.latentj.simd.vector;

/** Vector API fused GEMV + epilogue kernels. Same contract as ScalarFused. */
public final class VectorFused {
    private VectorFused() {}

    public static void gemvBiasSigmoid(boolean trans, int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("VectorFused.gemvBiasSigmoid: not implemented yet");
    }

    public static void gemvSoftThreshold(boolean trans, int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float alpha, float[] y, int yOff) {
        throw new UnsupportedOperationException("VectorFused.gemvSoftThreshold: not implemented yet");
    }
}
