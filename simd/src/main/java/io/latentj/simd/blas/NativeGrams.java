package io.latentj.simd.blas;

import io.latentj.bindings.cblas.cblas_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A set of Gram matrices G_g = Σ_b A_bᵀA_b, each accumulated by OpenBLAS SYRK (β = 1, lower triangle) in native
 * memory over blocks A_b that callers write into one of the block buffers: neither blocks nor Gram matrices cross
 * the heap boundary per call, and their sum is mirrored into both triangles once, in {@link #sumInto}. The long
 * SYRK calls use the non-critical handle (the GC runs meanwhile).
 *
 * <p>Memory comes from a shared arena freed by {@link #close}, so that several threads can each fill their own
 * block buffer and accumulate into their own Gram matrices at once: no two threads may use the same buffer or the
 * same Gram matrix concurrently, and {@link #sumInto} must follow every accumulation (a barrier between them).
 */
public final class NativeGrams implements AutoCloseable {
    private static final int ROW_MAJOR = 101, LOWER = 122, TRANS = 112;

    private final Arena arena = Arena.ofShared();
    private final int n, maxRows;
    private final MemorySegment[] blocks, grams, blockSums;
    private final MemorySegment ones, shift;
    private final boolean[] started;

    /** {@code count} Gram matrices n×n, and {@code buffers} block buffers of at most {@code maxRows} rows of n floats. */
    public NativeGrams(int n, int count, int buffers, int maxRows) {
        if (n < 1 || count < 1 || buffers < 1 || maxRows < 1) {
            throw new IllegalArgumentException("grams: n " + n + ", count " + count + ", buffers " + buffers + " and maxRows "
                    + maxRows + " must be positive");
        }
        this.n = n;
        this.maxRows = maxRows;
        this.blocks = new MemorySegment[buffers];
        this.grams = new MemorySegment[count];
        this.started = new boolean[count];
        this.blockSums = new MemorySegment[buffers];
        for (int i = 0; i < buffers; i++) {
            blocks[i] = arena.allocate((long) maxRows * n * Float.BYTES, 64);
            blockSums[i] = arena.allocate((long) n * Float.BYTES, 64);
        }
        this.ones = arena.allocate((long) maxRows * Float.BYTES, 64);
        ones.fill((byte) 0);
        for (int i = 0; i < maxRows; i++) ones.setAtIndex(ValueLayout.JAVA_FLOAT, i, 1f);
        this.shift = arena.allocate((long) n * Float.BYTES, 64);
        shift.fill((byte) 0);
        for (int g = 0; g < count; g++) grams[g] = arena.allocate((long) n * n * Float.BYTES, 64);
    }

    /** Block buffer i: {@code maxRows} compact rows of n floats (row-major) for the caller to fill. */
    public MemorySegment block(int i) {
        return blocks[i];
    }

    /** Sets the shift c (n floats from {@code cOff}) that {@link #load} subtracts from every row; zero until set. */
    public void shift(float[] c, int cOff) {
        BlasArgs.vector("grams", "shift", c, cOff, n);
        MemorySegment.copy(c, cOff, shift, ValueLayout.JAVA_FLOAT, 0, n);
    }

    /**
     * Block buffer {@code block} := the {@code rows} rows of the row-major view {@code (x, xOff, ldx)} minus the shift,
     * and {@code colSums[j]} := Σ over those rows of (x − c)_j, summed in float. Native work only (a bulk copy, a
     * rank-one update and a GEMV), so it runs at full speed from the first call, compiled or not.
     */
    public void load(int block, int rows, float[] x, int xOff, int ldx, float[] colSums) {
        if (rows < 1 || rows > maxRows) throw new IllegalArgumentException("grams: " + rows + " rows, a block holds 1 to " + maxRows);
        BlasArgs.matrix("grams", "X (rows x n)", x, xOff, rows, n, ldx);
        BlasArgs.vector("grams", "column sums", colSums, 0, n);
        MemorySegment b = blocks[block];
        if (ldx == n) {
            MemorySegment.copy(x, xOff, b, ValueLayout.JAVA_FLOAT, 0, rows * n);
        } else {
            for (int i = 0; i < rows; i++) MemorySegment.copy(x, xOff + i * ldx, b, ValueLayout.JAVA_FLOAT, (long) i * n * Float.BYTES, n);
        }
        cblas_h.cblas_sger(ROW_MAJOR, rows, n, -1f, ones, 1, shift, 1, b, n);
        cblas_h.cblas_sgemv(ROW_MAJOR, TRANS, rows, n, 1f, b, n, ones, 1, 0f, blockSums[block], 1);
        MemorySegment.copy(blockSums[block], ValueLayout.JAVA_FLOAT, 0, colSums, 0, n);
    }

    /** G_gram += AᵀA for A the first {@code rows} rows of block buffer {@code block}. */
    public void accumulate(int gram, int block, int rows) {
        if (rows < 0 || rows > maxRows) throw new IllegalArgumentException("grams: " + rows + " rows, a block holds " + maxRows);
        if (rows == 0) return;
        cblas_h.cblas_ssyrk(ROW_MAJOR, LOWER, TRANS, n, rows, 1f, blocks[block], n, started[gram] ? 1f : 0f, grams[gram], n);
        started[gram] = true;
    }

    /**
     * Writes G_0 + G_1 + … (added in index order, in float) into both triangles of the n×n row-major view
     * {@code (c, cOff, ldc)}; Gram matrices that received no block count as zero.
     */
    public void sumInto(float[] c, int cOff, int ldc) {
        BlasArgs.matrix("grams", "C (n x n)", c, cOff, n, n, ldc);
        float[] part = new float[n];
        for (int i = 0; i < n; i++) {
            int row = cOff + i * ldc;
            java.util.Arrays.fill(c, row, row + i + 1, 0f);
            for (int g = 0; g < grams.length; g++) {
                if (!started[g]) continue;
                MemorySegment.copy(grams[g], ValueLayout.JAVA_FLOAT, (long) i * n * Float.BYTES, part, 0, i + 1);
                for (int j = 0; j <= i; j++) c[row + j] += part[j];
            }
        }
        for (int i = 1; i < n; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < i; j++) c[cOff + j * ldc + i] = c[row + j];
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
