package io.latentj.models.dbn;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * One directed layer of a deep belief net below the top RBM, between a lower layer x (the data or a hidden layer)
 * and the upper hidden layer h: the generative connection p(x_i = 1 | h) = σ(b_i + (hᵀG)_i) (Gaussian bottom: x_i ~
 * N(b_i + (hᵀG)_i, 1)) and the recognition connection q(h_j = 1 | x) = σ(c_j + R_j·x). G and R are both stored
 * upper × lower; after greedy training they are equal (tied) and up-down fine-tuning unties them.
 */
record DirectedLayer(FMatrix recognition, float[] recognitionBias, FMatrix generative, float[] generativeBias) {
    DirectedLayer {
        if (recognition.rows() != generative.rows() || recognition.cols() != generative.cols()
                || recognitionBias.length != recognition.rows() || generativeBias.length != recognition.cols()) {
            throw new IllegalArgumentException("recognition " + recognition.shape() + " (bias " + recognitionBias.length + ") and generative "
                    + generative.shape() + " (bias " + generativeBias.length + ") weights do not fit together (both are upper × lower)");
        }
    }

    /** A tied layer from a trained RBM (copied): recognition and generative weights are both W. */
    static DirectedLayer of(RbmLayer rbm) {
        return new DirectedLayer(rbm.w().copy(), rbm.c().clone(), rbm.w().copy(), rbm.b().clone());
    }

    int lower() { return recognition.cols(); }
    int upper() { return recognition.rows(); }

    /** Recognition probabilities q(h = 1 | x) σ(c + Rx) of every row into {@code h}. */
    void recognize(Path path, FMatrix x, FMatrix h) {
        h.fillRows(recognitionBias, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, x, recognition, 1f, h);
        Elementwise.sigmoid(path, h, h);
    }

    /** Generative pre-activations b + hᵀG of every row into {@code x}. */
    void generativePreActivation(Path path, FMatrix h, FMatrix x) {
        x.fillRows(generativeBias, 0);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, h, generative, 1f, x);
    }

    /** Generative means E[x | h]: σ(b + hᵀG), or b + hᵀG for Gaussian units. */
    void generate(Path path, FMatrix h, FMatrix x, boolean gaussian) {
        generativePreActivation(path, h, x);
        if (!gaussian) Elementwise.sigmoid(path, x, x);
    }
}
