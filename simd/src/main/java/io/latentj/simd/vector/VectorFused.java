package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API fused GEMV + epilogue kernels. Same contract as ScalarFused.
 *
 * <p>Not transposed: rows are computed {@code L} (lane count) at a time into a one-vector scratch, and the epilogue
 * runs on that vector of fresh dot products before the single store to y: y is written once and never re-read.
 * Transposed: row-wise axpy accumulation into y (n floats, L1-resident), four rows per pass; the last pass adds its
 * rows and runs the epilogue on the accumulator vector before storing, so there is no extra pass over y either.
 */
public final class VectorFused {
    private VectorFused() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** y = sigmoid(op(A)·x + bias). */
    public static void gemvBiasSigmoid(boolean trans, int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff) {
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        if (inLen == 0) { // op(A)·x = 0: y = sigmoid(bias)
            VectorElementwise.sigmoid(outLen, bias, bOff, y, yOff);
        } else if (!trans) {
            // dot products straight into y, then the epilogue in place (y is one sample's layer: a few KB at most)
            VectorBlas.dotRows(0, m, n, a, aOff, lda, x, xOff, 1f, 0f, y, yOff);
            for (int i = 0; i < m; i += L) {
                VectorMask<Float> mk = S.indexInRange(i, m);
                FloatVector v = FloatVector.fromArray(S, y, yOff + i, mk).add(FloatVector.fromArray(S, bias, bOff + i, mk));
                VectorElementwise.sigmoid(v).intoArray(y, yOff + i, mk);
            }
        } else {
            int g = lastGroup(m);
            if (m > g) VectorBlas.axpyRows(m - g, n, 1f, a, aOff, lda, x, xOff, 0f, y, yOff);
            int r0 = aOff + (m - g) * lda;
            int xl = xOff + m - g;
            FloatVector c0 = FloatVector.broadcast(S, x[xl]);
            FloatVector c1 = FloatVector.broadcast(S, g > 1 ? x[xl + 1] : 0f);
            FloatVector c2 = FloatVector.broadcast(S, g > 2 ? x[xl + 2] : 0f);
            FloatVector c3 = FloatVector.broadcast(S, g > 3 ? x[xl + 3] : 0f);
            boolean readY = m > g;
            // one masked loop: the sigmoid's exp is inlined at a single call site (see VectorElementwise.sigmoid)
            for (int j = 0; j < n; j += L) {
                VectorMask<Float> mk = S.indexInRange(j, n);
                FloatVector v = lastRows(readY, g, a, r0, lda, c0, c1, c2, c3, y, yOff, j, mk);
                VectorElementwise.sigmoid(v.add(FloatVector.fromArray(S, bias, bOff + j, mk))).intoArray(y, yOff + j, mk);
            }
        }
    }

    /** y = max(0, op(A)·x − alpha), NaN kept: the soft-threshold encoder. */
    public static void gemvSoftThreshold(boolean trans, int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float alpha, float[] y, int yOff) {
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        if (inLen == 0) { // op(A)·x = 0: y = max(0, 0 − alpha)
            fill(outLen, Math.max(0f, 0f - alpha), y, yOff);
        } else if (!trans) {
            VectorBlas.dotRows(0, m, n, a, aOff, lda, x, xOff, 1f, 0f, y, yOff);
            for (int i = 0; i < m; i += L) {
                VectorMask<Float> mk = S.indexInRange(i, m);
                FloatVector v = FloatVector.fromArray(S, y, yOff + i, mk).sub(alpha);
                v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + i, mk);
            }
        } else {
            int g = lastGroup(m);
            if (m > g) VectorBlas.axpyRows(m - g, n, 1f, a, aOff, lda, x, xOff, 0f, y, yOff);
            int r0 = aOff + (m - g) * lda;
            int xl = xOff + m - g;
            FloatVector c0 = FloatVector.broadcast(S, x[xl]);
            FloatVector c1 = FloatVector.broadcast(S, g > 1 ? x[xl + 1] : 0f);
            FloatVector c2 = FloatVector.broadcast(S, g > 2 ? x[xl + 2] : 0f);
            FloatVector c3 = FloatVector.broadcast(S, g > 3 ? x[xl + 3] : 0f);
            boolean readY = m > g;
            int ub = S.loopBound(n);
            for (int j = 0; j < ub; j += L) {
                FloatVector v = lastRows(readY, g, a, r0, lda, c0, c1, c2, c3, y, yOff, j, S.maskAll(true)).sub(alpha);
                v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + j);
            }
            if (ub < n) {
                VectorMask<Float> mk = S.indexInRange(ub, n);
                FloatVector v = lastRows(readY, g, a, r0, lda, c0, c1, c2, c3, y, yOff, ub, mk).sub(alpha);
                v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + ub, mk);
            }
        }
    }

    /** Rows in the transposed kernel's last pass (1..4), the pass that also runs the epilogue. Requires m ≥ 1. */
    private static int lastGroup(int m) {
        int r = m % 4;
        return r == 0 ? 4 : r;
    }

    /**
     * Columns j..j+L of the transposed product's last pass: (the rows before it, already accumulated in y, unless
     * there were none) + Σ over the last g rows of x_r·A_r. Small enough to inline into each epilogue loop.
     */
    private static FloatVector lastRows(boolean readY, int g, float[] a, int r0, int lda, FloatVector c0, FloatVector c1, FloatVector c2, FloatVector c3, float[] y, int yOff, int j, VectorMask<Float> mk) {
        FloatVector acc = readY ? FloatVector.fromArray(S, y, yOff + j, mk) : FloatVector.zero(S);
        acc = FloatVector.fromArray(S, a, r0 + j, mk).fma(c0, acc);
        if (g > 1) acc = FloatVector.fromArray(S, a, r0 + lda + j, mk).fma(c1, acc);
        if (g > 2) acc = FloatVector.fromArray(S, a, r0 + 2 * lda + j, mk).fma(c2, acc);
        if (g > 3) acc = FloatVector.fromArray(S, a, r0 + 3 * lda + j, mk).fma(c3, acc);
        return acc;
    }

    private static void fill(int n, float v, float[] y, int yOff) {
        FloatVector z = FloatVector.broadcast(S, v);
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) z.intoArray(y, yOff + i);
        if (i < n) z.intoArray(y, yOff + i, S.indexInRange(i, n));
    }
}
