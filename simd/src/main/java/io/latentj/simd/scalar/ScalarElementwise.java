package io.latentj.simd.scalar;

/**
 * Reference elementwise kernels: {@code out[outOff + i] = f(x[xOff + i])} for {@code i < n}, using {@link Math}.
 * In-place use ({@code out == x}, same offset) is allowed. Arguments are validated by the facade.
 */
public final class ScalarElementwise {
    private ScalarElementwise() {}

    /** Logistic sigmoid 1 / (1 + e^(−x)). */
    public static void sigmoid(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = sigmoid(x[xOff + i]);
    }

    public static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    public static void tanh(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.tanh(x[xOff + i]);
    }

    /** softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^(−|x|)) so it never overflows. */
    public static void softplus(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = softplus(x[xOff + i]);
    }

    public static float softplus(float v) {
        return (float) (Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs((double) v))));
    }

    /** max(0, x); NaN stays NaN. */
    public static void relu(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v > 0f ? v : (v == v ? 0f : v);
        }
    }

    public static void exp(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.exp(x[xOff + i]);
    }

    public static void log(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.log(x[xOff + i]);
    }

    /** One-sided soft threshold max(0, x − alpha) (Coates and Ng's encoder); NaN stays NaN. */
    public static void softThreshold(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i] - alpha;
            out[outOff + i] = v > 0f ? v : (v == v ? 0f : v);
        }
    }

    /** Two-sided shrink sign(x) · max(|x| − lambda, 0), the proximal operator of lambda·‖·‖₁; NaN stays NaN. */
    public static void shrink(int n, float lambda, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            float r = Math.abs(v) - lambda;
            out[outOff + i] = r > 0f ? Math.copySign(r, v) : (r == r ? 0f : r);
        }
    }

    /** Row-wise softmax of the m×n matrix A into O, subtracting each row's maximum first. */
    public static void softmaxRows(int m, int n, float[] a, int aOff, int lda, float[] o, int oOff, int ldo) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda, oi = oOff + i * ldo;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) max = Math.max(max, a[ai + j]);
            if (max == Float.NEGATIVE_INFINITY) max = 0f; // all −∞: e^(−∞ − 0) = 0, sum 0, 0/0 = NaN as IEEE says
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(a[ai + j] - max);
                o[oi + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) o[oi + j] *= inv;
        }
    }

    /** out[i] = log Σ_j exp(A[i][j]), stable (the row maximum is factored out). */
    public static void logSumExpRows(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) max = Math.max(max, a[ai + j]);
            if (max == Float.NEGATIVE_INFINITY || max == Float.POSITIVE_INFINITY || max != max) {
                out[outOff + i] = max; // empty row or all −∞ → −∞; +∞ → +∞; NaN → NaN
                continue;
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) sum += (float) Math.exp(a[ai + j] - max);
            out[outOff + i] = max + (float) Math.log(sum);
        }
    }

    /** Index (relative to xOff) of the first element not in [lo, hi] (NaN never is) among n, or −1 when all are. */
    public static int firstOutside(int n, float lo, float hi, float[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            if (!(v >= lo && v <= hi)) return i;
        }
        return -1;
    }

    /** out[i] = x[i] · y[i] (elementwise product; in place allowed). */
    public static void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = x[xOff + i] * y[yOff + i];
    }

    public static void affine(int n, float[] x, int xOff, float[] scale, int scaleOff, float[] shift, int shiftOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.fma(x[xOff + i], scale[scaleOff + i], shift[shiftOff + i]);
    }

    public static void binarize(int n, float threshold, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = x[xOff + i] > threshold ? 1f : 0f;
    }

    public static void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
    }
}
