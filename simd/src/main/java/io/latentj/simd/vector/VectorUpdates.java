package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** Vector API parameter updates; same contract as ScalarUpdates (exact same operation order, so bit-identical). */
public final class VectorUpdates {
    private VectorUpdates() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** vel = mu·vel + lr·(grad − weightCost·w); w += vel, in one pass. */
    public static void momentum(int n, float mu, float lr, float weightCost, float[] grad, int gOff, float[] vel, int vOff, float[] w, int wOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, wOff + i);
            FloatVector g = FloatVector.fromArray(S, grad, gOff + i).sub(wv.mul(weightCost));
            FloatVector v = FloatVector.fromArray(S, vel, vOff + i).mul(mu).add(g.mul(lr));
            v.intoArray(vel, vOff + i);
            wv.add(v).intoArray(w, wOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector wv = FloatVector.fromArray(S, w, wOff + i, mk);
            FloatVector g = FloatVector.fromArray(S, grad, gOff + i, mk).sub(wv.mul(weightCost));
            FloatVector v = FloatVector.fromArray(S, vel, vOff + i, mk).mul(mu).add(g.mul(lr));
            v.intoArray(vel, vOff + i, mk);
            wv.add(v).intoArray(w, wOff + i, mk);
        }
    }
}
