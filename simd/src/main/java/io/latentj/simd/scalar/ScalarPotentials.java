package io.latentj.simd.scalar;

/** Reference potentials of energy models, in double and rounded once to float (see io.latentj.simd.Potentials). */
public final class ScalarPotentials {
    private ScalarPotentials() {}

    /** log(1 + ½u²). */
    public static void studentT(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            double v = u[uOff + i];
            out[outOff + i] = (float) Math.log1p(0.5 * v * v);
        }
    }

    /** u / (1 + ½u²). */
    public static void studentTFirst(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            double v = u[uOff + i];
            out[outOff + i] = (float) (v / (1 + 0.5 * v * v));
        }
    }

    /** (1 − ½u²) / (1 + ½u²)². */
    public static void studentTSecond(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            double v = u[uOff + i], a = 1 + 0.5 * v * v;
            out[outOff + i] = (float) ((2 - a) / (a * a));
        }
    }

    /** log cosh u: −½ log(1 − tanh² u) for |u| &lt; 1 (no cancellation near 0), else |u| + log1p(e^(−2|u|)) − log 2. */
    public static void logCosh(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) logCosh(u[uOff + i]);
    }

    static double logCosh(double v) {
        double a = Math.abs(v);
        if (a < 1) {
            double t = Math.tanh(a);
            return -0.5 * Math.log1p(-t * t);
        }
        return a + Math.log1p(Math.exp(-2 * a)) - Math.log(2);
    }

    /** tanh u. */
    public static void logCoshFirst(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.tanh(u[uOff + i]);
    }

    /** 1 − tanh² u = sech² u, computed as 4e/(1 + e)² with e = e^(−2|u|), so it keeps its relative accuracy for large |u|. */
    public static void logCoshSecond(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            double e = Math.exp(-2 * Math.abs((double) u[uOff + i]));
            out[outOff + i] = (float) (4 * e / ((1 + e) * (1 + e)));
        }
    }

    /** u(a − 4)/a³ with a = 1 + ½u². */
    public static void studentTThird(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            double v = u[uOff + i], a = 1 + 0.5 * v * v;
            out[outOff + i] = (float) (v * (a - 4) / (a * a * a));
        }
    }

    /** −2 tanh u · sech² u. */
    public static void logCoshThird(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            double v = u[uOff + i], e = Math.exp(-2 * Math.abs(v));
            out[outOff + i] = (float) (-2 * Math.tanh(v) * 4 * e / ((1 + e) * (1 + e)));
        }
    }
}
