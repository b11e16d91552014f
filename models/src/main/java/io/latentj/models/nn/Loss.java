package io.latentj.models.nn;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;

/**
 * Losses of a minibatch (one example per row), averaged over the rows, with their gradient with respect to the
 * loss's input. The cross-entropies take <em>logits</em> (pre-activations) and are computed in the stable forms
 * softplus(z) − t·z and logΣexp(z) − Σ t·z, so no log of a saturated probability is ever taken.
 */
public enum Loss {
    /** L = (1/N) Σ_r ½‖y_r − t_r‖²; dL/dy = (y − t)/N. Input: outputs y (any activation). */
    SQUARED_ERROR,
    /**
     * L = (1/N) Σ_r Σ_j [softplus(z_rj) − t_rj z_rj], the binary cross-entropy of σ(z) against targets in [0, 1];
     * dL/dz = (σ(z) − t)/N. Input: logits z.
     */
    BINARY_CROSS_ENTROPY,
    /**
     * L = (1/N) Σ_r [logΣ_j e^(z_rj) − Σ_j t_rj z_rj], the cross-entropy of softmax(z) against target distributions
     * (rows of t sum to 1, e.g. one-hot); dL/dz = (softmax(z) − t)/N. Input: logits z.
     */
    SOFTMAX_CROSS_ENTROPY;

    /**
     * The mean loss of the rows of {@code input} against {@code target}; when {@code grad} is not null it receives
     * dL/d(input) (same shape, must not overlap the inputs).
     */
    public double evaluate(Path path, FMatrix input, FMatrix target, FMatrix grad) {
        if (input == null || target == null) throw new IllegalArgumentException("input and target must not be null");
        if (input.rows() != target.rows() || input.cols() != target.cols()) {
            throw new IllegalArgumentException("input " + input.shape() + " and target " + target.shape() + " differ in shape");
        }
        if (grad != null && (grad.rows() != input.rows() || grad.cols() != input.cols())) {
            throw new IllegalArgumentException("gradient " + grad.shape() + " must have the input's shape " + input.shape());
        }
        int n = input.rows(), c = input.cols();
        if (n == 0) return 0;
        FMatrix g = grad != null ? grad : FMatrix.zeros(n, c);
        float inv = 1f / n;
        double loss = 0;
        switch (this) {
            case SQUARED_ERROR -> {
                loss = 0.5 * Linalg.squaredDistance(path, input, target) / n;
                if (grad != null) {
                    g.copyFrom(input);
                    for (int r = 0; r < n; r++) {
                        Linalg.axpy(path, c, -1f, target.data(), target.rowOffset(r), g.data(), g.rowOffset(r));
                        Linalg.scal(path, c, inv, g.data(), g.rowOffset(r));
                    }
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                Elementwise.softplus(path, input, g);
                float[] sp = new float[n];
                Linalg.rowSums(path, g, sp, 0);
                for (int r = 0; r < n; r++) {
                    loss += sp[r]
                            - Linalg.dot(path, c, target.data(), target.rowOffset(r), input.data(), input.rowOffset(r));
                }
                loss /= n;
                if (grad != null) {
                    Elementwise.sigmoid(path, input, g);
                    subtractScaled(path, g, target, inv);
                }
            }
            case SOFTMAX_CROSS_ENTROPY -> {
                float[] lse = new float[n];
                Elementwise.logSumExpRows(path, input, lse, 0);
                for (int r = 0; r < n; r++) {
                    loss += lse[r] - Linalg.dot(path, c, target.data(), target.rowOffset(r), input.data(), input.rowOffset(r));
                }
                loss /= n;
                if (grad != null) {
                    Elementwise.softmaxRows(path, input, g);
                    subtractScaled(path, g, target, inv);
                }
            }
        }
        return loss;
    }

    /** g = (g − t)·inv, row by row. */
    private static void subtractScaled(Path path, FMatrix g, FMatrix t, float inv) {
        for (int r = 0; r < g.rows(); r++) {
            Linalg.axpy(path, g.cols(), -1f, t.data(), t.rowOffset(r), g.data(), g.rowOffset(r));
            Linalg.scal(path, g.cols(), inv, g.data(), g.rowOffset(r));
        }
    }

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Loss parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown loss '" + s + "': expected squared_error, binary_cross_entropy or softmax_cross_entropy");
        }
    }
}
