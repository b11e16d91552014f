package io.latentj.simd;

/**
 * The argument checks every public kernel runs before it dispatches to a path, so no path (least of all a native
 * call) ever sees an index outside its array. Failures are {@link IllegalArgumentException}s that name the argument
 * and the shapes involved.
 */
final class Checks {
    private Checks() {}

    /** {@code arr[off .. off+n)} must exist. */
    static void vector(String name, float[] arr, int off, int n) {
        if (arr == null) throw new IllegalArgumentException(name + " must not be null");
        if (n < 0) throw new IllegalArgumentException(name + ": negative length " + n);
        if (off < 0 || (long) off + n > arr.length) {
            throw new IllegalArgumentException(name + ": " + n + " elements at offset " + off + " do not fit an array of length " + arr.length);
        }
    }

    static void notNull(String name, Object o) {
        if (o == null) throw new IllegalArgumentException(name + " must not be null");
    }

    static void sameShape(String what, FMatrix a, FMatrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(what + ": shapes differ, " + a.shape() + " vs " + b.shape());
        }
    }

    static void finite(String name, float v) {
        if (!Float.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, got " + v);
    }

    /** Inclusive-exclusive index range [first, end) that a matrix view touches in its array. */
    private static long first(FMatrix m) { return m.offset(); }
    private static long end(FMatrix m) {
        return m.size() == 0 ? m.offset() : m.offset() + (long) (m.rows() - 1) * m.rowStride() + m.cols();
    }

    /**
     * An output must not share memory with an input (the kernels read inputs while writing the output, as BLAS
     * does). Overlapping ranges of the same array are refused; this is conservative for interleaved views.
     */
    static void noOverlap(String out, FMatrix o, String in, FMatrix i) {
        if (o.data() == i.data() && o.size() > 0 && i.size() > 0 && first(o) < end(i) && first(i) < end(o)) {
            throw new IllegalArgumentException(out + " (" + o + ") overlaps " + in + " (" + i + ") in the same array");
        }
    }

    static void noOverlap(String out, float[] o, int oOff, int oLen, String in, float[] i, int iOff, int iLen) {
        if (o == i && oLen > 0 && iLen > 0 && oOff < (long) iOff + iLen && iOff < (long) oOff + oLen) {
            throw new IllegalArgumentException(out + " [" + oOff + ", " + (oOff + oLen) + ") overlaps " + in + " ["
                    + iOff + ", " + (iOff + iLen) + ") in the same array");
        }
    }

    static void noOverlap(String out, float[] o, int oOff, int oLen, String in, FMatrix i) {
        if (o == i.data() && oLen > 0 && i.size() > 0 && oOff < end(i) && first(i) < (long) oOff + oLen) {
            throw new IllegalArgumentException(out + " [" + oOff + ", " + (oOff + oLen) + ") overlaps " + in + " (" + i + ")");
        }
    }

    /** In-place (same array, same offset) or disjoint; a partial overlap would read already-written values. */
    static void inPlaceOrDisjoint(String out, float[] o, int oOff, String in, float[] i, int iOff, int n) {
        if (o == i && oOff != iOff) noOverlap(out, o, oOff, n, in, i, iOff, n);
    }
}
