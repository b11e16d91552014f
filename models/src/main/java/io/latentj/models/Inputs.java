package io.latentj.models;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

/** The input checks every model runs: shapes and NaN/±∞ (naming row and column) before any kernel sees the data. */
public final class Inputs {
    private Inputs() {}

    /** Refuses null, a wrong number of columns, and NaN/±∞ (naming row and column). */
    public static void requireMatrix(Path path, String what, FMatrix x, int cols) {
        if (x == null) throw new IllegalArgumentException(what + " must not be null");
        if (x.cols() != cols) throw new IllegalArgumentException(what + " has " + x.cols() + " columns, the model expects " + cols);
        Elementwise.requireFinite(path, what, x);
    }

    /** Refuses training data that is null, non-finite, or has fewer than {@code minRows} rows or no columns. */
    public static void requireTrainingData(Path path, FMatrix x, int minRows) {
        if (x == null) throw new IllegalArgumentException("training data must not be null");
        if (x.cols() < 1) throw new IllegalArgumentException("training data has no columns");
        if (x.rows() < minRows) throw new IllegalArgumentException("training data has " + x.rows() + " rows, at least " + minRows + " are needed");
        Elementwise.requireFinite(path, "training data", x);
    }

    /** Checks the arguments of a single-sample call: {@code in} values of x at xOff, room for {@code out} at outOff. */
    public static void requireSample(Path path, float[] x, int xOff, int in, float[] out, int outOff, int outLen) {
        if (x == null || xOff < 0 || (long) xOff + in > x.length) {
            throw new IllegalArgumentException("input needs " + in + " values at offset " + xOff
                    + (x == null ? ", got null" : " of an array of length " + x.length));
        }
        if (out == null || outOff < 0 || (long) outOff + outLen > out.length) {
            throw new IllegalArgumentException("output needs room for " + outLen + " values at offset " + outOff
                    + (out == null ? ", got null" : " of an array of length " + out.length));
        }
        int bad = Elementwise.firstNonFinite(path, x, xOff, in);
        if (bad >= 0) throw new IllegalArgumentException("input has " + x[xOff + bad] + " at index " + bad + ": NaN and infinite values are not accepted");
    }
}
