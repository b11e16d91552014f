package io.latentj.simd.vector;

import io.latentj.simd.Parallelism;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API GEMM and SYRK: packed panels and a register-blocked micro-kernel. Same contract as ScalarBlas.
 *
 * <p>Goto / van de Geijn blocking: {@code jc} (NC columns of B) → {@code pc} (KC deep slice, B packed into
 * KC×NR panels) → {@code ic} (MC rows of A, packed into MR×KC panels with alpha applied) → {@code jr} →
 * {@code ir} → micro-kernel, which keeps an MR×NR block of C in vector registers. Packing zero-pads the
 * edges; edge tiles are computed into a small scratch tile and added to C. beta is applied to C first, so the
 * micro-kernel only adds and has no branch a later call could take for the first time (a path first taken
 * after C2 compiled the kernel deoptimizes it, and interpreted Vector API code is ~100× slower). Packing
 * buffers are per thread and reused.
 *
 * <p>Performance notes (C2): the species is a {@code static final} constant and never passed as an argument,
 * the micro-kernels (12 rows, and 8 and 4 for tail rows) are monomorphic static methods, and every vector
 * operator is a constant at its call site. The kernels are generated code: change them all alike.
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
    /** Largest depth of a packed slice; k is cut into equal slices no deeper than this. */
    static final int KC = Math.max(8, Integer.getInteger("latentj.gemm.kc", 512));
    /** Largest number of rows of A packed at once (a multiple of MR); m is cut into near-equal blocks. */
    static final int MC = Math.max(MR, Integer.getInteger("latentj.gemm.mc", 192) / MR * MR);
    /** Columns of B packed at once (a multiple of NR). */
    static final int NC = Math.max(NR, Integer.getInteger("latentj.gemm.nc", 2048) / NR * NR);
    /**
     * Products with fewer floating-point operations than this stay on the caller's thread (handing work to the
     * pool costs tens of microseconds; 2e7 flops take ~0.2 ms on one AVX-512 core).
     * The latentj.gemm.* properties are internal tuning knobs for benchmarks, not a supported setting.
     */
    static final double PARALLEL_FLOPS = Double.parseDouble(System.getProperty("latentj.gemm.parallelFlops", "2e7"));

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
        // 192-row blocks: about n²/2 + 96·n products computed instead of n², and B panels still reused enough.
        final int nb = 192;
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
        Workspace ws = WORKSPACE.borrow();
        try {
            gemmSerial(ws, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } finally {
            WORKSPACE.release(ws);
        }
    }

    private static void gemmSerial(Workspace ws, boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int kcMax = balanced(k, KC, 8);
        int mcMax = balanced(m, MC, MR);
        int ncMax = roundUp(Math.min(NC, n), NR);
        float[] ap = ws.packA(mcMax * kcMax);
        float[] bp = ws.packB(ncMax * kcMax);
        float[] tile = ws.tile;
        // beta is applied up front, so the kernel only ever adds (beta == 0 zeroes C without reading it).
        scaleC(m, n, beta, c, cOff, ldc);
        for (int jc = 0, nc; jc < n; jc += nc) { // steps of nc <= n - jc: the counter never overflows
            nc = Math.min(NC, n - jc);
            for (int pc = 0, kc; pc < k; pc += kc) {
                kc = Math.min(kcMax, k - pc);
                packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp);
                for (int ic = 0, mc; ic < m; ic += mc) {
                    mc = Math.min(mcMax, m - ic);
                    packA(transA, alpha, a, aOff, lda, ic, pc, mc, kc, ap);
                    int cBlock = cOff + ic * ldc + jc;
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bBase = (jr / NR) * kc * NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int aBase = (ir / MR) * kc * MR;
                            int cTile = cBlock + ir * ldc + jr;
                            // Tail rows use the 4- and 8-row kernels (MR = 12), so that fewer zero rows are computed.
                            if (nr == NR && mr == MR) {
                                kernel(kc, ap, aBase, bp, bBase, c, cTile, ldc);
                            } else if (nr == NR && mr == 8) {
                                kernel8(kc, ap, aBase, bp, bBase, c, cTile, ldc);
                            } else if (nr == NR && mr == 4) {
                                kernel4(kc, ap, aBase, bp, bBase, c, cTile, ldc);
                            } else {
                                java.util.Arrays.fill(tile, 0f);
                                if (mr <= 4) kernel4(kc, ap, aBase, bp, bBase, tile, 0, NR);
                                else if (mr <= 8) kernel8(kc, ap, aBase, bp, bBase, tile, 0, NR);
                                else kernel(kc, ap, aBase, bp, bBase, tile, 0, NR);
                                addEdge(tile, c, cTile, ldc, mr, nr);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The step that cuts {@code extent} into the fewest blocks of at most {@code max}, as equal as a multiple of {@code q} allows. */
    private static int balanced(int extent, int max, int q) {
        if (extent <= 0) return q;
        int blocks = (extent - 1) / max + 1; // ceilings written so that no sum overflows near Integer.MAX_VALUE
        return Math.min(max, roundUp((extent - 1) / blocks + 1, q));
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
                    // Edge panel: scalar on purpose (rarely taken, so it may first run interpreted).
                    for (int p = 0; p < kc; p++) {
                        int src = src0 + p * ldb;
                        int dst = base + p * NR;
                        for (int j = 0; j < nr; j++) bp[dst + j] = b[src + j];
                        for (int j = nr; j < NR; j++) bp[dst + j] = 0f;
                    }
                }
            } else if (nr == NR) {
                // Four stored rows of B at a time: four sequential read streams, four adjacent writes per p.
                // (A gather per vector measured no faster here, and is a cliff where gathers are not intrinsic.)
                for (int j = 0; j < NR; j += 4) {
                    int s0 = bOff + (j0 + jr + j) * ldb + p0;
                    int s1 = s0 + ldb, s2 = s1 + ldb, s3 = s2 + ldb;
                    int dst = base + j;
                    for (int p = 0; p < kc; p++) {
                        int d = dst + p * NR;
                        bp[d] = b[s0 + p];
                        bp[d + 1] = b[s1 + p];
                        bp[d + 2] = b[s2 + p];
                        bp[d + 3] = b[s3 + p];
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

    // BEGIN GENERATED KERNEL (written by a throwaway script; the three kernels differ only in their row count)
    /**
     * The 12×2L micro-kernel: T[0..MR, 0..NR] += Ap(MR×kc panel) · Bp(kc×NR panel), accumulated in
     * 24 vector registers. Branch-free apart from the loop, so no path of it is
     * ever first taken after C2 compiled it. Generated (one accumulator per row and vector); keep it monomorphic.
     */
    private static void kernel(int kc, float[] ap, int aBase, float[] bp, int bBase,
                               float[] t, int tOff, int ldt) {
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
        { int r = tOff + 0 * ldt; FloatVector.fromArray(S, t, r).add(c0_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c0_1).intoArray(t, r + L); }
        { int r = tOff + 1 * ldt; FloatVector.fromArray(S, t, r).add(c1_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c1_1).intoArray(t, r + L); }
        { int r = tOff + 2 * ldt; FloatVector.fromArray(S, t, r).add(c2_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c2_1).intoArray(t, r + L); }
        { int r = tOff + 3 * ldt; FloatVector.fromArray(S, t, r).add(c3_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c3_1).intoArray(t, r + L); }
        { int r = tOff + 4 * ldt; FloatVector.fromArray(S, t, r).add(c4_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c4_1).intoArray(t, r + L); }
        { int r = tOff + 5 * ldt; FloatVector.fromArray(S, t, r).add(c5_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c5_1).intoArray(t, r + L); }
        { int r = tOff + 6 * ldt; FloatVector.fromArray(S, t, r).add(c6_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c6_1).intoArray(t, r + L); }
        { int r = tOff + 7 * ldt; FloatVector.fromArray(S, t, r).add(c7_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c7_1).intoArray(t, r + L); }
        { int r = tOff + 8 * ldt; FloatVector.fromArray(S, t, r).add(c8_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c8_1).intoArray(t, r + L); }
        { int r = tOff + 9 * ldt; FloatVector.fromArray(S, t, r).add(c9_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c9_1).intoArray(t, r + L); }
        { int r = tOff + 10 * ldt; FloatVector.fromArray(S, t, r).add(c10_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c10_1).intoArray(t, r + L); }
        { int r = tOff + 11 * ldt; FloatVector.fromArray(S, t, r).add(c11_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c11_1).intoArray(t, r + L); }
    }

    /** As {@link #kernel} for the first 4 rows of the panel only (tail rows of a block). */
    private static void kernel4(int kc, float[] ap, int aBase, float[] bp, int bBase,
                               float[] t, int tOff, int ldt) {
        FloatVector c0_0 = FloatVector.zero(S); FloatVector c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S); FloatVector c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S); FloatVector c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S); FloatVector c3_1 = FloatVector.zero(S);
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
        }
        { int r = tOff + 0 * ldt; FloatVector.fromArray(S, t, r).add(c0_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c0_1).intoArray(t, r + L); }
        { int r = tOff + 1 * ldt; FloatVector.fromArray(S, t, r).add(c1_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c1_1).intoArray(t, r + L); }
        { int r = tOff + 2 * ldt; FloatVector.fromArray(S, t, r).add(c2_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c2_1).intoArray(t, r + L); }
        { int r = tOff + 3 * ldt; FloatVector.fromArray(S, t, r).add(c3_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c3_1).intoArray(t, r + L); }
    }

    /** As {@link #kernel} for the first 8 rows of the panel only (tail rows of a block). */
    private static void kernel8(int kc, float[] ap, int aBase, float[] bp, int bBase,
                               float[] t, int tOff, int ldt) {
        FloatVector c0_0 = FloatVector.zero(S); FloatVector c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S); FloatVector c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S); FloatVector c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S); FloatVector c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S); FloatVector c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S); FloatVector c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S); FloatVector c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S); FloatVector c7_1 = FloatVector.zero(S);
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
        }
        { int r = tOff + 0 * ldt; FloatVector.fromArray(S, t, r).add(c0_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c0_1).intoArray(t, r + L); }
        { int r = tOff + 1 * ldt; FloatVector.fromArray(S, t, r).add(c1_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c1_1).intoArray(t, r + L); }
        { int r = tOff + 2 * ldt; FloatVector.fromArray(S, t, r).add(c2_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c2_1).intoArray(t, r + L); }
        { int r = tOff + 3 * ldt; FloatVector.fromArray(S, t, r).add(c3_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c3_1).intoArray(t, r + L); }
        { int r = tOff + 4 * ldt; FloatVector.fromArray(S, t, r).add(c4_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c4_1).intoArray(t, r + L); }
        { int r = tOff + 5 * ldt; FloatVector.fromArray(S, t, r).add(c5_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c5_1).intoArray(t, r + L); }
        { int r = tOff + 6 * ldt; FloatVector.fromArray(S, t, r).add(c6_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c6_1).intoArray(t, r + L); }
        { int r = tOff + 7 * ldt; FloatVector.fromArray(S, t, r).add(c7_0).intoArray(t, r); FloatVector.fromArray(S, t, r + L).add(c7_1).intoArray(t, r + L); }
    }
    // END GENERATED KERNEL

    /** Adds the mr×nr corner of an MR×NR scratch tile into C. */
    private static void addEdge(float[] tile, float[] c, int cOff, int ldc, int mr, int nr) {
        for (int i = 0; i < mr; i++) {
            int r = cOff + i * ldc;
            int t = i * NR;
            for (int j = 0; j < nr; j++) c[r + j] += tile[t + j];
        }
    }

    // ---------------------------------------------------------------- pooled buffers (not per thread: see ScratchPool)

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

    private static final io.latentj.simd.ScratchPool<Workspace> WORKSPACE = io.latentj.simd.ScratchPool.of(Workspace::new);

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
        int nUnits = (n - 1) / NR + 1, mUnits = (m - 1) / MR + 1; // m, n >= 1; ceilings that cannot overflow
        boolean byCols = nUnits >= 2 * threads || nUnits >= mUnits;
        int unit = byCols ? NR : MR;
        int extent = byCols ? n : m;
        int units = byCols ? nUnits : mUnits;
        int parts = Math.min(threads, units);
        if (parts <= 1) {
            gemmSerial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        ExecutorService exec = pool(threads - 1);
        Future<?>[] futures = new Future<?>[parts - 1];
        Runnable first = null;
        for (int t = 0; t < parts; t++) {
            int lo = (int) Math.min(extent, (long) units * t / parts * unit);
            int hi = (int) Math.min(extent, (long) units * (t + 1) / parts * unit);
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
        // Wait for every part, even when interrupted: returning early would leave workers writing into C.
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) failure = e.getCause();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error er) throw er;
        if (failure != null) throw new IllegalStateException("GEMM worker failed", failure);
    }

    // ---------------------------------------------------------------- pre-packed B

    /**
     * Floats that op(B) (k×n) takes packed by {@link #packB(boolean, int, int, float[], int, int, float[])}: n rounded
     * up to whole NR-column panels, times k. A long, which the caller compares with the largest array.
     */
    public static long packedSize(int k, int n) {
        if (k <= 0 || n <= 0) return 0;
        return ((long) (n / NC) * NC + roundUp(n % NC, NR)) * k; // NC is a multiple of NR
    }

    /**
     * Packs op(B) (k×n) once for many {@link #gemmPacked} calls: the kc×NR panels of every (jc, pc) block, in the
     * order and with the slicing gemmSerial uses, one block after the other in {@code out}.
     */
    public static void packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] out) {
        int kcMax = balanced(k, KC, 8);
        int ncMax = roundUp(Math.min(NC, n), NR);
        Workspace ws = WORKSPACE.borrow();
        try {
            float[] bp = ws.packB(ncMax * kcMax);
            int at = 0;
            for (int jc = 0, nc; jc < n; jc += nc) { // steps of nc <= n - jc: the counter never overflows
                nc = Math.min(NC, n - jc);
                for (int pc = 0, kc; pc < k; pc += kc) {
                    kc = Math.min(kcMax, k - pc);
                    packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp);
                    int len = roundUp(nc, NR) * kc;
                    System.arraycopy(bp, 0, out, at, len);
                    at += len;
                }
            }
        } finally {
            WORKSPACE.release(ws);
        }
    }

    /**
     * C = alpha·A·B + beta·C on the caller's thread, with B (k×n) packed by {@link #packB(boolean, int, int, float[],
     * int, int, float[])}: the per-step product of a recurrence, whose weights are packed once per update instead of
     * once per call. Same blocking, kernels and summation order as gemmSerial.
     */
    public static void gemmPacked(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] packed, float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (alpha == 0f || k <= 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        Workspace ws = WORKSPACE.borrow();
        try {
            gemmPacked(ws, m, n, k, alpha, a, aOff, lda, packed, beta, c, cOff, ldc);
        } finally {
            WORKSPACE.release(ws);
        }
    }

    private static void gemmPacked(Workspace ws, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] packed, float beta, float[] c, int cOff, int ldc) {
        int kcMax = balanced(k, KC, 8);
        int mcMax = balanced(m, MC, MR);
        float[] ap = ws.packA(mcMax * kcMax);
        float[] tile = ws.tile;
        scaleC(m, n, beta, c, cOff, ldc);
        int block = 0;
        for (int jc = 0, nc; jc < n; jc += nc) { // steps of nc <= n - jc: the counter never overflows
            nc = Math.min(NC, n - jc);
            for (int pc = 0, kc; pc < k; pc += kc) {
                kc = Math.min(kcMax, k - pc);
                for (int ic = 0, mc; ic < m; ic += mc) {
                    mc = Math.min(mcMax, m - ic);
                    packA(false, alpha, a, aOff, lda, ic, pc, mc, kc, ap);
                    int cBlock = cOff + ic * ldc + jc;
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bBase = block + (jr / NR) * kc * NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int aBase = (ir / MR) * kc * MR;
                            int cTile = cBlock + ir * ldc + jr;
                            if (nr == NR && mr == MR) {
                                kernel(kc, ap, aBase, packed, bBase, c, cTile, ldc);
                            } else if (nr == NR && mr == 8) {
                                kernel8(kc, ap, aBase, packed, bBase, c, cTile, ldc);
                            } else if (nr == NR && mr == 4) {
                                kernel4(kc, ap, aBase, packed, bBase, c, cTile, ldc);
                            } else {
                                java.util.Arrays.fill(tile, 0f);
                                if (mr <= 4) kernel4(kc, ap, aBase, packed, bBase, tile, 0, NR);
                                else if (mr <= 8) kernel8(kc, ap, aBase, packed, bBase, tile, 0, NR);
                                else kernel(kc, ap, aBase, packed, bBase, tile, 0, NR);
                                addEdge(tile, c, cTile, ldc, mr, nr);
                            }
                        }
                    }
                }
                block += roundUp(nc, NR) * kc;
            }
        }
    }
}
