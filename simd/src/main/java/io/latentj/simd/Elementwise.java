package io.latentj.simd;

import io.latentj.simd.scalar.ScalarElementwise;
import io.latentj.simd.vector.VectorElementwise;

/**
 * Elementwise functions and row-wise softmax / log-sum-exp, on the path the caller names. BLAS has none of these,
 * so {@link Path#BLAS} runs them on the Vector API like {@link Path#AUTO}. Each function exists for a run of a
 * float array ({@code out[outOff + i] = f(x[xOff + i])}, {@code i < n}; in place when {@code out == x} and the
 * offsets agree) and for whole matrices of the same shape. IEEE semantics: NaN in, NaN out.
 */
public final class Elementwise {
    private Elementwise() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    private static void checkRun(float[] x, int xOff, float[] out, int outOff, int n) {
        Checks.vector("x", x, xOff, n);
        Checks.vector("out", out, outOff, n);
        Checks.inPlaceOrDisjoint("out", out, outOff, "x", x, xOff, n);
    }

    private static void checkMatrices(FMatrix x, FMatrix out) {
        Checks.notNull("x", x);
        Checks.notNull("out", out);
        Checks.sameShape("elementwise", x, out);
        if (!(x.data() == out.data() && x.offset() == out.offset() && x.rowStride() == out.rowStride())) {
            Checks.noOverlap("out", out, "x", x);
        }
    }

    /** Logistic sigmoid 1 / (1 + e^(−x)). */
    public static void sigmoid(Path path, float[] x, int xOff, float[] out, int outOff, int n) {
        checkRun(x, xOff, out, outOff, n);
        if (simd(path)) VectorElementwise.sigmoid(n, x, xOff, out, outOff);
        else ScalarElementwise.sigmoid(n, x, xOff, out, outOff);
    }

    /** Logistic sigmoid 1 / (1 + e^(−x)), for every element of {@code x} into {@code out} (same shape; may be the same matrix). */
    public static void sigmoid(Path path, FMatrix x, FMatrix out) {
        checkMatrices(x, out);
        boolean simd = simd(path);
        if (x.isContiguous() && out.isContiguous()) {
            int n = Math.toIntExact(x.size());
            if (simd) VectorElementwise.sigmoid(n, x.data(), x.offset(), out.data(), out.offset());
            else ScalarElementwise.sigmoid(n, x.data(), x.offset(), out.data(), out.offset());
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.sigmoid(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarElementwise.sigmoid(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** Hyperbolic tangent. */
    public static void tanh(Path path, float[] x, int xOff, float[] out, int outOff, int n) {
        checkRun(x, xOff, out, outOff, n);
        if (simd(path)) VectorElementwise.tanh(n, x, xOff, out, outOff);
        else ScalarElementwise.tanh(n, x, xOff, out, outOff);
    }

    /** Hyperbolic tangent, for every element of {@code x} into {@code out} (same shape; may be the same matrix). */
    public static void tanh(Path path, FMatrix x, FMatrix out) {
        checkMatrices(x, out);
        boolean simd = simd(path);
        if (x.isContiguous() && out.isContiguous()) {
            int n = Math.toIntExact(x.size());
            if (simd) VectorElementwise.tanh(n, x.data(), x.offset(), out.data(), out.offset());
            else ScalarElementwise.tanh(n, x.data(), x.offset(), out.data(), out.offset());
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.tanh(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarElementwise.tanh(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** Softplus log(1 + e^x), stable for large |x|. */
    public static void softplus(Path path, float[] x, int xOff, float[] out, int outOff, int n) {
        checkRun(x, xOff, out, outOff, n);
        if (simd(path)) VectorElementwise.softplus(n, x, xOff, out, outOff);
        else ScalarElementwise.softplus(n, x, xOff, out, outOff);
    }

    /** Softplus log(1 + e^x), stable for large |x|, for every element of {@code x} into {@code out} (same shape; may be the same matrix). */
    public static void softplus(Path path, FMatrix x, FMatrix out) {
        checkMatrices(x, out);
        boolean simd = simd(path);
        if (x.isContiguous() && out.isContiguous()) {
            int n = Math.toIntExact(x.size());
            if (simd) VectorElementwise.softplus(n, x.data(), x.offset(), out.data(), out.offset());
            else ScalarElementwise.softplus(n, x.data(), x.offset(), out.data(), out.offset());
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.softplus(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarElementwise.softplus(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** Max(0, x); NaN stays NaN. */
    public static void relu(Path path, float[] x, int xOff, float[] out, int outOff, int n) {
        checkRun(x, xOff, out, outOff, n);
        if (simd(path)) VectorElementwise.relu(n, x, xOff, out, outOff);
        else ScalarElementwise.relu(n, x, xOff, out, outOff);
    }

    /** Max(0, x); NaN stays NaN, for every element of {@code x} into {@code out} (same shape; may be the same matrix). */
    public static void relu(Path path, FMatrix x, FMatrix out) {
        checkMatrices(x, out);
        boolean simd = simd(path);
        if (x.isContiguous() && out.isContiguous()) {
            int n = Math.toIntExact(x.size());
            if (simd) VectorElementwise.relu(n, x.data(), x.offset(), out.data(), out.offset());
            else ScalarElementwise.relu(n, x.data(), x.offset(), out.data(), out.offset());
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.relu(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarElementwise.relu(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** E^x. */
    public static void exp(Path path, float[] x, int xOff, float[] out, int outOff, int n) {
        checkRun(x, xOff, out, outOff, n);
        if (simd(path)) VectorElementwise.exp(n, x, xOff, out, outOff);
        else ScalarElementwise.exp(n, x, xOff, out, outOff);
    }

    /** E^x, for every element of {@code x} into {@code out} (same shape; may be the same matrix). */
    public static void exp(Path path, FMatrix x, FMatrix out) {
        checkMatrices(x, out);
        boolean simd = simd(path);
        if (x.isContiguous() && out.isContiguous()) {
            int n = Math.toIntExact(x.size());
            if (simd) VectorElementwise.exp(n, x.data(), x.offset(), out.data(), out.offset());
            else ScalarElementwise.exp(n, x.data(), x.offset(), out.data(), out.offset());
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.exp(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarElementwise.exp(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** Natural logarithm. */
    public static void log(Path path, float[] x, int xOff, float[] out, int outOff, int n) {
        checkRun(x, xOff, out, outOff, n);
        if (simd(path)) VectorElementwise.log(n, x, xOff, out, outOff);
        else ScalarElementwise.log(n, x, xOff, out, outOff);
    }

    /** Natural logarithm, for every element of {@code x} into {@code out} (same shape; may be the same matrix). */
    public static void log(Path path, FMatrix x, FMatrix out) {
        checkMatrices(x, out);
        boolean simd = simd(path);
        if (x.isContiguous() && out.isContiguous()) {
            int n = Math.toIntExact(x.size());
            if (simd) VectorElementwise.log(n, x.data(), x.offset(), out.data(), out.offset());
            else ScalarElementwise.log(n, x.data(), x.offset(), out.data(), out.offset());
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.log(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarElementwise.log(x.cols(), x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** One-sided soft threshold max(0, x − alpha). */
    public static void softThreshold(Path path, float alpha, float[] x, int xOff, float[] out, int outOff, int n) {
        Checks.finite("alpha", alpha);
        checkRun(x, xOff, out, outOff, n);
        if (simd(path)) VectorElementwise.softThreshold(n, alpha, x, xOff, out, outOff);
        else ScalarElementwise.softThreshold(n, alpha, x, xOff, out, outOff);
    }

    /** One-sided soft threshold max(0, x − alpha), for every element of {@code x} into {@code out} (same shape; may be the same matrix). */
    public static void softThreshold(Path path, float alpha, FMatrix x, FMatrix out) {
        Checks.finite("alpha", alpha);
        checkMatrices(x, out);
        boolean simd = simd(path);
        if (x.isContiguous() && out.isContiguous()) {
            int n = Math.toIntExact(x.size());
            if (simd) VectorElementwise.softThreshold(n, alpha, x.data(), x.offset(), out.data(), out.offset());
            else ScalarElementwise.softThreshold(n, alpha, x.data(), x.offset(), out.data(), out.offset());
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.softThreshold(x.cols(), alpha, x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarElementwise.softThreshold(x.cols(), alpha, x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** Two-sided shrink sign(x) · max(|x| − lambda, 0). */
    public static void shrink(Path path, float lambda, float[] x, int xOff, float[] out, int outOff, int n) {
        Checks.finite("lambda", lambda);
        checkRun(x, xOff, out, outOff, n);
        if (simd(path)) VectorElementwise.shrink(n, lambda, x, xOff, out, outOff);
        else ScalarElementwise.shrink(n, lambda, x, xOff, out, outOff);
    }

    /** Two-sided shrink sign(x) · max(|x| − lambda, 0), for every element of {@code x} into {@code out} (same shape; may be the same matrix). */
    public static void shrink(Path path, float lambda, FMatrix x, FMatrix out) {
        Checks.finite("lambda", lambda);
        checkMatrices(x, out);
        boolean simd = simd(path);
        if (x.isContiguous() && out.isContiguous()) {
            int n = Math.toIntExact(x.size());
            if (simd) VectorElementwise.shrink(n, lambda, x.data(), x.offset(), out.data(), out.offset());
            else ScalarElementwise.shrink(n, lambda, x.data(), x.offset(), out.data(), out.offset());
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.shrink(x.cols(), lambda, x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarElementwise.shrink(x.cols(), lambda, x.data(), x.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** Row-wise softmax of {@code a} into {@code out} (same shape; may be the same matrix), max-subtracted. */
    public static void softmaxRows(Path path, FMatrix a, FMatrix out) {
        checkMatrices(a, out);
        if (a.size() == 0) return;
        if (simd(path)) VectorElementwise.softmaxRows(a.rows(), a.cols(), a.data(), a.offset(), a.rowStride(), out.data(), out.offset(), out.rowStride());
        else ScalarElementwise.softmaxRows(a.rows(), a.cols(), a.data(), a.offset(), a.rowStride(), out.data(), out.offset(), out.rowStride());
    }

    /** out[i] = log Σ_j exp(a[i][j]) for each row i, computed stably; −∞ for a row with no columns. */
    public static void logSumExpRows(Path path, FMatrix a, float[] out, int outOff) {
        Checks.notNull("a", a);
        Checks.vector("out", out, outOff, a.rows());
        Checks.noOverlap("out", out, outOff, a.rows(), "a", a);
        if (a.rows() == 0) return;
        if (simd(path)) VectorElementwise.logSumExpRows(a.rows(), a.cols(), a.data(), a.offset(), a.rowStride(), out, outOff);
        else ScalarElementwise.logSumExpRows(a.rows(), a.cols(), a.data(), a.offset(), a.rowStride(), out, outOff);
    }

    /**
     * Index (relative to xOff) of the first of n elements outside [lo, hi], or −1 when all lie inside. NaN lies
     * outside every interval, so {@code [-Float.MAX_VALUE, Float.MAX_VALUE]} finds the first NaN or ±∞.
     */
    public static int firstOutside(Path path, float lo, float hi, float[] x, int xOff, int n) {
        Checks.vector("x", x, xOff, n);
        return simd(path) ? VectorElementwise.firstOutside(n, lo, hi, x, xOff) : ScalarElementwise.firstOutside(n, lo, hi, x, xOff);
    }

    /** Index of the first NaN or ±∞ among n elements, or −1. */
    public static int firstNonFinite(Path path, float[] x, int xOff, int n) {
        return firstOutside(path, -Float.MAX_VALUE, Float.MAX_VALUE, x, xOff, n);
    }

    /** Throws {@link IllegalArgumentException} naming the row and column of the first NaN or ±∞ in {@code x}. */
    public static void requireFinite(Path path, String what, FMatrix x) {
        requireWithin(path, what, x, -Float.MAX_VALUE, Float.MAX_VALUE);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the row, column and value of the first element of {@code x}
     * outside [lo, hi] (NaN and ±∞ included); {@code what} names the matrix in the message, e.g. "training data".
     */
    public static void requireWithin(Path path, String what, FMatrix x, float lo, float hi) {
        Checks.notNull(what, x);
        for (int r = 0; r < x.rows(); r++) {
            int c = firstOutside(path, lo, hi, x.data(), x.rowOffset(r), x.cols());
            if (c >= 0) {
                float v = x.get(r, c);
                String why = Float.isFinite(v) ? "values must lie in [" + lo + ", " + hi + "]" : "NaN and infinite values are not accepted";
                throw new IllegalArgumentException(what + " has " + v + " at row " + r + ", column " + c + ": " + why);
            }
        }
    }

    /** out[i] = x[i] · y[i] over n entries (in place allowed). */
    public static void mul(Path path, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        checkRun(x, xOff, out, outOff, n);
        Checks.vector("y", y, yOff, n);
        Checks.inPlaceOrDisjoint("out", out, outOff, "y", y, yOff, n);
        if (simd(path)) VectorElementwise.mul(n, x, xOff, y, yOff, out, outOff);
        else ScalarElementwise.mul(n, x, xOff, y, yOff, out, outOff);
    }

    /** out[r][j] = x[r][j] · s[sOff + j]: every row times the vector s, i.e. x·diag(s) (out may be x). */
    public static void scaleColumns(Path path, FMatrix x, float[] s, int sOff, FMatrix out) {
        checkMatrices(x, out);
        Checks.vector("s", s, sOff, x.cols());
        boolean simd = simd(path);
        for (int r = 0; r < x.rows(); r++) {
            if (simd) VectorElementwise.mul(x.cols(), x.data(), x.rowOffset(r), s, sOff, out.data(), out.rowOffset(r));
            else ScalarElementwise.mul(x.cols(), x.data(), x.rowOffset(r), s, sOff, out.data(), out.rowOffset(r));
        }
    }
}
