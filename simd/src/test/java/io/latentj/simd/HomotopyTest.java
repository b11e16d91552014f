package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** {@link Homotopy} on every path against the scalar reference (odd sizes and tails) and against its definitions. */
class HomotopyTest {
    private static final int[] SIZES = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 40, 100};

    private static List<Path> paths() {
        List<Path> p = new ArrayList<>(PathAgreementTest.fastPaths());
        p.add(Path.SCALAR);
        return p;
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextDouble() * 2 - 1;
        return v;
    }

    /** A random symmetric positive definite n×n matrix (row-major, leading dimension ld). */
    private static double[] spd(SplittableRandom rnd, int n, int ld) {
        double[] b = random(rnd, n * n), a = new double[n * ld];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.5 : 0;
                for (int t = 0; t < n; t++) s += b[i * n + t] * b[j * n + t];
                a[i * ld + j] = s;
            }
        }
        return a;
    }

    /** The Cholesky factor of the leading m×m block of {@code a}, grown one row at a time with {@link Homotopy#append}. */
    private static double[] grow(Path p, double[] a, int m, int ld) {
        double[] l = new double[m * ld], b = new double[m];
        for (int r = 0; r < m; r++) {
            for (int i = 0; i < r; i++) b[i] = a[i * ld + r];
            double piv = Homotopy.append(p, r, l, ld, b, a[r * ld + r]);
            assertTrue(piv > 0, "pivot " + piv);
            l[r * ld + r] = 1 / Math.sqrt(piv);
        }
        return l;
    }

    /** L·Lᵀ of the factor (whose diagonal holds 1/L_ii). */
    private static double[] product(double[] l, int m, int ld) {
        double[] a = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int t = 0; t < m; t++) s += entry(l, ld, i, t) * entry(l, ld, j, t);
                a[i * m + j] = s;
            }
        }
        return a;
    }

    private static double entry(double[] l, int ld, int i, int t) {
        return i == t ? 1 / l[i * ld + t] : l[i * ld + t];
    }

    @Test
    void combineRowsAndAxpyAgreeWithTheReferenceOnEveryPath() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (Path p : paths()) {
            for (int n : SIZES) {
                int ld = n + 3, rowsInG = 41, m = 1 + rnd.nextInt(30);
                double[] g = random(rnd, rowsInG * ld), w = random(rnd, m);
                int[] rows = new int[m];
                for (int i = 0; i < m; i++) rows[i] = rnd.nextInt(rowsInG);
                double[] u = random(rnd, n + 2), ref = new double[n];
                for (int j = 0; j < n; j++) for (int i = 0; i < m; i++) ref[j] += w[i] * g[rows[i] * ld + j];
                double tailBefore = u[n];
                Homotopy.combineRows(p, m, rows, w, g, ld, n, u);
                for (int j = 0; j < n; j++) assertEquals(ref[j], u[j], 1e-12 * m, p + " n=" + n + " j=" + j);
                assertEquals(tailBefore, u[n], "wrote past n");
                double[] y = random(rnd, n), y2 = y.clone(), x = random(rnd, n);
                Homotopy.axpy(p, n, -0.75, x, y);
                for (int j = 0; j < n; j++) assertEquals(y2[j] - 0.75 * x[j], y[j], 1e-15, p + " axpy");
            }
        }
    }

    @Test
    void entryFindsTheSameIndexAndStepOnEveryPath() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (Path p : paths()) {
            for (int n : SIZES) {
                for (int trial = 0; trial < 20; trial++) {
                    double level = 1 + rnd.nextDouble();
                    double[] rho = new double[n], u = random(rnd, n);
                    boolean[] blocked = new boolean[n];
                    for (int j = 0; j < n; j++) {
                        rho[j] = (rnd.nextDouble() * 2 - 1) * level;
                        blocked[j] = rnd.nextInt(4) == 0;
                        if (trial % 5 == 0 && j % 3 == 0) u[j] = 1; // a zero denominator
                        if (trial % 7 == 0 && j % 2 == 1) { rho[j] = rho[j - 1]; u[j] = u[j - 1]; } // ties
                    }
                    double limit = trial % 3 == 0 ? 0.05 : 10;
                    // the definition, straight
                    double best = limit;
                    int at = -1;
                    for (int j = 0; j < n; j++) {
                        if (blocked[j]) continue;
                        for (double s : new double[] {(level - rho[j]) / (1 - u[j]), (level + rho[j]) / (1 + u[j])}) {
                            if (s > 0 && s < best) { best = s; at = j; }
                        }
                    }
                    double[] out = new double[1];
                    int got = Homotopy.entry(p, n, level, limit, rho, u, blocked, out);
                    assertEquals(at, got, p + " n=" + n + " trial " + trial);
                    assertEquals(best, out[0], 0.0, p + " n=" + n + " trial " + trial);
                    if (at >= 0) {
                        // the event: ρ_j − γu_j = ±(level − γ)
                        double moved = rho[at] - best * u[at];
                        assertEquals(level - best, Math.abs(moved), 1e-9 * (1 + Math.abs(best)));
                    }
                }
            }
        }
    }

    @Test
    void appendBuildsTheCholeskyFactorAndTheSolvesInvertIt() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (Path p : paths()) {
            for (int m : SIZES) {
                int ld = m + 2;
                double[] a = spd(rnd, m, ld), l = grow(p, a, m, ld), back = product(l, m, ld);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) assertEquals(a[i * ld + j], back[i * m + j], 1e-10 * m, p + " m=" + m);
                    for (int j = i + 1; j < m; j++) assertEquals(0.0, l[i * ld + j], p + " above the diagonal");
                }
                double[] b = random(rnd, m), z = new double[m], w = new double[m], work = new double[m];
                // forward in two pieces: rows 0 .. h, then h .. m
                int h = m / 2;
                Homotopy.forwardSolve(p, 0, h, l, ld, b, z);
                Homotopy.forwardSolve(p, h, m, l, ld, b, z);
                Homotopy.backSolve(p, m, l, ld, z, w, work);
                double scale = 0;
                for (int i = 0; i < m; i++) scale = Math.max(scale, Math.abs(w[i]));
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) s += a[i * ld + j] * w[j];
                    assertEquals(b[i], s, 1e-9 * (1 + scale), p + " m=" + m + " A·w = b");
                }
            }
        }
    }

    @Test
    void deleteLeavesTheFactorOfTheMatrixWithoutThatRowAndColumn() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (Path p : paths()) {
            for (int m : SIZES) {
                int ld = m + 1;
                double[] a = spd(rnd, m, ld);
                for (int drop : new int[] {0, m / 2, m - 1}) {
                    double[] l = grow(p, a, m, ld);
                    Homotopy.delete(p, m, l, ld, drop);
                    double[] back = product(l, m - 1, ld);
                    for (int i = 0, ii = 0; i < m; i++) {
                        if (i == drop) continue;
                        for (int j = 0, jj = 0; j < m; j++) {
                            if (j == drop) continue;
                            assertEquals(a[i * ld + j], back[ii * (m - 1) + jj], 1e-10 * m, p + " m=" + m + " drop " + drop);
                            jj++;
                        }
                        assertTrue(ii >= m - 1 || l[ii * ld + ii] > 0, "positive diagonal");
                        for (int j = ii + 1; j < m; j++) assertEquals(0.0, l[ii * ld + j], "above the diagonal");
                        ii++;
                    }
                }
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        double[] l = new double[9], b = new double[3];
        assertThrows(IllegalArgumentException.class, () -> Homotopy.append(Path.SCALAR, 3, l, 3, b, 1));
        assertThrows(IllegalArgumentException.class, () -> Homotopy.delete(Path.AUTO, 3, l, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Homotopy.entry(Path.AUTO, 4, 1, 1, b, b, new boolean[4], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> Homotopy.combineRows(Path.AUTO, 1, new int[] {5}, b, l, 3, 3, b));
        assertThrows(IllegalArgumentException.class, () -> Homotopy.backSolve(null, 1, l, 3, b, b, b));
    }
}
