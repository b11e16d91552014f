package io.latentj.bindings.lapack;

import io.latentj.bindings.OpenBlas;

import java.util.Random;

/**
 * Checks every LAPACK routine of {@link Lapack} on small known matrices. Run in-process by {@code LapackTest} and,
 * as a {@code main}, in a child JVM on another OpenBLAS build by {@code BundledOpenBlasTest}.
 */
public final class LapackChecks {
    private LapackChecks() {}

    public static void main(String[] args) {
        runAll();
        System.out.println("LAPACK-OK source=" + OpenBlas.source().orElse("?") + " lapacke=" + OpenBlas.hasLapacke()
                + " path=" + OpenBlas.libraryPath().orElse(null) + " config=" + OpenBlas.config());
    }

    public static void runAll() {
        syevdKnown();
        syevdRandom(5, 3, 7);
        syevrMatchesSyevd(7, 5, 7, 2, 9, 11);
        syevrMatchesSyevd(1, 1, 1, 0, 1, 1);
        gesddReconstructs('S', 4, 3);
        gesddReconstructs('S', 3, 5);
        gesddReconstructs('A', 4, 3);
        gesddReconstructs('A', 2, 5);
        gesddValuesOnly();
        choleskySolve(true);
        choleskySolve(false);
        choleskyNotPositiveDefinite();
    }

    static void require(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    static void close(double expected, double actual, double tol, String what) {
        if (!(Math.abs(expected - actual) <= tol)) throw new AssertionError(what + ": expected " + expected + " got " + actual);
    }

    /** [[2,1,0],[1,2,0],[0,0,5]]: eigenvalues 1, 3, 5. */
    static void syevdKnown() {
        float[] a = {2, 1, 0, 1, 2, 0, 0, 0, 5};
        float[] w = new float[3];
        require(Lapack.ssyevd(true, true, 3, a, 0, 3, w, 0) == 0, "ssyevd info");
        close(1, w[0], 1e-5, "w0");
        close(3, w[1], 1e-5, "w1");
        close(5, w[2], 1e-5, "w2");
        // Column 2 (eigenvalue 5) is ±e3; column 0 (eigenvalue 1) is ±(1,-1,0)/√2.
        close(1, Math.abs(a[2 * 3 + 2]), 1e-5, "v2 z");
        close(0, a[0 * 3 + 0] + a[1 * 3 + 0], 1e-5, "v0 x+y");
        double[] ad = {2, 1, 0, 1, 2, 0, 0, 0, 5};
        double[] wd = new double[3];
        // lower triangle only, upper holds junk that must be ignored
        ad[1] = 99; ad[2] = -7; ad[5] = 42;
        require(Lapack.dsyevd(false, false, 3, ad, 0, 3, wd, 0) == 0, "dsyevd info");
        close(1, wd[0], 1e-12, "dw0");
        close(3, wd[1], 1e-12, "dw1");
        close(5, wd[2], 1e-12, "dw2");
    }

    /** Random symmetric A (with offset, lda &gt; n): A·V = V·diag(w) and VᵀV = I. */
    static void syevdRandom(int n, int off, int lda) {
        Random r = new Random(42);
        double[] sym = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = r.nextGaussian();
                sym[i * n + j] = v;
                sym[j * n + i] = v;
            }
        }
        for (boolean upper : new boolean[] {true, false}) {
            double[] a = new double[off + n * lda];
            float[] af = new float[off + n * lda];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    boolean stored = upper ? j >= i : j <= i;
                    a[off + i * lda + j] = stored ? sym[i * n + j] : Double.NaN;
                    af[off + i * lda + j] = stored ? (float) sym[i * n + j] : Float.NaN;
                }
            }
            double[] w = new double[n + 2];
            float[] wf = new float[n + 2];
            require(Lapack.dsyevd(true, upper, n, a, off, lda, w, 2) == 0, "dsyevd info");
            require(Lapack.ssyevd(true, upper, n, af, off, lda, wf, 2) == 0, "ssyevd info");
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double av = 0;
                    double avf = 0;
                    for (int k = 0; k < n; k++) {
                        av += sym[i * n + k] * a[off + k * lda + j];
                        avf += sym[i * n + k] * af[off + k * lda + j];
                    }
                    close(w[2 + j] * a[off + i * lda + j], av, 1e-10, "A v = w v (double, upper=" + upper + ")");
                    close(wf[2 + j] * af[off + i * lda + j], avf, 1e-4, "A v = w v (float, upper=" + upper + ")");
                }
                for (int k = 0; k < n; k++) {
                    double d = 0;
                    for (int i = 0; i < n; i++) d += a[off + i * lda + j] * a[off + i * lda + k];
                    close(j == k ? 1 : 0, d, 1e-10, "orthonormal");
                }
            }
            for (int j = 1; j < n; j++) require(w[2 + j - 1] <= w[2 + j], "ascending");
        }
    }

    static void gesddReconstructs(char jobz, int m, int n) {
        Random r = new Random(7 + m * 31 + n);
        int mn = Math.min(m, n);
        int lda = n + 2;
        int uCols = jobz == 'A' ? m : mn;
        int vtRows = jobz == 'A' ? n : mn;
        double[] orig = new double[m * n];
        for (int i = 0; i < orig.length; i++) orig[i] = r.nextGaussian();
        double[] a = new double[1 + m * lda];
        float[] af = new float[1 + m * lda];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[1 + i * lda + j] = orig[i * n + j];
                af[1 + i * lda + j] = (float) orig[i * n + j];
            }
        }
        double[] s = new double[mn];
        double[] u = new double[m * (uCols + 1)];
        double[] vt = new double[vtRows * (n + 1)];
        float[] sf = new float[mn];
        float[] uf = new float[m * (uCols + 1)];
        float[] vtf = new float[vtRows * (n + 1)];
        require(Lapack.dgesdd(jobz, m, n, a, 1, lda, s, 0, u, 0, uCols + 1, vt, 0, n + 1) == 0, "dgesdd info");
        require(Lapack.sgesdd(jobz, m, n, af, 1, lda, sf, 0, uf, 0, uCols + 1, vtf, 0, n + 1) == 0, "sgesdd info");
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double x = 0;
                double xf = 0;
                for (int k = 0; k < mn; k++) {
                    x += u[i * (uCols + 1) + k] * s[k] * vt[k * (n + 1) + j];
                    xf += uf[i * (uCols + 1) + k] * sf[k] * vtf[k * (n + 1) + j];
                }
                close(orig[i * n + j], x, 1e-10, "A = U S Vt (double, " + jobz + " " + m + "x" + n + ")");
                close(orig[i * n + j], xf, 1e-4, "A = U S Vt (float, " + jobz + " " + m + "x" + n + ")");
            }
        }
        for (int k = 1; k < mn; k++) require(s[k - 1] >= s[k], "descending");
        if (jobz == 'A') { // full U and Vt are orthogonal
            for (int p = 0; p < m; p++) {
                for (int q = 0; q < m; q++) {
                    double d = 0;
                    for (int i = 0; i < m; i++) d += u[i * (uCols + 1) + p] * u[i * (uCols + 1) + q];
                    close(p == q ? 1 : 0, d, 1e-10, "UtU");
                }
            }
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    double d = 0;
                    for (int j = 0; j < n; j++) d += vt[p * (n + 1) + j] * vt[q * (n + 1) + j];
                    close(p == q ? 1 : 0, d, 1e-10, "VVt");
                }
            }
        }
    }

    /** diag(3, 2) padded: singular values 3, 2, without vectors. */
    static void gesddValuesOnly() {
        float[] a = {0, 2, 3, 0, 0, 0};
        float[] s = new float[2];
        require(Lapack.sgesdd('N', 3, 2, a, 0, 2, s, 0, null, 0, 1, null, 0, 1) == 0, "sgesdd N info");
        close(3, s[0], 1e-6, "s0");
        close(2, s[1], 1e-6, "s1");
    }

    /** A = [[4,2,0],[2,5,1],[0,1,3]] x = (1,-1,2) -> b = A x; two right-hand sides. */
    static void choleskySolve(boolean upper) {
        double[] a = {4, 2, 0, 2, 5, 1, 0, 1, 3};
        double[] x1 = {1, -1, 2};
        double[] x2 = {0.5, 3, -4};
        double[] b = new double[6];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                b[i * 2] += a[i * 3 + k] * x1[k];
                b[i * 2 + 1] += a[i * 3 + k] * x2[k];
            }
        }
        double[] ad = a.clone();
        require(Lapack.dpotrf(upper, 3, ad, 0, 3) == 0, "dpotrf info");
        // check the factor: L Lt or Ut U reproduces A
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double v = 0;
                for (int k = 0; k < 3; k++) {
                    double l1 = upper ? (k <= i ? ad[k * 3 + i] : 0) : (k <= i ? ad[i * 3 + k] : 0);
                    double l2 = upper ? (k <= j ? ad[k * 3 + j] : 0) : (k <= j ? ad[j * 3 + k] : 0);
                    v += l1 * l2;
                }
                close(a[i * 3 + j], v, 1e-12, "factor reproduces A (upper=" + upper + ")");
            }
        }
        double[] bd = b.clone();
        require(Lapack.dpotrs(upper, 3, 2, ad, 0, 3, bd, 0, 2) == 0, "dpotrs info");
        for (int i = 0; i < 3; i++) {
            close(x1[i], bd[i * 2], 1e-12, "x1");
            close(x2[i], bd[i * 2 + 1], 1e-12, "x2");
        }
        float[] af = new float[9];
        float[] bf = new float[4 + 3 * 3]; // offset 4, ldb 3 > nrhs
        for (int i = 0; i < 9; i++) af[i] = (float) a[i];
        for (int i = 0; i < 3; i++) {
            bf[4 + i * 3] = (float) b[i * 2];
            bf[4 + i * 3 + 1] = (float) b[i * 2 + 1];
            bf[4 + i * 3 + 2] = 777; // outside the 3x2 view: must stay
        }
        require(Lapack.spotrf(upper, 3, af, 0, 3) == 0, "spotrf info");
        require(Lapack.spotrs(upper, 3, 2, af, 0, 3, bf, 4, 3) == 0, "spotrs info");
        for (int i = 0; i < 3; i++) {
            close(x1[i], bf[4 + i * 3], 1e-5, "x1 float");
            close(x2[i], bf[4 + i * 3 + 1], 1e-5, "x2 float");
            close(777, bf[4 + i * 3 + 2], 0, "untouched");
        }
        // single right-hand side
        float[] b1 = {(float) b[0], (float) b[2], (float) b[4]};
        require(Lapack.spotrs(upper, 3, 1, af, 0, 3, b1, 0, 1) == 0, "spotrs nrhs=1");
        for (int i = 0; i < 3; i++) close(x1[i], b1[i], 1e-5, "x1 nrhs=1");
    }

    static void choleskyNotPositiveDefinite() {
        float[] a = {1, 2, 2, 1};
        int info = Lapack.spotrf(false, 2, a, 0, 2);
        require(info == 2, "spotrf of an indefinite matrix returns info=2, got " + info);
    }

    /**
     * syevr's eigenpairs il..iu (ascending, 1-based) of a random symmetric n×n A (only one triangle stored, NaN in the
     * other; offset, lda and ldz larger than n) agree with syevd's: same values, vectors equal up to sign, and the
     * rows of Z orthonormal with A·z = w·z; in float and double, upper and lower.
     */
    static void syevrMatchesSyevd(int n, int il, int iu, int off, int lda, int ldz) {
        Random r = new Random(7 + n);
        double[] sym = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = r.nextGaussian();
                sym[i * n + j] = v;
                sym[j * n + i] = v;
            }
        }
        double[] all = sym.clone(), wAll = new double[n];
        require(Lapack.dsyevd(true, true, n, all, 0, n, wAll, 0) == 0, "dsyevd info");
        int m = iu - il + 1;
        for (boolean upper : new boolean[] {true, false}) {
            double[] a = new double[off + n * lda];
            float[] af = new float[off + n * lda];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    boolean stored = upper ? j >= i : j <= i;
                    a[off + i * lda + j] = stored ? sym[i * n + j] : Double.NaN;
                    af[off + i * lda + j] = stored ? (float) sym[i * n + j] : Float.NaN;
                }
            }
            double[] w = new double[1 + m], z = new double[3 + (m - 1) * ldz + n];
            float[] wf = new float[1 + m], zf = new float[3 + (m - 1) * ldz + n];
            require(Lapack.dsyevr(true, upper, n, a, off, lda, il, iu, w, 1, z, 3, ldz) == 0, "dsyevr info");
            require(Lapack.ssyevr(true, upper, n, af, off, lda, il, iu, wf, 1, zf, 3, ldz) == 0, "ssyevr info");
            for (int k = 0; k < m; k++) {
                int ref = il - 1 + k; // syevd's column of the same eigenvalue
                close(wAll[ref], w[1 + k], 1e-10, "dsyevr value " + k);
                close(wAll[ref], wf[1 + k], 1e-4, "ssyevr value " + k);
                double dot = 0, dotF = 0;
                for (int i = 0; i < n; i++) {
                    dot += z[3 + k * ldz + i] * all[i * n + ref];
                    dotF += zf[3 + k * ldz + i] * all[i * n + ref];
                }
                close(1, Math.abs(dot), 1e-9, "dsyevr vector " + k + " vs dsyevd");
                close(1, Math.abs(dotF), 1e-4, "ssyevr vector " + k + " vs dsyevd");
                for (int i = 0; i < n; i++) { // A·z = w·z
                    double s = 0;
                    for (int j = 0; j < n; j++) s += sym[i * n + j] * z[3 + k * ldz + j];
                    close(w[1 + k] * z[3 + k * ldz + i], s, 1e-10, "A·z row " + i);
                }
            }
            double[] wOnly = new double[m];
            double[] a2 = a.clone();
            require(Lapack.dsyevr(false, upper, n, a2, off, lda, il, iu, wOnly, 0, null, 0, 1) == 0, "dsyevr values only");
            for (int k = 0; k < m; k++) close(w[1 + k], wOnly[k], 1e-10, "values only " + k);
        }
    }
}
