package io.latentj.simd;

import io.latentj.simd.AutoPolicy.Op;
import io.latentj.simd.blas.NativeBlas;
import io.latentj.simd.scalar.ScalarBlas;
import io.latentj.simd.vector.VectorBlas;
import io.latentj.simd.vector.VectorGemm;

/**
 * Linear algebra on {@link FMatrix} and float vectors, on the path the caller names. Every method checks shapes,
 * offsets and lengths first ({@link IllegalArgumentException} naming the problem), then dispatches once per call to
 * a monomorphic kernel. The BLAS conventions hold on every path: with {@code beta == 0} the output is overwritten
 * without being read, with {@code alpha == 0} the inputs are not read. Outputs must not overlap inputs.
 *
 * <h2>Special scalars</h2>
 * The scalar reference ({@code ScalarBlas}) defines the result on every path, including for NaN and infinite
 * {@code alpha} and {@code beta}: each output is {@code alpha·s + beta·c} in IEEE float arithmetic, where {@code s} is
 * the sum of the products (0 for an empty sum, k = 0, and when {@code alpha == 0}) and the {@code beta·c} term is left
 * out when {@code beta == 0}; so NaN alpha gives NaN everywhere, infinite alpha gives ±∞ (NaN where {@code s} is 0
 * or NaN), NaN or infinite beta multiplies C as IEEE says, and NaN in C does not propagate when {@code beta == 0}
 * (C is not read). {@code scal} multiplies each element ({@code 0·NaN} is NaN). OpenBLAS builds differ
 * here (some skip the scaling for special values, some apply alpha inside the sum, where ∞·0 terms turn a ±∞ result
 * into NaN) and so do the Vector API kernels, which fold alpha into a packed operand; so a call whose
 * {@code alpha} or {@code beta} is NaN or infinite runs on the scalar path whatever path was asked for. This costs
 * nothing on finite scalars (one test before the dispatch) and such calls are rare.
 *
 * <h2>Empty shapes</h2>
 * Every dimension may be 0, as BLAS defines: an empty output is a no-op, and an empty sum (k = 0, a GEMV with no
 * input entries) gives {@code alpha·0 + beta·c}.
 */
public final class Linalg {
    private Linalg() {}

    /**
     * True when alpha or beta is NaN or infinite: such a call runs on the scalar reference (see the class comment).
     * Costs two compares on finite values, made once per call before the dispatch.
     */
    static boolean special(float alpha, float beta) {
        return !Float.isFinite(alpha) || !Float.isFinite(beta);
    }

    /** C = alpha · op(A) · op(B) + beta · C. */
    public static void gemm(Path path, Trans transA, Trans transB, float alpha, FMatrix a, FMatrix b, float beta, FMatrix c) {
        Checks.notNull("path", path);
        Checks.notNull("transA", transA);
        Checks.notNull("transB", transB);
        Checks.notNull("A", a);
        Checks.notNull("B", b);
        Checks.notNull("C", c);
        boolean ta = transA.transposed(), tb = transB.transposed();
        int m = ta ? a.cols() : a.rows();
        int k = ta ? a.rows() : a.cols();
        int kb = tb ? b.cols() : b.rows();
        int n = tb ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm: op(A) is " + m + "x" + k + " (A " + a.shape() + (ta ? " transposed" : "")
                    + "), op(B) is " + kb + "x" + n + " (B " + b.shape() + (tb ? " transposed" : "") + "), C is " + c.shape()
                    + "; need op(A) m x k, op(B) k x n, C m x n");
        }
        Checks.noOverlap("C", c, "A", a);
        Checks.noOverlap("C", c, "B", b);
        if (m == 0 || n == 0) return;
        switch (special(alpha, beta) ? Path.SCALAR : AutoPolicy.resolve(path, Op.GEMM, (long) m * n * k)) {
            case SCALAR -> ScalarBlas.gemm(ta, tb, m, n, k, alpha, a.data(), a.offset(), a.rowStride(),
                    b.data(), b.offset(), b.rowStride(), beta, c.data(), c.offset(), c.rowStride());
            case SIMD -> VectorGemm.gemm(ta, tb, m, n, k, alpha, a.data(), a.offset(), a.rowStride(),
                    b.data(), b.offset(), b.rowStride(), beta, c.data(), c.offset(), c.rowStride());
            default -> NativeBlas.gemm(ta, tb, m, n, k, alpha, a.data(), a.offset(), a.rowStride(),
                    b.data(), b.offset(), b.rowStride(), beta, c.data(), c.offset(), c.rowStride());
        }
    }

    /** C = alpha · op(A) · op(B) + beta · C on the default path. */
    public static void gemm(Trans transA, Trans transB, float alpha, FMatrix a, FMatrix b, float beta, FMatrix c) {
        gemm(Path.defaultPath(), transA, transB, alpha, a, b, beta, c);
    }

    /** y = alpha · op(A) · x + beta · y; op(A)·x has A.rows() entries, or A.cols() when transposed. */
    public static void gemv(Path path, Trans trans, float alpha, FMatrix a, float[] x, int xOff, float beta, float[] y, int yOff) {
        Checks.notNull("path", path);
        Checks.notNull("trans", trans);
        Checks.notNull("A", a);
        boolean t = trans.transposed();
        int inLen = t ? a.rows() : a.cols();
        int outLen = t ? a.cols() : a.rows();
        Checks.vector("x", x, xOff, inLen);
        Checks.vector("y", y, yOff, outLen);
        Checks.noOverlap("y", y, yOff, outLen, "A", a);
        Checks.noOverlap("y", y, yOff, outLen, "x", x, xOff, inLen);
        if (outLen == 0) return;
        int m = a.rows(), n = a.cols();
        switch (special(alpha, beta) ? Path.SCALAR : AutoPolicy.resolve(path, t ? Op.GEMV_T : Op.GEMV, (long) m * n)) {
            case SCALAR -> ScalarBlas.gemv(t, m, n, alpha, a.data(), a.offset(), a.rowStride(), x, xOff, beta, y, yOff);
            case SIMD -> VectorBlas.gemv(t, m, n, alpha, a.data(), a.offset(), a.rowStride(), x, xOff, beta, y, yOff);
            default -> NativeBlas.gemv(t, m, n, alpha, a.data(), a.heapSegment(), a.offset(), a.rowStride(), x, xOff, beta, y, yOff);
        }
    }

    /** A += alpha · x · yᵀ, with x of A.rows() and y of A.cols() entries. */
    public static void ger(Path path, float alpha, float[] x, int xOff, float[] y, int yOff, FMatrix a) {
        Checks.notNull("path", path);
        Checks.notNull("A", a);
        int m = a.rows(), n = a.cols();
        Checks.vector("x", x, xOff, m);
        Checks.vector("y", y, yOff, n);
        Checks.noOverlap("A", x, xOff, m, "x", a);
        Checks.noOverlap("A", y, yOff, n, "y", a);
        if (m == 0 || n == 0) return;
        switch (special(alpha, 0f) ? Path.SCALAR : AutoPolicy.resolve(path, Op.GER, (long) m * n)) {
            case SCALAR -> ScalarBlas.ger(m, n, alpha, x, xOff, y, yOff, a.data(), a.offset(), a.rowStride());
            case SIMD -> VectorBlas.ger(m, n, alpha, x, xOff, y, yOff, a.data(), a.offset(), a.rowStride());
            default -> NativeBlas.ger(m, n, alpha, x, xOff, y, yOff, a.data(), a.offset(), a.rowStride());
        }
    }

    /**
     * C = alpha · A·Aᵀ + beta · C ({@link Trans#N}, C is A.rows() square) or alpha · AᵀA + beta · C
     * ({@link Trans#T}, C is A.cols() square). Both triangles of C are written.
     */
    public static void syrk(Path path, Trans trans, float alpha, FMatrix a, float beta, FMatrix c) {
        Checks.notNull("path", path);
        Checks.notNull("trans", trans);
        Checks.notNull("A", a);
        Checks.notNull("C", c);
        boolean t = trans.transposed();
        int n = t ? a.cols() : a.rows();
        int k = t ? a.rows() : a.cols();
        if (c.rows() != n || c.cols() != n) {
            throw new IllegalArgumentException("syrk: A is " + a.shape() + (t ? " (AᵀA)" : " (AAᵀ)") + " so C must be " + n + "x" + n + ", got " + c.shape());
        }
        Checks.noOverlap("C", c, "A", a);
        if (n == 0) return;
        switch (special(alpha, beta) ? Path.SCALAR : AutoPolicy.resolve(path, Op.SYRK, (long) n * n * k)) {
            case SCALAR -> ScalarBlas.syrk(t, n, k, alpha, a.data(), a.offset(), a.rowStride(), beta, c.data(), c.offset(), c.rowStride());
            case SIMD -> VectorGemm.syrk(t, n, k, alpha, a.data(), a.offset(), a.rowStride(), beta, c.data(), c.offset(), c.rowStride());
            default -> NativeBlas.syrk(t, n, k, alpha, a.data(), a.offset(), a.rowStride(), beta, c.data(), c.offset(), c.rowStride());
        }
    }

    /** y += alpha · x over n entries. */
    public static void axpy(Path path, int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Checks.notNull("path", path);
        Checks.vector("x", x, xOff, n);
        Checks.vector("y", y, yOff, n);
        Checks.inPlaceOrDisjoint("y", y, yOff, "x", x, xOff, n);
        if (n == 0) return;
        switch (special(alpha, 0f) ? Path.SCALAR : AutoPolicy.resolve(path, Op.AXPY, n)) {
            case SCALAR -> ScalarBlas.axpy(n, alpha, x, xOff, y, yOff);
            case SIMD -> VectorBlas.axpy(n, alpha, x, xOff, y, yOff);
            default -> NativeBlas.axpy(n, alpha, x, xOff, y, yOff);
        }
    }

    /** xᵀy over n entries. */
    public static float dot(Path path, int n, float[] x, int xOff, float[] y, int yOff) {
        Checks.notNull("path", path);
        Checks.vector("x", x, xOff, n);
        Checks.vector("y", y, yOff, n);
        if (n == 0) return 0f;
        return switch (AutoPolicy.resolve(path, Op.DOT, n)) {
            case SCALAR -> ScalarBlas.dot(n, x, xOff, y, yOff);
            case SIMD -> VectorBlas.dot(n, x, xOff, y, yOff);
            default -> NativeBlas.dot(n, x, xOff, y, yOff);
        };
    }

    /** x *= alpha over n entries. */
    public static void scal(Path path, int n, float alpha, float[] x, int xOff) {
        Checks.notNull("path", path);
        Checks.vector("x", x, xOff, n);
        if (n == 0) return;
        switch (special(alpha, 0f) ? Path.SCALAR : AutoPolicy.resolve(path, Op.SCAL, n)) {
            case SCALAR -> ScalarBlas.scal(n, alpha, x, xOff);
            case SIMD -> VectorBlas.scal(n, alpha, x, xOff);
            default -> NativeBlas.scal(n, alpha, x, xOff);
        }
    }

    /** Every element of A times alpha. */
    public static void scal(Path path, float alpha, FMatrix a) {
        Checks.notNull("path", path);
        Checks.notNull("A", a);
        if (a.size() == 0) return;
        if (a.isContiguous()) {
            scal(path, Math.toIntExact(a.size()), alpha, a.data(), a.offset());
        } else {
            for (int r = 0; r < a.rows(); r++) scal(path, a.cols(), alpha, a.data(), a.rowOffset(r));
        }
    }

    /** ‖x‖₂ over n entries. */
    public static float nrm2(Path path, int n, float[] x, int xOff) {
        Checks.notNull("path", path);
        Checks.vector("x", x, xOff, n);
        if (n == 0) return 0f;
        return switch (AutoPolicy.resolve(path, Op.NRM2, n)) {
            case SCALAR -> ScalarBlas.nrm2(n, x, xOff);
            case SIMD -> VectorBlas.nrm2(n, x, xOff);
            default -> NativeBlas.nrm2(n, x, xOff);
        };
    }

    /** out[i] = Σ_j A[i][j] (A.rows() entries). */
    public static void rowSums(Path path, FMatrix a, float[] out, int outOff) {
        Checks.notNull("path", path);
        Checks.notNull("A", a);
        Checks.vector("out", out, outOff, a.rows());
        Checks.noOverlap("out", out, outOff, a.rows(), "A", a);
        if (a.rows() == 0) return;
        int m = a.rows(), n = a.cols();
        switch (AutoPolicy.resolve(path, Op.SUMS, (long) m * n)) {
            case SCALAR -> ScalarBlas.rowSums(m, n, a.data(), a.offset(), a.rowStride(), out, outOff);
            case SIMD -> VectorBlas.rowSums(m, n, a.data(), a.offset(), a.rowStride(), out, outOff);
            default -> NativeBlas.rowSums(m, n, a.data(), a.offset(), a.rowStride(), out, outOff);
        }
    }

    /** out[j] = Σ_i A[i][j] (A.cols() entries). */
    public static void colSums(Path path, FMatrix a, float[] out, int outOff) {
        Checks.notNull("path", path);
        Checks.notNull("A", a);
        Checks.vector("out", out, outOff, a.cols());
        Checks.noOverlap("out", out, outOff, a.cols(), "A", a);
        if (a.cols() == 0) return;
        int m = a.rows(), n = a.cols();
        switch (AutoPolicy.resolve(path, Op.SUMS, (long) m * n)) {
            case SCALAR -> ScalarBlas.colSums(m, n, a.data(), a.offset(), a.rowStride(), out, outOff);
            case SIMD -> VectorBlas.colSums(m, n, a.data(), a.offset(), a.rowStride(), out, outOff);
            default -> NativeBlas.colSums(m, n, a.data(), a.offset(), a.rowStride(), out, outOff);
        }
    }

    /** out[i] = mean of row i (NaN for a matrix with no columns, as 0/0). */
    public static void rowMeans(Path path, FMatrix a, float[] out, int outOff) {
        rowSums(path, a, out, outOff);
        for (int i = 0; i < a.rows(); i++) out[outOff + i] /= a.cols();
    }

    /** out[j] = mean of column j (NaN for a matrix with no rows, as 0/0). */
    public static void colMeans(Path path, FMatrix a, float[] out, int outOff) {
        colSums(path, a, out, outOff);
        for (int j = 0; j < a.cols(); j++) out[outOff + j] /= a.rows();
    }

    /** For kernels BLAS lacks: the Vector API on every path but scalar, when the module is readable. */
    private static boolean vectorOnly(Path path) {
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    /** Σ (A − B)² over all elements (the squared Frobenius distance), e.g. a reconstruction error. */
    public static double squaredDistance(Path path, FMatrix a, FMatrix b) {
        Checks.notNull("path", path);
        Checks.notNull("A", a);
        Checks.notNull("B", b);
        Checks.sameShape("squaredDistance", a, b);
        if (a.size() == 0) return 0;
        int m = a.rows(), n = a.cols();
        // BLAS has no such kernel: every path but scalar runs the Vector API when it is there
        return vectorOnly(path)
                ? VectorBlas.squaredDistance(m, n, a.data(), a.offset(), a.rowStride(), b.data(), b.offset(), b.rowStride())
                : ScalarBlas.squaredDistance(m, n, a.data(), a.offset(), a.rowStride(), b.data(), b.offset(), b.rowStride());
    }

    /** out[j] = Σ_i A[i][j] · B[i][j] (the diagonal of AᵀB) for A and B of the same shape. */
    public static void colDots(Path path, FMatrix a, FMatrix b, float[] out, int outOff) {
        Checks.notNull("path", path);
        Checks.notNull("A", a);
        Checks.notNull("B", b);
        Checks.sameShape("colDots", a, b);
        Checks.vector("out", out, outOff, a.cols());
        Checks.noOverlap("out", out, outOff, a.cols(), "A", a);
        Checks.noOverlap("out", out, outOff, a.cols(), "B", b);
        if (a.cols() == 0) return;
        int m = a.rows(), n = a.cols();
        if (vectorOnly(path)) VectorBlas.colDots(m, n, a.data(), a.offset(), a.rowStride(), b.data(), b.offset(), b.rowStride(), out, outOff);
        else ScalarBlas.colDots(m, n, a.data(), a.offset(), a.rowStride(), b.data(), b.offset(), b.rowStride(), out, outOff);
    }
}
