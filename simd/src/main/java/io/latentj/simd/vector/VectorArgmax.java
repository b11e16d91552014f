package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API row arg-max (see {@code io.latentj.simd.Argmax}): per lane the running maximum and the column where it
 * was first reached (strict comparison), then the largest lane value and, among lanes holding it, the smallest
 * column; the tail runs scalar with strict comparison, so ties resolve to the first column as in the reference.
 */
public final class VectorArgmax {
    private VectorArgmax() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    private static final int L = S.length();

    public static void rows(int m, int n, float[] a, int aOff, int lda, float[] bias, int bOff, int[] index, int iOff, float[] max, int mOff) {
        for (int i = 0; i < m; i++) {
            long packed = bias == null ? row(n, a, aOff + i * lda) : row(n, a, aOff + i * lda, bias, bOff);
            index[iOff + i] = (int) (packed >>> 32);
            if (max != null) max[mOff + i] = Float.intBitsToFloat((int) packed);
        }
    }

    /** The best column (high 32 bits) and the bits of its value (low 32 bits) of one row plus bias. */
    private static long row(int n, float[] a, int r, float[] bias, int bOff) {
        int ub = S.loopBound(n);
        FloatVector best = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        IntVector at = IntVector.zero(I), col = IntVector.zero(I).addIndex(1);
        IntVector step = IntVector.broadcast(I, L);
        int j = 0;
        for (; j < ub; j += L) {
            FloatVector v = FloatVector.fromArray(S, a, r + j).add(FloatVector.fromArray(S, bias, bOff + j));
            VectorMask<Float> gt = v.compare(VectorOperators.GT, best);
            best = best.blend(v, gt);
            at = at.blend(col, gt.cast(I));
            col = col.add(step);
        }
        float bv = Float.NEGATIVE_INFINITY;
        int bj = 0;
        if (ub > 0) {
            bv = best.reduceLanes(VectorOperators.MAX);
            VectorMask<Float> top = best.compare(VectorOperators.EQ, bv);
            bj = bv == Float.NEGATIVE_INFINITY ? 0 : at.blend(IntVector.broadcast(I, Integer.MAX_VALUE), top.not().cast(I))
                    .reduceLanes(VectorOperators.MIN);
        }
        for (; j < n; j++) {
            float v = a[r + j] + bias[bOff + j];
            if (v > bv) {
                bv = v;
                bj = j;
            }
        }
        return (long) bj << 32 | (Float.floatToRawIntBits(bv) & 0xffffffffL);
    }

    private static long row(int n, float[] a, int r) {
        int ub = S.loopBound(n);
        FloatVector best = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        IntVector at = IntVector.zero(I), col = IntVector.zero(I).addIndex(1);
        IntVector step = IntVector.broadcast(I, L);
        int j = 0;
        for (; j < ub; j += L) {
            FloatVector v = FloatVector.fromArray(S, a, r + j);
            VectorMask<Float> gt = v.compare(VectorOperators.GT, best);
            best = best.blend(v, gt);
            at = at.blend(col, gt.cast(I));
            col = col.add(step);
        }
        float bv = Float.NEGATIVE_INFINITY;
        int bj = 0;
        if (ub > 0) {
            bv = best.reduceLanes(VectorOperators.MAX);
            VectorMask<Float> top = best.compare(VectorOperators.EQ, bv);
            bj = bv == Float.NEGATIVE_INFINITY ? 0 : at.blend(IntVector.broadcast(I, Integer.MAX_VALUE), top.not().cast(I))
                    .reduceLanes(VectorOperators.MIN);
        }
        for (; j < n; j++) {
            float v = a[r + j];
            if (v > bv) {
                bv = v;
                bj = j;
            }
        }
        return (long) bj << 32 | (Float.floatToRawIntBits(bv) & 0xffffffffL);
    }
}
