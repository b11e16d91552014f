package io.latentj.simd.scalar;

/**
 * The reference of {@code io.latentj.simd.Homotopy}: plain loops in double. Matrices are row-major with leading
 * dimension {@code ld}; the Cholesky factor is lower triangular and holds the reciprocals 1/L_ii on its diagonal.
 */
public final class ScalarHomotopy {
    private ScalarHomotopy() {}

    /** u[0 .. n) = Σ_{i &lt; m} w[i]·g[rows[i]·ld + (0 .. n)], summed in the order of i. */
    public static void combineRows(int m, int[] rows, double[] w, double[] g, int ld, int n, double[] u) {
        java.util.Arrays.fill(u, 0, n, 0.0);
        for (int i = 0; i < m; i++) {
            double wi = w[i];
            int o = rows[i] * ld;
            for (int j = 0; j < n; j++) u[j] = Math.fma(wi, g[o + j], u[j]);
        }
    }

    /**
     * The first index j with !blocked[j] whose candidate step min⁺((level − ρ_j)/(1 − u_j), (level + ρ_j)/(1 + u_j))
     * (min⁺: the smaller of the positive ones) is below the running best, which starts at {@code limit}; the best step
     * goes to out[0]. Returns −1 when no candidate is below {@code limit}.
     */
    public static int entry(int n, double level, double limit, double[] rho, double[] u, boolean[] blocked, double[] out) {
        double best = limit;
        int at = -1;
        for (int j = 0; j < n; j++) {
            if (blocked[j]) continue;
            double up = (level - rho[j]) / (1 - u[j]), down = (level + rho[j]) / (1 + u[j]);
            double cand = Double.POSITIVE_INFINITY;
            if (up > 0) cand = up;
            if (down > 0 && down < cand) cand = down;
            if (cand < best) {
                best = cand;
                at = j;
            }
        }
        out[0] = best;
        return at;
    }

    /** y[0 .. n) += alpha·x[0 .. n). */
    public static void axpy(int n, double alpha, double[] x, double[] y) {
        for (int j = 0; j < n; j++) y[j] = Math.fma(alpha, x[j], y[j]);
    }

    /** Rows from .. to of the forward substitution L·z = b (z[0 .. from) already solved). */
    public static void forwardSolve(int from, int to, double[] l, int ld, double[] b, double[] z) {
        for (int i = from; i < to; i++) {
            int o = i * ld;
            double s = 0;
            for (int t = 0; t < i; t++) s = Math.fma(l[o + t], z[t], s);
            z[i] = (b[i] - s) * l[o + i];
        }
    }

    /** Lᵀ·w = z for the leading m×m factor, by columns of Lᵀ (rows of L): work is overwritten. */
    public static void backSolve(int m, double[] l, int ld, double[] z, double[] w, double[] work) {
        System.arraycopy(z, 0, work, 0, m);
        for (int i = m - 1; i >= 0; i--) {
            int o = i * ld;
            double wi = work[i] * l[o + i];
            w[i] = wi;
            for (int t = 0; t < i; t++) work[t] = Math.fma(-wi, l[o + t], work[t]);
        }
    }

    /**
     * Row m of the factor when the matrix grows by one row and column: solves L·l = b for l into l[m·ld .. m·ld + m)
     * and returns the squared pivot {@code diagonal − ‖l‖²} (the caller stores 1/√pivot at l[m·ld + m] when it is
     * positive enough).
     */
    public static double append(int m, double[] l, int ld, double[] b, double diagonal) {
        int r = m * ld;
        double sq = 0;
        for (int i = 0; i < m; i++) {
            int o = i * ld;
            double s = 0;
            for (int t = 0; t < i; t++) s = Math.fma(l[o + t], l[r + t], s);
            double v = (b[i] - s) * l[o + i];
            l[r + i] = v;
            sq = Math.fma(v, v, sq);
        }
        return diagonal - sq;
    }

    /**
     * Removes row and column p from the matrix whose m×m factor is in l: the rows below p move up one, and Givens
     * rotations of neighbouring columns clear the entries left above the diagonal. Afterwards the leading
     * (m − 1)×(m − 1) block is the factor of the smaller matrix (with a positive diagonal).
     */
    public static void delete(int m, double[] l, int ld, int p) {
        for (int i = p; i < m - 1; i++) {
            System.arraycopy(l, (i + 1) * ld, l, i * ld, i + 2);
            l[i * ld + i + 1] = 1 / l[i * ld + i + 1]; // the old diagonal entry, back from its reciprocal
        }
        for (int j = p; j < m - 1; j++) {
            // row j holds l[j][j] and l[j][j + 1]; rotate columns j and j + 1 of rows j .. m − 2 to zero the latter
            int o = j * ld;
            double a = l[o + j], b = l[o + j + 1];
            double r = Math.hypot(a, b);
            double c = a / r, s = b / r;
            for (int i = j; i < m - 1; i++) {
                int q = i * ld;
                double x = l[q + j], y = l[q + j + 1];
                l[q + j] = c * x + s * y;
                l[q + j + 1] = -s * x + c * y;
            }
            l[o + j] = 1 / l[o + j];
            l[o + j + 1] = 0;
        }
        for (int i = 0; i < m - 1; i++) l[i * ld + m - 1] = 0;
    }
}
