package io.latentj.models.rbm;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * Sufficient statistics S(θ) = ⟨−∂E/∂θ⟩ of a Gaussian–Bernoulli RBM over a batch of visible rows V with their
 * hidden probabilities P = p(h|V) (mean-field hidden statistics), accumulated with a sign so that
 * {@code add(data, +1); add(negative, −1)} leaves the (CD or exact) log-likelihood gradient. With z_i = log σ_i² and
 * the energy of {@link GaussianBernoulliRBM}, per row:
 * <ul>
 * <li>−∂E/∂W_ji = h_j v_i/σ_i, so S_W = (PᵀV/n)·diag(1/σ);</li>
 * <li>−∂E/∂b_i = (v_i − b_i)/σ_i², so S_b = (mean(V) − b) ⊙ 1/σ²;</li>
 * <li>−∂E/∂c_j = h_j, so S_c = mean(P);</li>
 * <li>−∂E/∂z_i = (v_i − b_i)²/(2σ_i²) − ½ (v_i/σ_i)(Wᵀh)_i (from d(1/σ²)/dz = −1/σ² and d(1/σ)/dz = −1/(2σ)), so
 *     S_z = ½ Σ_r ((v_ri − b_i)/σ_i)²/n − ½ (1/σ_i) Σ_j W_ji (PᵀV/n)_ji — the second sum reuses the weight statistic
 *     instead of forming H·W.</li>
 * </ul>
 * Weight cost and learning rates are the trainer's business, not part of S.
 */
final class GaussianStatistics {
    final FMatrix w;
    final float[] b, c, z;
    private final FMatrix g, d;
    private final float[] tmpV, tmpH;

    GaussianStatistics(int hidden, int visible, int maxRows) {
        w = FMatrix.zeros(hidden, visible);
        g = FMatrix.zeros(hidden, visible);
        d = FMatrix.zeros(Math.max(1, maxRows), visible);
        b = new float[visible];
        z = new float[visible];
        c = new float[hidden];
        tmpV = new float[visible];
        tmpH = new float[hidden];
    }

    void clear() {
        w.fill(0f);
        java.util.Arrays.fill(b, 0f);
        java.util.Arrays.fill(c, 0f);
        java.util.Arrays.fill(z, 0f);
    }

    /**
     * Adds sign · S(V, P) for the model with weights {@code weight}, visible bias {@code bias} and inverse standard
     * deviations {@code invSigma} (null: unit variances); the log-variance statistic only when {@code variance}.
     */
    void add(Path path, FMatrix weight, float[] bias, float[] invSigma, boolean variance, FMatrix v, FMatrix p, float sign) {
        int n = v.rows(), nv = v.cols(), nh = p.cols();
        float inv = 1f / n;
        Linalg.gemm(path, Trans.T, Trans.N, inv, p, v, 0f, g);
        if (variance) {
            // −½ (1/σ_i) Σ_j W_ji G_ji
            Linalg.colDots(path, weight, g, tmpV, 0);
            Elementwise.mul(path, tmpV, 0, invSigma, 0, tmpV, 0, nv);
            Linalg.axpy(path, nv, -0.5f * sign, tmpV, 0, z, 0);
            // ½ Σ_r d_ri² / n with d = (v − b)/σ
            FMatrix dv = d.rowRange(0, n);
            GaussianConditionals.standardised(path, v, bias, invSigma, dv);
            Linalg.colDots(path, dv, dv, tmpV, 0);
            Linalg.axpy(path, nv, 0.5f * sign * inv, tmpV, 0, z, 0);
        }
        if (invSigma != null) Elementwise.scaleColumns(path, g, invSigma, 0, g);
        Linalg.axpy(path, nh * nv, sign, g.data(), 0, w.data(), 0);
        Linalg.colMeans(path, v, tmpV, 0);
        Linalg.axpy(path, nv, -1f, bias, 0, tmpV, 0);
        if (invSigma != null) {
            Elementwise.mul(path, tmpV, 0, invSigma, 0, tmpV, 0, nv);
            Elementwise.mul(path, tmpV, 0, invSigma, 0, tmpV, 0, nv);
        }
        Linalg.axpy(path, nv, sign, tmpV, 0, b, 0);
        Linalg.colMeans(path, p, tmpH, 0);
        Linalg.axpy(path, nh, sign, tmpH, 0, c, 0);
    }
}
