package io.latentj.models.mixture;

import io.latentj.models.linear.Small;
import io.latentj.models.mixture.GaussianMixtureConfig.CovarianceType;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * The K weighted Gaussian components of a mixture (weights π, means μ, covariances of one {@link CovarianceType}) with
 * what the E-step needs precomputed in double and rounded once, so that log π_k + log N(x; μ_k, Σ_k) for a batch is
 * GEMM work:
 * <ul>
 * <li>spherical and diagonal: with precisions p_k = 1/σ²_k, Σ_j p_kj (x_j − μ_kj)² = (x⊙x)·p_k − 2x·(p_k⊙μ_k) +
 * Σ_j p_kj μ²_kj, so the n×K matrix is two GEMMs against K×d matrices plus per-component constants;</li>
 * <li>full: with Σ_k = L_kL_kᵀ (Cholesky) and A_k = L_k⁻¹, the Mahalanobis distance is ‖A_k x − A_kμ_k‖², one GEMM
 * per component (the Cholesky-whitened distance).</li>
 * </ul>
 * The data are first shifted by {@link #shift} (the data mean, or Σ π_kμ_k), which keeps the expanded squares of the
 * first form from cancelling in float when the data sit far from the origin.
 */
final class Gaussians {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    final CovarianceType type;
    final int k, d;
    final float[] weights;       // K
    final FMatrix means;         // K×d
    final float[] covariances;   // spherical: K; diagonal: K·d; full: K·d·d
    final float[] shift;         // d
    private final float[] constants;         // K: log π_k − ½(d log 2π + log det Σ_k [+ Σ_j p_kj μ'²_kj])
    private final FMatrix precisions;        // spherical/diagonal: K×d, 1/σ²
    private final FMatrix precisionMeans;    // spherical/diagonal: K×d, p ⊙ (μ − shift)
    private final FMatrix[] whitening;       // full: A_k = L_k⁻¹, d×d lower triangular
    private final FMatrix whitenedMeans;     // full: K×d, −A_k (μ_k − shift)
    private final FMatrix[] cholesky;        // full: L_k, for sampling

    Gaussians(CovarianceType type, float[] weights, FMatrix means, float[] covariances, float[] shift) {
        this.type = type;
        this.k = means.rows();
        this.d = means.cols();
        int expected = switch (type) {
            case SPHERICAL -> k;
            case DIAGONAL -> k * d;
            case FULL -> k * d * d;
        };
        if (weights.length != k || covariances.length != expected || shift.length != d) {
            throw new IllegalArgumentException("means " + means.shape() + " need " + k + " weights, " + expected + " " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " covariance entries and a shift of " + d + ", got " + weights.length + ", " + covariances.length + " and " + shift.length);
        }
        for (int c = 0; c < k; c++) {
            if (!(weights[c] >= 0 && weights[c] <= 1)) throw new IllegalArgumentException("weight " + c + " is " + weights[c] + ", not in [0, 1]");
        }
        this.weights = weights.clone();
        this.means = means.copy();
        this.covariances = covariances.clone();
        this.shift = shift.clone();
        this.constants = new float[k];
        if (type == CovarianceType.FULL) {
            whitening = new FMatrix[k];
            cholesky = new FMatrix[k];
            whitenedMeans = FMatrix.zeros(k, d);
            precisions = null;
            precisionMeans = null;
            double[] s = new double[d * d];
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < d * d; i++) s[i] = this.covariances[c * d * d + i];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < i; j++) {
                        if (s[i * d + j] != s[j * d + i]) throw new IllegalArgumentException("covariance of component " + c + " is not symmetric at (" + i + ", " + j + ")");
                    }
                }
                double[] l = Small.cholesky(s, d);
                if (l == null) {
                    throw new ArithmeticException("covariance of component " + c + " is not positive definite: raise regCovar (collapsed or duplicate samples)");
                }
                double[] a = Small.invertLower(l, d);
                cholesky[c] = toFloat(l, d, d);
                whitening[c] = toFloat(a, d, d);
                for (int i = 0; i < d; i++) {
                    double b = 0;
                    for (int j = 0; j <= i; j++) b += a[i * d + j] * ((double) this.means.get(c, j) - shift[j]);
                    whitenedMeans.set(c, i, (float) -b);
                }
                constants[c] = (float) (Math.log(weights[c]) - 0.5 * (d * LOG_2PI + Small.logDet(l, d)));
            }
        } else {
            whitening = null;
            cholesky = null;
            whitenedMeans = null;
            precisions = FMatrix.zeros(k, d);
            precisionMeans = FMatrix.zeros(k, d);
            for (int c = 0; c < k; c++) {
                double logDet = 0, quad = 0;
                for (int j = 0; j < d; j++) {
                    double v = type == CovarianceType.SPHERICAL ? this.covariances[c] : this.covariances[c * d + j];
                    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("variance of component " + c + " is " + v + ": must be positive and finite");
                    double prec = 1 / v, m = (double) this.means.get(c, j) - shift[j];
                    logDet += Math.log(v);
                    quad += prec * m * m;
                    precisions.set(c, j, (float) prec);
                    precisionMeans.set(c, j, (float) (prec * m));
                }
                constants[c] = (float) (Math.log(weights[c]) - 0.5 * (d * LOG_2PI + logDet + quad));
            }
        }
    }

    private static FMatrix toFloat(double[] a, int rows, int cols) {
        float[] f = new float[rows * cols];
        for (int i = 0; i < f.length; i++) f[i] = (float) a[i];
        return FMatrix.wrap(f, rows, cols);
    }

    /** Σ_k π_k μ_k: the mean of the mixture, the shift a trained model uses. */
    static float[] mixtureMean(float[] weights, FMatrix means) {
        int d = means.cols();
        double[] m = new double[d];
        for (int c = 0; c < weights.length; c++) for (int j = 0; j < d; j++) m[j] += (double) weights[c] * means.get(c, j);
        float[] out = new float[d];
        for (int j = 0; j < d; j++) out[j] = (float) m[j];
        return out;
    }

    /** A new n×d matrix x − 1·shiftᵀ. */
    static FMatrix shifted(Path p, FMatrix x, float[] shift) {
        FMatrix xs = x.copy();
        if (x.rows() == 0) return xs;
        float[] ones = new float[x.rows()];
        java.util.Arrays.fill(ones, 1f);
        Linalg.ger(p, -1f, ones, 0, shift, 0, xs);
        return xs;
    }

    /** A new matrix xs ⊙ xs (xs contiguous, as {@link #shifted} makes it). */
    static FMatrix squares(Path p, FMatrix xs) {
        FMatrix xs2 = FMatrix.zeros(xs.rows(), xs.cols());
        Elementwise.mul(p, xs.data(), 0, xs.data(), 0, xs2.data(), 0, Math.toIntExact(xs.size()));
        return xs2;
    }

    /** Whether {@link #logProbabilities} needs the squares of the shifted data. */
    boolean needsSquares() {
        return type != CovarianceType.FULL;
    }

    /**
     * out[i][k] = log π_k + log N(x_i; μ_k, Σ_k) for shifted data xs = x − shift (n×d); xs2 = xs ⊙ xs when
     * {@link #needsSquares()}, else ignored.
     */
    void logProbabilities(Path p, FMatrix xs, FMatrix xs2, FMatrix out) {
        int n = xs.rows();
        if (n == 0) return;
        out.fillRows(constants, 0);
        if (type != CovarianceType.FULL) {
            Linalg.gemm(p, Trans.N, Trans.T, -0.5f, xs2, precisions, 1f, out);
            Linalg.gemm(p, Trans.N, Trans.T, 1f, xs, precisionMeans, 1f, out);
            return;
        }
        FMatrix y = FMatrix.zeros(n, d);
        float[] q = new float[n];
        for (int c = 0; c < k; c++) {
            y.fillRows(whitenedMeans.data(), whitenedMeans.rowOffset(c));
            Linalg.gemm(p, Trans.N, Trans.T, 1f, xs, whitening[c], 1f, y);
            Elementwise.mul(p, y.data(), 0, y.data(), 0, y.data(), 0, n * d);
            Linalg.rowSums(p, y, q, 0);
            for (int i = 0; i < n; i++) out.set(i, c, constants[c] - 0.5f * q[i]);
        }
    }

    /**
     * One sample: out[outOff + k] = log π_k + log N(x; μ_k, Σ_k), for x already shifted (xs, length d), using
     * {@code scratch} (length d); allocates nothing.
     */
    void logProbabilitiesInto(Path p, float[] xs, float[] scratch, float[] out, int outOff) {
        System.arraycopy(constants, 0, out, outOff, k);
        if (type != CovarianceType.FULL) {
            Elementwise.mul(p, xs, 0, xs, 0, scratch, 0, d);
            Linalg.gemv(p, Trans.N, -0.5f, precisions, scratch, 0, 1f, out, outOff);
            Linalg.gemv(p, Trans.N, 1f, precisionMeans, xs, 0, 1f, out, outOff);
            return;
        }
        for (int c = 0; c < k; c++) {
            System.arraycopy(whitenedMeans.data(), whitenedMeans.rowOffset(c), scratch, 0, d);
            Linalg.gemv(p, Trans.N, 1f, whitening[c], xs, 0, 1f, scratch, 0);
            out[outOff + c] -= 0.5f * Linalg.dot(p, d, scratch, 0, scratch, 0);
        }
    }

    /** Cholesky factor L_k of a full covariance (d×d, lower triangular). */
    FMatrix choleskyFactor(int c) {
        return cholesky[c];
    }

    /** Free parameters: K − 1 weights, K·d means and the covariances (K, K·d or K·d(d+1)/2). */
    long parameterCount(boolean softKMeans) {
        long meansCount = (long) k * d;
        if (softKMeans) return meansCount;
        long cov = switch (type) {
            case SPHERICAL -> k;
            case DIAGONAL -> (long) k * d;
            case FULL -> (long) k * d * (d + 1) / 2;
        };
        return (k - 1) + meansCount + cov;
    }
}
