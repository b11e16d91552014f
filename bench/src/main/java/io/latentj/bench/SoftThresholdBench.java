package io.latentj.bench;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
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
 * The soft-threshold encoder f = max(0, D·x − α) of one sample, D dictionary-size × 784 (1600 and 256 atoms):
 * {@link #fused} is {@code Fused.softThresholdAffine} (one pass on simd and scalar; GEMV then a SIMD pass on blas),
 * {@link #unfused} is {@code Linalg.gemv} followed by {@code Elementwise.softThreshold} on the same path, and
 * {@link #threshold} is the plain threshold over a vector of n floats.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SoftThresholdBench {
    static final float ALPHA = 0.25f;

    @State(Scope.Benchmark)
    public static class Encode {
        @Param({"scalar", "simd", "blas", "auto"})
        public String path;
        @Param({"1600x784", "256x784"})
        public String shape;

        Path p;
        FMatrix d;
        float[] x, y;

        @Setup
        public void setUp() {
            p = BenchSupport.setUp(path, 1);
            int[] dims = BenchSupport.dims(shape);
            d = BenchSupport.randomMatrix(dims[0], dims[1], 1);
            x = BenchSupport.randomUnit(dims[1], 2);
            y = new float[dims[0]];
        }
    }

    @State(Scope.Benchmark)
    public static class Vec {
        @Param({"scalar", "simd"})
        public String path;
        @Param({"1600"})
        public int n;

        Path p;
        float[] x, out;

        @Setup
        public void setUp() {
            p = BenchSupport.setUp(path, 1);
            x = BenchSupport.randomVector(n, 1);
            out = new float[n];
        }
    }

    @Benchmark
    public float[] fused(Encode s) {
        Fused.softThresholdAffine(s.p, Trans.N, s.d, s.x, 0, ALPHA, s.y, 0);
        return s.y;
    }

    @Benchmark
    public float[] unfused(Encode s) {
        Linalg.gemv(s.p, Trans.N, 1f, s.d, s.x, 0, 0f, s.y, 0);
        Elementwise.softThreshold(s.p, ALPHA, s.y, 0, s.y, 0, s.y.length);
        return s.y;
    }

    @Benchmark
    public float[] threshold(Vec s) {
        Elementwise.softThreshold(s.p, ALPHA, s.x, 0, s.out, 0, s.n);
        return s.out;
    }
}
