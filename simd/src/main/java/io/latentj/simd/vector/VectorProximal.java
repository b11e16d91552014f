package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API version of {@code io.latentj.simd.scalar.ScalarProximal}: the same element results (shrink and momentum
 * are exact, no fused multiply-add), the three sums accumulated per lane in float and reduced in double, the tail in
 * scalar code.
 */
public final class VectorProximal {
    private VectorProximal() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    public static void sums(int n, float threshold, float[] step, int sOff, float[] c, int cOff, float[] prev, int pOff,
                            float[] y, int yOff, float[] next, int nOff, double[] out) {
        int ub = S.loopBound(n), i = 0;
        FloatVector dd = FloatVector.zero(S), nn = FloatVector.zero(S), dot = FloatVector.zero(S);
        for (; i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, step, sOff + i);
            if (c != null) v = v.add(FloatVector.fromArray(S, c, cOff + i));
            FloatVector r = v.abs().sub(threshold);
            IntVector sign = v.reinterpretAsInts().and(0x80000000);
            FloatVector x = r.reinterpretAsInts().or(sign).reinterpretAsFloats().blend(0f, r.compare(VectorOperators.LE, 0f));
            x.intoArray(next, nOff + i);
            FloatVector d = x.sub(FloatVector.fromArray(S, prev, pOff + i));
            dd = d.fma(d, dd);
            nn = x.fma(x, nn);
            dot = FloatVector.fromArray(S, y, yOff + i).sub(x).fma(d, dot);
        }
        double sdd = dd.reduceLanes(VectorOperators.ADD), snn = nn.reduceLanes(VectorOperators.ADD), sdot = dot.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float v = c == null ? step[sOff + i] : step[sOff + i] + c[cOff + i];
            float r = Math.abs(v) - threshold;
            float x = r > 0f ? Math.copySign(r, v) : (r == r ? 0f : r);
            next[nOff + i] = x;
            float d = x - prev[pOff + i];
            sdd += (double) d * d;
            snn += (double) x * x;
            sdot += (double) (y[yOff + i] - x) * d;
        }
        out[0] = sdd;
        out[1] = snn;
        out[2] = sdot;
    }

    public static void momentum(int n, float beta, float[] prev, int pOff, float[] y, int yOff, float[] next, int nOff) {
        int ub = S.loopBound(n), i = 0;
        for (; i < ub; i += L) {
            FloatVector x = FloatVector.fromArray(S, next, nOff + i);
            x.add(x.sub(FloatVector.fromArray(S, prev, pOff + i)).mul(beta)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            float x = next[nOff + i];
            y[yOff + i] = x + beta * (x - prev[pOff + i]);
        }
    }
}
