package io.latentj.simd;

import io.latentj.bindings.lapack.Lapack;

import java.util.Arrays;

/**
 * Eigen-decomposition of a symmetric n×n matrix in double precision: eigenvalues in <b>descending</b> order and the
 * matching orthonormal eigenvectors as rows ({@code vectors[k*n .. k*n+n)} belongs to {@code values[k]}).
 *
 * <p>Paths: {@link Path#SCALAR} (and {@link Path#SIMD}, which has no vector twin of its own) run the cyclic Jacobi
 * method in plain Java, the reference; {@link Path#BLAS} runs LAPACK ({@code dsyevd} for all pairs, {@code dsyevr}
 * for the k largest); {@link Path#AUTO} takes LAPACK when OpenBLAS is loaded and Jacobi otherwise, so every caller
 * works on a machine without OpenBLAS. Jacobi costs O(n³) per sweep and a handful of sweeps: fine for the few hundred
 * dimensions of whitening, slow for thousands.
 */
public record SymmetricEigen(double[] values, double[] vectors, int n, boolean usedLapack) {

    /** All eigenpairs of the symmetric n×n {@code a} (row-major, not modified). */
    public static SymmetricEigen of(Path path, double[] a, int n) {
        check(a, n);
        boolean lapack = lapack(path);
        double[] values = new double[n];
        double[] cols;
        if (lapack) {
            cols = a.clone();
            int info = Lapack.dsyevd(true, true, n, cols, 0, n, values, 0);
            if (info != 0) throw new ArithmeticException("dsyevd did not converge (info " + info + ")");
        } else {
            cols = jacobi(a, n, values);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] sorted = new double[n], rows = new double[n * n];
        for (int k = 0; k < n; k++) {
            int src = order[k];
            sorted[k] = values[src];
            for (int i = 0; i < n; i++) rows[k * n + i] = cols[i * n + src];
        }
        return new SymmetricEigen(sorted, rows, n, lapack);
    }

    /**
     * The k largest eigenpairs of the symmetric n×n {@code a} (not modified): on LAPACK by {@code dsyevr} with range
     * 'I' (after the tridiagonal reduction only k vectors are computed, a fraction of {@code dsyevd}'s work for
     * k ≪ n); on the Jacobi path the first k of {@link #of}.
     */
    public static SymmetricEigen top(Path path, double[] a, int n, int k) {
        check(a, n);
        if (k < 1 || k > n) throw new IllegalArgumentException("top " + k + " eigenpairs of a " + n + "x" + n + " matrix");
        if (!lapack(path)) {
            SymmetricEigen all = of(path, a, n);
            return new SymmetricEigen(Arrays.copyOf(all.values, k), Arrays.copyOf(all.vectors, k * n), n, false);
        }
        double[] w = new double[k], z = new double[k * n];
        int info = Lapack.dsyevr(true, true, n, a.clone(), 0, n, n - k + 1, n, w, 0, z, 0, n);
        if (info != 0) throw new ArithmeticException("dsyevr failed (info " + info + ")");
        double[] values = new double[k], rows = new double[k * n];
        for (int j = 0; j < k; j++) { // ascending → descending
            values[j] = w[k - 1 - j];
            System.arraycopy(z, (k - 1 - j) * n, rows, j * n, n);
        }
        return new SymmetricEigen(values, rows, n, true);
    }

    /** How many pairs this holds ({@code n} from {@link #of}, k from {@link #top}). */
    public int count() {
        return values.length;
    }

    private static boolean lapack(Path path) {
        return switch (path) {
            case SCALAR, SIMD -> false;
            case BLAS -> AutoPolicy.resolve(Path.BLAS, AutoPolicy.Op.SYRK, 0) == Path.BLAS; // throws when absent
            case AUTO -> Lapack.isAvailable();
        };
    }

    private static void check(double[] a, int n) {
        if (n < 1) throw new IllegalArgumentException("matrix order must be at least 1, got " + n);
        if (a == null || a.length < (long) n * n) {
            throw new IllegalArgumentException("a " + n + "x" + n + " matrix needs " + (long) n * n + " values, got "
                    + (a == null ? "null" : a.length));
        }
        for (int i = 0; i < n * n; i++) {
            if (!Double.isFinite(a[i])) throw new IllegalArgumentException("matrix entry (" + i / n + ", " + i % n + ") is " + a[i]);
        }
    }

    /**
     * The cyclic Jacobi method: sweeps of plane rotations, each zeroing one off-diagonal pair, until the
     * off-diagonal mass is negligible against the diagonal (relative 1e-30 in squares) or 100 sweeps have run.
     * Returns the eigenvalues in {@code values} (unsorted, in the order of the diagonal) and the eigenvectors as
     * the <b>columns</b> of the returned n×n array.
     */
    static double[] jacobi(double[] a0, int n, double[] values) {
        double[] a = Arrays.copyOf(a0, n * n);
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
            }
            if (off <= 1e-30 * diag || off == 0) break;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) continue;
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) { // columns p, q of A·J
                        double akp = a[k * n + p], akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) { // rows p, q of Jᵀ·(A·J)
                        double apk = a[p * n + k], aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    a[p * n + q] = 0;
                    a[q * n + p] = 0;
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p], vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) values[i] = a[i * n + i];
        return v;
    }
}
