package io.latentj.simd;

import io.latentj.simd.scalar.ScalarHomotopy;
import io.latentj.simd.vector.VectorHomotopy;

/**
 * The kernels of the LASSO homotopy (Osborne, Presnell &amp; Turlach 2000; LARS-Lasso, Efron, Hastie, Johnstone &amp;
 * Tibshirani 2004), in double: along the path of solutions as λ falls, the active set S changes one atom at a time,
 * the direction w solves G_SS·w = sign, the correlations move by u = G_{·S}·w, and the next event is the smallest step
 * at which an inactive correlation reaches ±λ ({@link #entry}) or an active code crosses zero. The Gram block G_SS
 * is kept as a Cholesky factor L (lower triangular, row-major, leading dimension {@code ld}) that grows by one row
 * ({@link #append}) and shrinks by Givens rotations ({@link #delete}); {@link #forwardSolve} and {@link #backSolve}
 * solve with it. The factor holds the <b>reciprocals 1/L_ii on its diagonal</b>: the solves are chains of dependent
 * rows, and a multiplication there is several times shorter than a division.
 *
 * <p>BLAS has no such kernels: every path but scalar runs the Vector API when it is there; the scalar path is the
 * reference ({@link #entry} returns the same index and step on every path, the sums of the others may differ in
 * rounding).
 */
public final class Homotopy {
    private Homotopy() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    private static void fits(String name, double[] a, long needed) {
        Checks.notNull(name, a);
        if (needed > a.length) throw new IllegalArgumentException(name + " needs " + needed + " entries, has " + a.length);
    }

    private static void factor(int m, double[] l, int ld) {
        if (m < 0) throw new IllegalArgumentException("negative order " + m);
        if (ld < m) throw new IllegalArgumentException("leading dimension " + ld + " is below the order " + m);
        fits("factor", l, (long) m * ld);
    }

    /**
     * u[0 .. n) = Σ_{i &lt; m} w[i]·g[rows[i]·ld + (0 .. n)]: the combination of m rows of the row-major {@code g}
     * (for a symmetric G, the product G_{·S}·w).
     */
    public static void combineRows(Path path, int m, int[] rows, double[] w, double[] g, int ld, int n, double[] u) {
        boolean simd = simd(path);
        if (m < 0 || n < 0 || ld < n) throw new IllegalArgumentException("bad sizes m=" + m + " n=" + n + " ld=" + ld);
        Checks.notNull("rows", rows);
        if (rows.length < m) throw new IllegalArgumentException("rows needs " + m + " entries, has " + rows.length);
        fits("w", w, m);
        fits("u", u, n);
        Checks.notNull("g", g);
        for (int i = 0; i < m; i++) {
            if (rows[i] < 0 || (long) rows[i] * ld + n > g.length) {
                throw new IllegalArgumentException("row " + rows[i] + " of width " + n + " does not fit g (" + g.length + " entries, ld " + ld + ")");
            }
        }
        if (simd) VectorHomotopy.combineRows(m, rows, w, g, ld, n, u);
        else ScalarHomotopy.combineRows(m, rows, w, g, ld, n, u);
    }

    /**
     * The next atom to enter: over the indices j &lt; n with {@code !blocked[j]}, the smallest positive step γ at which
     * ρ_j − γ·u_j reaches ±(level − γ), i.e. min⁺((level − ρ_j)/(1 − u_j), (level + ρ_j)/(1 + u_j)); only steps below
     * {@code limit} count. Writes the step (or {@code limit} when none is below it) to out[0] and returns the index
     * (the smallest on ties), or −1.
     */
    public static int entry(Path path, int n, double level, double limit, double[] rho, double[] u, boolean[] blocked, double[] out) {
        boolean simd = simd(path);
        if (n < 0) throw new IllegalArgumentException("negative length " + n);
        fits("rho", rho, n);
        fits("u", u, n);
        fits("out", out, 1);
        Checks.notNull("blocked", blocked);
        if (blocked.length < n) throw new IllegalArgumentException("blocked needs " + n + " entries, has " + blocked.length);
        return simd ? VectorHomotopy.entry(n, level, limit, rho, u, blocked, out)
                : ScalarHomotopy.entry(n, level, limit, rho, u, blocked, out);
    }

    /** y[0 .. n) += alpha·x[0 .. n). */
    public static void axpy(Path path, int n, double alpha, double[] x, double[] y) {
        boolean simd = simd(path);
        if (n < 0) throw new IllegalArgumentException("negative length " + n);
        fits("x", x, n);
        fits("y", y, n);
        if (simd) VectorHomotopy.axpy(n, alpha, x, y);
        else ScalarHomotopy.axpy(n, alpha, x, y);
    }

    /** Rows {@code from} .. {@code to} − 1 of the forward substitution L·z = b, with z[0 .. from) already solved. */
    public static void forwardSolve(Path path, int from, int to, double[] l, int ld, double[] b, double[] z) {
        boolean simd = simd(path);
        if (from < 0 || to < from) throw new IllegalArgumentException("bad rows " + from + " .. " + to);
        factor(to, l, ld);
        fits("b", b, to);
        fits("z", z, to);
        if (simd) VectorHomotopy.forwardSolve(from, to, l, ld, b, z);
        else ScalarHomotopy.forwardSolve(from, to, l, ld, b, z);
    }

    /** Lᵀ·w = z with the leading m×m factor; {@code work} (length ≥ m) is scratch. */
    public static void backSolve(Path path, int m, double[] l, int ld, double[] z, double[] w, double[] work) {
        boolean simd = simd(path);
        factor(m, l, ld);
        fits("z", z, m);
        fits("w", w, m);
        fits("work", work, m);
        if (simd) VectorHomotopy.backSolve(m, l, ld, z, w, work);
        else ScalarHomotopy.backSolve(m, l, ld, z, w, work);
    }

    /**
     * Grows the m×m factor by row m for a new last row/column of the matrix with off-diagonal entries b[0 .. m) and
     * diagonal entry {@code diagonal}: writes l[m·ld + (0 .. m)] (the solution of L·l = b) and returns the squared
     * pivot diagonal − ‖l‖². The caller accepts the row by storing 1/√pivot at l[m·ld + m] (when the squared
     * pivot is positive enough: a pivot near zero means the new atom is nearly a combination of the others).
     */
    public static double append(Path path, int m, double[] l, int ld, double[] b, double diagonal) {
        boolean simd = simd(path);
        factor(m + 1, l, ld);
        fits("b", b, m);
        return simd ? VectorHomotopy.append(m, l, ld, b, diagonal) : ScalarHomotopy.append(m, l, ld, b, diagonal);
    }

    /** Removes row and column p from the matrix whose m×m factor is in {@code l}, leaving its (m − 1)×(m − 1) factor. */
    public static void delete(Path path, int m, double[] l, int ld, int p) {
        boolean simd = simd(path);
        factor(m, l, ld);
        if (p < 0 || p >= m) throw new IllegalArgumentException("row " + p + " is outside the order " + m);
        if (simd) VectorHomotopy.delete(m, l, ld, p);
        else ScalarHomotopy.delete(m, l, ld, p);
    }
}
