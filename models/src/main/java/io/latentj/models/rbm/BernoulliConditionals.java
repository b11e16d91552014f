package io.latentj.models.rbm;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * The factorised conditionals and the free energy of a Bernoulli RBM with energy E(v,h) = −bᵀv − cᵀh − vᵀWᵀh,
 * W stored hidden × visible, for a batch of rows at once. Each is one GEMM plus one elementwise pass.
 */
final class BernoulliConditionals {
    private BernoulliConditionals() {}

    /** P(h = 1 | v) = sigmoid(V·Wᵀ + c), row by row, into {@code h} (rows × hidden). */
    static void hidden(Path path, FMatrix w, float[] c, FMatrix v, FMatrix h) {
        h.fillRows(c, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, v, w, 1f, h);
        Elementwise.sigmoid(path, h, h);
    }

    /** P(v = 1 | h) = sigmoid(H·W + b), row by row, into {@code v} (rows × visible). */
    static void visible(Path path, FMatrix w, float[] b, FMatrix h, FMatrix v) {
        v.fillRows(b, 0);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, h, w, 1f, v);
        Elementwise.sigmoid(path, v, v);
    }

    /**
     * F(v) = −bᵀv − Σ_j softplus(c_j + W_j·v) for each row of {@code v} into {@code out}; {@code scratch} is
     * rows × hidden and is overwritten.
     */
    static void freeEnergy(Path path, FMatrix w, float[] b, float[] c, FMatrix v, FMatrix scratch, float[] out) {
        scratch.fillRows(c, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, v, w, 1f, scratch);
        Elementwise.softplus(path, scratch, scratch);
        Linalg.rowSums(path, scratch, out, 0);
        Linalg.gemv(path, Trans.N, -1f, v, b, 0, -1f, out, 0);
    }
}
