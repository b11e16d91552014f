package io.latentj.simd.scalar;

/**
 * Reference kernels of FastICA's contrast functions: each writes g(u) (the derivative of the contrast G) over n
 * elements and returns Σ g'(u) (accumulated in double). In-place use ({@code g == u}, same offset) is allowed.
 * Arguments are validated by the facade.
 */
public final class ScalarContrasts {
    private ScalarContrasts() {}

    /** G(u) = log cosh(αu)/α: g = tanh(αu), g' = α(1 − g²). */
    public static float logcosh(int n, float alpha, float[] u, int uOff, float[] g, int gOff) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float t = (float) Math.tanh(alpha * u[uOff + i]);
            g[gOff + i] = t;
            sum += alpha * (1f - t * t);
        }
        return (float) sum;
    }

    /** G(u) = −e^(−u²/2): g = u·e^(−u²/2), g' = (1 − u²)·e^(−u²/2). */
    public static float exp(int n, float[] u, int uOff, float[] g, int gOff) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = u[uOff + i], v2 = v * v;
            float e = (float) Math.exp(-0.5f * v2);
            g[gOff + i] = v * e;
            sum += (1f - v2) * e;
        }
        return (float) sum;
    }

    /** G(u) = u⁴/4: g = u³, g' = 3u². */
    public static float cube(int n, float[] u, int uOff, float[] g, int gOff) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = u[uOff + i], v2 = v * v;
            g[gOff + i] = v2 * v;
            sum += 3f * v2;
        }
        return (float) sum;
    }
}
