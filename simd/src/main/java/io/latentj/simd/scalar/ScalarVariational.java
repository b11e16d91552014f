package io.latentj.simd.scalar;

/** Reference kernels of io.latentj.simd.Variational, in double where it costs nothing. Arguments are validated by the facade. */
public final class ScalarVariational {
    private ScalarVariational() {}

    public static double bernoulliNll(int n, float[] z, int zOff, float[] t, int tOff) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = z[zOff + i];
            s += Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v))) - t[tOff + i] * v;
        }
        return s;
    }

    public static double bernoulliNllGrad(int n, float[] z, int zOff, float[] t, int tOff, float[] grad, int gOff, float scale) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = z[zOff + i], ti = t[tOff + i];
            double e = Math.exp(-Math.abs(v)), r = 1 / (1 + e);
            s += Math.max(v, 0.0) + Math.log1p(e) - ti * v;
            double sig = v >= 0 ? r : e * r;
            grad[gOff + i] = (float) (scale * (sig - ti));
        }
        return s;
    }

    public static double squaredError(int n, float[] y, int yOff, float[] t, int tOff, float[] grad, int gOff, float scale) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            float d = y[yOff + i] - t[tOff + i];
            s += (double) d * d;
            if (grad != null) grad[gOff + i] = scale * d;
        }
        return s;
    }

    public static double reparameterize(int n, float[] mu, int muOff, float[] logVar, int lvOff, float[] eps, int eOff, float[] z, int zOff) {
        double kl = 0;
        for (int i = 0; i < n; i++) {
            double m = mu[muOff + i], lv = logVar[lvOff + i];
            double sd = Math.exp(0.5 * lv);
            z[zOff + i] = (float) (m + sd * eps[eOff + i]);
            kl += m * m + sd * sd - 1 - lv;
        }
        return 0.5 * kl;
    }

    public static void reparameterizeBackward(int n, float[] dz, int dzOff, float[] mu, int muOff, float[] logVar, int lvOff,
                                              float[] eps, int eOff, float klScale, float[] dMu, int dmOff, float[] dLogVar, int dlOff) {
        for (int i = 0; i < n; i++) {
            double sd = Math.exp(0.5 * logVar[lvOff + i]), g = dz[dzOff + i];
            dMu[dmOff + i] = (float) (g + klScale * (double) mu[muOff + i]);
            dLogVar[dlOff + i] = (float) (0.5 * (g * eps[eOff + i] * sd + klScale * (sd * sd - 1)));
        }
    }

    public static double logPriorOverPosterior(int n, float[] z, int zOff, float[] eps, int eOff, float[] logVar, int lvOff) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = eps[eOff + i], zi = z[zOff + i];
            s += e * e + logVar[lvOff + i] - zi * zi;
        }
        return 0.5 * s;
    }
}
