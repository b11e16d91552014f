package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;

/** The whole-matrix steps the energy models and samplers share, as calls into the simd kernels. */
final class Batches {
    private Batches() {}

    /** Refuses a batch whose rows are not points of the model. */
    static void requirePoints(String what, FMatrix x, int dimension) {
        if (x == null) throw new IllegalArgumentException(what + " must not be null");
        if (x.cols() != dimension) throw new IllegalArgumentException(what + " has " + x.cols() + " columns, the model's dimension is " + dimension);
    }

    static void requireSameShape(String what, FMatrix a, FMatrix x) {
        if (a == null) throw new IllegalArgumentException(what + " must not be null");
        if (a.rows() != x.rows() || a.cols() != x.cols()) throw new IllegalArgumentException(what + " is " + a.shape() + ", x is " + x.shape());
    }

    static void requireVector(String what, float[] v, int off, int n) {
        if (v == null) throw new IllegalArgumentException(what + " must not be null");
        if (off < 0 || (long) off + n > v.length) throw new IllegalArgumentException(what + " needs " + n + " values at offset " + off + ", has length " + v.length);
    }

    /** y += a · x for matrices of one shape (one call when both are contiguous, else per row). */
    static void axpy(Path path, float a, FMatrix x, FMatrix y) {
        if (x.isContiguous() && y.isContiguous()) {
            Linalg.axpy(path, Math.toIntExact(x.size()), a, x.data(), x.offset(), y.data(), y.offset());
        } else {
            for (int r = 0; r < x.rows(); r++) Linalg.axpy(path, x.cols(), a, x.data(), x.rowOffset(r), y.data(), y.rowOffset(r));
        }
    }

    /** out = x − 1·μᵀ (every row minus μ[off ..]). */
    static void subtractRow(Path path, FMatrix x, float[] mu, int off, FMatrix out) {
        out.copyFrom(x);
        for (int r = 0; r < x.rows(); r++) Linalg.axpy(path, x.cols(), -1f, mu, off, out.data(), out.rowOffset(r));
    }

    /** out[r] = ‖a_r‖² for every row. */
    static void rowSquaredNorms(Path path, FMatrix a, float[] out, int off) {
        for (int r = 0; r < a.rows(); r++) out[off + r] = Linalg.dot(path, a.cols(), a.data(), a.rowOffset(r), a.data(), a.rowOffset(r));
    }

    /** out[r] = a_rᵀ b_r for every row. */
    static void rowDots(Path path, FMatrix a, FMatrix b, float[] out, int off) {
        for (int r = 0; r < a.rows(); r++) out[off + r] = Linalg.dot(path, a.cols(), a.data(), a.rowOffset(r), b.data(), b.rowOffset(r));
    }

    /** A contiguous view of the first {@code rows × cols} elements of θ from {@code off}. */
    static FMatrix block(float[] theta, int off, int rows, int cols) {
        return FMatrix.view(theta, off, rows, cols, Math.max(cols, 1));
    }
}
