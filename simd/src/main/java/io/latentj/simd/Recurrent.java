package io.latentj.simd;

import io.latentj.simd.scalar.ScalarRecurrent;
import io.latentj.simd.vector.VectorRecurrent;

/**
 * The pointwise part of an LSTM step over a minibatch (one sequence per row), fused into one pass: the gate
 * nonlinearities and the cell update forward, and their backward. The matrix products around them (all four gates in
 * one GEMM) are {@link Linalg#gemm}'s. A gate row holds four blocks of {@code H} units, [f | i | g | o]: forget gate,
 * input gate, candidate c̃ and output gate. BLAS has no such kernel: every path but {@link Path#SCALAR} runs the
 * Vector API when it is available.
 */
public final class Recurrent {
    private Recurrent() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    private static boolean sameView(FMatrix a, FMatrix b) {
        return a.data() == b.data() && a.offset() == b.offset() && a.rowStride() == b.rowStride();
    }

    private static void checkGates(String name, FMatrix gates, FMatrix state) {
        Checks.notNull(name, gates);
        if (gates.rows() != state.rows() || gates.cols() != 4L * state.cols()) {
            throw new IllegalArgumentException(name + " is " + gates.shape() + ", must be " + state.rows() + "x" + 4L * state.cols()
                    + " (four gates of " + state.cols() + " units per row)");
        }
    }

    /**
     * One LSTM step: {@code gates} holds the pre-activations z = W[h_{t−1}, x_t] + b and receives the activations
     * f = σ(z_f), i = σ(z_i), g = tanh(z_g), o = σ(z_o) (in place); then c = f ⊙ cPrev + i ⊙ g and h = o ⊙ tanh(c).
     * {@code c} may be {@code cPrev} (in place); {@code h} must not overlap the others.
     */
    public static void lstmForward(Path path, FMatrix gates, FMatrix cPrev, FMatrix c, FMatrix h) {
        Checks.notNull("cPrev", cPrev);
        Checks.notNull("c", c);
        Checks.notNull("h", h);
        checkGates("gates", gates, h);
        Checks.sameShape("lstmForward h/cPrev", h, cPrev);
        Checks.sameShape("lstmForward h/c", h, c);
        if (!sameView(c, cPrev)) Checks.noOverlap("c", c, "cPrev", cPrev);
        Checks.noOverlap("c", c, "gates", gates);
        Checks.noOverlap("h", h, "gates", gates);
        Checks.noOverlap("h", h, "c", c);
        Checks.noOverlap("h", h, "cPrev", cPrev);
        boolean simd = simd(path);
        int n = h.cols();
        for (int r = 0; r < h.rows(); r++) {
            if (simd) VectorRecurrent.lstmForward(n, gates.data(), gates.rowOffset(r), cPrev.data(), cPrev.rowOffset(r), c.data(), c.rowOffset(r), h.data(), h.rowOffset(r));
            else ScalarRecurrent.lstmForward(n, gates.data(), gates.rowOffset(r), cPrev.data(), cPrev.rowOffset(r), c.data(), c.rowOffset(r), h.data(), h.rowOffset(r));
        }
    }

    /**
     * Backward through one LSTM step. Reads the activations {@code gates} = [f | i | g | o], c_{t−1}, c_t and dh (the
     * gradient of h_t); {@code dc} holds the gradient of c_t from later steps and receives that of c_{t−1}; {@code dz}
     * receives the gradient of the pre-activations [dz_f | dz_i | dz_g | dz_o]:
     * with τ = tanh(c_t) and δc = dc + dh ⊙ o ⊙ (1 − τ²): dz_f = δc ⊙ c_{t−1} ⊙ f(1 − f), dz_i = δc ⊙ g ⊙ i(1 − i),
     * dz_g = δc ⊙ i ⊙ (1 − g²), dz_o = dh ⊙ τ ⊙ o(1 − o), and dc ← δc ⊙ f. {@code dz} may be {@code gates} (in place).
     */
    public static void lstmBackward(Path path, FMatrix gates, FMatrix cPrev, FMatrix c, FMatrix dh, FMatrix dc, FMatrix dz) {
        Checks.notNull("cPrev", cPrev);
        Checks.notNull("c", c);
        Checks.notNull("dh", dh);
        Checks.notNull("dc", dc);
        checkGates("gates", gates, c);
        checkGates("dz", dz, c);
        Checks.sameShape("lstmBackward c/cPrev", c, cPrev);
        Checks.sameShape("lstmBackward c/dh", c, dh);
        Checks.sameShape("lstmBackward c/dc", c, dc);
        if (!sameView(dz, gates)) Checks.noOverlap("dz", dz, "gates", gates);
        Checks.noOverlap("dz", dz, "cPrev", cPrev);
        Checks.noOverlap("dz", dz, "c", c);
        Checks.noOverlap("dz", dz, "dh", dh);
        Checks.noOverlap("dz", dz, "dc", dc);
        Checks.noOverlap("dc", dc, "gates", gates);
        Checks.noOverlap("dc", dc, "cPrev", cPrev);
        Checks.noOverlap("dc", dc, "c", c);
        Checks.noOverlap("dc", dc, "dh", dh);
        boolean simd = simd(path);
        int n = c.cols();
        for (int r = 0; r < c.rows(); r++) {
            if (simd) VectorRecurrent.lstmBackward(n, gates.data(), gates.rowOffset(r), cPrev.data(), cPrev.rowOffset(r), c.data(), c.rowOffset(r),
                    dh.data(), dh.rowOffset(r), dc.data(), dc.rowOffset(r), dz.data(), dz.rowOffset(r));
            else ScalarRecurrent.lstmBackward(n, gates.data(), gates.rowOffset(r), cPrev.data(), cPrev.rowOffset(r), c.data(), c.rowOffset(r),
                    dh.data(), dh.rowOffset(r), dc.data(), dc.rowOffset(r), dz.data(), dz.rowOffset(r));
        }
    }

    /**
     * {@link #lstmForward(Path, FMatrix, FMatrix, FMatrix, FMatrix)} that also keeps τ = tanh(c) in {@code tanhC}
     * (same shape as c) for {@link #lstmBackwardWithTanh}; h = o ⊙ τ. {@code tanhC} must not overlap the others.
     */
    public static void lstmForward(Path path, FMatrix gates, FMatrix cPrev, FMatrix c, FMatrix tanhC, FMatrix h) {
        Checks.notNull("cPrev", cPrev);
        Checks.notNull("c", c);
        Checks.notNull("tanhC", tanhC);
        Checks.notNull("h", h);
        checkGates("gates", gates, h);
        Checks.sameShape("lstmForward h/cPrev", h, cPrev);
        Checks.sameShape("lstmForward h/c", h, c);
        Checks.sameShape("lstmForward h/tanhC", h, tanhC);
        if (!sameView(c, cPrev)) Checks.noOverlap("c", c, "cPrev", cPrev);
        Checks.noOverlap("c", c, "gates", gates);
        Checks.noOverlap("h", h, "gates", gates);
        Checks.noOverlap("h", h, "c", c);
        Checks.noOverlap("h", h, "cPrev", cPrev);
        Checks.noOverlap("tanhC", tanhC, "gates", gates);
        Checks.noOverlap("tanhC", tanhC, "c", c);
        Checks.noOverlap("tanhC", tanhC, "cPrev", cPrev);
        Checks.noOverlap("tanhC", tanhC, "h", h);
        boolean simd = simd(path);
        int n = h.cols();
        for (int r = 0; r < h.rows(); r++) {
            if (simd) VectorRecurrent.lstmForward(n, gates.data(), gates.rowOffset(r), cPrev.data(), cPrev.rowOffset(r), c.data(), c.rowOffset(r),
                    tanhC.data(), tanhC.rowOffset(r), h.data(), h.rowOffset(r));
            else ScalarRecurrent.lstmForward(n, gates.data(), gates.rowOffset(r), cPrev.data(), cPrev.rowOffset(r), c.data(), c.rowOffset(r),
                    tanhC.data(), tanhC.rowOffset(r), h.data(), h.rowOffset(r));
        }
    }

    /**
     * {@link #lstmBackward} from τ = tanh(c_t) ({@code tanhC}, kept by the forward pass) instead of c_t: the same
     * gradients without recomputing the tanh.
     */
    public static void lstmBackwardWithTanh(Path path, FMatrix gates, FMatrix cPrev, FMatrix tanhC, FMatrix dh, FMatrix dc, FMatrix dz) {
        Checks.notNull("cPrev", cPrev);
        Checks.notNull("tanhC", tanhC);
        Checks.notNull("dh", dh);
        Checks.notNull("dc", dc);
        checkGates("gates", gates, tanhC);
        checkGates("dz", dz, tanhC);
        Checks.sameShape("lstmBackward tanhC/cPrev", tanhC, cPrev);
        Checks.sameShape("lstmBackward tanhC/dh", tanhC, dh);
        Checks.sameShape("lstmBackward tanhC/dc", tanhC, dc);
        if (!sameView(dz, gates)) Checks.noOverlap("dz", dz, "gates", gates);
        Checks.noOverlap("dz", dz, "cPrev", cPrev);
        Checks.noOverlap("dz", dz, "tanhC", tanhC);
        Checks.noOverlap("dz", dz, "dh", dh);
        Checks.noOverlap("dz", dz, "dc", dc);
        Checks.noOverlap("dc", dc, "gates", gates);
        Checks.noOverlap("dc", dc, "cPrev", cPrev);
        Checks.noOverlap("dc", dc, "tanhC", tanhC);
        Checks.noOverlap("dc", dc, "dh", dh);
        boolean simd = simd(path);
        int n = tanhC.cols();
        for (int r = 0; r < tanhC.rows(); r++) {
            if (simd) VectorRecurrent.lstmBackwardWithTanh(n, gates.data(), gates.rowOffset(r), cPrev.data(), cPrev.rowOffset(r), tanhC.data(), tanhC.rowOffset(r),
                    dh.data(), dh.rowOffset(r), dc.data(), dc.rowOffset(r), dz.data(), dz.rowOffset(r));
            else ScalarRecurrent.lstmBackwardWithTanh(n, gates.data(), gates.rowOffset(r), cPrev.data(), cPrev.rowOffset(r), tanhC.data(), tanhC.rowOffset(r),
                    dh.data(), dh.rowOffset(r), dc.data(), dc.rowOffset(r), dz.data(), dz.rowOffset(r));
        }
    }
}
