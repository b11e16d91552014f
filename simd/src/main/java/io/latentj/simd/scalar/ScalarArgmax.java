package io.latentj.simd.scalar;

/** The reference of {@code io.latentj.simd.Argmax}: a plain loop per row, strict comparison (first index on ties). */
public final class ScalarArgmax {
    private ScalarArgmax() {}

    public static void rows(int m, int n, float[] a, int aOff, int lda, float[] bias, int bOff, int[] index, int iOff, float[] max, int mOff) {
        for (int i = 0; i < m; i++) {
            int row = aOff + i * lda, best = 0;
            float bv = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                float v = bias == null ? a[row + j] : a[row + j] + bias[bOff + j];
                if (v > bv) {
                    bv = v;
                    best = j;
                }
            }
            index[iOff + i] = best;
            if (max != null) max[mOff + i] = bv;
        }
    }
}
