package io.latentj.simd.scalar;

/** The reference of {@code io.latentj.simd.Proximal}: plain loops, sums in double. */
public final class ScalarProximal {
    private ScalarProximal() {}

    /**
     * next = shrink(step + c, threshold) over n entries; out = {‖next − prev‖², ‖next‖², ⟨y − next, next − prev⟩}.
     * {@code c} null reads as zeros.
     */
    public static void sums(int n, float threshold, float[] step, int sOff, float[] c, int cOff, float[] prev, int pOff,
                            float[] y, int yOff, float[] next, int nOff, double[] out) {
        double dd = 0, nn = 0, dot = 0;
        for (int i = 0; i < n; i++) {
            float v = c == null ? step[sOff + i] : step[sOff + i] + c[cOff + i];
            float r = Math.abs(v) - threshold;
            float x = r > 0f ? Math.copySign(r, v) : (r == r ? 0f : r);
            next[nOff + i] = x;
            float d = x - prev[pOff + i];
            dd += (double) d * d;
            nn += (double) x * x;
            dot += (double) (y[yOff + i] - x) * d;
        }
        out[0] = dd;
        out[1] = nn;
        out[2] = dot;
    }

    /** y = next + beta·(next − prev) over n entries. */
    public static void momentum(int n, float beta, float[] prev, int pOff, float[] y, int yOff, float[] next, int nOff) {
        for (int i = 0; i < n; i++) {
            float x = next[nOff + i];
            y[yOff + i] = x + beta * (x - prev[pOff + i]);
        }
    }
}
