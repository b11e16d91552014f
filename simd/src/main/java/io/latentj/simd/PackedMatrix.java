package io.latentj.simd;

import io.latentj.simd.scalar.ScalarBlas;
import io.latentj.simd.vector.VectorGemm;

/**
 * The right-hand operand B of many products C = alpha·A·B + beta·C, laid out once for the GEMM micro-kernel: the
 * recurrent weights of an RNN are multiplied at every step of a sequence but change only once per update, so
 * packing them once saves the per-call packing of {@link Linalg#gemm} (a third of a 50×128·128×512 product).
 *
 * <p>{@link #of(Path, int, int)} fixes the path when the buffer is made: {@link Path#SCALAR} keeps a plain row-major
 * copy and multiplies with the scalar reference; every other path keeps the Vector API's panels when the Vector API
 * is available (BLAS has no pre-packed product) and the plain copy otherwise. {@link #pack} takes a snapshot of
 * op(B); {@link #multiply} runs on the caller's thread and only reads the packed data, so after packing any number
 * of threads may multiply at once. Allocates nothing after {@link #of}.
 */
public final class PackedMatrix {
    private final int rows, cols;
    private final boolean panels;
    private final float[] data;

    private PackedMatrix(int rows, int cols, boolean panels) {
        this.rows = rows;
        this.cols = cols;
        this.panels = panels;
        long size = panels ? VectorGemm.packedSize(rows, cols) : (long) rows * cols;
        if (size > FMatrix.MAX_ELEMENTS) {
            throw new IllegalArgumentException("packed matrix " + rows + "x" + cols + " needs " + size + " floats"
                    + (panels ? " (columns padded to whole kernel panels)" : "") + ", more than a Java array holds ("
                    + FMatrix.MAX_ELEMENTS + ")");
        }
        this.data = new float[(int) size];
    }

    /**
     * An (empty: all zeros) packed operand of {@code rows} × {@code cols} (k × n of the products) for {@code path}.
     * Either dimension may be 0. A shape whose packed form (the columns padded to whole panels) does not fit one Java
     * array ({@link FMatrix#MAX_ELEMENTS} floats) is refused with an {@link IllegalArgumentException} naming the shape.
     */
    public static PackedMatrix of(Path path, int rows, int cols) {
        Checks.notNull("path", path);
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("packed matrix needs non-negative dimensions, got " + rows + "x" + cols);
        return new PackedMatrix(rows, cols, path != Path.SCALAR && Capabilities.vectorApi());
    }

    public int rows() { return rows; }
    public int cols() { return cols; }

    /** Copies op(B) ({@code b}, or bᵀ when {@code trans} is transposed), which must be rows × cols, into this buffer. */
    public PackedMatrix pack(Trans trans, FMatrix b) {
        Checks.notNull("trans", trans);
        Checks.notNull("B", b);
        boolean t = trans.transposed();
        int r = t ? b.cols() : b.rows(), c = t ? b.rows() : b.cols();
        if (r != rows || c != cols) {
            throw new IllegalArgumentException("pack: op(B) is " + r + "x" + c + " (B " + b.shape() + (t ? " transposed" : "") + "), the packed matrix is " + rows + "x" + cols);
        }
        if (rows == 0 || cols == 0) return this;
        if (panels) {
            VectorGemm.packB(t, rows, cols, b.data(), b.offset(), b.rowStride(), data);
        } else if (!t) {
            for (int i = 0; i < rows; i++) System.arraycopy(b.data(), b.rowOffset(i), data, i * cols, cols);
        } else {
            for (int j = 0; j < cols; j++) {
                int src = b.rowOffset(j);
                for (int i = 0; i < rows; i++) data[i * cols + j] = b.data()[src + i];
            }
        }
        return this;
    }

    /**
     * C = alpha·A·B + beta·C with A m × rows and C m × cols, on the caller's thread; C must not overlap A. NaN and
     * infinite alpha or beta give the scalar reference's result, as {@link Linalg#gemm} documents.
     */
    public void multiply(float alpha, FMatrix a, float beta, FMatrix c) {
        Checks.notNull("A", a);
        Checks.notNull("C", c);
        if (a.cols() != rows || c.rows() != a.rows() || c.cols() != cols) {
            throw new IllegalArgumentException("packed gemm: A is " + a.shape() + ", B is " + rows + "x" + cols + ", C is " + c.shape()
                    + "; need A m x " + rows + " and C m x " + cols);
        }
        Checks.noOverlap("C", c, "A", a);
        int m = a.rows();
        if (m == 0 || cols == 0) return;
        if (panels && Linalg.special(alpha, beta)) {
            multiplySpecial(alpha, a, beta, c);
        } else if (panels) {
            VectorGemm.gemmPacked(m, cols, rows, alpha, a.data(), a.offset(), a.rowStride(), data, beta, c.data(), c.offset(), c.rowStride());
        } else {
            ScalarBlas.gemm(false, false, m, cols, rows, alpha, a.data(), a.offset(), a.rowStride(), data, 0, cols, beta, c.data(), c.offset(), c.rowStride());
        }
    }

    /**
     * The panels' product with a NaN or infinite alpha or beta, as the scalar reference computes it: the sum s of
     * each row's products first (with alpha 1; 0 when alpha == 0, A not read), then alpha·s + beta·c, instead of
     * folding alpha into the packed A (∞·0 terms would make NaN where the reference gives ±∞). Allocates one row; such
     * calls are rare.
     */
    private void multiplySpecial(float alpha, FMatrix a, float beta, FMatrix c) {
        float[] s = new float[cols];
        for (int i = 0; i < a.rows(); i++) {
            if (alpha != 0f) VectorGemm.gemmPacked(1, cols, rows, 1f, a.data(), a.rowOffset(i), a.rowStride(), data, 0f, s, 0, cols);
            float[] cd = c.data();
            int ci = c.rowOffset(i);
            for (int j = 0; j < cols; j++) cd[ci + j] = beta == 0f ? alpha * s[j] : alpha * s[j] + beta * cd[ci + j];
        }
    }
}
