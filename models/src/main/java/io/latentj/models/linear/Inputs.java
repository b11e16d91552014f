package io.latentj.models.linear;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/** Input checks and the centring / covariance steps shared by the models of this package. */
final class Inputs {
    private Inputs() {}

    /** Refuses null, a wrong number of columns, and NaN/±∞ (naming row and column). */
    static void requireMatrix(Path path, String what, FMatrix x, int cols) {
        if (x == null) throw new IllegalArgumentException(what + " must not be null");
        if (x.cols() != cols) throw new IllegalArgumentException(what + " has " + x.cols() + " columns, the model expects " + cols);
        Elementwise.requireFinite(path, what, x);
    }

    /** Refuses training data that is null, non-finite, or has fewer than {@code minRows} rows or no columns. */
    static void requireTrainingData(Path path, FMatrix x, int minRows) {
        if (x == null) throw new IllegalArgumentException("training data must not be null");
        if (x.cols() < 1) throw new IllegalArgumentException("training data has no columns");
        if (x.rows() < minRows) throw new IllegalArgumentException("training data has " + x.rows() + " rows, at least " + minRows + " are needed");
        Elementwise.requireFinite(path, "training data", x);
    }

    /** Checks the arguments of a single-sample call: {@code in} values of x at xOff, room for {@code out} at outOff. */
    static void requireSample(Path path, float[] x, int xOff, int in, float[] out, int outOff, int outLen) {
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

    /** Column means of x. */
    static float[] mean(Path path, FMatrix x) {
        float[] mean = new float[x.cols()];
        Linalg.colMeans(path, x, mean, 0);
        return mean;
    }

    /** A new matrix x − 1·meanᵀ (a copy and one rank-one update). */
    static FMatrix centred(Path path, FMatrix x, float[] mean) {
        FMatrix xc = x.copy();
        float[] ones = new float[x.rows()];
        java.util.Arrays.fill(ones, 1f);
        Linalg.ger(path, -1f, ones, 0, mean, 0, xc);
        return xc;
    }

    /** The covariance XcᵀXc / divisor of centred data (one SYRK). */
    static FMatrix covariance(Path path, FMatrix xc, double divisor) {
        FMatrix s = FMatrix.zeros(xc.cols(), xc.cols());
        Linalg.syrk(path, Trans.T, (float) (1 / divisor), xc, 0f, s);
        return s;
    }

    /** The diagonal of a square matrix. */
    static float[] diagonal(FMatrix s) {
        float[] d = new float[s.rows()];
        for (int i = 0; i < d.length; i++) d[i] = s.get(i, i);
        return d;
    }

}
