package io.latentj.simd;

import io.latentj.simd.scalar.ScalarContrasts;
import io.latentj.simd.vector.VectorContrasts;

/**
 * The contrast functions of FastICA (Hyvärinen 1999) in one pass each: over a run of projections u = wᵀx they write
 * g(u), the derivative of the contrast G, and return Σ g'(u), which the fixed-point update needs as a mean. BLAS has
 * none of these, so every path but {@link Path#SCALAR} runs the Vector API when it is there. {@code g} may be
 * {@code u} itself (same offset). Matrix forms work row by row (one row = one component's projections) and store each
 * row's Σ g' in {@code derivativeSums}.
 */
public final class Contrasts {
    private Contrasts() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    private static void checkRun(float[] u, int uOff, float[] g, int gOff, int n) {
        Checks.vector("u", u, uOff, n);
        Checks.vector("g", g, gOff, n);
        Checks.inPlaceOrDisjoint("g", g, gOff, "u", u, uOff, n);
    }

    private static void checkMatrices(FMatrix u, FMatrix g, float[] sums, int off) {
        Checks.notNull("u", u);
        Checks.notNull("g", g);
        Checks.sameShape("contrast", u, g);
        if (!(u.data() == g.data() && u.offset() == g.offset() && u.rowStride() == g.rowStride())) Checks.noOverlap("g", g, "u", u);
        Checks.vector("derivativeSums", sums, off, u.rows());
    }

    /** G(u) = log cosh(αu)/α: g = tanh(αu); returns Σ α(1 − tanh²(αu)). α ∈ [1, 2] is the usual range. */
    public static float logcosh(Path path, float alpha, float[] u, int uOff, float[] g, int gOff, int n) {
        Checks.finite("alpha", alpha);
        checkRun(u, uOff, g, gOff, n);
        return simd(path) ? VectorContrasts.logcosh(n, alpha, u, uOff, g, gOff) : ScalarContrasts.logcosh(n, alpha, u, uOff, g, gOff);
    }

    /** G(u) = −e^(−u²/2): g = u·e^(−u²/2); returns Σ (1 − u²)·e^(−u²/2). */
    public static float exp(Path path, float[] u, int uOff, float[] g, int gOff, int n) {
        checkRun(u, uOff, g, gOff, n);
        return simd(path) ? VectorContrasts.exp(n, u, uOff, g, gOff) : ScalarContrasts.exp(n, u, uOff, g, gOff);
    }

    /** G(u) = u⁴/4 (kurtosis): g = u³; returns Σ 3u². */
    public static float cube(Path path, float[] u, int uOff, float[] g, int gOff, int n) {
        checkRun(u, uOff, g, gOff, n);
        return simd(path) ? VectorContrasts.cube(n, u, uOff, g, gOff) : ScalarContrasts.cube(n, u, uOff, g, gOff);
    }

    /** {@link #logcosh(Path, float, float[], int, float[], int, int)} on every row of u into g; row sums of g' into derivativeSums. */
    public static void logcosh(Path path, float alpha, FMatrix u, FMatrix g, float[] derivativeSums, int off) {
        Checks.finite("alpha", alpha);
        checkMatrices(u, g, derivativeSums, off);
        boolean simd = simd(path);
        int n = u.cols();
        for (int r = 0; r < u.rows(); r++) {
            derivativeSums[off + r] = simd ? VectorContrasts.logcosh(n, alpha, u.data(), u.rowOffset(r), g.data(), g.rowOffset(r))
                    : ScalarContrasts.logcosh(n, alpha, u.data(), u.rowOffset(r), g.data(), g.rowOffset(r));
        }
    }

    /** {@link #exp(Path, float[], int, float[], int, int)} on every row of u into g; row sums of g' into derivativeSums. */
    public static void exp(Path path, FMatrix u, FMatrix g, float[] derivativeSums, int off) {
        checkMatrices(u, g, derivativeSums, off);
        boolean simd = simd(path);
        int n = u.cols();
        for (int r = 0; r < u.rows(); r++) {
            derivativeSums[off + r] = simd ? VectorContrasts.exp(n, u.data(), u.rowOffset(r), g.data(), g.rowOffset(r))
                    : ScalarContrasts.exp(n, u.data(), u.rowOffset(r), g.data(), g.rowOffset(r));
        }
    }

    /** {@link #cube(Path, float[], int, float[], int, int)} on every row of u into g; row sums of g' into derivativeSums. */
    public static void cube(Path path, FMatrix u, FMatrix g, float[] derivativeSums, int off) {
        checkMatrices(u, g, derivativeSums, off);
        boolean simd = simd(path);
        int n = u.cols();
        for (int r = 0; r < u.rows(); r++) {
            derivativeSums[off + r] = simd ? VectorContrasts.cube(n, u.data(), u.rowOffset(r), g.data(), g.rowOffset(r))
                    : ScalarContrasts.cube(n, u.data(), u.rowOffset(r), g.data(), g.rowOffset(r));
        }
    }
}
