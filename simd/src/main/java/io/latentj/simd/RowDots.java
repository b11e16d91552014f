package io.latentj.simd;

import io.latentj.simd.scalar.ScalarRowDots;
import io.latentj.simd.vector.VectorRowDots;

/**
 * C = A·Bᵀ for a B of a few rows (C[i][j] = A_i · B_j): the dot products of every row of a tall A with a handful
 * of vectors, reading A once. GEMM packs all of A on every call, which for a B of a few rows costs more than the
 * products themselves (OpenBLAS ran such a 4096×784·(7×784)ᵀ product at ~15 GFLOP/s on one core); here each pair of
 * rows of A is multiplied against up to four rows of B at a time while it sits in L1. The greedy k-means++ seeding
 * step (every sample against a few candidate centroids) is the use. Every path but scalar runs the Vector API when it
 * is there, splitting the rows of large products among {@link Parallelism#threads()} threads; the scalar path is
 * the reference.
 */
public final class RowDots {
    private RowDots() {}

    /** C (A.rows() × B.rows()) = A·Bᵀ; A and B have the same number of columns. C is overwritten. */
    public static void of(Path path, FMatrix a, FMatrix b, FMatrix c) {
        Checks.notNull("path", path);
        Checks.notNull("A", a);
        Checks.notNull("B", b);
        Checks.notNull("C", c);
        if (a.cols() != b.cols()) throw new IllegalArgumentException("row dots: A is " + a.shape() + " and B " + b.shape() + ": column counts differ");
        if (c.rows() != a.rows() || c.cols() != b.rows()) {
            throw new IllegalArgumentException("row dots: A is " + a.shape() + " and B " + b.shape() + " so C must be " + a.rows() + "x" + b.rows() + ", got " + c.shape());
        }
        Checks.noOverlap("C", c, "A", a);
        Checks.noOverlap("C", c, "B", b);
        int m = a.rows(), n = b.rows(), d = a.cols();
        if (m == 0 || n == 0) return;
        if (path != Path.SCALAR && Capabilities.vectorApi()) {
            VectorRowDots.of(Parallelism.threads(), m, n, d, a.data(), a.offset(), a.rowStride(), b.data(), b.offset(), b.rowStride(), c.data(), c.offset(), c.rowStride());
        } else {
            ScalarRowDots.of(m, n, d, a.data(), a.offset(), a.rowStride(), b.data(), b.offset(), b.rowStride(), c.data(), c.offset(), c.rowStride());
        }
    }
}
