package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API backward passes of activations; same contract and the same operations in the same order as
 * ScalarDerivatives (no fused multiply-add), so every kernel but the softmax row (whose lane sum is reordered) is
 * bit-identical to the reference.
 */
public final class VectorDerivatives {
    private VectorDerivatives() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    public static void sigmoid(int n, float[] y, int yOff, float[] dy, int dyOff, float[] out, int outOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector s = FloatVector.fromArray(S, y, yOff + i);
            FloatVector.fromArray(S, dy, dyOff + i).mul(s.mul(s.neg().add(1f))).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(S, y, yOff + i, mk);
            FloatVector.fromArray(S, dy, dyOff + i, mk).mul(s.mul(s.neg().add(1f))).intoArray(out, outOff + i, mk);
        }
    }

    public static void tanh(int n, float[] y, int yOff, float[] dy, int dyOff, float[] out, int outOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector t = FloatVector.fromArray(S, y, yOff + i);
            FloatVector.fromArray(S, dy, dyOff + i).mul(t.mul(t).neg().add(1f)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector t = FloatVector.fromArray(S, y, yOff + i, mk);
            FloatVector.fromArray(S, dy, dyOff + i, mk).mul(t.mul(t).neg().add(1f)).intoArray(out, outOff + i, mk);
        }
    }

    public static void relu(int n, float[] x, int xOff, float[] dy, int dyOff, float[] out, int outOff) {
        FloatVector zero = FloatVector.zero(S);
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            VectorMask<Float> pos = FloatVector.fromArray(S, x, xOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, dy, dyOff + i), pos).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            VectorMask<Float> pos = FloatVector.fromArray(S, x, xOff + i, mk).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, dy, dyOff + i, mk), pos).intoArray(out, outOff + i, mk);
        }
    }

    /** out_j = y_j · (dy_j − Σ_k y_k dy_k); the sum is accumulated lane-wise, then its lanes added in order. */
    public static void softmaxRow(int n, float[] y, int yOff, float[] dy, int dyOff, float[] out, int outOff) {
        FloatVector acc = FloatVector.zero(S);
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) acc = acc.add(FloatVector.fromArray(S, y, yOff + i).mul(FloatVector.fromArray(S, dy, dyOff + i)));
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            acc = acc.add(FloatVector.fromArray(S, y, yOff + i, mk).mul(FloatVector.fromArray(S, dy, dyOff + i, mk)), mk);
        }
        float dot = 0f;
        for (int l = 0; l < L; l++) dot += acc.lane(l);
        i = 0;
        for (; i < ub; i += L) {
            FloatVector.fromArray(S, y, yOff + i).mul(FloatVector.fromArray(S, dy, dyOff + i).sub(dot)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector.fromArray(S, y, yOff + i, mk).mul(FloatVector.fromArray(S, dy, dyOff + i, mk).sub(dot)).intoArray(out, outOff + i, mk);
        }
    }

    public static void contractive(int n, float[] h, int hOff, float[] s, int sOff, float[] q, int qOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, h, hOff + i);
            FloatVector d = v.mul(v.neg().add(1f));
            FloatVector sq = d.mul(d);
            sq.intoArray(s, sOff + i);
            sq.mul(v.mul(2f).neg().add(1f)).intoArray(q, qOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, h, hOff + i, mk);
            FloatVector d = v.mul(v.neg().add(1f));
            FloatVector sq = d.mul(d);
            sq.intoArray(s, sOff + i, mk);
            sq.mul(v.mul(2f).neg().add(1f)).intoArray(q, qOff + i, mk);
        }
    }
}
