package io.latentj.models.mixture;

import io.latentj.models.Minibatches;
import io.latentj.models.mixture.GaussianMixtureConfig.CovarianceType;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * The two steps of EM for a Gaussian mixture (Dempster, Laird and Rubin 1977; Bishop, PRML §9.2.2), on data shifted
 * by the components' {@code shift} (xs = x − shift, xs2 = xs ⊙ xs):
 * <ul>
 * <li>E-step: log π_k + log N(x_i; μ_k, Σ_k) for all rows ({@link Gaussians#logProbabilities}), the per-row
 * log-likelihood by a stable log-sum-exp, and the responsibilities r_ik by a row softmax;</li>
 * <li>M-step: N_k = Σ_i r_ik, π_k = N_k/n, μ_k = Σ_i r_ik x_i / N_k (one GEMM Rᵀ·X); diagonal variances
 * Σ_i r_ik x²_ij / N_k − μ²_kj (one GEMM Rᵀ·(X⊙X)), spherical ones their mean over j; full covariances
 * (√r_k ⊙ (X − μ_k))ᵀ(√r_k ⊙ (X − μ_k)) / N_k (one SYRK each). {@code regCovar} is added to every variance.</li>
 * </ul>
 */
final class ExpectationMaximization {
    private ExpectationMaximization() {}

    /** Added to every N_k, as scikit-learn does, so an empty component divides by a tiny number rather than zero. */
    private static final double EMPTY = 10 * Math.ulp(1.0);

    /** E-step: fills logProb (n×K), rowLogLikelihood (n) and resp (n×K); returns the mean log-likelihood (in double). */
    static double eStep(Path p, Gaussians g, FMatrix xs, FMatrix xs2, FMatrix logProb, FMatrix resp, float[] rowLogLikelihood) {
        g.logProbabilities(p, xs, xs2, logProb);
        Elementwise.logSumExpRows(p, logProb, rowLogLikelihood, 0);
        Elementwise.softmaxRows(p, logProb, resp);
        return Minibatches.mean(rowLogLikelihood);
    }

    /** M-step: the components maximising the expected complete-data log-likelihood under resp; xs2 unused for full. */
    static Gaussians mStep(GaussianMixtureConfig c, FMatrix xs, FMatrix xs2, FMatrix resp, float[] shift) {
        Path p = c.path();
        int n = xs.rows(), d = xs.cols(), k = resp.cols();
        float[] colSums = new float[k];
        Linalg.colSums(p, resp, colSums, 0);
        double[] nk = new double[k];
        for (int j = 0; j < k; j++) nk[j] = colSums[j] + EMPTY;
        FMatrix means = FMatrix.zeros(k, d); // relative to shift until the end
        Linalg.gemm(p, Trans.T, Trans.N, 1f, resp, xs, 0f, means);
        for (int j = 0; j < k; j++) Linalg.scal(p, d, (float) (1 / nk[j]), means.data(), means.rowOffset(j));
        float[] weights = new float[k];
        for (int j = 0; j < k; j++) weights[j] = c.isSoftKMeans() ? 1f / k : (float) (nk[j] / n);
        float reg = (float) c.regCovar();
        float[] cov;
        if (c.isSoftKMeans()) {
            cov = new float[k];
            java.util.Arrays.fill(cov, (float) c.fixedVariance());
        } else if (c.covariance() != CovarianceType.FULL) {
            FMatrix sq = FMatrix.zeros(k, d);
            Linalg.gemm(p, Trans.T, Trans.N, 1f, resp, xs2, 0f, sq);
            float[] diag = new float[k * d];
            for (int j = 0; j < k; j++) {
                float inv = (float) (1 / nk[j]);
                for (int t = 0; t < d; t++) {
                    float m = means.get(j, t);
                    // E[x²] − μ² can round below zero for a component on (nearly) one point: floor at regCovar
                    diag[j * d + t] = Math.max(sq.get(j, t) * inv - m * m, 0f) + reg;
                }
            }
            if (c.covariance() == CovarianceType.DIAGONAL) {
                cov = diag;
            } else {
                cov = new float[k];
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int t = 0; t < d; t++) s += diag[j * d + t];
                    cov[j] = (float) (s / d);
                }
            }
        } else {
            cov = new float[k * d * d];
            FMatrix z = FMatrix.zeros(n, d), s = FMatrix.zeros(d, d);
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1f);
            for (int j = 0; j < k; j++) {
                z.copyFrom(xs);
                Linalg.ger(p, -1f, ones, 0, means.data(), means.rowOffset(j), z);
                for (int i = 0; i < n; i++) Linalg.scal(p, d, (float) Math.sqrt(resp.get(i, j)), z.data(), z.rowOffset(i));
                Linalg.syrk(p, Trans.T, (float) (1 / nk[j]), z, 0f, s);
                for (int t = 0; t < d; t++) s.set(t, t, s.get(t, t) + reg);
                System.arraycopy(s.data(), 0, cov, j * d * d, d * d);
            }
        }
        for (int j = 0; j < k; j++) Linalg.axpy(p, d, 1f, shift, 0, means.data(), means.rowOffset(j));
        return new Gaussians(c.covariance(), weights, means, cov, shift);
    }
}
