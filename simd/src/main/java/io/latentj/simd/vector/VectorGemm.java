package io.latentj.simd.vector;

import io.latentj.simd.Parallelism;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API GEMM and SYRK: packed panels and a register-blocked micro-kernel. Same contract as ScalarBlas.
 *
 * <p>Goto / van de Geijn blocking: {@code jc} (NC columns of B) → {@code pc} (KC deep slice, B packed into
 * KC×NR panels) → {@code ic} (MC rows of A, packed into MR×KC panels with alpha applied) → {@code jr} →
 * {@code ir} → micro-kernel, which keeps an MR×NR block of C in vector registers. Packing zero-pads the
 * edges; edge tiles are written through a small scratch tile. Packing buffers are per thread and reused.
 *
 * <p>Performance notes (C2): the species is a {@code static final} constant and never passed as an argument,
 * the micro-kernel is one monomorphic static method, and every vector operator is a constant at its call site.
 * Large products are split by columns (or rows) over {@link Parallelism#threads()} threads; each part runs the
 * same serial code on an NR/MR-aligned slice, so the result is bit-identical to the single-thread one.
 */
public final class VectorGemm {
    private VectorGemm() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = S.length();
    /** Rows of the register block. */
    static final int MR = 12;
    /** Vectors per row of the register block. */
    static final int NV = 2;
    /** Columns of the register block. */
    static final int NR = NV * L;
    /** Depth of a packed slice. */
    static final int KC = Integer.getInteger("latentj.gemm.kc", 256);
    /** Rows of A packed at once (a multiple of MR). */
    static final int MC = Math.max(MR, Integer.getInteger("latentj.gemm.mc", 192) / MR * MR);
    /** Columns of B packed at once (a multiple of NR). */
    static final int NC = Math.max(NR, Integer.getInteger("latentj.gemm.nc", 2048) / NR * NR);
    /** Products with fewer floating-point operations than this stay on the caller's thread. */
    static final double PARALLEL_FLOPS = Double.parseDouble(System.getProperty("latentj.gemm.parallelFlops", "4e6"));

    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (alpha == 0f || k <= 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        int threads = Parallelism.threads();
        if (threads > 1 && 2.0 * m * n * k >= PARALLEL_FLOPS && !(Thread.currentThread() instanceof Worker)) {
            gemmParallel(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            gemmSerial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    public static void syrk(boolean trans, int n, int k, float alpha, float[] a, int aOff, int lda, float beta, float[] c, int cOff, int ldc) {
        if (n <= 0) return;
        // Block rows of the lower triangle (diagonal blocks included) through gemm, then mirror to the upper.
        final int nb = 256;
        for (int i0 = 0; i0 < n; i0 += nb) {
            int ib = Math.min(nb, n - i0);
            int cols = i0 + ib;
            if (trans) {
                gemm(true, false, ib, cols, k, alpha, a, aOff + i0, lda, a, aOff, lda, beta, c, cOff + i0 * ldc, ldc);
            } else {
                gemm(false, true, ib, cols, k, alpha, a, aOff + i0 * lda, lda, a, aOff, lda, beta, c, cOff + i0 * ldc, ldc);
            }
        }
        for (int i = 1; i < n; i++) {
            int ri = cOff + i * ldc;
            for (int j = 0; j < i; j++) c[cOff + j * ldc + i] = c[ri + j];
        }
    }

    // ---------------------------------------------------------------- driver

    /** C = beta·C (beta == 0 writes zeros without reading C). */
    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++) {
            int r = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, r, r + n, 0f);
            } else {
                for (int j = 0; j < n; j++) c[r + j] *= beta;
            }
        }
    }

    private static void gemmSerial(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int kcMax = Math.min(KC, k);
        int mcMax = Math.min(MC, roundUp(m, MR));
        int ncMax = Math.min(NC, roundUp(n, NR));
        Workspace ws = WORKSPACE.get();
        float[] ap = ws.packA(mcMax * kcMax);
        float[] bp = ws.packB(ncMax * kcMax);
        float[] tile = ws.tile;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaEff = pc == 0 ? beta : 1f;
                packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, alpha, a, aOff, lda, ic, pc, mc, kc, ap);
                    int cBlock = cOff + ic * ldc + jc;
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bBase = (jr / NR) * kc * NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            kernel(kc, ap, (ir / MR) * kc * MR, bp, bBase, c, cBlock + ir * ldc + jr, ldc, betaEff, mr, nr, tile);
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int q) {
        return (x + q - 1) / q * q;
    }

    // ---------------------------------------------------------------- packing

    /**
     * Packs alpha·op(A)[i0..i0+mc, p0..p0+kc] into MR×kc panels: panel r holds rows r·MR.., element (i, p) at
     * r·kc·MR + p·MR + i; rows past mc are zeros.
     */
    static void packA(boolean transA, float alpha, float[] a, int aOff, int lda, int i0, int p0, int mc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = (ir / MR) * kc * MR;
            if (!transA) {
                for (int i = 0; i < mr; i++) {
                    int src = aOff + (i0 + ir + i) * lda + p0;
                    int dst = base + i;
                    for (int p = 0; p < kc; p++) ap[dst + p * MR] = alpha * a[src + p];
                }
                for (int i = mr; i < MR; i++) {
                    for (int p = 0; p < kc; p++) ap[base + i + p * MR] = 0f;
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int dst = base + p * MR;
                    for (int i = 0; i < mr; i++) ap[dst + i] = alpha * a[src + i];
                    for (int i = mr; i < MR; i++) ap[dst + i] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0..p0+kc, j0..j0+nc] into kc×NR panels: panel q holds columns q·NR.., element (p, j) at
     * q·kc·NR + p·NR + j; columns past nc are zeros.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int j0, int kc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = (jr / NR) * kc * NR;
            if (!transB) {
                int src0 = bOff + p0 * ldb + j0 + jr;
                if (nr == NR) {
                    for (int p = 0; p < kc; p++) {
                        int src = src0 + p * ldb;
                        int dst = base + p * NR;
                        for (int v = 0; v < NV; v++) FloatVector.fromArray(S, b, src + v * L).intoArray(bp, dst + v * L);
                    }
                } else {
                    for (int v = 0; v < NV; v++) {
                        VectorMask<Float> mask = S.indexInRange(v * L, nr);
                        for (int p = 0; p < kc; p++) {
                            FloatVector.fromArray(S, b, src0 + p * ldb + v * L, mask).intoArray(bp, base + p * NR + v * L);
                        }
                    }
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    int dst = base + j;
                    for (int p = 0; p < kc; p++) bp[dst + p * NR] = b[src + p];
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0; p < kc; p++) bp[base + j + p * NR] = 0f;
                }
            }
        }
    }

    // ---------------------------------------------------------------- micro-kernel

    // BEGIN GENERATED KERNEL (regenerate rather than edit by hand)
    /**
     * The 12×2L micro-kernel: C[0..mr, 0..nr] (+)= Ap(MR×kc panel) · Bp(kc×NR panel), accumulated in
     * 24 vector registers. Generated code (one accumulator per row and vector); keep it monomorphic.
     */
    private static void kernel(int kc, float[] ap, int aBase, float[] bp, int bBase,
                               float[] c, int cOff, int ldc, float beta, int mr, int nr, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S); FloatVector c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S); FloatVector c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S); FloatVector c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S); FloatVector c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S); FloatVector c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S); FloatVector c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S); FloatVector c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S); FloatVector c7_1 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S); FloatVector c8_1 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S); FloatVector c9_1 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S); FloatVector c10_1 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S); FloatVector c11_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int pa = aBase + p * MR;
            int pb = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, pb);
            FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[pa]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, ap[pa + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, ap[pa + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, ap[pa + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, ap[pa + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, ap[pa + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, ap[pa + 6]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, ap[pa + 7]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, ap[pa + 8]);
            c8_0 = a8.fma(b0, c8_0);
            c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, ap[pa + 9]);
            c9_0 = a9.fma(b0, c9_0);
            c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, ap[pa + 10]);
            c10_0 = a10.fma(b0, c10_0);
            c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, ap[pa + 11]);
            c11_0 = a11.fma(b0, c11_0);
            c11_1 = a11.fma(b1, c11_1);
        }
        if (mr == MR && nr == NR) {
            if (beta == 0f) {
                { int r = cOff + 0 * ldc; c0_0.intoArray(c, r); c0_1.intoArray(c, r + L); }
                { int r = cOff + 1 * ldc; c1_0.intoArray(c, r); c1_1.intoArray(c, r + L); }
                { int r = cOff + 2 * ldc; c2_0.intoArray(c, r); c2_1.intoArray(c, r + L); }
                { int r = cOff + 3 * ldc; c3_0.intoArray(c, r); c3_1.intoArray(c, r + L); }
                { int r = cOff + 4 * ldc; c4_0.intoArray(c, r); c4_1.intoArray(c, r + L); }
                { int r = cOff + 5 * ldc; c5_0.intoArray(c, r); c5_1.intoArray(c, r + L); }
                { int r = cOff + 6 * ldc; c6_0.intoArray(c, r); c6_1.intoArray(c, r + L); }
                { int r = cOff + 7 * ldc; c7_0.intoArray(c, r); c7_1.intoArray(c, r + L); }
                { int r = cOff + 8 * ldc; c8_0.intoArray(c, r); c8_1.intoArray(c, r + L); }
                { int r = cOff + 9 * ldc; c9_0.intoArray(c, r); c9_1.intoArray(c, r + L); }
                { int r = cOff + 10 * ldc; c10_0.intoArray(c, r); c10_1.intoArray(c, r + L); }
                { int r = cOff + 11 * ldc; c11_0.intoArray(c, r); c11_1.intoArray(c, r + L); }
            } else {
                FloatVector vb = FloatVector.broadcast(S, beta);
                { int r = cOff + 0 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c0_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c0_1).intoArray(c, r + L); }
                { int r = cOff + 1 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c1_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c1_1).intoArray(c, r + L); }
                { int r = cOff + 2 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c2_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c2_1).intoArray(c, r + L); }
                { int r = cOff + 3 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c3_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c3_1).intoArray(c, r + L); }
                { int r = cOff + 4 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c4_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c4_1).intoArray(c, r + L); }
                { int r = cOff + 5 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c5_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c5_1).intoArray(c, r + L); }
                { int r = cOff + 6 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c6_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c6_1).intoArray(c, r + L); }
                { int r = cOff + 7 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c7_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c7_1).intoArray(c, r + L); }
                { int r = cOff + 8 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c8_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c8_1).intoArray(c, r + L); }
                { int r = cOff + 9 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c9_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c9_1).intoArray(c, r + L); }
                { int r = cOff + 10 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c10_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c10_1).intoArray(c, r + L); }
                { int r = cOff + 11 * ldc; FloatVector.fromArray(S, c, r).fma(vb, c11_0).intoArray(c, r); FloatVector.fromArray(S, c, r + L).fma(vb, c11_1).intoArray(c, r + L); }
            }
        } else {
            c0_0.intoArray(tile, 0 * L); c0_1.intoArray(tile, 1 * L);
            c1_0.intoArray(tile, 2 * L); c1_1.intoArray(tile, 3 * L);
            c2_0.intoArray(tile, 4 * L); c2_1.intoArray(tile, 5 * L);
            c3_0.intoArray(tile, 6 * L); c3_1.intoArray(tile, 7 * L);
            c4_0.intoArray(tile, 8 * L); c4_1.intoArray(tile, 9 * L);
            c5_0.intoArray(tile, 10 * L); c5_1.intoArray(tile, 11 * L);
            c6_0.intoArray(tile, 12 * L); c6_1.intoArray(tile, 13 * L);
            c7_0.intoArray(tile, 14 * L); c7_1.intoArray(tile, 15 * L);
            c8_0.intoArray(tile, 16 * L); c8_1.intoArray(tile, 17 * L);
            c9_0.intoArray(tile, 18 * L); c9_1.intoArray(tile, 19 * L);
            c10_0.intoArray(tile, 20 * L); c10_1.intoArray(tile, 21 * L);
            c11_0.intoArray(tile, 22 * L); c11_1.intoArray(tile, 23 * L);
            mergeEdge(tile, c, cOff, ldc, beta, mr, nr);
        }
    }
    // END GENERATED KERNEL

    /** Adds (or, with beta == 0, writes) the mr×nr corner of an MR×NR scratch tile into C. */
    private static void mergeEdge(float[] tile, float[] c, int cOff, int ldc, float beta, int mr, int nr) {
        for (int i = 0; i < mr; i++) {
            int r = cOff + i * ldc;
            int t = i * NR;
            if (beta == 0f) {
                for (int j = 0; j < nr; j++) c[r + j] = tile[t + j];
            } else {
                for (int j = 0; j < nr; j++) c[r + j] = Math.fma(beta, c[r + j], tile[t + j]);
            }
        }
    }

    // ---------------------------------------------------------------- per-thread buffers

    private static final class Workspace {
        private float[] a = new float[0];
        private float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] packA(int size) {
            if (a.length < size) a = new float[size];
            return a;
        }

        float[] packB(int size) {
            if (b.length < size) b = new float[size];
            return b;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    // ---------------------------------------------------------------- threads

    /** A daemon thread of the GEMM pool; GEMMs called on it run serially (no nested splitting). */
    private static final class Worker extends Thread {
        Worker(Runnable r, int id) {
            super(r, "latentj-gemm-" + id);
            setDaemon(true);
        }
    }

    private static ExecutorService pool;
    private static int poolWorkers;

    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || poolWorkers < workers) {
            if (pool != null) pool.shutdown();
            int[] ids = {0};
            pool = Executors.newFixedThreadPool(workers, r -> new Worker(r, ids[0]++));
            poolWorkers = workers;
        }
        return pool;
    }

    private static void gemmParallel(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        // Split the columns into NR-aligned slices when there are enough of them, else the rows into MR-aligned ones.
        boolean byCols = (n + NR - 1) / NR >= 2 * threads || (n + NR - 1) / NR >= (m + MR - 1) / MR;
        int unit = byCols ? NR : MR;
        int extent = byCols ? n : m;
        int units = (extent + unit - 1) / unit;
        int parts = Math.min(threads, units);
        if (parts <= 1) {
            gemmSerial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        ExecutorService exec = pool(threads - 1);
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        Runnable first = null;
        for (int t = 0; t < parts; t++) {
            int lo = Math.min(extent, (int) ((long) units * t / parts) * unit);
            int hi = Math.min(extent, (int) ((long) units * (t + 1) / parts) * unit);
            Runnable task;
            if (byCols) {
                int bo = transB ? bOff + lo * ldb : bOff + lo;
                task = () -> gemmSerial(transA, transB, m, hi - lo, k, alpha, a, aOff, lda, b, bo, ldb, beta, c, cOff + lo, ldc);
            } else {
                int ao = transA ? aOff + lo : aOff + lo * lda;
                task = () -> gemmSerial(transA, transB, hi - lo, n, k, alpha, a, ao, lda, b, bOff, ldb, beta, c, cOff + lo * ldc, ldc);
            }
            if (t == 0) first = task;
            else futures[t - 1] = exec.submit(task);
        }
        Throwable failure = null;
        try {
            first.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error er) throw er;
        if (failure != null) throw new IllegalStateException("GEMM worker failed", failure);
    }
}
