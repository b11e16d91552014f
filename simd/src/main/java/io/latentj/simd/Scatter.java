package io.latentj.simd;

import io.latentj.simd.blas.NativeGrams;
import io.latentj.simd.scalar.ScalarScatter;
import io.latentj.simd.vector.VectorScatter;

import java.lang.foreign.MemorySegment;

/**
 * The scatter matrix of the rows x_i of X about a shift c, S = Σ_i (x_i − c)(x_i − c)ᵀ, together with the column
 * sums Σ_i (x_i − c), in <b>one read of X</b> and without a shifted copy of it: blocks of rows are shifted into a
 * buffer (the column sums gathered on the way) and accumulated by SYRK. With c close to the column means, the
 * covariance follows in double precision as (S − n·m·mᵀ)/(n − 1) with m = sums/n, free of the cancellation of the
 * uncentred XᵀX; the mean is c + m.
 *
 * <p>The column sums double as the finiteness check: a NaN or ±∞ anywhere in X makes its column's sum non-finite,
 * so callers need no separate NaN/∞ pass over the data before the call; only when a sum is not finite (non-finite
 * data, or finite values so large that a block's float sum overflows) do they scan X to name the culprit. Nothing
 * here throws for non-finite data.
 *
 * <p>On the BLAS path the buffers and S live in native memory for the whole call (OpenBLAS SYRK, β = 1, on the lower
 * triangle), in row chunks shared out among the threads, and S is copied out once; the other paths accumulate on the heap ({@code VectorGemm} on the SIMD path,
 * the scalar SYRK as the reference).
 */
public final class Scatter {
    private Scatter() {}

    /** Rows shifted and accumulated per block: 1024 × 784 floats is ~3 MB (fewer rows for very wide data). */
    static final int BLOCK = 1024;
    /** At most this many row chunks on the BLAS route, each with its own Gram matrix (see {@link #nativeChunks}). */
    static final int CHUNKS = 8;
    /** At most this many floats in the chunks' Gram matrices together (32 MB). */
    private static final long GRAM_FLOATS = 1L << 23;
    /** At most this many floats per block (16 MB). */
    private static final int BLOCK_FLOATS = 1 << 22;

    /**
     * S = Σ_i (x_i − c)(x_i − c)ᵀ (both triangles of the d×d {@code s}, d = X.cols(), overwritten) and
     * sums[sumsOff + j] = Σ_i (X[i][j] − c[cOff + j]) in double, over the rows of X, with c = {@code shift}.
     */
    public static void shifted(Path path, FMatrix x, float[] shift, int cOff, FMatrix s, double[] sums, int sumsOff) {
        Checks.notNull("path", path);
        Checks.notNull("X", x);
        Checks.notNull("S", s);
        int n = x.rows(), d = x.cols();
        Checks.vector("shift", shift, cOff, d);
        if (sums == null) throw new IllegalArgumentException("sums must not be null");
        if (sumsOff < 0 || sumsOff > sums.length - d) {
            throw new IllegalArgumentException("sums needs " + d + " entries from offset " + sumsOff + ", has length " + sums.length);
        }
        if (s.rows() != d || s.cols() != d) throw new IllegalArgumentException("scatter: X is " + x.shape() + " so S must be " + d + "x" + d + ", got " + s.shape());
        Checks.noOverlap("S", s, "X", x);
        if (shift == s.data()) throw new IllegalArgumentException("S must not share an array with the shift");
        java.util.Arrays.fill(sums, sumsOff, sumsOff + d, 0);
        s.fill(0f);
        if (d == 0 || n == 0) return;
        int block = Math.min(Math.max(1, Math.min(BLOCK, BLOCK_FLOATS / d)), n);
        Path p = AutoPolicy.resolve(path, AutoPolicy.Op.SYRK, (long) d * d * n);
        if (p == Path.BLAS) {
            nativeChunks(n, d, x, shift, cOff, block, s, sums, sumsOff);
            return;
        }
        boolean vector = p != Path.SCALAR && Capabilities.vectorApi();
        float[] blockSums = new float[d];
        float[] buf = new float[block * d];
        MemorySegment seg = MemorySegment.ofArray(buf);
        for (int r0 = 0, m; r0 < n; r0 += m) { // steps of m <= n - r0: no overflow near Integer.MAX_VALUE
            m = Math.min(block, n - r0);
            shiftRows(vector, m, d, x, r0, shift, cOff, seg, blockSums, sums, sumsOff);
            if (vector) io.latentj.simd.vector.VectorGemm.syrk(true, d, m, 1f, buf, 0, d, 1f, s.data(), s.offset(), s.rowStride());
            else io.latentj.simd.scalar.ScalarBlas.syrk(true, d, m, 1f, buf, 0, d, 1f, s.data(), s.offset(), s.rowStride());
        }
    }

    /**
     * The BLAS route: the rows fall into fixed contiguous chunks ({@link #chunks}), each shifted block by block into
     * a thread's native buffer (native calls only, so full speed before the JIT has compiled anything) and
     * accumulated by a single-threaded SYRK into the chunk's own Gram matrix; the threads of a {@link Team} claim
     * chunks in turn until none is left, and the Gram matrices and sums are then added in chunk order. Two
     * single-threaded SYRKs on two halves of the rows ran at ~188 GFLOP/s here against ~123 for one SYRK on
     * OpenBLAS's two threads, and each thread's copy overlaps the other's SYRK instead of leaving a core idle;
     * claiming chunks lets one thread take over work when the other is delayed (a JIT or GC thread on its core).
     * The chunks depend only on the shape, never on the thread count or on which thread took which chunk, so the
     * result is the same on any number of threads.
     */
    private static void nativeChunks(int n, int d, FMatrix x, float[] shift, int cOff, int block, FMatrix s, double[] sums, int sumsOff) {
        int chunks = chunks(n, d, block);
        double[][] chunkSums = new double[chunks][d];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        try (Team team = Team.of(Math.min(chunks, Parallelism.threads()));
             NativeGrams grams = new NativeGrams(d, chunks, team.size(), block)) {
            grams.shift(shift, cOff);
            team.run(t -> {
                float[] blockSums = new float[d];
                for (int q; (q = next.getAndIncrement()) < chunks; ) {
                    int lo = (int) ((long) n * q / chunks), hi = (int) ((long) n * (q + 1) / chunks);
                    for (int r0 = lo, m; r0 < hi; r0 += m) {
                        m = Math.min(block, hi - r0);
                        grams.load(t, m, x.data(), x.rowOffset(r0), x.rowStride(), blockSums);
                        for (int j = 0; j < d; j++) chunkSums[q][j] += blockSums[j];
                        grams.accumulate(q, t, m);
                    }
                }
            });
            grams.sumInto(s.data(), s.offset(), s.rowStride());
        }
        for (int q = 0; q < chunks; q++) for (int j = 0; j < d; j++) sums[sumsOff + j] += chunkSums[q][j];
    }

    /**
     * Chunks of the BLAS route for n rows of d columns in blocks of {@code block} rows: up to {@link #CHUNKS}, at
     * least two blocks each, and no more Gram matrices than {@link #GRAM_FLOATS} floats hold (one chunk for wide
     * data, whose SYRK is large enough for OpenBLAS's own threads).
     */
    static int chunks(int n, int d, int block) {
        long byMemory = GRAM_FLOATS / ((long) d * d);
        return (int) Math.max(1, Math.min(Math.min(CHUNKS, byMemory), n / (2L * block)));
    }

    /** Rows r0..r0+m of X minus c into the compact m×d {@code dst}; their column sums added to {@code sums} in double. */
    private static void shiftRows(boolean vector, int m, int d, FMatrix x, int r0, float[] c, int cOff, MemorySegment dst,
                                  float[] blockSums, double[] sums, int sumsOff) {
        java.util.Arrays.fill(blockSums, 0f);
        if (vector) VectorScatter.shiftRows(m, d, x.data(), x.rowOffset(r0), x.rowStride(), c, cOff, dst, blockSums);
        else ScalarScatter.shiftRows(m, d, x.data(), x.rowOffset(r0), x.rowStride(), c, cOff, dst, blockSums);
        for (int j = 0; j < d; j++) sums[sumsOff + j] += blockSums[j];
    }
}
