package io.latentj.simd.scalar;

/** The reference of {@code io.latentj.simd.RowDots}: one plain dot product per entry of C. */
public final class ScalarRowDots {
    private ScalarRowDots() {}

    public static void of(int m, int n, int d, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < d; p++) s += a[aOff + i * lda + p] * b[bOff + j * ldb + p];
                c[cOff + i * ldc + j] = s;
            }
        }
    }
}
