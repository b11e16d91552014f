package io.latentj.simd.blas;

/** OpenBLAS through FFM. Same contract as ScalarBlas; arguments are validated by the facade before any downcall. */
public final class NativeBlas {
    private NativeBlas() {}

    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("NativeBlas.gemm: not implemented yet");
    }

    public static void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        throw new UnsupportedOperationException("NativeBlas.gemv: not implemented yet");
    }

    public static void ger(int m, int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] a, int aOff, int lda) {
        throw new UnsupportedOperationException("NativeBlas.ger: not implemented yet");
    }

    public static void syrk(boolean trans, int n, int k, float alpha, float[] a, int aOff, int lda, float beta, float[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("NativeBlas.syrk: not implemented yet");
    }

    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("NativeBlas.axpy: not implemented yet");
    }

    public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("NativeBlas.dot: not implemented yet");
    }

    public static void scal(int n, float alpha, float[] x, int xOff) {
        throw new UnsupportedOperationException("NativeBlas.scal: not implemented yet");
    }

    public static float nrm2(int n, float[] x, int xOff) {
        throw new UnsupportedOperationException("NativeBlas.nrm2: not implemented yet");
    }

    public static void rowSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        throw new UnsupportedOperationException("NativeBlas.rowSums: not implemented yet");
    }

    public static void colSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        throw new UnsupportedOperationException("NativeBlas.colSums: not implemented yet");
    }
}
