package io.latentj.simd.blas;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A native buffer for the long BLAS calls that must not run critical (they would block the GC for their whole
 * duration): operands are copied in, the call runs on native memory, the result is copied out; and two vector
 * buffers for single-sample GEMVs. A call {@link #borrow()}s one from a pool and {@link #release}s it when done (not a
 * per-thread buffer: a service running each request on a new virtual thread would make one per request). Buffers grow
 * on demand and never shrink; they come from automatic arenas (freed by the GC when the scratch is gone), not a
 * shared one, whose access checks cost more.
 */
final class NativeScratch {
    private static final long ALIGN = 64;
    private static final io.latentj.simd.ScratchPool<NativeScratch> POOL = io.latentj.simd.ScratchPool.of(NativeScratch::new);

    private MemorySegment buffer = MemorySegment.NULL;
    private final MemorySegment[] vectors = {MemorySegment.NULL, MemorySegment.NULL};

    private NativeScratch() {}

    /** A scratch for the calling thread's use until it {@link #release}s it. */
    static NativeScratch borrow() {
        return POOL.borrow();
    }

    /** Gives a borrowed scratch back. */
    static void release(NativeScratch s) {
        POOL.release(s);
    }

    /**
     * This scratch's native vector buffer {@code which} (0 or 1), holding at least {@code floats} floats: two separate
     * segments, so that a call needing two vectors takes no slice (a slice is an allocation).
     */
    MemorySegment vector(int which, int floats) {
        NativeScratch s = this;
        long bytes = Math.max(1, floats) * (long) Float.BYTES;
        if (s.vectors[which].byteSize() < bytes) s.vectors[which] = Arena.ofAuto().allocate(Math.max(bytes, 4096), ALIGN);
        return s.vectors[which];
    }

    /** This scratch's buffer, holding at least {@code floats} floats (its contents are undefined). */
    MemorySegment floats(long floats) {
        NativeScratch s = this;
        long bytes = Math.max(1, floats) * Float.BYTES;
        if (s.buffer.byteSize() < bytes) {
            long grown = Math.max(bytes, Math.min(s.buffer.byteSize() * 2, bytes + (64L << 20)));
            s.buffer = Arena.ofAuto().allocate(grown, ALIGN);
        }
        return s.buffer;
    }

    /** Number of floats needed to hold {@code floats} floats at an {@value #ALIGN}-byte aligned start. */
    static long aligned(long floats) {
        long perLine = ALIGN / Float.BYTES;
        return (floats + perLine - 1) / perLine * perLine;
    }

    /** Copies the row-major view (rows×cols, leading dimension ld) as a span with the same leading dimension. */
    static void copyIn(float[] src, int off, int rows, int cols, int ld, MemorySegment dst, long dstFloat) {
        if (rows == 0 || cols == 0) return;
        if (ld == cols) {
            MemorySegment.copy(src, off, dst, ValueLayout.JAVA_FLOAT, dstFloat * Float.BYTES, rows * cols);
        } else {
            for (int i = 0; i < rows; i++) {
                MemorySegment.copy(src, off + i * ld, dst, ValueLayout.JAVA_FLOAT, (dstFloat + (long) i * ld) * Float.BYTES, cols);
            }
        }
    }

    /** Copies rows×cols (same leading dimension ld) back, touching only the view's elements. */
    static void copyOut(MemorySegment src, long srcFloat, float[] dst, int off, int rows, int cols, int ld) {
        if (rows == 0 || cols == 0) return;
        if (ld == cols) {
            MemorySegment.copy(src, ValueLayout.JAVA_FLOAT, srcFloat * Float.BYTES, dst, off, rows * cols);
        } else {
            for (int i = 0; i < rows; i++) {
                MemorySegment.copy(src, ValueLayout.JAVA_FLOAT, (srcFloat + (long) i * ld) * Float.BYTES, dst, off + i * ld, cols);
            }
        }
    }

    /** Number of floats a rows×cols view with leading dimension ld spans. */
    static long span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
    }
}
