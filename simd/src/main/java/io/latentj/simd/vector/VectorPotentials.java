package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API potentials of energy models (contract: ScalarPotentials). Transcendentals come from {@link VectorMath}
 * so every JIT tier gives the same bits; each kernel is one masked loop with one call site per function.
 */
public final class VectorPotentials {
    private VectorPotentials() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float LN2 = 0.6931472f;

    /** log(1 + ½u²). */
    public static void studentT(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, u, uOff + i, mk);
            VectorMath.log1p(v.mul(v).mul(0.5f)).intoArray(out, outOff + i, mk);
        }
    }

    /** u / (1 + ½u²). */
    public static void studentTFirst(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, u, uOff + i, mk);
            v.div(v.mul(v).fma(0.5f, 1f)).intoArray(out, outOff + i, mk);
        }
    }

    /** (1 − ½u²) / (1 + ½u²)², as (2 − a) / a² with a = 1 + ½u². */
    public static void studentTSecond(int n, float[] u, int uOff, float[] out, int outOff) {
        FloatVector two = FloatVector.broadcast(S, 2f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, u, uOff + i, mk);
            FloatVector a = v.mul(v).fma(0.5f, 1f);
            two.sub(a).div(a.mul(a)).intoArray(out, outOff + i, mk);
        }
    }

    /**
     * −½ log1p(−tanh² u) where |u| &lt; 1 (relative accuracy down to tiny u), |u| + log1p(e^(−2|u|)) − log 2 elsewhere
     * (never overflows); the second branch is computed only when a lane needs it.
     */
    public static void logCosh(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector a = FloatVector.fromArray(S, u, uOff + i, mk).abs();
            FloatVector t = VectorMath.tanh(a);
            FloatVector r = VectorMath.log1p(t.mul(t).neg()).mul(-0.5f);
            VectorMask<Float> big = a.compare(VectorOperators.GE, 1f);
            if (big.anyTrue()) {
                FloatVector e = VectorMath.expNonPositive(a.mul(-2f));
                r = r.blend(a.add(VectorMath.log1pUnit(e)).sub(LN2), big);
            }
            r.intoArray(out, outOff + i, mk);
        }
    }

    /** tanh u. */
    public static void logCoshFirst(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            VectorMath.tanh(FloatVector.fromArray(S, u, uOff + i, mk)).intoArray(out, outOff + i, mk);
        }
    }

    /** 1 − tanh² u = 4e/(1 + e)² with e = e^(−2|u|): no cancellation for large |u|. NaN → NaN. */
    public static void logCoshSecond(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, u, uOff + i, mk);
            FloatVector e = VectorMath.expNonPositive(v.abs().mul(-2f));
            FloatVector d = e.add(1f);
            FloatVector r = e.mul(4f).div(d.mul(d));
            r.blend(v, v.test(VectorOperators.IS_NAN)).intoArray(out, outOff + i, mk);
        }
    }

    /** u(a − 4)/a³ with a = 1 + ½u². */
    public static void studentTThird(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, u, uOff + i, mk);
            FloatVector a = v.mul(v).fma(0.5f, 1f);
            v.mul(a.sub(4f)).div(a.mul(a).mul(a)).intoArray(out, outOff + i, mk);
        }
    }

    /** −2 tanh u · 4e/(1 + e)² with e = e^(−2|u|). */
    public static void logCoshThird(int n, float[] u, int uOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, u, uOff + i, mk);
            FloatVector t = VectorMath.tanh(v);
            FloatVector e = VectorMath.expNonPositive(v.abs().mul(-2f));
            FloatVector d = e.add(1f);
            t.mul(-8f).mul(e).div(d.mul(d)).blend(v, v.test(VectorOperators.IS_NAN)).intoArray(out, outOff + i, mk);
        }
    }
}
