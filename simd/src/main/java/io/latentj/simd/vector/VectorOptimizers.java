package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API adaptive optimiser steps; the same operations in the same order as ScalarOptimizers (no fused
 * multiply-add; SQRT and division are correctly rounded), so results are bit-identical to the reference.
 */
public final class VectorOptimizers {
    private VectorOptimizers() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    public static void adagrad(int n, float lr, float eps, float weightDecay, float[] grad, int gOff, float[] acc, int aOff, float[] w, int wOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, wOff + i);
            FloatVector g = FloatVector.fromArray(S, grad, gOff + i).add(wv.mul(weightDecay));
            FloatVector a = FloatVector.fromArray(S, acc, aOff + i).add(g.mul(g));
            a.intoArray(acc, aOff + i);
            wv.sub(g.mul(lr).div(a.lanewise(VectorOperators.SQRT).add(eps))).intoArray(w, wOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector wv = FloatVector.fromArray(S, w, wOff + i, mk);
            FloatVector g = FloatVector.fromArray(S, grad, gOff + i, mk).add(wv.mul(weightDecay));
            FloatVector a = FloatVector.fromArray(S, acc, aOff + i, mk).add(g.mul(g));
            a.intoArray(acc, aOff + i, mk);
            wv.sub(g.mul(lr).div(a.lanewise(VectorOperators.SQRT).add(eps))).intoArray(w, wOff + i, mk);
        }
    }

    public static void adam(int n, float stepSize, float beta1, float beta2, float eps, float weightDecay,
                            float[] grad, int gOff, float[] m, int mOff, float[] v, int vOff, float[] w, int wOff) {
        float c1 = 1f - beta1, c2 = 1f - beta2;
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, wOff + i);
            FloatVector g = FloatVector.fromArray(S, grad, gOff + i).add(wv.mul(weightDecay));
            FloatVector mi = FloatVector.fromArray(S, m, mOff + i).mul(beta1).add(g.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, vOff + i).mul(beta2).add(g.mul(g).mul(c2));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            wv.sub(mi.mul(stepSize).div(vi.lanewise(VectorOperators.SQRT).add(eps))).intoArray(w, wOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector wv = FloatVector.fromArray(S, w, wOff + i, mk);
            FloatVector g = FloatVector.fromArray(S, grad, gOff + i, mk).add(wv.mul(weightDecay));
            FloatVector mi = FloatVector.fromArray(S, m, mOff + i, mk).mul(beta1).add(g.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, vOff + i, mk).mul(beta2).add(g.mul(g).mul(c2));
            mi.intoArray(m, mOff + i, mk);
            vi.intoArray(v, vOff + i, mk);
            wv.sub(mi.mul(stepSize).div(vi.lanewise(VectorOperators.SQRT).add(eps))).intoArray(w, wOff + i, mk);
        }
    }
}
