package io.latentj.simd.blas;

import io.latentj.bindings.cblas.cblas_h;
import io.latentj.bindings.cblas.cblas_h_critical;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * OpenBLAS through FFM. Same contract as {@code ScalarBlas} (row-major, element offsets and leading dimensions;
 * {@code beta == 0} overwrites the output without reading it; {@code alpha == 0} does not read the inputs).
 * The facade validates shapes before calling, but every method here also checks, via {@link BlasArgs}, that
 * each index range lies inside its array, so that no argument can make native code touch memory outside it.
 * When OpenBLAS is not loaded every method throws {@link IllegalStateException} with the reason.
 *
 * <h2>Two ways to call</h2>
 * <b>Short calls</b> pass the Java arrays themselves ({@code MemorySegment.ofArray}) to handles linked with
 * {@code Linker.Option.critical(true)}: no copy and the cheapest transition, but the GC cannot run in any
 * thread until the call returns. <b>Long calls</b> (GEMM and SYRK above {@link #NATIVE_FLOPS}) copy their
 * operands into a pooled native buffer ({@link NativeScratch}) and use the plain handles, so the GC runs
 * meanwhile; C is copied in only when {@code beta != 0}. GEMV, GER and the level-1 operations stay critical and
 * are split into pieces of at most {@link #CHUNK} matrix elements so that no single critical section is long. A
 * GEMV of one piece passes x and y through pooled native vectors and A as the whole-array segment its
 * {@code FMatrix} keeps, so the single-sample inference that runs on it allocates nothing.
 *
 * <h2>Measurements behind the threshold</h2>
 * Measured on the 2-CPU build machine (Xeon, Cooperlake kernels, Debian OpenBLAS 0.3.21, JDK 25, ParallelGC;
 * the machine was under load from other builds, load average ~8, so absolute numbers are noisy and low):
 * <pre>
 *   sgemm 100x256x784 (40 MFLOP), 1 thread:  critical  592 us   copy + non-critical  642 us   (+8%)
 *   sgemm 256^3      (34 MFLOP), 1 thread:   critical  619 us   copy + non-critical  583 us   (noise)
 *   sgemm 512^3     (268 MFLOP), 2 threads:  critical 4.5 ms    copy + non-critical  5.8 ms  (noisy)
 *   sgemm 2048^3     (17 GFLOP), 2 threads:  critical 242 ms    copy + non-critical  264 ms  (+9%, ~65-70 GFLOP/s)
 *   sgemm 64^3, 1 thread:                    critical 6.5 us    copy + non-critical  10.8 us
 *   sgemv 500x784, 1 thread:                 critical 51 us     native no copy 50 us   copy + non-critical 110 us
 *   sdot n=8, critical on heap arrays: 16-20 ns
 *   System.gc() on another thread while 2048^3 sgemms run: waits up to 506-1218 ms when critical, 88 ms
 *   (ordinary scheduling under load) with copy + non-critical.
 *   Through this class (load average ~9): gemm 100x256x784 1.4 ms, 2048^3 405 ms (1 thread); gemv 500x784
 *   49 us; dot n=8 17 ns.
 * </pre>
 * On an idle machine expect ~99 GFLOP/s (1 thread) and ~170 GFLOP/s (2 threads) for 2048^3 and 37-41 us for
 * the 500x784 GEMV; the ratios above, not the absolute numbers, set the threshold. Re-measure with the JMH
 * benchmarks of the bench module before moving it.
 * The copy costs a few per cent at most once a call does more than a few tens of MFLOP, while a critical call
 * stalls every thread's allocation for its whole duration. {@link #NATIVE_FLOPS} = 64 MFLOP (about 1 ms at
 * these speeds) keeps critical sections under roughly a millisecond; the MNIST-sized 100x784x256 GEMMs
 * (40 MFLOP, ~0.6 ms) stay on the critical path.
 */
public final class NativeBlas {
    /** GEMM/SYRK doing at least this many flops (2mnk, resp. n²k) copy to native memory instead of running critical. */
    static final double NATIVE_FLOPS = 64e6;
    /**
     * Largest number of matrix (or vector) elements one critical GEMV/GER/level-1 call handles: 16 MiB, ~0.2 ms for a
     * GEMV on one thread, well under a millisecond (a 1,600×784 dictionary, 5 MB, is one call).
     */
    static final int CHUNK = 1 << 22;

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    private static final int LOWER = 122;

    /**
     * A vector of ones shared by every thread: BLAS only ever reads it (it is x), so a thread that finds it too short
     * publishes a longer one; racing threads each publish a vector of ones, all correct.
     */
    private static volatile float[] ones = new float[0];

    private NativeBlas() {}

    private static MemorySegment heap(float[] array, int off) {
        return MemorySegment.ofArray(array).asSlice((long) off * Float.BYTES);
    }

    private static int t(boolean trans) {
        return trans ? TRANS : NO_TRANS;
    }

    /** y[0..len) = alpha·0 + beta·y (or alpha·0 when beta == 0): the result of an empty product. */
    private static void scaleOnly(float alpha, float beta, float[] y, int off, int len) {
        float zero = alpha * 0f;
        for (int i = 0; i < len; i++) y[off + i] = beta == 0f ? zero : zero + beta * y[off + i];
    }

    // ------------------------------------------------------------------ level 3

    /** C(m×n) = alpha · op(A)(m×k) · op(B)(k×n) + beta · C. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        BlasArgs.dim("gemm", "m", m);
        BlasArgs.dim("gemm", "n", n);
        BlasArgs.dim("gemm", "k", k);
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        BlasArgs.matrix("gemm", transA ? "A (transposed, stored k x m)" : "A (m x k)", a, aOff, aRows, aCols, lda);
        BlasArgs.matrix("gemm", transB ? "B (transposed, stored n x k)" : "B (k x n)", b, bOff, bRows, bCols, ldb);
        BlasArgs.matrix("gemm", "C (m x n)", c, cOff, m, n, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            for (int i = 0; i < m; i++) scaleOnly(alpha, beta, c, cOff + i * ldc, n);
            return;
        }
        if (2.0 * m * n * k < NATIVE_FLOPS) {
            cblas_h_critical.cblas_sgemm(ROW_MAJOR, t(transA), t(transB), m, n, k, alpha, heap(a, aOff), lda,
                    heap(b, bOff), ldb, beta, heap(c, cOff), ldc);
            return;
        }
        long aLen = NativeScratch.aligned(NativeScratch.span(aRows, aCols, lda));
        long bLen = NativeScratch.aligned(NativeScratch.span(bRows, bCols, ldb));
        long cLen = NativeScratch.span(m, n, ldc);
        NativeScratch scratch = NativeScratch.borrow();
        try {
            MemorySegment s = scratch.floats(aLen + bLen + cLen);
            NativeScratch.copyIn(a, aOff, aRows, aCols, lda, s, 0);
            NativeScratch.copyIn(b, bOff, bRows, bCols, ldb, s, aLen);
            if (beta != 0f) NativeScratch.copyIn(c, cOff, m, n, ldc, s, aLen + bLen);
            cblas_h.cblas_sgemm(ROW_MAJOR, t(transA), t(transB), m, n, k, alpha, s, lda,
                    s.asSlice(aLen * Float.BYTES), ldb, beta, s.asSlice((aLen + bLen) * Float.BYTES), ldc);
            NativeScratch.copyOut(s, aLen + bLen, c, cOff, m, n, ldc);
        } finally {
            NativeScratch.release(scratch);
        }
    }

    /**
     * C(n×n) = alpha · A·Aᵀ + beta · C with A n×k, or alpha · AᵀA + beta · C with A k×n when {@code trans}; both
     * triangles of C are written (OpenBLAS computes the lower one, which is then mirrored).
     */
    public static void syrk(boolean trans, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float beta, float[] c, int cOff, int ldc) {
        BlasArgs.dim("syrk", "n", n);
        BlasArgs.dim("syrk", "k", k);
        int aRows = trans ? k : n;
        int aCols = trans ? n : k;
        BlasArgs.matrix("syrk", trans ? "A (transposed, stored k x n)" : "A (n x k)", a, aOff, aRows, aCols, lda);
        BlasArgs.matrix("syrk", "C (n x n)", c, cOff, n, n, ldc);
        if (n == 0) return;
        if (k == 0 || alpha == 0f) {
            for (int i = 0; i < n; i++) scaleOnly(alpha, beta, c, cOff + i * ldc, i + 1);
        } else if ((double) n * n * k < NATIVE_FLOPS) {
            cblas_h_critical.cblas_ssyrk(ROW_MAJOR, LOWER, t(trans), n, k, alpha, heap(a, aOff), lda, beta, heap(c, cOff), ldc);
        } else {
            long aLen = NativeScratch.aligned(NativeScratch.span(aRows, aCols, lda));
            long cLen = NativeScratch.span(n, n, ldc);
            NativeScratch scratch = NativeScratch.borrow();
            try {
                MemorySegment s = scratch.floats(aLen + cLen);
                NativeScratch.copyIn(a, aOff, aRows, aCols, lda, s, 0);
                if (beta != 0f) NativeScratch.copyIn(c, cOff, n, n, ldc, s, aLen);
                cblas_h.cblas_ssyrk(ROW_MAJOR, LOWER, t(trans), n, k, alpha, s, lda, beta, s.asSlice(aLen * Float.BYTES), ldc);
                for (int i = 0; i < n; i++) { // the lower triangle, row by row
                    NativeScratch.copyOut(s, aLen + (long) i * ldc, c, cOff + i * ldc, 1, i + 1, i + 1);
                }
            } finally {
                NativeScratch.release(scratch);
            }
        }
        for (int i = 1; i < n; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < i; j++) c[cOff + j * ldc + i] = c[row + j];
        }
    }

    // ------------------------------------------------------------------ level 2

    /** y = alpha · op(A) · x + beta · y, where A is m×n; op(A)·x has m entries, or n when transposed. */
    public static void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                            float[] x, int xOff, float beta, float[] y, int yOff) {
        gemv(trans, m, n, alpha, a, null, aOff, lda, x, xOff, beta, y, yOff);
    }

    /**
     * {@link #gemv(boolean, int, int, float, float[], int, int, float[], int, float, float[], int)} with
     * {@code aWhole}, the segment {@code MemorySegment.ofArray(a)} of the whole array that the caller keeps (null: made
     * here), so that a call on a matrix with offset 0 that fits one piece allocates nothing.
     */
    public static void gemv(boolean trans, int m, int n, float alpha, float[] a, MemorySegment aWhole, int aOff, int lda,
                            float[] x, int xOff, float beta, float[] y, int yOff) {
        BlasArgs.dim("gemv", "m", m);
        BlasArgs.dim("gemv", "n", n);
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        BlasArgs.matrix("gemv", "A (m x n)", a, aOff, m, n, lda);
        BlasArgs.vector("gemv", trans ? "x (length m)" : "x (length n)", x, xOff, inLen);
        BlasArgs.vector("gemv", trans ? "y (length n)" : "y (length m)", y, yOff, outLen);
        if (aWhole != null && aWhole.byteSize() != (long) a.length * Float.BYTES) {
            throw new IllegalArgumentException("gemv: the segment of A has " + aWhole.byteSize() + " bytes, the array " + a.length + " floats");
        }
        gemvUnchecked(trans, m, n, alpha, a, aWhole, aOff, lda, x, xOff, beta, y, yOff);
    }

    private static void gemvUnchecked(boolean trans, int m, int n, float alpha, float[] a, MemorySegment aWhole, int aOff, int lda,
                                      float[] x, int xOff, float beta, float[] y, int yOff) {
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        if (outLen == 0) return;
        if (inLen == 0 || alpha == 0f) {
            scaleOnly(alpha, beta, y, yOff, outLen);
            return;
        }
        // Whether OpenBLAS reads y when beta == 0 has varied between versions (NaN in y leaking through);
        // zeroing it first gives the overwrite semantics on every build.
        if (beta == 0f) Arrays.fill(y, yOff, yOff + outLen, 0f);
        if ((long) m * n <= CHUNK) {
            // one critical call with x and y in a pooled scratch's native vectors and A as the caller's segment of its
            // whole array: no heap slice is made, so a single-sample call allocates nothing (on any thread, new or not)
            MemorySegment as = aOff == 0 && aWhole != null ? aWhole : heap(a, aOff);
            NativeScratch scratch = NativeScratch.borrow();
            try {
                MemorySegment xs = scratch.vector(0, inLen), ys = scratch.vector(1, outLen);
                MemorySegment.copy(x, xOff, xs, ValueLayout.JAVA_FLOAT, 0, inLen);
                MemorySegment.copy(y, yOff, ys, ValueLayout.JAVA_FLOAT, 0, outLen);
                cblas_h_critical.cblas_sgemv(ROW_MAJOR, t(trans), m, n, alpha, as, lda, xs, 1, beta, ys, 1);
                MemorySegment.copy(ys, ValueLayout.JAVA_FLOAT, 0, y, yOff, outLen);
            } finally {
                NativeScratch.release(scratch);
            }
            return;
        }
        int rowsPerChunk = Math.max(1, CHUNK / Math.max(1, n));
        for (int r0 = 0, rows; r0 < m; r0 += rows) {
            rows = Math.min(rowsPerChunk, m - r0);
            MemorySegment ar = heap(a, aOff + r0 * lda);
            if (trans) { // y += alpha · A[r0..r0+rows)ᵀ · x[r0..r0+rows), beta applied by the first piece
                cblas_h_critical.cblas_sgemv(ROW_MAJOR, TRANS, rows, n, alpha, ar, lda, heap(x, xOff + r0), 1,
                        r0 == 0 ? beta : 1f, heap(y, yOff), 1);
            } else {
                cblas_h_critical.cblas_sgemv(ROW_MAJOR, NO_TRANS, rows, n, alpha, ar, lda, heap(x, xOff), 1,
                        beta, heap(y, yOff + r0), 1);
            }
        }
    }

    /** A(m×n) += alpha · x · yᵀ (rank-1 update). */
    public static void ger(int m, int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] a, int aOff, int lda) {
        BlasArgs.dim("ger", "m", m);
        BlasArgs.dim("ger", "n", n);
        BlasArgs.vector("ger", "x (length m)", x, xOff, m);
        BlasArgs.vector("ger", "y (length n)", y, yOff, n);
        BlasArgs.matrix("ger", "A (m x n)", a, aOff, m, n, lda);
        if (m == 0 || n == 0 || alpha == 0f) return;
        int rowsPerChunk = Math.max(1, CHUNK / n);
        for (int r0 = 0, rows; r0 < m; r0 += rows) {
            rows = Math.min(rowsPerChunk, m - r0);
            cblas_h_critical.cblas_sger(ROW_MAJOR, rows, n, alpha, heap(x, xOff + r0), 1, heap(y, yOff), 1,
                    heap(a, aOff + r0 * lda), lda);
        }
    }

    // ------------------------------------------------------------------ level 1

    /** y += alpha · x. */
    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        BlasArgs.vector("axpy", "x", x, xOff, n);
        BlasArgs.vector("axpy", "y", y, yOff, n);
        if (alpha == 0f) return;
        for (int i = 0, len; i < n; i += len) { // steps of len <= n - i: no overflow near Integer.MAX_VALUE
            len = Math.min(CHUNK, n - i);
            cblas_h_critical.cblas_saxpy(len, alpha, heap(x, xOff + i), 1, heap(y, yOff + i), 1);
        }
    }

    /** xᵀy. */
    public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        BlasArgs.vector("dot", "x", x, xOff, n);
        BlasArgs.vector("dot", "y", y, yOff, n);
        float s = 0f;
        for (int i = 0, len; i < n; i += len) { // steps of len <= n - i: no overflow near Integer.MAX_VALUE
            len = Math.min(CHUNK, n - i);
            s += cblas_h_critical.cblas_sdot(len, heap(x, xOff + i), 1, heap(y, yOff + i), 1);
        }
        return s;
    }

    /** x *= alpha. */
    public static void scal(int n, float alpha, float[] x, int xOff) {
        BlasArgs.vector("scal", "x", x, xOff, n);
        if (alpha == 0f) {
            // OpenBLAS versions differ on whether sscal by 0 turns NaN/Inf into 0; IEEE (and ScalarBlas) say NaN.
            for (int i = 0; i < n; i++) x[xOff + i] *= 0f;
            return;
        }
        for (int i = 0, len; i < n; i += len) { // steps of len <= n - i: no overflow near Integer.MAX_VALUE
            len = Math.min(CHUNK, n - i);
            cblas_h_critical.cblas_sscal(len, alpha, heap(x, xOff + i), 1);
        }
    }

    /** Euclidean norm ‖x‖₂. */
    public static float nrm2(int n, float[] x, int xOff) {
        BlasArgs.vector("nrm2", "x", x, xOff, n);
        if (n <= CHUNK) return n == 0 ? 0f : cblas_h_critical.cblas_snrm2(n, heap(x, xOff), 1);
        double s = 0;
        for (int i = 0, len; i < n; i += len) {
            len = Math.min(CHUNK, n - i);
            double part = cblas_h_critical.cblas_snrm2(len, heap(x, xOff + i), 1);
            s += part * part;
        }
        return (float) Math.sqrt(s);
    }

    // ------------------------------------------------------------------ reductions via GEMV

    /** out[i] = Σ_j A[i][j] for the m×n matrix A (a GEMV with a vector of ones). */
    public static void rowSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        BlasArgs.dim("rowSums", "m", m);
        BlasArgs.dim("rowSums", "n", n);
        BlasArgs.matrix("rowSums", "A (m x n)", a, aOff, m, n, lda);
        BlasArgs.vector("rowSums", "out (length m)", out, outOff, m);
        gemvUnchecked(false, m, n, 1f, a, null, aOff, lda, ones(n), 0, 0f, out, outOff);
    }

    /** out[j] = Σ_i A[i][j] for the m×n matrix A (a transposed GEMV with a vector of ones). */
    public static void colSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        BlasArgs.dim("colSums", "m", m);
        BlasArgs.dim("colSums", "n", n);
        BlasArgs.matrix("colSums", "A (m x n)", a, aOff, m, n, lda);
        BlasArgs.vector("colSums", "out (length n)", out, outOff, n);
        gemvUnchecked(true, m, n, 1f, a, null, aOff, lda, ones(m), 0, 0f, out, outOff);
    }

    /** A vector of at least {@code n} ones (never written by BLAS: it is only ever x). */
    private static float[] ones(int n) {
        float[] o = ones;
        if (o.length < n) {
            o = new float[(int) Math.max(n, Math.min(Integer.MAX_VALUE - 8, 2L * o.length))];
            Arrays.fill(o, 1f);
            ones = o; // filled before it is published (volatile write)
        }
        return o;
    }
}
