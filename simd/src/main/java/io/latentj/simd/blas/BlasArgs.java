package io.latentj.simd.blas;

/**
 * The cheap checks that keep a native BLAS call inside its arrays: every dimension non-negative, every offset
 * non-negative, every leading dimension at least {@code max(1, cols)}, and every index range within its array.
 * A violation throws {@link IllegalArgumentException} naming the operation, the operand and the shapes; with
 * these checks passed, no argument combination can make OpenBLAS read or write outside a Java array.
 */
public final class BlasArgs {
    private BlasArgs() {}

    /** Checks that a dimension is not negative. */
    public static void dim(String op, String name, int value) {
        if (value < 0) throw new IllegalArgumentException(op + ": " + name + " = " + value + " is negative");
    }

    /**
     * Checks the row-major view of {@code rows × cols} elements of {@code array} starting at {@code off}, rows
     * {@code ld} apart (the stored shape: already transposed when the operand is used transposed).
     */
    public static void matrix(String op, String name, float[] array, int off, int rows, int cols, int ld) {
        if (array == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": " + name + " has a negative shape " + rows + "x" + cols);
        }
        if (off < 0) {
            throw new IllegalArgumentException(op + ": " + name + " (" + rows + "x" + cols + ") has a negative offset " + off);
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(op + ": " + name + " (" + rows + "x" + cols + ") has leading dimension " + ld
                    + ", less than max(1, cols=" + cols + ")");
        }
        long end = rows == 0 || cols == 0 ? off : off + (long) (rows - 1) * ld + cols;
        if (end > array.length) {
            throw new IllegalArgumentException(op + ": " + name + " (" + rows + "x" + cols + " at offset " + off
                    + ", leading dimension " + ld + ") ends at " + end + ", past the array's length " + array.length);
        }
    }

    /** Checks {@code n} consecutive elements of {@code array} from {@code off}. */
    public static void vector(String op, String name, float[] array, int off, int n) {
        if (array == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (n < 0) throw new IllegalArgumentException(op + ": " + name + " has a negative length " + n);
        if (off < 0) throw new IllegalArgumentException(op + ": " + name + " (length " + n + ") has a negative offset " + off);
        if ((long) off + n > array.length) {
            throw new IllegalArgumentException(op + ": " + name + " (length " + n + " at offset " + off
                    + ") ends at " + ((long) off + n) + ", past the array's length " + array.length);
        }
    }
}
