package io.latentj.simd.scalar;

/**
 * Reference backward passes of activations: each multiplies an incoming gradient {@code dy} by the activation's
 * derivative, written in terms of the forward output {@code y} (or input) so no transcendental is re-evaluated.
 * Arguments are validated by the facade; {@code out} may be {@code dy} (in place).
 */
public final class ScalarDerivatives {
    private ScalarDerivatives() {}

    /** out = dy · y(1 − y), the sigmoid's derivative from its output y = σ(x). */
    public static void sigmoid(int n, float[] y, int yOff, float[] dy, int dyOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            float s = y[yOff + i];
            out[outOff + i] = dy[dyOff + i] * (s * (1f - s));
        }
    }

    /** out = dy · (1 − y²), tanh's derivative from its output y = tanh(x). */
    public static void tanh(int n, float[] y, int yOff, float[] dy, int dyOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            float t = y[yOff + i];
            out[outOff + i] = dy[dyOff + i] * (1f - t * t);
        }
    }

    /** out = dy where x &gt; 0, else 0 (ReLU's mask; NaN x gives 0). */
    public static void relu(int n, float[] x, int xOff, float[] dy, int dyOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = x[xOff + i] > 0f ? dy[dyOff + i] : 0f;
    }

    /**
     * Softmax backward of one row: out_j = y_j · (dy_j − Σ_k y_k dy_k). The sum is accumulated in index order.
     */
    public static void softmaxRow(int n, float[] y, int yOff, float[] dy, int dyOff, float[] out, int outOff) {
        float dot = 0f;
        for (int i = 0; i < n; i++) dot += y[yOff + i] * dy[dyOff + i];
        for (int i = 0; i < n; i++) out[outOff + i] = y[yOff + i] * (dy[dyOff + i] - dot);
    }

    /**
     * The two factors of the contractive penalty of a sigmoid layer, from its output h: s = (h(1 − h))² (the
     * squared derivative) and q = s · (1 − 2h) (half the derivative of s with respect to the pre-activation).
     */
    public static void contractive(int n, float[] h, int hOff, float[] s, int sOff, float[] q, int qOff) {
        for (int i = 0; i < n; i++) {
            float v = h[hOff + i];
            float d = v * (1f - v);
            float sq = d * d;
            s[sOff + i] = sq;
            q[qOff + i] = sq * (1f - 2f * v);
        }
    }
}
