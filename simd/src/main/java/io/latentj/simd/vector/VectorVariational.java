package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of io.latentj.simd.Variational's kernels. Transcendentals and lane sums from
 * {@link VectorMath} (the same bits in every JIT tier); one masked loop per kernel, so C2 inlines the math once.
 * Sums are accumulated in float lanes.
 */
public final class VectorVariational {
    private VectorVariational() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Σ softplus(z) − t·z: softplus = max(z, 0) + log1p(e^(−|z|)). */
    public static double bernoulliNll(int n, float[] z, int zOff, float[] t, int tOff) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, z, zOff + i, mk);
            FloatVector tv = FloatVector.fromArray(S, t, tOff + i, mk);
            FloatVector pos = v.blend(0f, v.compare(VectorOperators.LT, 0f));
            FloatVector sp = pos.add(VectorMath.log1pUnit(VectorMath.expNonPositive(v.abs().neg())));
            acc = acc.add(sp.sub(tv.mul(v)), mk);
        }
        return VectorMath.sum(acc);
    }

    /**
     * The loss and grad = scale·(σ(z) − t) in one pass; e = e^(−|z|) serves both: σ(z) = 1/(1 + e) for z ≥ 0, else
     * e/(1 + e).
     */
    public static double bernoulliNllGrad(int n, float[] z, int zOff, float[] t, int tOff, float[] grad, int gOff, float scale) {
        FloatVector acc = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, z, zOff + i, mk);
            FloatVector tv = FloatVector.fromArray(S, t, tOff + i, mk);
            VectorMask<Float> neg = v.compare(VectorOperators.LT, 0f);
            FloatVector e = VectorMath.expNonPositive(v.abs().neg());
            FloatVector pos = v.blend(0f, neg);
            FloatVector sp = pos.add(VectorMath.log1pUnit(e));
            acc = acc.add(sp.sub(tv.mul(v)), mk);
            FloatVector r = one.div(one.add(e));
            FloatVector sig = r.blend(e.mul(r), neg);
            sig.sub(tv).mul(scale).intoArray(grad, gOff + i, mk);
        }
        return VectorMath.sum(acc);
    }

    public static double squaredError(int n, float[] y, int yOff, float[] t, int tOff, float[] grad, int gOff, float scale) {
        FloatVector acc = FloatVector.zero(S);
        boolean g = grad != null;
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector d = FloatVector.fromArray(S, y, yOff + i, mk).sub(FloatVector.fromArray(S, t, tOff + i, mk));
            acc = d.fma(d, acc);
            if (g) d.mul(scale).intoArray(grad, gOff + i, mk);
        }
        return VectorMath.sum(acc);
    }

    public static double reparameterize(int n, float[] mu, int muOff, float[] logVar, int lvOff, float[] eps, int eOff, float[] z, int zOff) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector m = FloatVector.fromArray(S, mu, muOff + i, mk);
            FloatVector lv = FloatVector.fromArray(S, logVar, lvOff + i, mk);
            FloatVector sd = VectorMath.exp(lv.mul(0.5f));
            sd.fma(FloatVector.fromArray(S, eps, eOff + i, mk), m).intoArray(z, zOff + i, mk);
            acc = acc.add(m.mul(m).add(sd.mul(sd)).sub(1f).sub(lv), mk);
        }
        return 0.5 * VectorMath.sum(acc);
    }

    public static void reparameterizeBackward(int n, float[] dz, int dzOff, float[] mu, int muOff, float[] logVar, int lvOff,
                                              float[] eps, int eOff, float klScale, float[] dMu, int dmOff, float[] dLogVar, int dlOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector g = FloatVector.fromArray(S, dz, dzOff + i, mk);
            FloatVector sd = VectorMath.exp(FloatVector.fromArray(S, logVar, lvOff + i, mk).mul(0.5f));
            FloatVector.fromArray(S, mu, muOff + i, mk).mul(klScale).add(g).intoArray(dMu, dmOff + i, mk);
            FloatVector e = FloatVector.fromArray(S, eps, eOff + i, mk);
            g.mul(e).mul(sd).add(sd.mul(sd).sub(1f).mul(klScale)).mul(0.5f).intoArray(dLogVar, dlOff + i, mk);
        }
    }

    public static double logPriorOverPosterior(int n, float[] z, int zOff, float[] eps, int eOff, float[] logVar, int lvOff) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector e = FloatVector.fromArray(S, eps, eOff + i, mk);
            FloatVector zv = FloatVector.fromArray(S, z, zOff + i, mk);
            acc = acc.add(e.mul(e).add(FloatVector.fromArray(S, logVar, lvOff + i, mk)).sub(zv.mul(zv)), mk);
        }
        return 0.5 * VectorMath.sum(acc);
    }
}
