package io.latentj.simd;

import io.latentj.simd.scalar.ScalarPotentials;
import io.latentj.simd.vector.VectorPotentials;

/**
 * The one-dimensional potentials of energy-based models, applied to every element of a matrix of filter responses
 * u: the value φ(u) and its first and second derivatives φ′(u), φ″(u), each written only when its output is not
 * null. An energy Σ_j α_j φ(w_jᵀx) then has its gradient from φ′ and its Laplacian in x from φ″ (score matching).
 * BLAS has none of these: every path but {@link Path#SCALAR} runs the Vector API when it is available. Outputs have
 * u's shape and must not overlap u or one another.
 */
public final class Potentials {
    private Potentials() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    private static void check(FMatrix u, FMatrix value, FMatrix first, FMatrix second) {
        Checks.notNull("u", u);
        if (value == null && first == null && second == null) throw new IllegalArgumentException("no output requested");
        FMatrix[] outs = {value, first, second};
        String[] names = {"value", "first", "second"};
        for (int i = 0; i < 3; i++) {
            if (outs[i] == null) continue;
            Checks.sameShape("potential u/" + names[i], u, outs[i]);
            Checks.noOverlap(names[i], outs[i], "u", u);
            for (int j = 0; j < i; j++) if (outs[j] != null) Checks.noOverlap(names[i], outs[i], names[j], outs[j]);
        }
    }

    /**
     * The Student-t expert of a product of experts: φ(u) = log(1 + ½u²), φ′(u) = u / (1 + ½u²),
     * φ″(u) = (1 − ½u²) / (1 + ½u²)².
     */
    public static void studentT(Path path, FMatrix u, FMatrix value, FMatrix first, FMatrix second) {
        check(u, value, first, second);
        boolean simd = simd(path);
        int n = u.cols();
        for (int r = 0; r < u.rows(); r++) {
            int uo = u.rowOffset(r);
            if (value != null) {
                if (simd) VectorPotentials.studentT(n, u.data(), uo, value.data(), value.rowOffset(r));
                else ScalarPotentials.studentT(n, u.data(), uo, value.data(), value.rowOffset(r));
            }
            if (first != null) {
                if (simd) VectorPotentials.studentTFirst(n, u.data(), uo, first.data(), first.rowOffset(r));
                else ScalarPotentials.studentTFirst(n, u.data(), uo, first.data(), first.rowOffset(r));
            }
            if (second != null) {
                if (simd) VectorPotentials.studentTSecond(n, u.data(), uo, second.data(), second.rowOffset(r));
                else ScalarPotentials.studentTSecond(n, u.data(), uo, second.data(), second.rowOffset(r));
            }
        }
    }

    /**
     * The super-Gaussian ICA potential φ(u) = log cosh u (computed as |u| + log(1 + e^(−2|u|)) − log 2, which never
     * overflows), φ′(u) = tanh u, φ″(u) = 1 − tanh² u.
     */
    public static void logCosh(Path path, FMatrix u, FMatrix value, FMatrix first, FMatrix second) {
        check(u, value, first, second);
        boolean simd = simd(path);
        int n = u.cols();
        for (int r = 0; r < u.rows(); r++) {
            int uo = u.rowOffset(r);
            if (value != null) {
                if (simd) VectorPotentials.logCosh(n, u.data(), uo, value.data(), value.rowOffset(r));
                else ScalarPotentials.logCosh(n, u.data(), uo, value.data(), value.rowOffset(r));
            }
            if (first != null) {
                if (simd) VectorPotentials.logCoshFirst(n, u.data(), uo, first.data(), first.rowOffset(r));
                else ScalarPotentials.logCoshFirst(n, u.data(), uo, first.data(), first.rowOffset(r));
            }
            if (second != null) {
                if (simd) VectorPotentials.logCoshSecond(n, u.data(), uo, second.data(), second.rowOffset(r));
                else ScalarPotentials.logCoshSecond(n, u.data(), uo, second.data(), second.rowOffset(r));
            }
        }
    }

    /**
     * Third derivatives, for the parameter gradient of the score-matching objective (the θ-derivative of a Laplacian
     * Σ_j α_j φ″(w_jᵀx)‖w_j‖²): Student-t φ‴(u) = u(a − 4)/a³ with a = 1 + ½u².
     */
    public static void studentTThird(Path path, FMatrix u, FMatrix out) {
        check(u, out, null, null);
        boolean simd = simd(path);
        for (int r = 0; r < u.rows(); r++) {
            if (simd) VectorPotentials.studentTThird(u.cols(), u.data(), u.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarPotentials.studentTThird(u.cols(), u.data(), u.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }

    /** log cosh: φ‴(u) = −2 tanh u · sech² u. */
    public static void logCoshThird(Path path, FMatrix u, FMatrix out) {
        check(u, out, null, null);
        boolean simd = simd(path);
        for (int r = 0; r < u.rows(); r++) {
            if (simd) VectorPotentials.logCoshThird(u.cols(), u.data(), u.rowOffset(r), out.data(), out.rowOffset(r));
            else ScalarPotentials.logCoshThird(u.cols(), u.data(), u.rowOffset(r), out.data(), out.rowOffset(r));
        }
    }
}
