package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of {@code ScalarContrasts}: g(u) written over n elements, Σ g'(u) returned (lane sums, then
 * {@link VectorMath#sum}). Transcendentals from {@link VectorMath}, so every tier gives the same bits. One masked loop
 * per kernel (a single call site for the inlined math, as in {@link VectorElementwise}).
 */
public final class VectorContrasts {
    private VectorContrasts() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    public static float logcosh(int n, float alpha, float[] u, int uOff, float[] g, int gOff) {
        FloatVector acc = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector t = VectorMath.tanh(FloatVector.fromArray(S, u, uOff + i, mk).mul(alpha));
            t.intoArray(g, gOff + i, mk);
            acc = acc.add(one.sub(t.mul(t)), mk);
        }
        return alpha * VectorMath.sum(acc);
    }

    public static float exp(int n, float[] u, int uOff, float[] g, int gOff) {
        FloatVector acc = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, u, uOff + i, mk);
            FloatVector v2 = v.mul(v);
            FloatVector e = VectorMath.exp(v2.mul(-0.5f));
            v.mul(e).intoArray(g, gOff + i, mk);
            acc = acc.add(one.sub(v2).mul(e), mk);
        }
        return VectorMath.sum(acc);
    }

    public static float cube(int n, float[] u, int uOff, float[] g, int gOff) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, u, uOff + i, mk);
            FloatVector v2 = v.mul(v);
            v2.mul(v).intoArray(g, gOff + i, mk);
            acc = acc.add(v2, mk);
        }
        return 3f * VectorMath.sum(acc);
    }
}
