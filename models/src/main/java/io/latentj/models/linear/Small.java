package io.latentj.models.linear;

import io.latentj.simd.FMatrix;

/**
 * Double-precision algebra on the small q×q matrices of the latent-variable models (q = number of latent
 * dimensions): Cholesky factorisation, SPD inverse, log-determinant. Everything of size d (features) or n (samples)
 * runs on the kernels of {@code io.latentj.simd}; only these q×q steps are plain Java. Matrices are
 * row-major {@code double[n*n]}. Public (an internal helper, not a modelling API) so that the mixtures of
 * {@code io.latentj.models.mixture} share its Cholesky factorisation.
 */
public final class Small {
    private Small() {}

    /** A copy of a float matrix as a row-major double array. */
    public static double[] toDouble(FMatrix a) {
        double[] out = new double[a.rows() * a.cols()];
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.cols(); c++) out[r * a.cols() + c] = a.get(r, c);
        }
        return out;
    }

    /** A float matrix holding the (rounded) values of a row-major double array. */
    public static FMatrix toFloat(double[] a, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int i = 0; i < out.length; i++) out[i] = (float) a[i];
        return FMatrix.wrap(out, rows, cols);
    }

    /**
     * The lower Cholesky factor L (A = L·Lᵀ) of the symmetric positive definite n×n A (only its lower triangle is
     * read), as a new array with zeros above the diagonal; {@code null} when A is not positive definite.
     */
    public static double[] cholesky(double[] a, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            if (!(d > 0)) return null;
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / ljj;
            }
        }
        return l;
    }

    /** log det A from its Cholesky factor: 2 Σ log L_ii. */
    public static double logDet(double[] l, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.log(l[i * n + i]);
        return 2 * s;
    }

    /** L⁻¹ of a lower triangular n×n L (lower triangular too). */
    public static double[] invertLower(double[] l, int n) {
        double[] inv = new double[n * n];
        for (int j = 0; j < n; j++) {
            inv[j * n + j] = 1 / l[j * n + j];
            for (int i = j + 1; i < n; i++) {
                double s = 0;
                for (int k = j; k < i; k++) s -= l[i * n + k] * inv[k * n + j];
                inv[i * n + j] = s / l[i * n + i];
            }
        }
        return inv;
    }

    /** A⁻¹ = L⁻ᵀ·L⁻¹ from the Cholesky factor L of A. */
    static double[] inverseFromCholesky(double[] l, int n) {
        double[] li = invertLower(l, n);
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < n; k++) s += li[k * n + i] * li[k * n + j];
                inv[i * n + j] = s;
                inv[j * n + i] = s;
            }
        }
        return inv;
    }
}
