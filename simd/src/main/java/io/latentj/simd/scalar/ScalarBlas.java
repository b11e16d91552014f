package io.latentj.simd.scalar;

/**
 * The reference implementation of the BLAS-like kernels: plain Java loops, float accumulation, no tricks.
 * Every other path is tested against this class. Arguments are row-major and already validated by the
 * public facade ({@code io.latentj.simd.Linalg}); these methods do no checking of their own.
 *
 * <p>BLAS conventions hold on every path: when {@code beta == 0} the output is overwritten without being read
 * (NaN there does not propagate), and when {@code alpha == 0} the inputs A, B, x are not read.
 */
public final class ScalarBlas {
    private ScalarBlas() {}

    /** C(m×n) = alpha · op(A)(m×k) · op(B)(k×n) + beta · C. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                float s = 0f;
                if (alpha != 0f) {
                    for (int p = 0; p < k; p++) {
                        float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                        s += av * bv;
                    }
                }
                c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
            }
        }
    }

    /** y = alpha · op(A) · x + beta · y, where A is m×n; op(A)·x has m entries, or n when transposed. */
    public static void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                            float[] x, int xOff, float beta, float[] y, int yOff) {
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        for (int i = 0; i < outLen; i++) {
            float s = 0f;
            if (alpha != 0f) {
                for (int j = 0; j < inLen; j++) {
                    float av = trans ? a[aOff + j * lda + i] : a[aOff + i * lda + j];
                    s += av * x[xOff + j];
                }
            }
            y[yOff + i] = beta == 0f ? alpha * s : alpha * s + beta * y[yOff + i];
        }
    }

    /** A(m×n) += alpha · x · yᵀ (rank-1 update). */
    public static void ger(int m, int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] a, int aOff, int lda) {
        if (alpha == 0f) return;
        for (int i = 0; i < m; i++) {
            float xi = alpha * x[xOff + i];
            int ai = aOff + i * lda;
            for (int j = 0; j < n; j++) a[ai + j] += xi * y[yOff + j];
        }
    }

    /**
     * C(n×n) = alpha · A·Aᵀ + beta · C with A n×k, or alpha · AᵀA + beta · C with A k×n when {@code trans};
     * both triangles of C are written.
     */
    public static void syrk(boolean trans, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                float s = 0f;
                if (alpha != 0f) {
                    for (int p = 0; p < k; p++) {
                        float ai = trans ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        float aj = trans ? a[aOff + p * lda + j] : a[aOff + j * lda + p];
                        s += ai * aj;
                    }
                }
                float v = beta == 0f ? alpha * s : alpha * s + beta * c[cOff + i * ldc + j];
                c[cOff + i * ldc + j] = v;
                c[cOff + j * ldc + i] = v;
            }
        }
    }

    /** y += alpha · x. */
    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        if (alpha == 0f) return;
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    /** xᵀy. */
    public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += x[xOff + i] * y[yOff + i];
        return s;
    }

    /** x *= alpha. */
    public static void scal(int n, float alpha, float[] x, int xOff) {
        for (int i = 0; i < n; i++) x[xOff + i] *= alpha;
    }

    /** Euclidean norm ‖x‖₂, accumulated in double so it neither overflows nor underflows for float inputs. */
    public static float nrm2(int n, float[] x, int xOff) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            s += v * v;
        }
        return (float) Math.sqrt(s);
    }

    /** out[i] = Σ_j A[i][j] for the m×n matrix A. */
    public static void rowSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        for (int i = 0; i < m; i++) {
            float s = 0f;
            for (int j = 0; j < n; j++) s += a[aOff + i * lda + j];
            out[outOff + i] = s;
        }
    }

    /** out[j] = Σ_i A[i][j] for the m×n matrix A. */
    public static void colSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        for (int j = 0; j < n; j++) out[outOff + j] = 0f;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) out[outOff + j] += a[aOff + i * lda + j];
        }
    }

    /** Σ_ij (A[i][j] − B[i][j])², accumulated in double (per-row float sums would lose digits on large data). */
    public static double squaredDistance(int m, int n, float[] a, int aOff, int lda, float[] b, int bOff, int ldb) {
        double total = 0;
        for (int i = 0; i < m; i++) {
            float s = 0f;
            for (int j = 0; j < n; j++) {
                float d = a[aOff + i * lda + j] - b[bOff + i * ldb + j];
                s += d * d;
            }
            total += s;
        }
        return total;
    }

    /** out[j] = Σ_i A[i][j] · B[i][j] for m×n matrices A and B (the diagonal of AᵀB). */
    public static void colDots(int m, int n, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] out, int outOff) {
        for (int j = 0; j < n; j++) out[outOff + j] = 0f;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) out[outOff + j] += a[aOff + i * lda + j] * b[bOff + i * ldb + j];
        }
    }
}
