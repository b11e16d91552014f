package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernel of {@code io.latentj.simd.RowDots}: blocks of 2 rows of A × 4 rows of B (8 accumulators, FMA),
 * each pair of A rows reused from L1 for every block of B rows; a lone last row of A and the last 1–3 rows of B run
 * through the same block with duplicated (unstored) operands; the column tail runs scalar. Small static methods over
 * arrays and offsets only (no vectors cross a call), so C2 keeps every vector in registers. Large products split
 * their rows among the threads of the GEMM pool.
 */
public final class VectorRowDots {
    private VectorRowDots() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Products with fewer flops than this stay on the caller's thread (as the GEMM's threshold). */
    private static final double PARALLEL_FLOPS = 2e7;

    /** Rows are split over {@link io.latentj.simd.Parallelism#forRange} when {@code threads} &gt; 1 and the product is large enough. */
    public static void of(int threads, int m, int n, int d, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (threads > 1 && 2.0 * m * n * d >= PARALLEL_FLOPS) {
            // split by pairs of rows (the kernel's block) over the shared range pool
            io.latentj.simd.Parallelism.forRange((m + 1) / 2, 1, (lo, hi) -> rows(2 * lo, Math.min(m, 2 * hi), n, d, a, aOff, lda, b, bOff, ldb, c, cOff, ldc));
        } else {
            rows(0, m, n, d, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /** Rows [i0, end) of C. */
    private static void rows(int i0, int end, int n, int d, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int i = i0; i < end; i += 2) {
            int a0 = aOff + i * lda, a1 = i + 1 < end ? a0 + lda : a0;
            for (int j = 0; j < n; j += 4) {
                int b0 = bOff + j * ldb;
                int b1 = j + 1 < n ? b0 + ldb : b0, b2 = j + 2 < n ? b0 + 2 * ldb : b0, b3 = j + 3 < n ? b0 + 3 * ldb : b0;
                block(d, a, a0, a1, b, b0, b1, b2, b3, c, cOff + i * ldc + j, i + 1 < end ? ldc : -1, Math.min(4, n - j));
            }
        }
    }

    /**
     * C[r][q] for the rows a0, a1 of A and b0..b3 of B into c at cAt (row r at cAt + r·ldc; ldc &lt; 0: only row 0),
     * the first {@code cols} columns only.
     */
    private static void block(int d, float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3,
                              float[] c, int cAt, int ldc, int cols) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        int ub = S.loopBound(d), p = 0;
        for (; p < ub; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            y = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            y = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            y = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
        }
        float t00 = s00.reduceLanes(VectorOperators.ADD), t01 = s01.reduceLanes(VectorOperators.ADD);
        float t02 = s02.reduceLanes(VectorOperators.ADD), t03 = s03.reduceLanes(VectorOperators.ADD);
        float t10 = s10.reduceLanes(VectorOperators.ADD), t11 = s11.reduceLanes(VectorOperators.ADD);
        float t12 = s12.reduceLanes(VectorOperators.ADD), t13 = s13.reduceLanes(VectorOperators.ADD);
        for (; p < d; p++) {
            float x0 = a[a0 + p], x1 = a[a1 + p];
            t00 += x0 * b[b0 + p]; t01 += x0 * b[b1 + p]; t02 += x0 * b[b2 + p]; t03 += x0 * b[b3 + p];
            t10 += x1 * b[b0 + p]; t11 += x1 * b[b1 + p]; t12 += x1 * b[b2 + p]; t13 += x1 * b[b3 + p];
        }
        store(c, cAt, cols, t00, t01, t02, t03);
        if (ldc >= 0) store(c, cAt + ldc, cols, t10, t11, t12, t13);
    }

    private static void store(float[] c, int at, int cols, float v0, float v1, float v2, float v3) {
        c[at] = v0;
        if (cols > 1) c[at + 1] = v1;
        if (cols > 2) c[at + 2] = v2;
        if (cols > 3) c[at + 3] = v3;
    }
}
