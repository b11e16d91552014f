package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API version of ScalarRecurrent: the same formulas lane-wise, the transcendentals from {@link VectorMath}
 * (so results agree with the reference to a few ulps, not bit for bit). One masked loop per kernel, so C2 inlines the
 * math once.
 */
public final class VectorRecurrent {
    private VectorRecurrent() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    public static void lstmForward(int n, float[] z, int zOff, float[] cPrev, int cpOff, float[] c, int cOff, float[] h, int hOff) {
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mk = S.indexInRange(j, n);
            FloatVector f = VectorElementwise.sigmoid(FloatVector.fromArray(S, z, zOff + j, mk));
            FloatVector i = VectorElementwise.sigmoid(FloatVector.fromArray(S, z, zOff + n + j, mk));
            FloatVector g = VectorMath.tanh(FloatVector.fromArray(S, z, zOff + 2 * n + j, mk));
            FloatVector o = VectorElementwise.sigmoid(FloatVector.fromArray(S, z, zOff + 3 * n + j, mk));
            FloatVector ct = f.mul(FloatVector.fromArray(S, cPrev, cpOff + j, mk)).add(i.mul(g));
            f.intoArray(z, zOff + j, mk);
            i.intoArray(z, zOff + n + j, mk);
            g.intoArray(z, zOff + 2 * n + j, mk);
            o.intoArray(z, zOff + 3 * n + j, mk);
            ct.intoArray(c, cOff + j, mk);
            o.mul(VectorMath.tanh(ct)).intoArray(h, hOff + j, mk);
        }
    }

    public static void lstmBackward(int n, float[] a, int aOff, float[] cPrev, int cpOff, float[] c, int cOff,
                                    float[] dh, int dhOff, float[] dc, int dcOff, float[] dz, int dzOff) {
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mk = S.indexInRange(j, n);
            FloatVector f = FloatVector.fromArray(S, a, aOff + j, mk);
            FloatVector i = FloatVector.fromArray(S, a, aOff + n + j, mk);
            FloatVector g = FloatVector.fromArray(S, a, aOff + 2 * n + j, mk);
            FloatVector o = FloatVector.fromArray(S, a, aOff + 3 * n + j, mk);
            FloatVector tau = VectorMath.tanh(FloatVector.fromArray(S, c, cOff + j, mk));
            FloatVector d = FloatVector.fromArray(S, dh, dhOff + j, mk);
            FloatVector dct = FloatVector.fromArray(S, dc, dcOff + j, mk).add(d.mul(o).mul(tau.mul(tau).neg().add(1f)));
            dct.mul(FloatVector.fromArray(S, cPrev, cpOff + j, mk)).mul(f.mul(f.neg().add(1f))).intoArray(dz, dzOff + j, mk);
            dct.mul(g).mul(i.mul(i.neg().add(1f))).intoArray(dz, dzOff + n + j, mk);
            dct.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(dz, dzOff + 2 * n + j, mk);
            d.mul(tau).mul(o.mul(o.neg().add(1f))).intoArray(dz, dzOff + 3 * n + j, mk);
            dct.mul(f).intoArray(dc, dcOff + j, mk);
        }
    }
}
