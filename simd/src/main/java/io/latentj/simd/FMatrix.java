package io.latentj.simd;

import java.util.Arrays;

/**
 * A row-major float32 matrix, or a view into one: element (r, c) lives at {@code data[offset + r * rowStride + c]}.
 * Row blocks, column blocks and single rows are views that share the array (no copy). The shape of an
 * {@code FMatrix} never changes; its elements may. Every view is checked against the array's length when made,
 * so kernels can trust {@code offset}, {@code rowStride} and the shape.
 *
 * <p>Either dimension may be 0: an r×0 or 0×c matrix is valid for every operation here and every kernel facade
 * (copies and fills do nothing, products do what BLAS defines). The row stride is still at least 1 (the BLAS rule
 * {@code ld >= max(1, cols)}), and an empty view's offset lies within {@code [0, data.length]}, as does every
 * {@link #rowOffset} of a matrix with no columns. A matrix holds at most {@link #MAX_ELEMENTS} elements; a larger
 * shape is refused with an {@link IllegalArgumentException} naming it and the limit.
 */
public final class FMatrix {
    private final float[] data;
    private final int offset;
    private final int rows;
    private final int cols;
    private final int rowStride;
    // MemorySegment.ofArray(data), made on first use by a native call; a racy lazy field is safe (segments are immutable)
    private java.lang.foreign.MemorySegment heapSegment;

    private FMatrix(float[] data, int offset, int rows, int cols, int rowStride) {
        this.data = data;
        // An empty view addresses no element: its offset is kept inside [0, data.length] so that every row offset
        // and every range a kernel or a check derives from it is valid (a 5x0 view of an empty array, the empty
        // column range at the end of a 0xc view).
        this.offset = rows == 0 || cols == 0 ? Math.min(offset, data.length) : offset;
        this.rows = rows;
        this.cols = cols;
        this.rowStride = rowStride;
    }

    /** Largest number of elements of one matrix: the largest Java array the JVMs in use allocate. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** A new zero matrix. */
    public static FMatrix zeros(int rows, int cols) {
        return new FMatrix(new float[elements("matrix", rows, cols)], 0, rows, cols, Math.max(cols, 1));
    }

    /**
     * {@code rows * cols} when both are non-negative and the product fits one Java array ({@link #MAX_ELEMENTS}),
     * else an {@link IllegalArgumentException} naming the shape and the limit. {@code what} names the thing for the message.
     */
    static int elements(String what, long rows, long cols) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException(what + ": negative shape " + rows + "x" + cols);
        long n = rows * cols; // both are at most 2^31 - 1, so the product fits a long
        if (n > MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + " " + rows + "x" + cols + " has " + n + " elements, more than a Java array holds ("
                    + MAX_ELEMENTS + ")");
        }
        return (int) n;
    }

    /** Wraps a whole array as a dense {@code rows x cols} matrix (the array's length must be {@code rows * cols}). */
    public static FMatrix wrap(float[] data, int rows, int cols) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("array of length " + data.length + " is not a " + rows + "x" + cols + " matrix");
        }
        return new FMatrix(data, 0, rows, cols, Math.max(cols, 1));
    }

    /** A view of {@code rows x cols} elements starting at {@code offset}, rows {@code rowStride} apart. */
    public static FMatrix view(float[] data, int offset, int rows, int cols, int rowStride) {
        check(data, offset, rows, cols, rowStride);
        return new FMatrix(data, offset, rows, cols, rowStride);
    }

    /** Checks that a row-major view fits in {@code data}; throws {@link IllegalArgumentException} naming the problem. */
    static void check(float[] data, int offset, int rows, int cols, int rowStride) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
        if (rowStride < Math.max(1, cols)) {
            throw new IllegalArgumentException("row stride " + rowStride + " is less than max(1, cols=" + cols + ")");
        }
        if (rows > 0 && cols > 0) {
            long end = offset + (long) (rows - 1) * rowStride + cols;
            if (end > data.length) {
                throw new IllegalArgumentException("view " + rows + "x" + cols + " at offset " + offset + " with row stride "
                        + rowStride + " ends at " + end + ", past the array's length " + data.length);
            }
        } else if (offset > data.length) {
            throw new IllegalArgumentException("offset " + offset + " is past the array's length " + data.length);
        }
    }

    public float[] data() { return data; }

    /**
     * The whole backing array as a heap memory segment, made once per matrix object, so that single-sample native
     * calls on a model's matrices allocate nothing.
     */
    java.lang.foreign.MemorySegment heapSegment() {
        java.lang.foreign.MemorySegment s = heapSegment;
        if (s == null) heapSegment = s = java.lang.foreign.MemorySegment.ofArray(data);
        return s;
    }
    public int offset() { return offset; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    public int rowStride() { return rowStride; }
    public long size() { return (long) rows * cols; }

    /** True when the rows follow each other with no gap, so the view is one contiguous run of the array. */
    public boolean isContiguous() {
        return rowStride == cols || rows <= 1;
    }

    /** Index into {@link #data()} of element (r, c), bounds-checked. */
    public int index(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside " + rows + "x" + cols);
        }
        return offset + r * rowStride + c;
    }

    public float get(int r, int c) { return data[index(r, c)]; }
    public void set(int r, int c, float v) { data[index(r, c)] = v; }

    /** The array index where row {@code r} starts; its {@link #cols()} elements follow contiguously. */
    public int rowOffset(int r) {
        if (r < 0 || r >= rows) throw new IndexOutOfBoundsException("row " + r + " outside 0.." + (rows - 1));
        // a row of no element starts anywhere; offset stays inside the array where offset + r * rowStride may not
        return cols == 0 ? offset : offset + r * rowStride;
    }

    /** Rows {@code [from, to)} as a view. */
    public FMatrix rowRange(int from, int to) {
        if (from < 0 || to < from || to > rows) throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows);
        return new FMatrix(data, from == to || cols == 0 ? offset : offset + from * rowStride, to - from, cols, rowStride);
    }

    /** Columns {@code [from, to)} as a view. */
    public FMatrix colRange(int from, int to) {
        if (from < 0 || to < from || to > cols) throw new IndexOutOfBoundsException("columns [" + from + ", " + to + ") of " + cols);
        return new FMatrix(data, offset + from, rows, to - from, rowStride);
    }

    /** The block of {@code nr x nc} elements whose top-left corner is (r0, c0), as a view. */
    public FMatrix block(int r0, int c0, int nr, int nc) {
        return rowRange(r0, r0 + nr).colRange(c0, c0 + nc);
    }

    /** Row {@code r} as a {@code 1 x cols} view. */
    public FMatrix row(int r) {
        return rowRange(r, r + 1);
    }

    /** A dense copy (row stride equal to the column count). */
    public FMatrix copy() {
        return new FMatrix(toArray(), 0, rows, cols, Math.max(cols, 1));
    }

    /** The elements in row-major order, in a new array. */
    public float[] toArray() {
        float[] out = new float[(int) size()]; // a valid view holds at most the array's length
        if (cols == 0) return out;
        for (int r = 0; r < rows; r++) System.arraycopy(data, offset + r * rowStride, out, r * cols, cols);
        return out;
    }

    /** Copies {@code src} (same shape) into this matrix. */
    public void copyFrom(FMatrix src) {
        if (src.rows != rows || src.cols != cols) {
            throw new IllegalArgumentException("cannot copy " + src.shape() + " into " + shape());
        }
        if (cols == 0) return;
        for (int r = 0; r < rows; r++) System.arraycopy(src.data, src.offset + r * src.rowStride, data, offset + r * rowStride, cols);
    }

    /** Copies {@code v[off .. off+cols)} into every row (for example a bias before a GEMM with beta = 1). */
    public void fillRows(float[] v, int off) {
        if (v == null) throw new IllegalArgumentException("v must not be null");
        if (off < 0 || (long) off + cols > v.length) {
            throw new IllegalArgumentException(cols + " elements at offset " + off + " do not fit an array of length " + v.length);
        }
        if (cols == 0) return;
        for (int r = 0; r < rows; r++) System.arraycopy(v, off, data, offset + r * rowStride, cols);
    }

    public void fill(float v) {
        if (cols == 0) return;
        for (int r = 0; r < rows; r++) Arrays.fill(data, offset + r * rowStride, offset + r * rowStride + cols, v);
    }

    /** "rows x cols", for messages. */
    public String shape() {
        return rows + "x" + cols;
    }

    @Override
    public String toString() {
        return "FMatrix[" + shape() + (isContiguous() ? "" : ", stride " + rowStride) + "]";
    }
}
