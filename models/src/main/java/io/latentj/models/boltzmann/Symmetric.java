package io.latentj.models.boltzmann;

import io.latentj.simd.FMatrix;

/** The coupling matrices of a Boltzmann machine: symmetric, with a zero diagonal (no self-couplings). */
final class Symmetric {
    private Symmetric() {}

    /** Refuses a coupling matrix that is not square of size {@code n}, not exactly symmetric or has a non-zero diagonal. */
    static void requireCouplings(String what, FMatrix a, int n) {
        if (a == null) throw new IllegalArgumentException(what + " must not be null");
        if (a.rows() != n || a.cols() != n) throw new IllegalArgumentException(what + " must be " + n + "x" + n + ", got " + a.shape());
        for (int i = 0; i < n; i++) {
            if (a.get(i, i) != 0f) throw new IllegalArgumentException(what + " has " + a.get(i, i) + " on its diagonal at " + i + ": self-couplings must be 0");
            for (int j = 0; j < i; j++) {
                if (Float.compare(a.get(i, j), a.get(j, i)) != 0) {
                    throw new IllegalArgumentException(what + " is not symmetric: (" + i + ", " + j + ") is " + a.get(i, j)
                            + " but (" + j + ", " + i + ") is " + a.get(j, i));
                }
            }
        }
    }

    /** Copies the upper triangle onto the lower one and zeroes the diagonal, so rounding cannot break symmetry. */
    static void symmetrize(FMatrix a) {
        int n = a.rows();
        for (int i = 0; i < n; i++) {
            a.set(i, i, 0f);
            for (int j = 0; j < i; j++) a.set(i, j, a.get(j, i));
        }
    }

    /** Refuses states that are not all 0 or 1. */
    static void requireBinary(String what, FMatrix s) {
        for (int r = 0; r < s.rows(); r++) {
            int o = s.rowOffset(r);
            for (int c = 0; c < s.cols(); c++) {
                float v = s.data()[o + c];
                if (v != 0f && v != 1f) throw new IllegalArgumentException(what + " has " + v + " at row " + r + ", column " + c + ": states must be 0 or 1");
            }
        }
    }
}
