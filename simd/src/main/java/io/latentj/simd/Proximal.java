package io.latentj.simd;

import io.latentj.simd.scalar.ScalarProximal;
import io.latentj.simd.vector.VectorProximal;

/**
 * The elementwise part of one FISTA iteration (Beck &amp; Teboulle 2009) with adaptive restart (O'Donoghue &amp;
 * Candès 2015), fused into one kernel per row so that, after the gradient GEMM, the batch is read once. For every
 * row r of the n×k matrices (one sparse-coding problem per row):
 * <pre>
 *   next_r = shrink(step_r + c_r, threshold)                 (two-sided soft threshold)
 *   d_r    = next_r − prev_r
 *   restart when ⟨y_r − next_r, d_r⟩ &gt; 0:  t_r ← 1, β = 0
 *   else t' = (1 + √(1 + 4 t_r²)) / 2,  β = (t_r − 1) / t',  t_r ← t'
 *   y_r    = next_r + β·d_r
 * </pre>
 * and, per row, {@code stats[2r]} = ‖d_r‖², {@code stats[2r + 1]} = ‖next_r‖² (for the stopping rule). BLAS has no such kernel: every path but
 * scalar runs the Vector API when it is there; the scalar path is the reference (the sums may differ in rounding
 * between paths, {@code next} does not).
 */
public final class Proximal {
    private Proximal() {}

    /**
     * One fused FISTA-with-restart step over the rows of the same-shaped {@code step}, {@code c} (may be null: zeros),
     * {@code prev}, {@code y} (updated in place) and {@code next} (written); {@code t} holds one momentum counter per
     * row (updated), {@code stats} (length ≥ 2·rows) gets each row's two sums.
     */
    public static void fistaRows(Path path, float threshold, FMatrix step, FMatrix c, FMatrix prev, FMatrix y, FMatrix next,
                                 double[] t, double[] stats) {
        Checks.notNull("path", path);
        Checks.finite("threshold", threshold);
        for (FMatrix m : new FMatrix[] {step, prev, y, next}) Checks.notNull("matrix", m);
        Checks.sameShape("fistaRows", step, prev);
        Checks.sameShape("fistaRows", step, y);
        Checks.sameShape("fistaRows", step, next);
        if (c != null) Checks.sameShape("fistaRows", step, c);
        Checks.notNull("t", t);
        Checks.notNull("stats", stats);
        if (t.length < step.rows() || stats.length < 2 * step.rows()) {
            throw new IllegalArgumentException("t needs " + step.rows() + " entries and stats " + 2 * step.rows() + ", got "
                    + t.length + " and " + stats.length);
        }
        Checks.noOverlap("next", next, "step", step);
        Checks.noOverlap("next", next, "prev", prev);
        Checks.noOverlap("next", next, "y", y);
        int m = step.rows(), n = step.cols();
        boolean simd = path != Path.SCALAR && Capabilities.vectorApi();
        double[] row = new double[3];
        for (int r = 0; r < m; r++) {
            int cOff = c == null ? -1 : c.rowOffset(r);
            float[] cData = c == null ? null : c.data();
            if (simd) {
                VectorProximal.sums(n, threshold, step.data(), step.rowOffset(r), cData, cOff, prev.data(), prev.rowOffset(r),
                        y.data(), y.rowOffset(r), next.data(), next.rowOffset(r), row);
            } else {
                ScalarProximal.sums(n, threshold, step.data(), step.rowOffset(r), cData, cOff, prev.data(), prev.rowOffset(r),
                        y.data(), y.rowOffset(r), next.data(), next.rowOffset(r), row);
            }
            stats[2 * r] = row[0];
            stats[2 * r + 1] = row[1];
            float beta;
            if (row[2] > 0) {
                t[r] = 1;
                beta = 0f;
            } else {
                double tn = (1 + Math.sqrt(1 + 4 * t[r] * t[r])) / 2;
                beta = (float) ((t[r] - 1) / tn);
                t[r] = tn;
            }
            if (simd) VectorProximal.momentum(n, beta, prev.data(), prev.rowOffset(r), y.data(), y.rowOffset(r), next.data(), next.rowOffset(r));
            else ScalarProximal.momentum(n, beta, prev.data(), prev.rowOffset(r), y.data(), y.rowOffset(r), next.data(), next.rowOffset(r));
        }
    }
}
