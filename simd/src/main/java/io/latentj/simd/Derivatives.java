package io.latentj.simd;

import io.latentj.simd.scalar.ScalarDerivatives;
import io.latentj.simd.vector.VectorDerivatives;

/**
 * Backward passes of activations: the incoming gradient times the activation's derivative, in one pass. BLAS has
 * none of these, so every path but {@link Path#SCALAR} runs the Vector API when it is available. Matrix forms take
 * same-shaped matrices; {@code out} may be the gradient matrix itself (in place).
 */
public final class Derivatives {
    private Derivatives() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    private static void check(String yName, FMatrix y, FMatrix dy, FMatrix out) {
        Checks.notNull(yName, y);
        Checks.notNull("dy", dy);
        Checks.notNull("out", out);
        Checks.sameShape("backward " + yName + "/dy", y, dy);
        Checks.sameShape("backward " + yName + "/out", y, out);
        if (!sameView(out, dy)) Checks.noOverlap("out", out, "dy", dy);
        if (!sameView(out, y)) Checks.noOverlap("out", out, yName, y);
    }

    private static boolean sameView(FMatrix a, FMatrix b) {
        return a.data() == b.data() && a.offset() == b.offset() && a.rowStride() == b.rowStride();
    }

    /** out = dy ⊙ y ⊙ (1 − y) where y = σ(x) is the sigmoid's output. */
    public static void sigmoid(Path path, FMatrix y, FMatrix dy, FMatrix out) {
        check("y", y, dy, out);
        boolean simd = simd(path);
        for (int r = 0; r < y.rows(); r++) {
            if (simd) VectorDerivatives.sigmoid(y.cols(), y.data(), y.rowOffset(r), dy.data(), dy.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarDerivatives.sigmoid(y.cols(), y.data(), y.rowOffset(r), dy.data(), dy.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** out = dy ⊙ (1 − y²) where y = tanh(x). */
    public static void tanh(Path path, FMatrix y, FMatrix dy, FMatrix out) {
        check("y", y, dy, out);
        boolean simd = simd(path);
        for (int r = 0; r < y.rows(); r++) {
            if (simd) VectorDerivatives.tanh(y.cols(), y.data(), y.rowOffset(r), dy.data(), dy.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarDerivatives.tanh(y.cols(), y.data(), y.rowOffset(r), dy.data(), dy.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** out = dy where x &gt; 0 and 0 elsewhere (ReLU; x may be the ReLU's input or its output). */
    public static void relu(Path path, FMatrix x, FMatrix dy, FMatrix out) {
        check("x", x, dy, out);
        boolean simd = simd(path);
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorDerivatives.relu(x.cols(), x.data(), x.rowOffset(r), dy.data(), dy.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarDerivatives.relu(x.cols(), x.data(), x.rowOffset(r), dy.data(), dy.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** Row-wise softmax backward: out_rj = y_rj · (dy_rj − Σ_k y_rk dy_rk) where y is the softmax output. */
    public static void softmaxRows(Path path, FMatrix y, FMatrix dy, FMatrix out) {
        check("y", y, dy, out);
        boolean simd = simd(path);
        for (int r = 0; r < y.rows(); r++) {
            if (simd) VectorDerivatives.softmaxRow(y.cols(), y.data(), y.rowOffset(r), dy.data(), dy.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarDerivatives.softmaxRow(y.cols(), y.data(), y.rowOffset(r), dy.data(), dy.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /**
     * The contractive-penalty factors of a sigmoid layer's output h: s = (h(1 − h))² and q = s ⊙ (1 − 2h).
     * s and q must not overlap h or each other.
     */
    public static void contractive(Path path, FMatrix h, FMatrix s, FMatrix q) {
        Checks.notNull("h", h);
        Checks.notNull("s", s);
        Checks.notNull("q", q);
        Checks.sameShape("contractive h/s", h, s);
        Checks.sameShape("contractive h/q", h, q);
        Checks.noOverlap("s", s, "h", h);
        Checks.noOverlap("q", q, "h", h);
        Checks.noOverlap("q", q, "s", s);
        boolean simd = simd(path);
        for (int r = 0; r < h.rows(); r++) {
            if (simd) VectorDerivatives.contractive(h.cols(), h.data(), h.rowOffset(r), s.data(), s.rowOffset(r), q.data(), q.rowOffset(r));
            else ScalarDerivatives.contractive(h.cols(), h.data(), h.rowOffset(r), s.data(), s.rowOffset(r), q.data(), q.rowOffset(r));
        }
    }
}
