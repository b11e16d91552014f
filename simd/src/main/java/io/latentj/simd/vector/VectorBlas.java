package io.latentj.simd.vector;

/** Vector API level-1 and level-2 kernels. Same contract as ScalarBlas. */
public final class VectorBlas {
    private VectorBlas() {}

    public static void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        throw new UnsupportedOperationException("VectorBlas.gemv: not implemented yet");
    }

    public static void ger(int m, int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] a, int aOff, int lda) {
        throw new UnsupportedOperationException("VectorBlas.ger: not implemented yet");
    }

    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("VectorBlas.axpy: not implemented yet");
    }

    public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("VectorBlas.dot: not implemented yet");
    }

    public static void scal(int n, float alpha, float[] x, int xOff) {
        throw new UnsupportedOperationException("VectorBlas.scal: not implemented yet");
    }

    public static float nrm2(int n, float[] x, int xOff) {
        throw new UnsupportedOperationException("VectorBlas.nrm2: not implemented yet");
    }

    public static void rowSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorBlas.rowSums: not implemented yet");
    }

    public static void colSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        throw new UnsupportedOperationException("VectorBlas.colSums: not implemented yet");
    }
}
