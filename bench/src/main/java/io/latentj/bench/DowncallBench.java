package io.latentj.bench;

import io.latentj.bindings.OpenBlas;
import io.latentj.bindings.cblas.cblas_h;
import io.latentj.bindings.cblas.cblas_h_critical;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * What one tiny BLAS call costs through FFM, where the downcall itself dominates: {@code cblas_sdot} with n = 8 and
 * {@code cblas_sgemv} 8×8, called
 * <ul>
 *   <li>{@code *CriticalHeap}: through a handle linked with {@code Linker.Option.critical(true)}, passing the Java
 *       arrays themselves ({@code MemorySegment.ofArray}), no copy;</li>
 *   <li>{@code *Confined}: a plain handle on native segments of a confined arena, allocated once (the data already
 *       lives off-heap);</li>
 *   <li>{@code *Shared}: the same on segments of a shared arena (each call acquires and releases the shared session);</li>
 *   <li>{@code *CopyPerCall}: a plain handle fed from Java arrays by copying into a fresh confined arena each call,
 *       what heap data costs without critical handles;</li>
 *   <li>{@code *BindingsCritical} / {@code *BindingsShared}: the same two calls through the project's bindings
 *       ({@code cblas_h_critical} on the heap arrays, {@code cblas_h} on the shared-arena segments);</li>
 *   <li>{@code *LibraryBlas}: the library's own BLAS path ({@code Linalg.dot/gemv(Path.BLAS)}), checks included;</li>
 *   <li>{@code *JavaSimd}: the Vector API kernel ({@code Linalg.dot/gemv(Path.SIMD)}), no downcall at all.</li>
 * </ul>
 * The handles here are linked by the benchmark itself against the library the bindings loaded (the system
 * libopenblas.so.0 when the bindings cannot say), so the numbers isolate the linker options. OpenBLAS runs 1 thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class DowncallBench {
    static final int N = 8;
    static final int ROW_MAJOR = 101, NO_TRANS = 111;

    static final SymbolLookup LIB = lookup();
    static final FunctionDescriptor SDOT = FunctionDescriptor.of(JAVA_FLOAT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
    static final FunctionDescriptor SGEMV = FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT,
            ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT);
    static final MethodHandle SDOT_PLAIN = link("cblas_sdot", SDOT, false);
    static final MethodHandle SDOT_CRITICAL = link("cblas_sdot", SDOT, true);
    static final MethodHandle SGEMV_PLAIN = link("cblas_sgemv", SGEMV, false);
    static final MethodHandle SGEMV_CRITICAL = link("cblas_sgemv", SGEMV, true);

    private static SymbolLookup lookup() {
        try {
            if (OpenBlas.isAvailable()) return OpenBlas.lookup();
        } catch (Throwable ignored) {
            // fall through to the system library
        }
        java.nio.file.Path sys = java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0");
        if (!Files.exists(sys)) throw new IllegalStateException("no OpenBLAS: the bindings found none and " + sys + " is missing");
        return SymbolLookup.libraryLookup(sys, Arena.global());
    }

    private static MethodHandle link(String name, FunctionDescriptor fd, boolean critical) {
        MemorySegment addr = LIB.find(name).orElseThrow(() -> new IllegalStateException(name + " not found in OpenBLAS"));
        return critical ? Linker.nativeLinker().downcallHandle(addr, fd, Linker.Option.critical(true))
                : Linker.nativeLinker().downcallHandle(addr, fd);
    }

    float[] x, y, a, out;
    FMatrix aMatrix;
    Arena confined, shared;
    MemorySegment xc, yc, ac, outc, xs, ys, as, outs;

    @Setup
    public void setUp() throws Throwable {
        if (OpenBlas.isAvailable()) {
            Parallelism.setThreads(1);
        } else {
            LIB.find("openblas_set_num_threads").ifPresent(f ->
                    {
                        try {
                            Linker.nativeLinker().downcallHandle(f, FunctionDescriptor.ofVoid(JAVA_INT)).invokeExact(1);
                        } catch (Throwable t) {
                            throw new IllegalStateException(t);
                        }
                    });
        }
        x = BenchSupport.randomVector(N, 1);
        y = BenchSupport.randomVector(N, 2);
        a = BenchSupport.randomVector(N * N, 3);
        aMatrix = FMatrix.wrap(a, N, N);
        out = new float[N];
        confined = Arena.ofConfined(); // this setup runs on the benchmark thread (Scope.Thread)
        shared = Arena.ofShared();
        xc = copy(confined, x); yc = copy(confined, y); ac = copy(confined, a); outc = confined.allocate(4L * N, 64);
        xs = copy(shared, x); ys = copy(shared, y); as = copy(shared, a); outs = shared.allocate(4L * N, 64);
    }

    private static MemorySegment copy(Arena arena, float[] v) {
        MemorySegment s = arena.allocate(4L * v.length, 64);
        MemorySegment.copy(v, 0, s, ValueLayout.JAVA_FLOAT, 0, v.length);
        return s;
    }

    @TearDown
    public void tearDown() {
        confined.close();
        shared.close();
    }

    // ---- cblas_sdot, n = 8 ----

    @Benchmark
    public float sdotCriticalHeap() throws Throwable {
        return (float) SDOT_CRITICAL.invokeExact(N, MemorySegment.ofArray(x), 1, MemorySegment.ofArray(y), 1);
    }

    @Benchmark
    public float sdotConfined() throws Throwable {
        return (float) SDOT_PLAIN.invokeExact(N, xc, 1, yc, 1);
    }

    @Benchmark
    public float sdotShared() throws Throwable {
        return (float) SDOT_PLAIN.invokeExact(N, xs, 1, ys, 1);
    }

    @Benchmark
    public float sdotCopyPerCall() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            return (float) SDOT_PLAIN.invokeExact(N, copy(arena, x), 1, copy(arena, y), 1);
        }
    }

    @Benchmark
    public float sdotBindingsCritical() {
        return cblas_h_critical.cblas_sdot(N, MemorySegment.ofArray(x), 1, MemorySegment.ofArray(y), 1);
    }

    @Benchmark
    public float sdotBindingsShared() {
        return cblas_h.cblas_sdot(N, xs, 1, ys, 1);
    }

    @Benchmark
    public float sdotLibraryBlas() {
        return Linalg.dot(Path.BLAS, N, x, 0, y, 0);
    }

    @Benchmark
    public float sdotJavaSimd() {
        return Linalg.dot(Path.SIMD, N, x, 0, y, 0);
    }

    // ---- cblas_sgemv, 8×8, y = A·x ----

    @Benchmark
    public float[] sgemvCriticalHeap() throws Throwable {
        SGEMV_CRITICAL.invokeExact(ROW_MAJOR, NO_TRANS, N, N, 1f, MemorySegment.ofArray(a), N,
                MemorySegment.ofArray(x), 1, 0f, MemorySegment.ofArray(out), 1);
        return out;
    }

    @Benchmark
    public MemorySegment sgemvConfined() throws Throwable {
        SGEMV_PLAIN.invokeExact(ROW_MAJOR, NO_TRANS, N, N, 1f, ac, N, xc, 1, 0f, outc, 1);
        return outc;
    }

    @Benchmark
    public MemorySegment sgemvShared() throws Throwable {
        SGEMV_PLAIN.invokeExact(ROW_MAJOR, NO_TRANS, N, N, 1f, as, N, xs, 1, 0f, outs, 1);
        return outs;
    }

    @Benchmark
    public float[] sgemvCopyPerCall() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment o = arena.allocate(4L * N, 64);
            SGEMV_PLAIN.invokeExact(ROW_MAJOR, NO_TRANS, N, N, 1f, copy(arena, a), N, copy(arena, x), 1, 0f, o, 1);
            MemorySegment.copy(o, ValueLayout.JAVA_FLOAT, 0, out, 0, N);
        }
        return out;
    }

    @Benchmark
    public float[] sgemvBindingsCritical() {
        cblas_h_critical.cblas_sgemv(ROW_MAJOR, NO_TRANS, N, N, 1f, MemorySegment.ofArray(a), N,
                MemorySegment.ofArray(x), 1, 0f, MemorySegment.ofArray(out), 1);
        return out;
    }

    @Benchmark
    public MemorySegment sgemvBindingsShared() {
        cblas_h.cblas_sgemv(ROW_MAJOR, NO_TRANS, N, N, 1f, as, N, xs, 1, 0f, outs, 1);
        return outs;
    }

    @Benchmark
    public float[] sgemvLibraryBlas() {
        Linalg.gemv(Path.BLAS, Trans.N, 1f, aMatrix, x, 0, 0f, out, 0);
        return out;
    }

    @Benchmark
    public float[] sgemvJavaSimd() {
        Linalg.gemv(Path.SIMD, Trans.N, 1f, aMatrix, x, 0, 0f, out, 0);
        return out;
    }
}
