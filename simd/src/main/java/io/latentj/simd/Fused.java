package io.latentj.simd;

import io.latentj.simd.AutoPolicy.Op;
import io.latentj.simd.blas.NativeBlas;
import io.latentj.simd.scalar.ScalarElementwise;
import io.latentj.simd.scalar.ScalarFused;
import io.latentj.simd.vector.VectorElementwise;
import io.latentj.simd.vector.VectorFused;

/**
 * One sample's layer in one call: a matrix-vector product and its activation, for inference ({@code transformInto})
 * with no allocation. On the SIMD path the epilogue is applied to the accumulators before they are stored, so
 * the output is written once; on the BLAS path it is a GEMV followed by a SIMD pass over the output.
 * W is stored outputs × inputs ({@link Trans#N}) or inputs × outputs ({@link Trans#T}).
 */
public final class Fused {
    private Fused() {}

    private static void check(Trans trans, FMatrix w, float[] x, int xOff, float[] y, int yOff) {
        Checks.notNull("trans", trans);
        Checks.notNull("W", w);
        boolean t = trans.transposed();
        int in = t ? w.rows() : w.cols(), out = t ? w.cols() : w.rows();
        Checks.vector("x", x, xOff, in);
        Checks.vector("y", y, yOff, out);
        Checks.noOverlap("y", y, yOff, out, "W", w);
        Checks.noOverlap("y", y, yOff, out, "x", x, xOff, in);
    }

    /** y = sigmoid(op(W) · x + bias): the hidden probabilities of an RBM or a sigmoid layer. */
    public static void sigmoidAffine(Path path, Trans trans, FMatrix w, float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff) {
        Checks.notNull("path", path);
        check(trans, w, x, xOff, y, yOff);
        boolean t = trans.transposed();
        int out = t ? w.cols() : w.rows();
        Checks.vector("bias", bias, bOff, out);
        Checks.noOverlap("y", y, yOff, out, "bias", bias, bOff, out);
        if (out == 0) return;
        int m = w.rows(), n = w.cols();
        switch (AutoPolicy.resolve(path, t ? Op.GEMV_T : Op.GEMV, (long) m * n)) {
            case SCALAR -> ScalarFused.gemvBiasSigmoid(t, m, n, w.data(), w.offset(), w.rowStride(), x, xOff, bias, bOff, y, yOff);
            case SIMD -> VectorFused.gemvBiasSigmoid(t, m, n, w.data(), w.offset(), w.rowStride(), x, xOff, bias, bOff, y, yOff);
            default -> {
                System.arraycopy(bias, bOff, y, yOff, out);
                NativeBlas.gemv(t, m, n, 1f, w.data(), w.heapSegment(), w.offset(), w.rowStride(), x, xOff, 1f, y, yOff);
                if (Capabilities.vectorApi()) VectorElementwise.sigmoid(out, y, yOff, y, yOff);
                else ScalarElementwise.sigmoid(out, y, yOff, y, yOff);
            }
        }
    }

    /** y = max(0, op(D) · x − alpha): the soft-threshold encoder of Coates and Ng, f_j = max(0, D_jᵀx − α). */
    public static void softThresholdAffine(Path path, Trans trans, FMatrix d, float[] x, int xOff, float alpha, float[] y, int yOff) {
        Checks.notNull("path", path);
        Checks.finite("alpha", alpha);
        check(trans, d, x, xOff, y, yOff);
        boolean t = trans.transposed();
        int out = t ? d.cols() : d.rows();
        if (out == 0) return;
        int m = d.rows(), n = d.cols();
        switch (AutoPolicy.resolve(path, t ? Op.GEMV_T : Op.GEMV, (long) m * n)) {
            case SCALAR -> ScalarFused.gemvSoftThreshold(t, m, n, d.data(), d.offset(), d.rowStride(), x, xOff, alpha, y, yOff);
            case SIMD -> VectorFused.gemvSoftThreshold(t, m, n, d.data(), d.offset(), d.rowStride(), x, xOff, alpha, y, yOff);
            default -> {
                NativeBlas.gemv(t, m, n, 1f, d.data(), d.heapSegment(), d.offset(), d.rowStride(), x, xOff, 0f, y, yOff);
                if (Capabilities.vectorApi()) VectorElementwise.softThreshold(out, alpha, y, yOff, y, yOff);
                else ScalarElementwise.softThreshold(out, alpha, y, yOff, y, yOff);
            }
        }
    }
}
