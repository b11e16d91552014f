package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API reconstruction losses fused with their gradient (see ScalarLosses): one pass over the row reads the
 * output and the target once and writes the gradient once. The loss terms are summed lane-wise in float per row and
 * the lanes added by {@link VectorMath#sum}, so the sum agrees with the reference to float rounding, not bit for bit.
 * One masked loop per kernel keeps a single call site per math function (C2's inlining budget).
 */
public final class VectorLosses {
    private VectorLosses() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    public static double squaredErrorSigmoid(int n, float scale, float[] y, int yOff, float[] t, int tOff, float[] dz, int dzOff) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, y, yOff + i, mk);
            FloatVector e = v.sub(FloatVector.fromArray(S, t, tOff + i, mk));
            acc = e.fma(e, acc); // masked-off lanes load 0 for both: e = 0 there
            e.mul(scale).mul(v.mul(v.neg().add(1f))).intoArray(dz, dzOff + i, mk);
        }
        return VectorMath.sum(acc);
    }

    public static double sigmoidCrossEntropy(int n, float scale, float[] z, int zOff, float[] t, int tOff, float[] dz, int dzOff) {
        FloatVector acc = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, z, zOff + i, mk), tv = FloatVector.fromArray(S, t, tOff + i, mk);
            FloatVector u = VectorMath.expNonPositive(v.abs().neg());
            VectorMask<Float> neg = v.compare(VectorOperators.LT, 0f);
            FloatVector pos = v.blend(0f, neg); // max(v, 0) with NaN kept
            FloatVector term = pos.add(VectorMath.log1pUnit(u)).sub(tv.mul(v));
            acc = acc.add(term, mk);
            FloatVector p = one.blend(u, neg).div(one.add(u));
            p.sub(tv).mul(scale).intoArray(dz, dzOff + i, mk);
        }
        return VectorMath.sum(acc);
    }
}
