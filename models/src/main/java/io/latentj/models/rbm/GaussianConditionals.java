package io.latentj.models.rbm;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;

/**
 * Batch conditionals of a Gaussian–Bernoulli RBM with energy
 * E(v,h) = Σ_i (v_i − b_i)²/(2σ_i²) − cᵀh − Σ_ij (v_i/σ_i) W_ji h_j, written with two scaled copies of W:
 * {@code wIn} = W·diag(1/σ) (so p(h=1|v) = σ(c + wIn·v), one GEMM) and {@code wOut} = W·diag(σ) (so
 * E[v|h] = b + wOutᵀh, one GEMM). With unit variances both are W itself.
 */
final class GaussianConditionals {
    private GaussianConditionals() {}

    /** p(h = 1 | v) = sigmoid(V·wInᵀ + c) into {@code h} (rows × hidden). */
    static void hidden(Path path, FMatrix wIn, float[] c, FMatrix v, FMatrix h) {
        BernoulliConditionals.hidden(path, wIn, c, v, h);
    }

    /** E[v | h] = H·wOut + b into {@code mean} (rows × visible). */
    static void visibleMean(Path path, FMatrix wOut, float[] b, FMatrix h, FMatrix mean) {
        mean.fillRows(b, 0);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, h, wOut, 1f, mean);
    }

    /** out = mean + σ ⊙ ε with ε ~ N(0, 1) elementwise; {@code sigma} null means unit variances; out ≠ mean. */
    static void sampleVisible(Path path, Rng rng, FMatrix mean, float[] sigma, FMatrix out) {
        Sampling.gaussian(path, rng, 0f, 1f, out);
        if (sigma != null) Elementwise.scaleColumns(path, out, sigma, 0, out);
        for (int r = 0; r < out.rows(); r++) {
            Linalg.axpy(path, out.cols(), 1f, mean.data(), mean.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** d = (v − b) ⊙ (1/σ) row by row ({@code invSigma} null means unit variances). */
    static void standardised(Path path, FMatrix v, float[] b, float[] invSigma, FMatrix d) {
        d.copyFrom(v);
        for (int r = 0; r < d.rows(); r++) Linalg.axpy(path, d.cols(), -1f, b, 0, d.data(), d.rowOffset(r));
        if (invSigma != null) Elementwise.scaleColumns(path, d, invSigma, 0, d);
    }

    /**
     * F(v) = Σ_i (v_i − b_i)²/(2σ_i²) − Σ_j softplus(c_j + W_j·(v/σ)) of each row into {@code out};
     * {@code scratchH} (rows × hidden), {@code scratchV} (rows × visible) and {@code tmp} (rows) are overwritten.
     */
    static void freeEnergy(Path path, FMatrix wIn, float[] b, float[] c, float[] invSigma, FMatrix v,
                           FMatrix scratchH, FMatrix scratchV, float[] tmp, float[] out) {
        standardised(path, v, b, invSigma, scratchV);
        for (int r = 0; r < v.rows(); r++) {
            int o = scratchV.rowOffset(r);
            out[r] = 0.5f * Linalg.dot(path, v.cols(), scratchV.data(), o, scratchV.data(), o);
        }
        scratchH.fillRows(c, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, v, wIn, 1f, scratchH);
        io.latentj.simd.Elementwise.softplus(path, scratchH, scratchH);
        Linalg.rowSums(path, scratchH, tmp, 0);
        Linalg.axpy(path, v.rows(), -1f, tmp, 0, out, 0);
    }
}
