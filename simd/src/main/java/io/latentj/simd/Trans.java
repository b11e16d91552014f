package io.latentj.simd;

/** Whether a matrix operand is used as stored ({@link #N}) or transposed ({@link #T}), as in BLAS. */
public enum Trans {
    N, T;

    public boolean transposed() {
        return this == T;
    }
}
