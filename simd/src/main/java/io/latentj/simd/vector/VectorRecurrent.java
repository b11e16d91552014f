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

    /**
     * In passes, every transcendental through the array kernels of VectorElementwise: the gate nonlinearities in
     * place, c = f ⊙ cPrev + i ⊙ g, h = tanh(c), h = o ⊙ h. With the transcendentals inlined into the cell-update loop
     * C2 at times left the math out of line and boxed vectors (0.2–1.5 KB allocated per call).
     */
    public static void lstmForward(int n, float[] z, int zOff, float[] cPrev, int cpOff, float[] c, int cOff, float[] h, int hOff) {
        VectorElementwise.sigmoid(2 * n, z, zOff, z, zOff);
        VectorElementwise.tanh(n, z, zOff + 2 * n, z, zOff + 2 * n);
        VectorElementwise.sigmoid(n, z, zOff + 3 * n, z, zOff + 3 * n);
        cellUpdate(n, z, zOff, cPrev, cpOff, c, cOff);
        VectorElementwise.tanh(n, c, cOff, h, hOff);
        VectorElementwise.mul(n, z, zOff + 3 * n, h, hOff, h, hOff);
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

    /** {@link #lstmForward} that also keeps τ = tanh(c) in {@code tc}; h = o ⊙ τ. */
    public static void lstmForward(int n, float[] z, int zOff, float[] cPrev, int cpOff, float[] c, int cOff, float[] tc, int tcOff, float[] h, int hOff) {
        VectorElementwise.sigmoid(2 * n, z, zOff, z, zOff);
        VectorElementwise.tanh(n, z, zOff + 2 * n, z, zOff + 2 * n);
        VectorElementwise.sigmoid(n, z, zOff + 3 * n, z, zOff + 3 * n);
        cellUpdate(n, z, zOff, cPrev, cpOff, c, cOff);
        VectorElementwise.tanh(n, c, cOff, tc, tcOff);
        VectorElementwise.mul(n, z, zOff + 3 * n, tc, tcOff, h, hOff);
    }

    /**
     * {@link #lstmBackward} from τ = tanh(c_t) kept by the forward pass: pure arithmetic in two short unmasked loops
     * (δc, dz_o and dc ← δc first, then dz_f, dz_i, dz_g and dc ← δc ⊙ f) with scalar tails. Small on purpose: the
     * one-loop masked version is too big for C1's register allocator at tier 3 ("out of virtual registers"), and a
     * method stuck at tier 2 runs the Vector API's Java fallback, hundreds of times slower, until C2 gets to it.
     */
    public static void lstmBackwardWithTanh(int n, float[] a, int aOff, float[] cPrev, int cpOff, float[] tc, int tcOff,
                                            float[] dh, int dhOff, float[] dc, int dcOff, float[] dz, int dzOff) {
        lstmCellGradient(n, a, aOff, tc, tcOff, dh, dhOff, dc, dcOff, dz, dzOff);
        lstmGateGradients(n, a, aOff, cPrev, cpOff, dc, dcOff, dz, dzOff);
    }

    /** δc = dc + dh ⊙ o ⊙ (1 − τ²) into dc, dz_o = dh ⊙ τ ⊙ o(1 − o). */
    private static void lstmCellGradient(int n, float[] a, int aOff, float[] tc, int tcOff, float[] dh, int dhOff, float[] dc, int dcOff, float[] dz, int dzOff) {
        int bound = S.loopBound(n), j = 0;
        for (; j < bound; j += L) {
            FloatVector o = FloatVector.fromArray(S, a, aOff + 3 * n + j);
            FloatVector tau = FloatVector.fromArray(S, tc, tcOff + j);
            FloatVector d = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector.fromArray(S, dc, dcOff + j).add(d.mul(o).mul(tau.mul(tau).neg().add(1f))).intoArray(dc, dcOff + j);
            d.mul(tau).mul(o.mul(o.neg().add(1f))).intoArray(dz, dzOff + 3 * n + j);
        }
        for (; j < n; j++) {
            float o = a[aOff + 3 * n + j], tau = tc[tcOff + j], d = dh[dhOff + j];
            dc[dcOff + j] = dc[dcOff + j] + d * o * (1f - tau * tau);
            dz[dzOff + 3 * n + j] = d * tau * (o * (1f - o));
        }
    }

    /** From δc in dc: dz_f = δc ⊙ c_{t−1} ⊙ f(1 − f), dz_i = δc ⊙ g ⊙ i(1 − i), dz_g = δc ⊙ i ⊙ (1 − g²), dc ← δc ⊙ f. */
    private static void lstmGateGradients(int n, float[] a, int aOff, float[] cPrev, int cpOff, float[] dc, int dcOff, float[] dz, int dzOff) {
        int bound = S.loopBound(n), j = 0;
        for (; j < bound; j += L) {
            FloatVector f = FloatVector.fromArray(S, a, aOff + j);
            FloatVector i = FloatVector.fromArray(S, a, aOff + n + j);
            FloatVector g = FloatVector.fromArray(S, a, aOff + 2 * n + j);
            FloatVector dct = FloatVector.fromArray(S, dc, dcOff + j);
            dct.mul(FloatVector.fromArray(S, cPrev, cpOff + j)).mul(f.mul(f.neg().add(1f))).intoArray(dz, dzOff + j);
            dct.mul(g).mul(i.mul(i.neg().add(1f))).intoArray(dz, dzOff + n + j);
            dct.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(dz, dzOff + 2 * n + j);
            dct.mul(f).intoArray(dc, dcOff + j);
        }
        for (; j < n; j++) {
            float f = a[aOff + j], i = a[aOff + n + j], g = a[aOff + 2 * n + j], dct = dc[dcOff + j];
            dz[dzOff + j] = dct * cPrev[cpOff + j] * (f * (1f - f));
            dz[dzOff + n + j] = dct * g * (i * (1f - i));
            dz[dzOff + 2 * n + j] = dct * i * (1f - g * g);
            dc[dcOff + j] = dct * f;
        }
    }

    /**
     * c = f ⊙ cPrev + i ⊙ g (c may be cPrev): an unmasked loop and a scalar tail. Small and mask-free on purpose: a
     * masked version, inlined into the streaming step, at times compiled to code that boxed vectors (480 B a step).
     */
    private static void cellUpdate(int n, float[] z, int zOff, float[] cPrev, int cpOff, float[] c, int cOff) {
        int bound = S.loopBound(n), j = 0;
        for (; j < bound; j += L) {
            FloatVector f = FloatVector.fromArray(S, z, zOff + j);
            FloatVector i = FloatVector.fromArray(S, z, zOff + n + j);
            FloatVector g = FloatVector.fromArray(S, z, zOff + 2 * n + j);
            f.mul(FloatVector.fromArray(S, cPrev, cpOff + j)).add(i.mul(g)).intoArray(c, cOff + j);
        }
        for (; j < n; j++) c[cOff + j] = z[zOff + j] * cPrev[cpOff + j] + z[zOff + n + j] * z[zOff + 2 * n + j];
    }
}
