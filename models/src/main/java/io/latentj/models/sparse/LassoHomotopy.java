package io.latentj.models.sparse;

import io.latentj.simd.Homotopy;
import io.latentj.simd.Path;

/**
 * The exact LASSO code of one sample by the homotopy method (Osborne, Presnell &amp; Turlach 2000; the LASSO
 * modification of LARS, Efron, Hastie, Johnstone &amp; Tibshirani 2004), in the covariance form: with G = D·Dᵀ and the
 * correlations c = D·x, the solution a(λ') of ½‖x − Dᵀa‖² + λ'‖a‖₁ is piecewise linear in λ'. The path starts at
 * λ' = max_j |c_j| with a = 0, and between events the active codes move along w = G_SS⁻¹·sign_S while the
 * correlations ρ = c − G·a move by −γ·u, u = G·w (active correlations stay at ±λ'). An event is an inactive
 * correlation reaching ±λ' (the atom enters) or an active code reaching zero (the atom leaves); the path stops at
 * λ' = λ. Each step costs one combination of |S| rows of G, one scan of the correlations and an O(|S|²) update of the
 * Cholesky factor of G_SS (kernels in {@link Homotopy}), all in double.
 *
 * <p>An atom that would make G_SS (numerically) singular — a copy of an active one, or one more atom than the data's
 * rank — stays out (zero atoms never enter). At the end such an atom must satisfy the optimality condition
 * |ρ_j| ≤ λ (as a copy of an active atom does); if one does not, or the step cap is reached, {@link #solve} says
 * the code is not certified, so that the caller can finish with coordinate descent.
 *
 * <p>One instance is the workspace of one thread (not thread-safe; allocation-free after construction).
 */
final class LassoHomotopy {
    /** Relative size below which a Cholesky pivot means the entering atom depends on the active ones. */
    private static final double PIVOT_TOLERANCE = 1e-10;
    /** Relative slack of the optimality check |ρ_j| ≤ λ for atoms left out as dependent. */
    private static final double KKT_SLACK = 1e-6;

    private final int k;
    private final double[] code, rho, u, w, z, sign, factor, column, work, step;
    private final int[] active, leftOut;
    private final boolean[] blocked;

    LassoHomotopy(int atoms) {
        k = atoms;
        code = new double[k];
        rho = new double[k];
        u = new double[k];
        w = new double[k];
        z = new double[k];
        sign = new double[k];
        factor = new double[k * k];
        column = new double[k];
        work = new double[k];
        step = new double[1];
        active = new int[k];
        leftOut = new int[k];
        blocked = new boolean[k];
    }

    /**
     * The code of the sample whose correlations with the atoms are c[cOff .. cOff + k), for the Gram matrix {@code g}
     * (k × k, row-major, double), written as floats to out[outOff ..]. Returns the number of path steps when the
     * path reached λ (the code is then exact up to rounding), or −(steps + 1) when it stopped early (step cap or an
     * atom left out as dependent; the code is then the exact solution for a larger λ', a good warm start).
     */
    int solve(Path p, double[] g, float[] c, int cOff, double lambda, int maxSteps, float[] out, int outOff) {
        java.util.Arrays.fill(code, 0.0);
        double level = 0;
        int add = -1;
        for (int j = 0; j < k; j++) {
            rho[j] = c[cOff + j];
            blocked[j] = !(g[j * k + j] > 0); // a zero atom never enters
            if (!blocked[j] && Math.abs(rho[j]) > level) {
                level = Math.abs(rho[j]);
                add = j;
            }
        }
        int m = 0, steps = 0, lastLeft = -1, dependent = 0;
        boolean certified = true;
        while (level > lambda && (add >= 0 || m > 0)) {
            if (steps >= maxSteps) {
                certified = false;
                break;
            }
            steps++;
            int entered = -1;
            if (add >= 0) {
                for (int i = 0; i < m; i++) column[i] = g[active[i] * k + add];
                double gjj = g[add * k + add];
                double pivot = Homotopy.append(p, m, factor, k, column, gjj);
                blocked[add] = true;
                if (pivot > PIVOT_TOLERANCE * gjj) {
                    factor[m * k + m] = 1 / Math.sqrt(pivot);
                    active[m] = add;
                    sign[m] = Math.signum(rho[add]);
                    Homotopy.forwardSolve(p, m, m + 1, factor, k, sign, z);
                    m++;
                    entered = add;
                } else {
                    leftOut[dependent++] = add; // left out for good: checked against λ at the end
                }
                add = -1;
                if (m == 0) break;
            }
            Homotopy.backSolve(p, m, factor, k, z, w, work);
            int heldBack = -1;
            if (entered >= 0 && w[m - 1] * sign[m - 1] <= 0 && m > 1) {
                // the new code would move against its sign: a tie, not an event (a copy of the atom that just left,
                // say); it stays out for this step
                m--;
                heldBack = entered;
                Homotopy.backSolve(p, m, factor, k, z, w, work);
            }
            Homotopy.combineRows(p, m, active, w, g, k, k, u);
            // the atom that left in the last step may not come straight back (its correlation sits at ±λ')
            boolean hold = lastLeft >= 0 && !blocked[lastLeft];
            if (hold) blocked[lastLeft] = true;
            int enter = Homotopy.entry(p, k, level, level - lambda, rho, u, blocked, step);
            if (hold) blocked[lastLeft] = false;
            if (heldBack >= 0) blocked[heldBack] = false;
            double gamma = step[0];
            int leave = -1;
            for (int i = 0; i < m; i++) {
                double ai = code[active[i]];
                if (ai * w[i] >= 0) continue; // moving away from zero (or a code just entered at zero)
                double s = -ai / w[i];
                if (s < gamma) {
                    gamma = s;
                    leave = i;
                }
            }
            for (int i = 0; i < m; i++) code[active[i]] += gamma * w[i];
            Homotopy.axpy(p, k, -gamma, u, rho);
            level -= gamma;
            lastLeft = -1;
            if (leave >= 0) {
                int j = active[leave];
                code[j] = 0;
                blocked[j] = false;
                Homotopy.delete(p, m, factor, k, leave);
                System.arraycopy(active, leave + 1, active, leave, m - 1 - leave);
                System.arraycopy(sign, leave + 1, sign, leave, m - 1 - leave);
                m--;
                Homotopy.forwardSolve(p, 0, m, factor, k, sign, z);
                lastLeft = j;
                if (m == 0) { // only on ties: the code is zero again, start from the largest correlation
                    add = largestFree();
                    level = add < 0 ? 0 : Math.abs(rho[add]);
                }
            } else if (enter >= 0) {
                add = enter;
            } else {
                break; // reached λ
            }
        }
        // an atom left out as dependent (a copy of an active one, say) may stay at zero only if |ρ_j| ≤ λ
        for (int i = 0; i < dependent && certified; i++) {
            if (Math.abs(rho[leftOut[i]]) > lambda * (1 + KKT_SLACK) + KKT_SLACK) certified = false;
        }
        for (int j = 0; j < k; j++) out[outOff + j] = (float) code[j];
        return certified ? steps : -(steps + 1);
    }

    private int largestFree() {
        int at = -1;
        double best = 0;
        for (int j = 0; j < k; j++) {
            if (!blocked[j] && Math.abs(rho[j]) > best) {
                best = Math.abs(rho[j]);
                at = j;
            }
        }
        return at;
    }
}
