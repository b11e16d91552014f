package io.latentj.simd.vector;

import io.latentj.simd.scalar.ScalarHomotopy;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API version of {@code io.latentj.simd.scalar.ScalarHomotopy} in double lanes: {@code combineRows} keeps up to
 * four vectors of the result in registers while it runs over the rows; {@code entry} finds the same index as the
 * reference (divisions are exact-rounded in both; ties go to the smallest index); the triangular solves use vector
 * dot products and AXPYs (same results up to rounding). The Givens downdate works on pairs of strided columns and
 * stays scalar.
 */
public final class VectorHomotopy {
    private VectorHomotopy() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int BLOCK = 4 * L;

    public static void combineRows(int m, int[] rows, double[] w, double[] g, int ld, int n, double[] u) {
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < m; i++) {
                DoubleVector wi = DoubleVector.broadcast(S, w[i]);
                int o = rows[i] * ld + j;
                a0 = wi.fma(DoubleVector.fromArray(S, g, o), a0);
                a1 = wi.fma(DoubleVector.fromArray(S, g, o + L), a1);
                a2 = wi.fma(DoubleVector.fromArray(S, g, o + 2 * L), a2);
                a3 = wi.fma(DoubleVector.fromArray(S, g, o + 3 * L), a3);
            }
            a0.intoArray(u, j);
            a1.intoArray(u, j + L);
            a2.intoArray(u, j + 2 * L);
            a3.intoArray(u, j + 3 * L);
        }
        for (; j <= n - L; j += L) {
            DoubleVector a0 = DoubleVector.zero(S);
            for (int i = 0; i < m; i++) a0 = DoubleVector.broadcast(S, w[i]).fma(DoubleVector.fromArray(S, g, rows[i] * ld + j), a0);
            a0.intoArray(u, j);
        }
        if (j < n) {
            VectorMask<Double> tail = S.indexInRange(j, n);
            DoubleVector a0 = DoubleVector.zero(S);
            for (int i = 0; i < m; i++) {
                a0 = DoubleVector.broadcast(S, w[i]).fma(DoubleVector.fromArray(S, g, rows[i] * ld + j, tail), a0);
            }
            a0.intoArray(u, j, tail);
        }
    }

    public static int entry(int n, double level, double limit, double[] rho, double[] u, boolean[] blocked, double[] out) {
        int ub = S.loopBound(n), j = 0;
        DoubleVector best = DoubleVector.broadcast(S, limit), at = DoubleVector.broadcast(S, -1);
        DoubleVector index = DoubleVector.zero(S).addIndex(1), inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        for (; j < ub; j += L) {
            DoubleVector r = DoubleVector.fromArray(S, rho, j), v = DoubleVector.fromArray(S, u, j);
            DoubleVector up = r.neg().add(level).div(v.neg().add(1.0)), down = r.add(level).div(v.add(1.0));
            DoubleVector cand = inf.blend(up, up.compare(VectorOperators.GT, 0.0));
            cand = cand.blend(down, down.compare(VectorOperators.GT, 0.0).and(down.compare(VectorOperators.LT, cand)));
            VectorMask<Double> better = cand.compare(VectorOperators.LT, best).andNot(VectorMask.fromArray(S, blocked, j));
            best = best.blend(cand, better);
            at = at.blend(index.add(j), better);
        }
        double b = best.reduceLanes(VectorOperators.MIN);
        int found = -1;
        if (b < limit) {
            // the smallest index among the lanes holding the minimum
            double first = at.blend(Double.POSITIVE_INFINITY, best.compare(VectorOperators.NE, b)).reduceLanes(VectorOperators.MIN);
            found = (int) first;
        } else {
            b = limit;
        }
        for (; j < n; j++) {
            if (blocked[j]) continue;
            double up = (level - rho[j]) / (1 - u[j]), down = (level + rho[j]) / (1 + u[j]);
            double cand = Double.POSITIVE_INFINITY;
            if (up > 0) cand = up;
            if (down > 0 && down < cand) cand = down;
            if (cand < b) {
                b = cand;
                found = j;
            }
        }
        out[0] = b;
        return found;
    }

    public static void axpy(int n, double alpha, double[] x, double[] y) {
        int ub = S.loopBound(n), j = 0;
        DoubleVector a = DoubleVector.broadcast(S, alpha);
        for (; j < ub; j += L) a.fma(DoubleVector.fromArray(S, x, j), DoubleVector.fromArray(S, y, j)).intoArray(y, j);
        for (; j < n; j++) y[j] = Math.fma(alpha, x[j], y[j]);
    }

    /** Rows shorter than this run the scalar loop: a lane reduction costs more than it saves. */
    private static final int SHORT = 2 * L;

    /** Σ_{t &lt; len} a[aOff + t]·b[t]. */
    private static double dot(int len, double[] a, int aOff, double[] b) {
        return dot(len, a, aOff, b, 0);
    }

    public static void forwardSolve(int from, int to, double[] l, int ld, double[] b, double[] z) {
        for (int i = from; i < to; i++) {
            int o = i * ld;
            z[i] = (b[i] - dot(i, l, o, z)) * l[o + i];
        }
    }

    public static void backSolve(int m, double[] l, int ld, double[] z, double[] w, double[] work) {
        System.arraycopy(z, 0, work, 0, m);
        for (int i = m - 1; i >= 0; i--) {
            int o = i * ld;
            double wi = work[i] * l[o + i];
            w[i] = wi;
            int ub = i < SHORT ? 0 : S.loopBound(i), t = 0;
            DoubleVector nw = DoubleVector.broadcast(S, -wi);
            for (; t < ub; t += L) nw.fma(DoubleVector.fromArray(S, l, o + t), DoubleVector.fromArray(S, work, t)).intoArray(work, t);
            for (; t < i; t++) work[t] = Math.fma(-wi, l[o + t], work[t]);
        }
    }

    public static double append(int m, double[] l, int ld, double[] b, double diagonal) {
        int r = m * ld;
        double sq = 0;
        for (int i = 0; i < m; i++) {
            int o = i * ld;
            double v = (b[i] - dot(i, l, o, l, r)) * l[o + i];
            l[r + i] = v;
            sq = Math.fma(v, v, sq);
        }
        return diagonal - sq;
    }

    /**
     * Σ_{t &lt; len} a[aOff + t]·b[bOff + t]: vector lanes for long rows, four independent scalar chains for short ones
     * (the triangular solves are latency-bound: each row waits for the previous one).
     */
    private static double dot(int len, double[] a, int aOff, double[] b, int bOff) {
        int t = 0;
        double s;
        if (len >= SHORT) {
            int ub = S.loopBound(len);
            DoubleVector acc = DoubleVector.zero(S);
            for (; t < ub; t += L) acc = DoubleVector.fromArray(S, a, aOff + t).fma(DoubleVector.fromArray(S, b, bOff + t), acc);
            s = acc.reduceLanes(VectorOperators.ADD);
        } else {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; t + 4 <= len; t += 4) {
                s0 = Math.fma(a[aOff + t], b[bOff + t], s0);
                s1 = Math.fma(a[aOff + t + 1], b[bOff + t + 1], s1);
                s2 = Math.fma(a[aOff + t + 2], b[bOff + t + 2], s2);
                s3 = Math.fma(a[aOff + t + 3], b[bOff + t + 3], s3);
            }
            s = (s0 + s1) + (s2 + s3);
        }
        for (; t < len; t++) s = Math.fma(a[aOff + t], b[bOff + t], s);
        return s;
    }

    public static void delete(int m, double[] l, int ld, int p) {
        ScalarHomotopy.delete(m, l, ld, p);
    }
}
