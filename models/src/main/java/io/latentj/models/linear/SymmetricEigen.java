package io.latentj.models.linear;

import io.latentj.bindings.lapack.Lapack;

/**
 * Eigenvalues in <b>descending</b> order and the matching orthonormal eigenvectors (as rows: row k belongs to
 * value k) of a symmetric d×d matrix: all of them ({@link #of}) by LAPACK {@code dsyevd} when OpenBLAS is loaded and
 * otherwise by the pure-Java cyclic Jacobi method ({@code forceJava} picks Jacobi even when LAPACK is there), or
 * only the largest k ({@link #top}) by LAPACK {@code dsyevr}. {@code values().length} says how many there are.
 */
record SymmetricEigen(double[] values, double[] vectors, int n, boolean usedLapack) {

    static SymmetricEigen of(double[] a, int n, boolean forceJava) {
        double[] values = new double[n];
        double[] cols;
        boolean lapack = !forceJava && Lapack.isAvailable();
        if (lapack) {
            cols = a.clone();
            int info = Lapack.dsyevd(true, true, n, cols, 0, n, values, 0);
            if (info != 0) throw new ArithmeticException("dsyevd did not converge (info " + info + ")");
        } else {
            cols = Small.jacobi(a, n, values);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] sorted = new double[n], rows = new double[n * n];
        for (int k = 0; k < n; k++) {
            int src = order[k];
            sorted[k] = values[src];
            for (int i = 0; i < n; i++) rows[k * n + i] = cols[i * n + src];
        }
        return new SymmetricEigen(sorted, rows, n, lapack);
    }

    /**
     * The k largest eigenvalues (descending) and their eigenvectors (rows) of the symmetric n×n {@code a} (not
     * modified; its upper triangle in row-major order is read), by LAPACK {@code dsyevr} with range 'I' (MRRR): after
     * the tridiagonal reduction only k vectors are computed and transformed back, a fraction of {@code dsyevd}'s work
     * for k ≪ n. Needs LAPACK ({@link Lapack#isAvailable()}).
     */
    static SymmetricEigen top(double[] a, int n, int k) {
        if (k < 1 || k > n) throw new IllegalArgumentException("top " + k + " eigenpairs of a " + n + "x" + n + " matrix");
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

    /**
     * Flips the sign of each vector row so that its entry of largest magnitude is positive (the first such entry on
     * ties): the sign convention of every model in this package.
     */
    static void fixSigns(float[] rows, int count, int n) {
        for (int k = 0; k < count; k++) {
            int best = 0;
            for (int i = 1; i < n; i++) if (Math.abs(rows[k * n + i]) > Math.abs(rows[k * n + best])) best = i;
            if (rows[k * n + best] < 0) for (int i = 0; i < n; i++) rows[k * n + i] = -rows[k * n + i];
        }
    }
}
