package io.latentj.models.mixture;

import io.latentj.models.mixture.GaussianMixtureConfig.CovarianceType;
import io.latentj.simd.FMatrix;

/** Gaussian-mixture densities and full-covariance EM written directly in double precision, for reference. */
final class Reference {
    private Reference() {}

    record Params(double[] weights, double[][] means, double[][] covariances, double[] trace) {}

    static double logSumExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) max = Math.max(max, v);
        double s = 0;
        for (double v : a) s += Math.exp(v - max);
        return max + Math.log(s);
    }

    /** The d×d covariance of component c as a double array, from a model's layout. */
    static double[] covariance(float[] cov, CovarianceType type, int c, int d) {
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s[i * d + j] = switch (type) {
                    case SPHERICAL -> i == j ? cov[c] : 0;
                    case DIAGONAL -> i == j ? cov[c * d + i] : 0;
                    case FULL -> cov[c * d * d + i * d + j];
                };
            }
        }
        return s;
    }

    /** log N(x; μ, Σ) by a textbook Cholesky in double. */
    static double logDensity(double[] x, double[] mu, double[] s, int d) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double v = s[j * d + j];
            for (int t = 0; t < j; t++) v -= l[j * d + t] * l[j * d + t];
            l[j * d + j] = Math.sqrt(v);
            for (int i = j + 1; i < d; i++) {
                double u = s[i * d + j];
                for (int t = 0; t < j; t++) u -= l[i * d + t] * l[j * d + t];
                l[i * d + j] = u / l[j * d + j];
            }
        }
        double quad = 0, logDet = 0;
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double u = x[i] - mu[i];
            for (int t = 0; t < i; t++) u -= l[i * d + t] * y[t];
            y[i] = u / l[i * d + i];
            quad += y[i] * y[i];
            logDet += 2 * Math.log(l[i * d + i]);
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet + quad);
    }

    static double[] logProbabilities(float[] w, FMatrix m, float[] cov, CovarianceType type, FMatrix x, int row) {
        int k = w.length, d = m.cols();
        double[] xr = new double[d], mu = new double[d], lp = new double[k];
        for (int j = 0; j < d; j++) xr[j] = x.get(row, j);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) mu[j] = m.get(c, j);
            lp[c] = Math.log(w[c]) + logDensity(xr, mu, covariance(cov, type, c, d), d);
        }
        return lp;
    }

    /** Full-covariance EM in double from the given start: {@code iterations} E- and M-steps, then a final E-step. */
    static Params em(FMatrix x, float[] w0, FMatrix m0, float[] cov0, int iterations, double reg) {
        int n = x.rows(), d = x.cols(), k = w0.length;
        double[][] xs = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xs[i][j] = x.get(i, j);
        double[] w = new double[k];
        double[][] mu = new double[k][d], cov = new double[k][];
        for (int c = 0; c < k; c++) {
            w[c] = w0[c];
            for (int j = 0; j < d; j++) mu[c][j] = m0.get(c, j);
            cov[c] = covariance(cov0, CovarianceType.FULL, c, d);
        }
        double[] trace = new double[iterations + 1];
        double[][] r = new double[n][k];
        for (int it = 0; it <= iterations; it++) {
            double ll = 0;
            for (int i = 0; i < n; i++) {
                double[] lp = new double[k];
                for (int c = 0; c < k; c++) lp[c] = Math.log(w[c]) + logDensity(xs[i], mu[c], cov[c], d);
                double lse = logSumExp(lp);
                ll += lse;
                for (int c = 0; c < k; c++) r[i][c] = Math.exp(lp[c] - lse);
            }
            trace[it] = ll / n;
            if (it == iterations) break;
            for (int c = 0; c < k; c++) {
                double nk = 10 * Math.ulp(1.0);
                for (int i = 0; i < n; i++) nk += r[i][c];
                w[c] = nk / n;
                double[] m = new double[d];
                for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) m[j] += r[i][c] * xs[i][j];
                for (int j = 0; j < d; j++) m[j] /= nk;
                double[] s = new double[d * d];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) s[a * d + b] += r[i][c] * (xs[i][a] - m[a]) * (xs[i][b] - m[b]);
                    }
                }
                for (int a = 0; a < d * d; a++) s[a] /= nk;
                for (int a = 0; a < d; a++) s[a * d + a] += reg;
                mu[c] = m;
                cov[c] = s;
            }
        }
        return new Params(w, mu, cov, trace);
    }
}
