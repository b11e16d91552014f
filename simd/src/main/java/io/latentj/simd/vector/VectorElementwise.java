package io.latentj.simd.vector;

/** Vector API elementwise kernels. Same contract as ScalarElementwise. */
public final class VectorElementwise {
    private VectorElementwise() {}

    public static void sigmoid(int n, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.sigmoid: not implemented yet");
    }

    public static void tanh(int n, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.tanh: not implemented yet");
    }

    public static void softplus(int n, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.softplus: not implemented yet");
    }

    public static void relu(int n, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.relu: not implemented yet");
    }

    public static void exp(int n, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.exp: not implemented yet");
    }

    public static void log(int n, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.log: not implemented yet");
    }

    public static void softThreshold(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.softThreshold: not implemented yet");
    }

    public static void shrink(int n, float lambda, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.shrink: not implemented yet");
    }

    public static void softmaxRows(int m, int n, float[] a, int aOff, int lda, float[] o, int oOff, int ldo) {
        throw new UnsupportedOperationException("VectorElementwise.softmaxRows: not implemented yet");
    }

    public static void logSumExpRows(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorElementwise.logSumExpRows: not implemented yet");
    }
}
