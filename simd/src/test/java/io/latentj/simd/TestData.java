package io.latentj.simd;

import java.util.SplittableRandom;

/** Random test operands, some of them views with offsets and row strides wider than their width. */
final class TestData {
    private TestData() {}

    static FMatrix matrix(SplittableRandom rnd, int rows, int cols, boolean padded) {
        int off = padded ? 1 + rnd.nextInt(5) : 0;
        int stride = Math.max(1, cols) + (padded ? 1 + rnd.nextInt(7) : 0);
        float[] d = new float[off + Math.max(0, rows - 1) * stride + cols + (padded ? 3 : 0)];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        return FMatrix.view(d, off, rows, cols, stride);
    }

    static float[] vector(SplittableRandom rnd, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        return v;
    }

    /** Max |a−b| / scale, NaN-aware (NaN must meet NaN, ±∞ must meet the same ±∞). */
    static double relErr(float[] ref, float[] got, double scale) {
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            float r = ref[i], g = got[i];
            if (Float.isNaN(r) || Float.isNaN(g) || Float.isInfinite(r) || Float.isInfinite(g)) {
                if (Float.compare(r, g) != 0) return Double.POSITIVE_INFINITY;
                continue;
            }
            worst = Math.max(worst, Math.abs(r - g) / scale);
        }
        return worst;
    }
}
