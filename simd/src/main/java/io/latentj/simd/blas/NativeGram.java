package io.latentj.simd.blas;

import io.latentj.bindings.cblas.cblas_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A Gram matrix G = Σ_b A_bᵀA_b accumulated by OpenBLAS SYRK (β = 1) in native memory over blocks A_b that the
 * caller writes into {@link #block()}: neither the blocks nor G cross the heap boundary per call, and G is mirrored
 * into both triangles once, in {@link #copyTo}. The long SYRK calls use the non-critical handle (the GC runs
 * meanwhile). Memory comes from a confined arena freed by {@link #close}; use from one thread.
 */
public final class NativeGram implements AutoCloseable {
    private static final int ROW_MAJOR = 101, LOWER = 122, TRANS = 112;

    private final Arena arena = Arena.ofConfined();
    private final int n, maxRows;
    private final MemorySegment block, gram;
    private boolean started;

    /** For G n×n and blocks of at most {@code maxRows} rows of n floats. */
    public NativeGram(int n, int maxRows) {
        if (n < 1 || maxRows < 1) throw new IllegalArgumentException("gram: n " + n + " and maxRows " + maxRows + " must be positive");
        this.n = n;
        this.maxRows = maxRows;
        this.block = arena.allocate((long) maxRows * n * Float.BYTES, 64);
        this.gram = arena.allocate((long) n * n * Float.BYTES, 64);
    }

    /** The block buffer: {@code maxRows} compact rows of n floats (row-major) for the caller to fill. */
    public MemorySegment block() {
        return block;
    }

    /** G += AᵀA for A the first {@code rows} rows of the block. */
    public void accumulate(int rows) {
        if (rows < 0 || rows > maxRows) throw new IllegalArgumentException("gram: " + rows + " rows, the block holds " + maxRows);
        if (rows == 0) return;
        cblas_h.cblas_ssyrk(ROW_MAJOR, LOWER, TRANS, n, rows, 1f, block, n, started ? 1f : 0f, gram, n);
        started = true;
    }

    /** Writes G into both triangles of the n×n row-major view {@code (c, cOff, ldc)} (zeros before any block). */
    public void copyTo(float[] c, int cOff, int ldc) {
        BlasArgs.matrix("gram", "C (n x n)", c, cOff, n, n, ldc);
        for (int i = 0; i < n; i++) {
            if (started) MemorySegment.copy(gram, ValueLayout.JAVA_FLOAT, (long) i * n * Float.BYTES, c, cOff + i * ldc, i + 1);
            else java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + i + 1, 0f);
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
