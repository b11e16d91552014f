package io.latentj.bindings.lapack;

import io.latentj.bindings.OpenBlas;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The LAPACK routines LatentJ's models call, on Java arrays, <b>row-major</b> like the rest of LatentJ: symmetric
 * eigen-decomposition ({@code syevd}; {@code syevr} for a range of eigenpairs), SVD ({@code gesdd}) and Cholesky
 * ({@code potrf}/{@code potrs}), in float and double. Each call uses LAPACKE when the loaded OpenBLAS has it ({@code LAPACK_ROW_MAJOR}) and otherwise the
 * Fortran symbols (column-major; the layout is handled here: a row-major matrix is the column-major storage of
 * its transpose), with workspace queries ({@code lwork = -1}) on the Fortran route.
 *
 * <p>Matrices are given as {@code (array, offset, leading dimension)}; every index range is validated before
 * any native call ({@link IllegalArgumentException} naming the shapes). Data is copied into native memory for
 * the call, so the GC is never blocked. Return value: LAPACK's {@code info}, 0 on success and &gt; 0 for a
 * numerical failure the caller may handle (eigen/SVD did not converge, matrix not positive definite);
 * {@code info < 0} (an illegal argument, a bug) throws {@link LapackException}. When OpenBLAS is unavailable every
 * routine throws {@link IllegalStateException} with the reason.
 */
public final class Lapack {
    private static final int ROW_MAJOR = 101;

    private Lapack() {}

    /** True when OpenBLAS (and so LAPACK) is loaded. */
    public static boolean isAvailable() {
        return OpenBlas.isAvailable();
    }

    /** True when calls go through LAPACKE, false for the Fortran symbols. */
    public static boolean usesLapacke() {
        return OpenBlas.hasLapacke();
    }

    private enum Prec {
        S(4, "s"), D(8, "d");

        final int bytes;
        final String prefix;

        Prec(int bytes, String prefix) {
            this.bytes = bytes;
            this.prefix = prefix;
        }
    }

    // ---------------------------------------------------------------- syevd

    /**
     * Eigenvalues (ascending, into {@code w}) and optionally eigenvectors of the symmetric {@code n×n} matrix A,
     * of which only the upper ({@code upper}) or lower triangle is read. With {@code vectors}, A is overwritten by
     * the orthonormal eigenvectors as its <b>columns</b> (column j belongs to {@code w[wOff + j]}); otherwise A's
     * contents are unspecified afterwards. Returns info (&gt; 0: the algorithm did not converge).
     */
    public static int ssyevd(boolean vectors, boolean upper, int n, float[] a, int aOff, int lda, float[] w, int wOff) {
        checkMatrix("ssyevd", "a", a == null ? -1 : a.length, aOff, n, n, lda);
        checkVector("ssyevd", "w", w == null ? -1 : w.length, wOff, n);
        return syevd(Prec.S, vectors, upper, n, MemorySegment.ofArray(a), aOff, lda, MemorySegment.ofArray(w), wOff);
    }

    /** {@link #ssyevd} in double precision. */
    public static int dsyevd(boolean vectors, boolean upper, int n, double[] a, int aOff, int lda, double[] w, int wOff) {
        checkMatrix("dsyevd", "a", a == null ? -1 : a.length, aOff, n, n, lda);
        checkVector("dsyevd", "w", w == null ? -1 : w.length, wOff, n);
        return syevd(Prec.D, vectors, upper, n, MemorySegment.ofArray(a), aOff, lda, MemorySegment.ofArray(w), wOff);
    }

    private static int syevd(Prec p, boolean vectors, boolean upper, int n, MemorySegment a, int aOff, int lda,
                             MemorySegment w, int wOff) {
        String routine = p.prefix + "syevd";
        requireAvailable();
        if (n == 0) return 0;
        byte jobz = (byte) (vectors ? 'V' : 'N');
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ab = alloc(arena, p, (long) n * n);
            MemorySegment wb = alloc(arena, p, n);
            pack(p, a, aOff, n, n, lda, ab);
            int info;
            if (usesLapacke()) {
                byte uplo = (byte) (upper ? 'U' : 'L');
                info = p == Prec.S ? lapacke_h.LAPACKE_ssyevd(ROW_MAJOR, jobz, uplo, n, ab, n, wb)
                        : lapacke_h.LAPACKE_dsyevd(ROW_MAJOR, jobz, uplo, n, ab, n, wb);
                check(routine, info);
                unpack(p, ab, n, n, a, aOff, lda);
            } else {
                // Row-major storage of a symmetric A is its column-major storage; the row-major upper triangle is
                // the column-major lower one.
                MemorySegment jz = chr(arena, jobz);
                MemorySegment ul = chr(arena, upper ? 'L' : 'U');
                MemorySegment nn = integer(arena, n);
                MemorySegment infoSeg = integer(arena, 0);
                MemorySegment lwork = integer(arena, -1);
                MemorySegment liwork = integer(arena, -1);
                MemorySegment wq = alloc(arena, p, 1);
                MemorySegment iwq = integer(arena, 0);
                syevdF(p, jz, ul, nn, ab, nn, wb, wq, lwork, iwq, liwork, infoSeg);
                check(routine + " (workspace query)", infoSeg.get(ValueLayout.JAVA_INT, 0));
                int lw = workspaceSize(p, wq);
                int liw = Math.max(1, iwq.get(ValueLayout.JAVA_INT, 0));
                MemorySegment work = alloc(arena, p, lw);
                MemorySegment iwork = arena.allocate(ValueLayout.JAVA_INT, liw);
                lwork.set(ValueLayout.JAVA_INT, 0, lw);
                liwork.set(ValueLayout.JAVA_INT, 0, liw);
                syevdF(p, jz, ul, nn, ab, nn, wb, work, lwork, iwork, liwork, infoSeg);
                info = infoSeg.get(ValueLayout.JAVA_INT, 0);
                check(routine, info);
                // The eigenvectors are the columns of the column-major result, i.e. its rows read row-major.
                unpackTransposed(p, ab, n, n, a, aOff, lda);
            }
            MemorySegment.copy(wb, 0, w, (long) wOff * p.bytes, (long) n * p.bytes);
            return info;
        }
    }

    private static void syevdF(Prec p, MemorySegment jobz, MemorySegment uplo, MemorySegment n, MemorySegment a,
                               MemorySegment lda, MemorySegment w, MemorySegment work, MemorySegment lwork,
                               MemorySegment iwork, MemorySegment liwork, MemorySegment info) {
        if (p == Prec.S) lapack_h.ssyevd_(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, 1L, 1L);
        else lapack_h.dsyevd_(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, 1L, 1L);
    }

    // ---------------------------------------------------------------- syevr

    /**
     * The eigenvalues number {@code il} to {@code iu} (1-based, counted in <b>ascending</b> order, as LAPACK's
     * {@code range = 'I'}) of the symmetric {@code n×n} matrix A, of which only the upper ({@code upper}) or lower
     * triangle is read, by the MRRR algorithm ({@code ssyevr}); the m = iu − il + 1 values go ascending into
     * {@code w}, and with {@code vectors} the matching orthonormal eigenvectors into the <b>rows</b> of the
     * row-major {@code m×n} matrix Z (row j belongs to {@code w[wOff + j]}; {@code z} may be null without vectors).
     * Cheaper than {@link #ssyevd} when few eigenpairs are wanted: after the tridiagonal reduction only m vectors
     * are computed and transformed back. A's contents are unspecified afterwards. Always calls the Fortran symbol
     * (present in every OpenBLAS build with LAPACK). Returns info (&gt; 0: an internal error of the algorithm).
     */
    public static int ssyevr(boolean vectors, boolean upper, int n, float[] a, int aOff, int lda, int il, int iu,
                             float[] w, int wOff, float[] z, int zOff, int ldz) {
        int m = checkSyevr("ssyevr", vectors, n, a == null ? -1 : a.length, aOff, lda, il, iu, w == null ? -1 : w.length, wOff,
                z == null ? -1 : z.length, zOff, ldz);
        return syevr(Prec.S, vectors, upper, n, MemorySegment.ofArray(a), aOff, lda, il, iu, m, MemorySegment.ofArray(w), wOff,
                vectors ? MemorySegment.ofArray(z) : null, zOff, ldz);
    }

    /** {@link #ssyevr} in double precision ({@code dsyevr}). */
    public static int dsyevr(boolean vectors, boolean upper, int n, double[] a, int aOff, int lda, int il, int iu,
                             double[] w, int wOff, double[] z, int zOff, int ldz) {
        int m = checkSyevr("dsyevr", vectors, n, a == null ? -1 : a.length, aOff, lda, il, iu, w == null ? -1 : w.length, wOff,
                z == null ? -1 : z.length, zOff, ldz);
        return syevr(Prec.D, vectors, upper, n, MemorySegment.ofArray(a), aOff, lda, il, iu, m, MemorySegment.ofArray(w), wOff,
                vectors ? MemorySegment.ofArray(z) : null, zOff, ldz);
    }

    /** Validates the arguments of syevr; returns the number of eigenpairs m. */
    private static int checkSyevr(String routine, boolean vectors, int n, int aLen, int aOff, int lda, int il, int iu,
                                  int wLen, int wOff, int zLen, int zOff, int ldz) {
        checkMatrix(routine, "a", aLen, aOff, n, n, lda);
        if (n == 0 ? il != 1 || iu != 0 : il < 1 || iu < il || iu > n) {
            throw new IllegalArgumentException(routine + ": eigenvalue indices il " + il + ", iu " + iu + " must satisfy 1 <= il <= iu <= n = "
                    + n + " (il = 1, iu = 0 when n = 0)");
        }
        int m = iu - il + 1;
        checkVector(routine, "w", wLen, wOff, m);
        if (vectors) checkMatrix(routine, "z", zLen, zOff, m, n, ldz);
        return m;
    }

    private static int syevr(Prec p, boolean vectors, boolean upper, int n, MemorySegment a, int aOff, int lda, int il, int iu,
                             int m, MemorySegment w, int wOff, MemorySegment z, int zOff, int ldz) {
        String routine = p.prefix + "syevr";
        requireAvailable();
        if (n == 0) return 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ab = alloc(arena, p, (long) n * n);
            MemorySegment wb = alloc(arena, p, n);                         // LAPACK may write up to n values
            MemorySegment zb = alloc(arena, p, vectors ? (long) n * m : 1);
            pack(p, a, aOff, n, n, lda, ab);
            // Row-major storage of a symmetric A is its column-major storage; the row-major upper triangle is the
            // column-major lower one. Z comes back column-major n×m: its columns, the eigenvectors, are the rows of
            // the row-major m×n result.
            MemorySegment jz = chr(arena, vectors ? 'V' : 'N');
            MemorySegment rg = chr(arena, 'I');
            MemorySegment ul = chr(arena, upper ? 'L' : 'U');
            MemorySegment nn = integer(arena, n);
            MemorySegment bound = alloc(arena, p, 1);                    // vl, vu: not referenced with range 'I'
            MemorySegment ilS = integer(arena, il), iuS = integer(arena, iu);
            MemorySegment abstol = alloc(arena, p, 1);                   // 0: LAPACK's default tolerance
            MemorySegment found = integer(arena, 0);
            MemorySegment ldzS = integer(arena, vectors ? n : 1);
            MemorySegment isuppz = arena.allocate(ValueLayout.JAVA_INT, 2L * Math.max(1, m));
            MemorySegment infoSeg = integer(arena, 0);
            MemorySegment lwork = integer(arena, -1), liwork = integer(arena, -1);
            MemorySegment wq = alloc(arena, p, 1);
            MemorySegment iwq = integer(arena, 0);
            syevrF(p, jz, rg, ul, nn, ab, nn, bound, bound, ilS, iuS, abstol, found, wb, zb, ldzS, isuppz, wq, lwork, iwq, liwork, infoSeg);
            check(routine + " (workspace query)", infoSeg.get(ValueLayout.JAVA_INT, 0));
            int lw = workspaceSize(p, wq);
            int liw = Math.max(1, iwq.get(ValueLayout.JAVA_INT, 0));
            MemorySegment work = alloc(arena, p, lw);
            MemorySegment iwork = arena.allocate(ValueLayout.JAVA_INT, liw);
            lwork.set(ValueLayout.JAVA_INT, 0, lw);
            liwork.set(ValueLayout.JAVA_INT, 0, liw);
            syevrF(p, jz, rg, ul, nn, ab, nn, bound, bound, ilS, iuS, abstol, found, wb, zb, ldzS, isuppz, work, lwork, iwork, liwork, infoSeg);
            int info = infoSeg.get(ValueLayout.JAVA_INT, 0);
            check(routine, info);
            if (info == 0 && found.get(ValueLayout.JAVA_INT, 0) != m) {
                throw new LapackException(routine, 0, "returned " + found.get(ValueLayout.JAVA_INT, 0) + " eigenvalues, " + m + " were asked for");
            }
            MemorySegment.copy(wb, 0, w, (long) wOff * p.bytes, (long) m * p.bytes);
            if (vectors) unpack(p, zb, m, n, z, zOff, ldz);
            return info;
        }
    }

    private static void syevrF(Prec p, MemorySegment jobz, MemorySegment range, MemorySegment uplo, MemorySegment n,
                               MemorySegment a, MemorySegment lda, MemorySegment vl, MemorySegment vu, MemorySegment il,
                               MemorySegment iu, MemorySegment abstol, MemorySegment m, MemorySegment w, MemorySegment z,
                               MemorySegment ldz, MemorySegment isuppz, MemorySegment work, MemorySegment lwork,
                               MemorySegment iwork, MemorySegment liwork, MemorySegment info) {
        if (p == Prec.S) {
            lapack_h.ssyevr_(jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol, m, w, z, ldz, isuppz, work, lwork, iwork, liwork, info, 1L, 1L, 1L);
        } else {
            lapack_h.dsyevr_(jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol, m, w, z, ldz, isuppz, work, lwork, iwork, liwork, info, 1L, 1L, 1L);
        }
    }

    // ---------------------------------------------------------------- gesdd

    /**
     * Singular value decomposition A = U·diag(S)·Vᵀ of the row-major {@code m×n} matrix A (destroyed), by divide
     * and conquer. {@code jobz}: 'N' singular values only ({@code u}, {@code vt} may be null); 'S' thin: U is
     * {@code m×min(m,n)}, Vᵀ is {@code min(m,n)×n}; 'A' full: U is {@code m×m}, Vᵀ is {@code n×n}. U and Vᵀ are
     * row-major (the left singular vectors are U's columns, the right ones Vᵀ's rows); S is descending, length
     * {@code min(m,n)}. Returns info (&gt; 0: did not converge).
     */
    public static int sgesdd(char jobz, int m, int n, float[] a, int aOff, int lda, float[] s, int sOff,
                             float[] u, int uOff, int ldu, float[] vt, int vtOff, int ldvt) {
        checkGesdd("sgesdd", jobz, m, n, a == null ? -1 : a.length, aOff, lda, s == null ? -1 : s.length, sOff,
                u == null ? -1 : u.length, uOff, ldu, vt == null ? -1 : vt.length, vtOff, ldvt);
        return gesdd(Prec.S, jobz, m, n, MemorySegment.ofArray(a), aOff, lda, MemorySegment.ofArray(s), sOff,
                jobz == 'N' ? null : MemorySegment.ofArray(u), uOff, ldu,
                jobz == 'N' ? null : MemorySegment.ofArray(vt), vtOff, ldvt);
    }

    /** {@link #sgesdd} in double precision. */
    public static int dgesdd(char jobz, int m, int n, double[] a, int aOff, int lda, double[] s, int sOff,
                             double[] u, int uOff, int ldu, double[] vt, int vtOff, int ldvt) {
        checkGesdd("dgesdd", jobz, m, n, a == null ? -1 : a.length, aOff, lda, s == null ? -1 : s.length, sOff,
                u == null ? -1 : u.length, uOff, ldu, vt == null ? -1 : vt.length, vtOff, ldvt);
        return gesdd(Prec.D, jobz, m, n, MemorySegment.ofArray(a), aOff, lda, MemorySegment.ofArray(s), sOff,
                jobz == 'N' ? null : MemorySegment.ofArray(u), uOff, ldu,
                jobz == 'N' ? null : MemorySegment.ofArray(vt), vtOff, ldvt);
    }

    private static void checkGesdd(String routine, char jobz, int m, int n, int aLen, int aOff, int lda, int sLen, int sOff,
                                   int uLen, int uOff, int ldu, int vtLen, int vtOff, int ldvt) {
        if (jobz != 'N' && jobz != 'S' && jobz != 'A') {
            throw new IllegalArgumentException(routine + ": jobz must be 'N', 'S' or 'A', got '" + jobz + "'");
        }
        checkMatrix(routine, "a", aLen, aOff, m, n, lda);
        int mn = Math.min(m, n);
        checkVector(routine, "s", sLen, sOff, mn);
        if (jobz != 'N') {
            checkMatrix(routine, "u", uLen, uOff, m, jobz == 'A' ? m : mn, ldu);
            checkMatrix(routine, "vt", vtLen, vtOff, jobz == 'A' ? n : mn, n, ldvt);
        }
    }

    private static int gesdd(Prec p, char jobzC, int m, int n, MemorySegment a, int aOff, int lda, MemorySegment s, int sOff,
                             MemorySegment u, int uOff, int ldu, MemorySegment vt, int vtOff, int ldvt) {
        String routine = p.prefix + "gesdd";
        requireAvailable();
        int mn = Math.min(m, n);
        boolean vectors = jobzC != 'N';
        int uCols = jobzC == 'A' ? m : mn;
        int vtRows = jobzC == 'A' ? n : mn;
        if (m == 0 || n == 0) {
            // Nothing to decompose; full U / Vᵀ of an empty product are identities.
            if (jobzC == 'A') {
                identity(p, u, uOff, m, ldu);
                identity(p, vt, vtOff, n, ldvt);
            }
            return 0;
        }
        byte jobz = (byte) jobzC;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ab = alloc(arena, p, (long) m * n);
            MemorySegment sb = alloc(arena, p, mn);
            MemorySegment ub = alloc(arena, p, vectors ? (long) m * uCols : 1);
            MemorySegment vb = alloc(arena, p, vectors ? (long) vtRows * n : 1);
            pack(p, a, aOff, m, n, lda, ab);
            int info;
            if (usesLapacke()) {
                int lduN = Math.max(1, vectors ? uCols : 1);
                int ldvtN = Math.max(1, n);
                info = p == Prec.S ? lapacke_h.LAPACKE_sgesdd(ROW_MAJOR, jobz, m, n, ab, n, sb, ub, lduN, vb, ldvtN)
                        : lapacke_h.LAPACKE_dgesdd(ROW_MAJOR, jobz, m, n, ab, n, sb, ub, lduN, vb, ldvtN);
                check(routine, info);
            } else {
                // The row-major m×n A is the column-major n×m Aᵀ = V·S·Uᵀ. LAPACK's "U" of Aᵀ (n×uCols' col-major)
                // is then the row-major Vᵀ, and its "Vᵀ" (col-major) is the row-major U: swap the two outputs.
                MemorySegment jz = chr(arena, jobz);
                MemorySegment mm = integer(arena, n);
                MemorySegment nn = integer(arena, m);
                MemorySegment ldaS = integer(arena, n);
                MemorySegment lduS = integer(arena, vectors ? n : 1);
                MemorySegment ldvtS = integer(arena, vectors ? uCols : 1);
                MemorySegment iwork = arena.allocate(ValueLayout.JAVA_INT, 8L * mn);
                MemorySegment infoSeg = integer(arena, 0);
                MemorySegment lwork = integer(arena, -1);
                MemorySegment wq = alloc(arena, p, 1);
                gesddF(p, jz, mm, nn, ab, ldaS, sb, vb, lduS, ub, ldvtS, wq, lwork, iwork, infoSeg);
                check(routine + " (workspace query)", infoSeg.get(ValueLayout.JAVA_INT, 0));
                int lw = workspaceSize(p, wq);
                MemorySegment work = alloc(arena, p, lw);
                lwork.set(ValueLayout.JAVA_INT, 0, lw);
                gesddF(p, jz, mm, nn, ab, ldaS, sb, vb, lduS, ub, ldvtS, work, lwork, iwork, infoSeg);
                info = infoSeg.get(ValueLayout.JAVA_INT, 0);
                check(routine, info);
            }
            MemorySegment.copy(sb, 0, s, (long) sOff * p.bytes, (long) mn * p.bytes);
            if (vectors) {
                unpack(p, ub, m, uCols, u, uOff, ldu);
                unpack(p, vb, vtRows, n, vt, vtOff, ldvt);
            }
            unpack(p, ab, m, n, a, aOff, lda);
            return info;
        }
    }

    private static void gesddF(Prec p, MemorySegment jobz, MemorySegment m, MemorySegment n, MemorySegment a,
                               MemorySegment lda, MemorySegment s, MemorySegment u, MemorySegment ldu, MemorySegment vt,
                               MemorySegment ldvt, MemorySegment work, MemorySegment lwork, MemorySegment iwork,
                               MemorySegment info) {
        if (p == Prec.S) lapack_h.sgesdd_(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, 1L);
        else lapack_h.dgesdd_(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, 1L);
    }

    // ---------------------------------------------------------------- potrf / potrs

    /**
     * Cholesky factorization of the symmetric positive definite {@code n×n} A: with {@code upper}, A = UᵀU and
     * U overwrites the upper triangle; otherwise A = L·Lᵀ and L overwrites the lower triangle. The other
     * triangle is left as it was. Returns info (&gt; 0: the leading minor of that order is not positive definite).
     */
    public static int spotrf(boolean upper, int n, float[] a, int aOff, int lda) {
        checkMatrix("spotrf", "a", a == null ? -1 : a.length, aOff, n, n, lda);
        return potrf(Prec.S, upper, n, MemorySegment.ofArray(a), aOff, lda);
    }

    /** {@link #spotrf} in double precision. */
    public static int dpotrf(boolean upper, int n, double[] a, int aOff, int lda) {
        checkMatrix("dpotrf", "a", a == null ? -1 : a.length, aOff, n, n, lda);
        return potrf(Prec.D, upper, n, MemorySegment.ofArray(a), aOff, lda);
    }

    /**
     * Solves A·X = B for the {@code n×nrhs} row-major B (overwritten by X), given the factor {@link #spotrf} left
     * in A with the same {@code upper}. Returns info (always 0 unless an argument is illegal).
     */
    public static int spotrs(boolean upper, int n, int nrhs, float[] a, int aOff, int lda, float[] b, int bOff, int ldb) {
        checkMatrix("spotrs", "a", a == null ? -1 : a.length, aOff, n, n, lda);
        checkMatrix("spotrs", "b", b == null ? -1 : b.length, bOff, n, nrhs, ldb);
        return potrs(Prec.S, upper, n, nrhs, MemorySegment.ofArray(a), aOff, lda, MemorySegment.ofArray(b), bOff, ldb);
    }

    /** {@link #spotrs} in double precision. */
    public static int dpotrs(boolean upper, int n, int nrhs, double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        checkMatrix("dpotrs", "a", a == null ? -1 : a.length, aOff, n, n, lda);
        checkMatrix("dpotrs", "b", b == null ? -1 : b.length, bOff, n, nrhs, ldb);
        return potrs(Prec.D, upper, n, nrhs, MemorySegment.ofArray(a), aOff, lda, MemorySegment.ofArray(b), bOff, ldb);
    }

    private static int potrf(Prec p, boolean upper, int n, MemorySegment a, int aOff, int lda) {
        String routine = p.prefix + "potrf";
        requireAvailable();
        if (n == 0) return 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ab = alloc(arena, p, (long) n * n);
            pack(p, a, aOff, n, n, lda, ab);
            int info;
            if (usesLapacke()) {
                byte uplo = (byte) (upper ? 'U' : 'L');
                info = p == Prec.S ? lapacke_h.LAPACKE_spotrf(ROW_MAJOR, uplo, n, ab, n)
                        : lapacke_h.LAPACKE_dpotrf(ROW_MAJOR, uplo, n, ab, n);
            } else {
                // Row-major A is column-major Aᵀ = A; the column-major "U" (A = UᵀU) stored there is, read row-major,
                // the lower factor L = Uᵀ (A = L·Lᵀ): flip uplo, no transposition needed.
                MemorySegment infoSeg = integer(arena, 0);
                MemorySegment ul = chr(arena, upper ? 'L' : 'U');
                MemorySegment nn = integer(arena, n);
                if (p == Prec.S) lapack_h.spotrf_(ul, nn, ab, nn, infoSeg, 1L);
                else lapack_h.dpotrf_(ul, nn, ab, nn, infoSeg, 1L);
                info = infoSeg.get(ValueLayout.JAVA_INT, 0);
            }
            check(routine, info);
            unpack(p, ab, n, n, a, aOff, lda);
            return info;
        }
    }

    private static int potrs(Prec p, boolean upper, int n, int nrhs, MemorySegment a, int aOff, int lda,
                             MemorySegment b, int bOff, int ldb) {
        String routine = p.prefix + "potrs";
        requireAvailable();
        if (n == 0 || nrhs == 0) return 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ab = alloc(arena, p, (long) n * n);
            MemorySegment bb = alloc(arena, p, (long) n * nrhs);
            pack(p, a, aOff, n, n, lda, ab);
            int info;
            if (usesLapacke()) {
                pack(p, b, bOff, n, nrhs, ldb, bb);
                byte uplo = (byte) (upper ? 'U' : 'L');
                info = p == Prec.S ? lapacke_h.LAPACKE_spotrs(ROW_MAJOR, uplo, n, nrhs, ab, n, bb, nrhs)
                        : lapacke_h.LAPACKE_dpotrs(ROW_MAJOR, uplo, n, nrhs, ab, n, bb, nrhs);
                check(routine, info);
                unpack(p, bb, n, nrhs, b, bOff, ldb);
            } else {
                // The factor's layout as in potrf (flip uplo); B must be column-major n×nrhs: transpose in and out.
                packTransposed(p, b, bOff, n, nrhs, ldb, bb);
                MemorySegment infoSeg = integer(arena, 0);
                MemorySegment ul = chr(arena, upper ? 'L' : 'U');
                MemorySegment nn = integer(arena, n);
                MemorySegment nr = integer(arena, nrhs);
                if (p == Prec.S) lapack_h.spotrs_(ul, nn, nr, ab, nn, bb, nn, infoSeg, 1L);
                else lapack_h.dpotrs_(ul, nn, nr, ab, nn, bb, nn, infoSeg, 1L);
                info = infoSeg.get(ValueLayout.JAVA_INT, 0);
                check(routine, info);
                unpackTransposed(p, bb, n, nrhs, b, bOff, ldb);
            }
            return info;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void requireAvailable() {
        if (!OpenBlas.isAvailable()) {
            throw new IllegalStateException("LAPACK needs OpenBLAS: " + OpenBlas.unavailableReason().orElse(""));
        }
    }

    private static void check(String routine, int info) {
        if (info < 0) {
            throw new LapackException(routine, info, "argument " + (-info) + " had an illegal value (info=" + info
                    + "); this is a bug in the caller of LAPACK");
        }
    }

    /** Validates a row-major rows×cols view of an array of length {@code len} (-1 for null). */
    static void checkMatrix(String routine, String name, int len, int off, int rows, int cols, int ld) {
        String shape = name + " " + rows + "x" + cols + " at offset " + off + " with leading dimension " + ld;
        if (len < 0) throw new IllegalArgumentException(routine + ": " + name + " must not be null");
        if (rows < 0 || cols < 0) throw new IllegalArgumentException(routine + ": negative shape: " + shape);
        if (off < 0) throw new IllegalArgumentException(routine + ": negative offset: " + shape);
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(routine + ": leading dimension below max(1, cols): " + shape);
        }
        long end = rows == 0 || cols == 0 ? off : off + (long) (rows - 1) * ld + cols;
        if (end > len) {
            throw new IllegalArgumentException(routine + ": " + shape + " ends at " + end + ", past the array's length " + len);
        }
    }

    static void checkVector(String routine, String name, int len, int off, int n) {
        if (len < 0) throw new IllegalArgumentException(routine + ": " + name + " must not be null");
        if (n < 0 || off < 0 || (long) off + n > len) {
            throw new IllegalArgumentException(routine + ": " + name + " of length " + n + " at offset " + off
                    + " does not fit in an array of length " + len);
        }
    }

    private static MemorySegment alloc(Arena arena, Prec p, long elements) {
        return arena.allocate(Math.max(1, elements) * p.bytes, 64);
    }

    private static MemorySegment integer(Arena arena, int v) {
        return arena.allocateFrom(ValueLayout.JAVA_INT, v);
    }

    private static MemorySegment chr(Arena arena, char c) {
        return arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) c);
    }

    private static MemorySegment chr(Arena arena, byte c) {
        return arena.allocateFrom(ValueLayout.JAVA_BYTE, c);
    }

    /** LAPACK returns the optimal workspace size as a floating-point number; round it up safely. */
    private static int workspaceSize(Prec p, MemorySegment query) {
        double v = p == Prec.S ? query.get(ValueLayout.JAVA_FLOAT, 0) : query.get(ValueLayout.JAVA_DOUBLE, 0);
        double padded = Math.ceil(v * (1 + 1e-6)) + 1; // a float's 24-bit mantissa may have rounded it down
        if (padded > Integer.MAX_VALUE) throw new LapackException(p.prefix, 0, "workspace of " + v + " elements is too large");
        return (int) Math.max(1, padded);
    }

    /** Copies a rows×cols row-major view (leading dimension ld) into a compact native buffer. */
    private static void pack(Prec p, MemorySegment src, int off, int rows, int cols, int ld, MemorySegment dst) {
        long rowBytes = (long) cols * p.bytes;
        for (int i = 0; i < rows; i++) {
            MemorySegment.copy(src, ((long) off + (long) i * ld) * p.bytes, dst, i * rowBytes, rowBytes);
        }
    }

    private static void unpack(Prec p, MemorySegment src, int rows, int cols, MemorySegment dst, int off, int ld) {
        long rowBytes = (long) cols * p.bytes;
        for (int i = 0; i < rows; i++) {
            MemorySegment.copy(src, i * rowBytes, dst, ((long) off + (long) i * ld) * p.bytes, rowBytes);
        }
    }

    /** dst (compact, column-major rows×cols, i.e. element (i,j) at j*rows+i) = the row-major view. */
    private static void packTransposed(Prec p, MemorySegment src, int off, int rows, int cols, int ld, MemorySegment dst) {
        for (int i = 0; i < rows; i++) {
            long s = (long) off + (long) i * ld;
            for (int j = 0; j < cols; j++) copyElement(p, src, s + j, dst, (long) j * rows + i);
        }
    }

    /** The row-major view = src (compact, column-major rows×cols). */
    private static void unpackTransposed(Prec p, MemorySegment src, int rows, int cols, MemorySegment dst, int off, int ld) {
        for (int i = 0; i < rows; i++) {
            long d = (long) off + (long) i * ld;
            for (int j = 0; j < cols; j++) copyElement(p, src, (long) j * rows + i, dst, d + j);
        }
    }

    private static void copyElement(Prec p, MemorySegment src, long si, MemorySegment dst, long di) {
        if (p == Prec.S) dst.setAtIndex(ValueLayout.JAVA_INT, di, src.getAtIndex(ValueLayout.JAVA_INT, si));
        else dst.setAtIndex(ValueLayout.JAVA_LONG, di, src.getAtIndex(ValueLayout.JAVA_LONG, si));
    }

    private static void identity(Prec p, MemorySegment x, int off, int n, int ld) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long idx = (long) off + (long) i * ld + j;
                if (p == Prec.S) x.setAtIndex(ValueLayout.JAVA_FLOAT, idx, i == j ? 1f : 0f);
                else x.setAtIndex(ValueLayout.JAVA_DOUBLE, idx, i == j ? 1d : 0d);
            }
        }
    }
}
