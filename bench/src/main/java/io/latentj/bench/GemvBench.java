package io.latentj.bench;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * SGEMV y = op(W)·x for one sample. Shapes are {@code rows x cols} of the stored W, with a {@code t:} prefix for
 * y = Wᵀ·h: {@code 500x784} is a 784→500 layer's forward pass (W 500×784, y = W·x), {@code t:500x784} its backward
 * (y = Wᵀ·h, 500 → 784), and {@code 8x8} the tiny case where auto must not pay a downcall it cannot amortise.
 * FLOPs per op are 2·rows·cols.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemvBench {
    @Param({"scalar", "simd", "blas", "auto"})
    public String path;
    @Param({"1", "2"})
    public int threads;
    @Param({"500x784", "t:500x784", "8x8"})
    public String shape;

    private Path p;
    private Trans trans;
    private FMatrix w;
    private float[] x, y;

    @Setup
    public void setUp() {
        p = BenchSupport.setUp(path, threads);
        boolean t = shape.startsWith("t:");
        int[] d = BenchSupport.dims(t ? shape.substring(2) : shape);
        trans = t ? Trans.T : Trans.N;
        w = BenchSupport.randomMatrix(d[0], d[1], 1);
        x = BenchSupport.randomVector(t ? d[0] : d[1], 2);
        y = new float[t ? d[1] : d[0]];
    }

    @Benchmark
    public float[] gemv() {
        Linalg.gemv(p, trans, 1f, w, x, 0, 0f, y, 0);
        return y;
    }
}
