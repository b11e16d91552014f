package io.latentj.models.dbn;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * One restricted Boltzmann machine of a stack, as the deep models of this package use it: W hidden × visible,
 * visible bias b, hidden bias c. The last {@code classes} visible units (0: none) form one K-way softmax group, the
 * label units of Hinton, Osindero &amp; Teh (2006); the other visible units are binary. The hidden units are binary
 * (p(h_j = 1 | v) = σ(c_j + W_j·v)) or, with {@code gaussianHidden}, linear with unit-variance Gaussian noise
 * (p(h_j | v) = N(c_j + W_j·v, 1)), the code layer of Hinton &amp; Salakhutdinov's (2006) deep autoencoder.
 *
 * <p>Energy (binary hidden): E(v, h) = −bᵀv − cᵀh − hᵀWv with the label group restricted to one-hot vectors; free
 * energy F(v) = −bᵀv − Σ_j softplus(c_j + W_j·v). The arrays are never changed once the layer is built.
 */
record RbmLayer(FMatrix w, float[] b, float[] c, int classes, boolean gaussianHidden) {
    RbmLayer {
        if (w.rows() != c.length || w.cols() != b.length) {
            throw new IllegalArgumentException("weights " + w.shape() + " need " + w.rows() + " hidden and " + w.cols()
                    + " visible biases, got " + c.length + " and " + b.length);
        }
        if (classes < 0 || classes >= w.cols() || classes == 1) {
            throw new IllegalArgumentException("label units must be 0 or 2.." + (w.cols() - 1) + ", got " + classes);
        }
        if (classes > 0 && gaussianHidden) throw new IllegalArgumentException("label units need binary hidden units");
    }

    int visible() { return w.cols(); }
    int hidden() { return w.rows(); }
    /** Visible units that are not label units. */
    int features() { return w.cols() - classes; }

    /** E[h | v] for every row: σ(V·Wᵀ + c), or V·Wᵀ + c for Gaussian hidden units. */
    void hidden(Path path, FMatrix v, FMatrix h) {
        h.fillRows(c, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, v, w, 1f, h);
        if (!gaussianHidden) Elementwise.sigmoid(path, h, h);
    }

    /** E[v | h] for every row: σ(H·W + b) for binary units, softmax over the label group. */
    void visible(Path path, FMatrix h, FMatrix v) {
        v.fillRows(b, 0);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, h, w, 1f, v);
        int f = features();
        Elementwise.sigmoid(path, v.colRange(0, f), v.colRange(0, f));
        if (classes > 0) Elementwise.softmaxRows(path, v.colRange(f, visible()), v.colRange(f, visible()));
    }

    /** F(v) = −bᵀv − Σ_j softplus(c_j + W_j·v) of every row into {@code out}; {@code scratch} is rows × hidden. */
    void freeEnergy(Path path, FMatrix v, FMatrix scratch, float[] out) {
        if (gaussianHidden) throw new IllegalStateException("free energy is defined here for binary hidden units only");
        scratch.fillRows(c, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, v, w, 1f, scratch);
        Elementwise.softplus(path, scratch, scratch);
        Linalg.rowSums(path, scratch, out, 0);
        Linalg.gemv(path, Trans.N, -1f, v, b, 0, -1f, out, 0);
    }

    /** The RBM with visible and hidden layers exchanged: weight Wᵀ, visible bias c, hidden bias b. */
    RbmLayer transpose() {
        if (classes > 0 || gaussianHidden) throw new IllegalStateException("only a plain binary RBM can be transposed");
        return new RbmLayer(transposedWeight(), c.clone(), b.clone(), 0, false);
    }

    /** A new matrix Wᵀ (visible × hidden). */
    FMatrix transposedWeight() {
        FMatrix t = FMatrix.zeros(w.cols(), w.rows());
        for (int r = 0; r < w.rows(); r++) {
            for (int j = 0; j < w.cols(); j++) t.set(j, r, w.get(r, j));
        }
        return t;
    }
}
