package io.latentj.models.linear;

import io.latentj.simd.FMatrix;

import java.util.SplittableRandom;

/** Test data with known second-order structure, and a direct (dense, double) Gaussian log-density for reference. */
final class LinearTestData {
    private LinearTestData() {}

    /** A random d×d orthogonal matrix (Gram–Schmidt on Gaussian rows, twice for accuracy); rows are orthonormal. */
    static double[][] randomOrthogonal(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) q[i][j] = r.nextGaussian();
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < i; k++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) dot += q[i][j] * q[k][j];
                    for (int j = 0; j < d; j++) q[i][j] -= dot * q[k][j];
                }
                double norm = 0;
                for (int j = 0; j < d; j++) norm += q[i][j] * q[i][j];
                norm = Math.sqrt(norm);
                for (int j = 0; j < d; j++) q[i][j] /= norm;
            }
        }
        return q;
    }

    /** n samples of N(mean, Σ_k λ_k q_k q_kᵀ): x = mean + Σ_k √λ_k g_k q_k. */
    static FMatrix gaussian(double[][] q, double[] lambda, double[] mean, int n, long seed) {
        int d = mean.length;
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, d);
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(mean, 0, row, 0, d);
            for (int k = 0; k < lambda.length; k++) {
                double g = r.nextGaussian() * Math.sqrt(lambda[k]);
                for (int j = 0; j < d; j++) row[j] += g * q[k][j];
            }
            for (int j = 0; j < d; j++) x.set(i, j, (float) row[j]);
        }
        return x;
    }

    /** n samples of the factor model x = μ + Wᵀz + ε, z ~ N(0, I_q), ε ~ N(0, diag(psi)); w is q×d. */
    static FMatrix factorModel(double[][] w, double[] psi, double[] mean, int n, long seed) {
        int q = w.length, d = mean.length;
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            double[] z = new double[q];
            for (int k = 0; k < q; k++) z[k] = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                double v = mean[j] + Math.sqrt(psi[j]) * r.nextGaussian();
                for (int k = 0; k < q; k++) v += w[k][j] * z[k];
                x.set(i, j, (float) v);
            }
        }
        return x;
    }

    /** log N(x; mean, c) by a dense double Cholesky of c, independent of the library's code. */
    static double logDensity(double[][] c, double[] mean, float[] x, int xOff) {
        int d = mean.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double s = c[j][j];
            for (int k = 0; k < j; k++) s -= l[j][k] * l[j][k];
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < d; i++) {
                double t = c[i][j];
                for (int k = 0; k < j; k++) t -= l[i][k] * l[j][k];
                l[i][j] = t / l[j][j];
            }
        }
        double[] y = new double[d]; // L y = x − mean
        double quad = 0, logDet = 0;
        for (int i = 0; i < d; i++) {
            double t = x[xOff + i] - mean[i];
            for (int k = 0; k < i; k++) t -= l[i][k] * y[k];
            y[i] = t / l[i][i];
            quad += y[i] * y[i];
            logDet += 2 * Math.log(l[i][i]);
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet + quad);
    }

    /** C = WᵀW + diag(psi) for the q×d loadings w (float). */
    static double[][] covariance(FMatrix w, float[] psi) {
        int q = w.rows(), d = w.cols();
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = i == j ? psi[i] : 0;
                for (int k = 0; k < q; k++) s += (double) w.get(k, i) * w.get(k, j);
                c[i][j] = s;
            }
        }
        return c;
    }

    static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
