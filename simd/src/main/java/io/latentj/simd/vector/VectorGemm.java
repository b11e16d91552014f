package io.latentj.simd.vector;

/** Vector API GEMM and SYRK: packed panels and a register-blocked micro-kernel. Same contract as ScalarBlas. */
public final class VectorGemm {
    private VectorGemm() {}

    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("VectorGemm.gemm: not implemented yet");
    }

    public static void syrk(boolean trans, int n, int k, float alpha, float[] a, int aOff, int lda, float beta, float[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("VectorGemm.syrk: not implemented yet");
    }
}
