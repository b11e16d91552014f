package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.models.Inputs;
import io.latentj.simd.Path;
import io.latentj.simd.Scatter;
import io.latentj.simd.Trans;

/** The centring and covariance steps shared by the models of this package. */
final class Moments {
    private Moments() {}

    /** Column means of x. */
    static float[] mean(Path path, FMatrix x) {
        float[] mean = new float[x.cols()];
        Linalg.colMeans(path, x, mean, 0);
        return mean;
    }

    /** A new matrix x − 1·meanᵀ (a copy and one rank-one update). */
    static FMatrix centred(Path path, FMatrix x, float[] mean) {
        FMatrix xc = x.copy();
        float[] ones = new float[x.rows()];
        java.util.Arrays.fill(ones, 1f);
        Linalg.ger(path, -1f, ones, 0, mean, 0, xc);
        return xc;
    }

    /** The covariance XcᵀXc / divisor of centred data (one SYRK). */
    static FMatrix covariance(Path path, FMatrix xc, double divisor) {
        FMatrix s = FMatrix.zeros(xc.cols(), xc.cols());
        Linalg.syrk(path, Trans.T, (float) (1 / divisor), xc, 0f, s);
        return s;
    }

    /** Rows per block of {@link #covarianceOf}: a centred block of 784 columns is ~3 MB. */
    private static final int BLOCK = 1024;

    /**
     * The covariance (X − 1μᵀ)ᵀ(X − 1μᵀ) / divisor without a centred copy of X: blocks of rows are centred into one
     * buffer and accumulated by SYRK (β = 1), so memory stays at one block whatever the number of rows.
     */
    static FMatrix covarianceOf(Path path, FMatrix x, float[] mean, double divisor) {
        int n = x.rows(), d = x.cols();
        FMatrix s = FMatrix.zeros(d, d), buf = FMatrix.zeros(Math.min(BLOCK, n), d);
        float[] ones = new float[buf.rows()];
        java.util.Arrays.fill(ones, 1f);
        for (int r0 = 0; r0 < n; r0 += BLOCK) {
            int m = Math.min(BLOCK, n - r0);
            FMatrix b = buf.rowRange(0, m);
            b.copyFrom(x.rowRange(r0, r0 + m));
            Linalg.ger(path, -1f, ones, 0, mean, 0, b);
            Linalg.syrk(path, Trans.T, (float) (1 / divisor), b, 1f, s);
        }
        return s;
    }

    /** The diagonal of a square matrix. */
    static float[] diagonal(FMatrix s) {
        float[] d = new float[s.rows()];
        for (int i = 0; i < d.length; i++) d[i] = s.get(i, i);
        return d;
    }

    /** Column means (float, as models store them) and the covariance (double, d×d row-major) of a data matrix. */
    record MeanAndCovariance(float[] mean, double[] covariance) {}

    /**
     * Rows whose mean is the shift of {@link #meanAndCovariance}: enough that the shift is within a small fraction
     * of a standard deviation of the mean (the rank-one correction then stays tiny), few enough that this one-off
     * call costs nothing next to the scatter (1,024 rows took 3–10 ms per fit while its kernel was not yet compiled).
     */
    private static final int SHIFT_ROWS = 256;

    /**
     * The column means μ and the covariance (X − 1μᵀ)ᵀ(X − 1μᵀ) / divisor of the rows of x (at least one), in one read
     * of x and without a centred copy ({@link Scatter#shifted}): the scatter about c, the mean of the first
     * min(n, 256) rows, then in double μ = c + m and the covariance (S − n·m·mᵀ)/divisor with m the mean of x − c.
     * Because c is already close to μ, the rank-one correction is small and cancels nothing of note, unlike the
     * uncentred XᵀX − nμμᵀ. The NaN/±∞ check rides on the same read (the column sums); x is scanned again only to
     * name the row and column of a bad value in the {@link IllegalArgumentException}.
     */
    static MeanAndCovariance meanAndCovariance(Path path, FMatrix x, double divisor) {
        int n = x.rows(), d = x.cols();
        float[] shift = mean(path, x.rowRange(0, Math.min(n, SHIFT_ROWS)));
        FMatrix s = FMatrix.zeros(d, d);
        double[] sums = new double[d];
        Scatter.shifted(path, x, shift, 0, s, sums, 0);
        for (double v : sums) {
            if (!Double.isFinite(v)) {
                Inputs.requireTrainingData(path, x, 1); // names the first NaN/±∞
                throw new IllegalArgumentException("training data has values too large for a float sum (|x| near 3.4e38)");
            }
        }
        float[] mu = new float[d];
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = sums[j] / n;
            mu[j] = (float) (shift[j] + m[j]);
        }
        double[] cov = new double[d * d];
        float[] sd = s.data();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) cov[a * d + b] = (sd[a * d + b] - n * m[a] * m[b]) / divisor;
        }
        return new MeanAndCovariance(mu, cov);
    }
}
