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
 * Transposed: the row-wise axpy accumulation keeps y (n floats) in L1; the epilogue runs over it once at the end.
 */
public final class VectorFused {
    private VectorFused() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** y = sigmoid(op(A)·x + bias). */
    public static void gemvBiasSigmoid(boolean trans, int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff) {
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        if (inLen == 0) {
            zero(outLen, y, yOff);
        } else if (!trans) {
            float[] s = new float[L];
            for (int i = 0; i < m; i += L) {
                int cnt = Math.min(L, m - i);
                VectorBlas.dotRows(i, i + cnt, n, a, aOff, lda, x, xOff, s, 0);
                VectorMask<Float> mk = S.indexInRange(0, cnt);
                FloatVector v = FloatVector.fromArray(S, s, 0).add(FloatVector.fromArray(S, bias, bOff + i, mk));
                VectorElementwise.sigmoid(v).intoArray(y, yOff + i, mk);
            }
            return;
        } else {
            VectorBlas.axpyRows(m, n, 1f, a, aOff, lda, x, xOff, 0f, y, yOff);
        }
        int ub = S.loopBound(outLen);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, bias, bOff + i));
            VectorElementwise.sigmoid(v).intoArray(y, yOff + i);
        }
        if (i < outLen) {
            VectorMask<Float> mk = S.indexInRange(i, outLen);
            FloatVector v = FloatVector.fromArray(S, y, yOff + i, mk).add(FloatVector.fromArray(S, bias, bOff + i, mk));
            VectorElementwise.sigmoid(v).intoArray(y, yOff + i, mk);
        }
    }

    /** y = max(0, op(A)·x − alpha), NaN kept: the soft-threshold encoder. */
    public static void gemvSoftThreshold(boolean trans, int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float alpha, float[] y, int yOff) {
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        if (inLen == 0) {
            zero(outLen, y, yOff);
        } else if (!trans) {
            float[] s = new float[L];
            for (int i = 0; i < m; i += L) {
                int cnt = Math.min(L, m - i);
                VectorBlas.dotRows(i, i + cnt, n, a, aOff, lda, x, xOff, s, 0);
                VectorMask<Float> mk = S.indexInRange(0, cnt);
                FloatVector v = FloatVector.fromArray(S, s, 0).sub(alpha);
                v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + i, mk);
            }
            return;
        } else {
            VectorBlas.axpyRows(m, n, 1f, a, aOff, lda, x, xOff, 0f, y, yOff);
        }
        // op(A)·x with no input is 0: the epilogue then gives max(0, −alpha) (or the bias sigmoid above)
        VectorElementwise.softThreshold(outLen, alpha, y, yOff, y, yOff);
    }

    private static void zero(int n, float[] y, int yOff) {
        FloatVector z = FloatVector.zero(S);
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) z.intoArray(y, yOff + i);
        if (i < n) z.intoArray(y, yOff + i, S.indexInRange(i, n));
    }
}
