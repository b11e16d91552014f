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
                NativeBlas.gemv(t, m, n, 1f, w.data(), w.offset(), w.rowStride(), x, xOff, 1f, y, yOff);
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
                NativeBlas.gemv(t, m, n, 1f, d.data(), d.offset(), d.rowStride(), x, xOff, 0f, y, yOff);
                if (Capabilities.vectorApi()) VectorElementwise.softThreshold(out, alpha, y, yOff, y, yOff);
                else ScalarElementwise.softThreshold(out, alpha, y, yOff, y, yOff);
            }
        }
    }

    /** Matrices from this many elements up may be split with the {@link Assist} helper (about 1 MB of floats). */
    public static final long ASSIST_MIN_ELEMENTS = 1L << 18;

    /** The two halves of one assisted soft-threshold GEMV; one per calling thread, refilled for every call. */
    private static final class SoftThresholdHalves implements Assist.Task {
        float[] a, x, y;
        int aOff, lda, n, xOff, yOff, split, m;
        float alpha;

        @Override
        public void run(int part) {
            int lo = part == 0 ? 0 : split, hi = part == 0 ? split : m;
            if (hi > lo) VectorFused.gemvSoftThreshold(false, hi - lo, n, a, aOff + lo * lda, lda, x, xOff, alpha, y, yOff + lo);
        }
    }

    private static final ThreadLocal<SoftThresholdHalves> HALVES = ThreadLocal.withInitial(SoftThresholdHalves::new);

    /**
     * {@link #softThresholdAffine} with D not transposed, for one sample over a large dictionary: when the
     * {@link Assist} helper is enabled (off by default), {@link Parallelism#threads()} ≥ 2, the path is {@link Path#AUTO} or {@link Path#SIMD} with the Vector API
     * present and D has at least {@link #ASSIST_MIN_ELEMENTS} elements, the rows are cut in two at a multiple of four
     * and the second half is offered to the {@link Assist} helper thread (the caller takes it back if the helper has
     * not started it by the time the first half is done). The outputs are bit-identical to the SIMD path's unsplit
     * ones (each row is computed by the same code). Otherwise it is {@link #softThresholdAffine} on the caller.
     * Allocation-free after a thread's first call.
     */
    public static void softThresholdAffineAssisted(Path path, FMatrix d, float[] x, int xOff, float alpha, float[] y, int yOff) {
        Checks.notNull("path", path);
        Checks.finite("alpha", alpha);
        check(Trans.N, d, x, xOff, y, yOff);
        int m = d.rows(), n = d.cols();
        boolean split = Assist.enabled() && (path == Path.AUTO || path == Path.SIMD) && Capabilities.vectorApi() && Parallelism.threads() >= 2
                && (long) m * n >= ASSIST_MIN_ELEMENTS && m >= 8 && n > 0;
        if (!split) {
            softThresholdAffine(path, Trans.N, d, x, xOff, alpha, y, yOff);
            return;
        }
        SoftThresholdHalves h = HALVES.get();
        h.a = d.data();
        h.aOff = d.offset();
        h.lda = d.rowStride();
        h.m = m;
        h.n = n;
        h.x = x;
        h.xOff = xOff;
        h.alpha = alpha;
        h.y = y;
        h.yOff = yOff;
        h.split = (m / 2) & ~3;
        try {
            Assist.run(true, h);
        } finally {
            h.a = null;
            h.x = null;
            h.y = null;
        }
    }
}
