package io.latentj.bench;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
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
 * The logistic sigmoid: {@link #sigmoid} over a run of n floats (500 = one sample's hidden layer, 50000 = a
 * minibatch of 100), and {@link #sigmoidAffine}, the fused layer y = sigmoid(W·x + b) for a 784→500 RBM
 * (on blas it is GEMV, then a SIMD pass). BLAS has no sigmoid, so blas and auto run the SIMD code in {@link #sigmoid}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SigmoidBench {

    @State(Scope.Benchmark)
    public static class Run {
        @Param({"scalar", "simd", "auto"})
        public String path;
        @Param({"500", "50000"})
        public int n;

        Path p;
        float[] x, out;

        @Setup
        public void setUp() {
            p = BenchSupport.setUp(path, 1);
            x = BenchSupport.randomVector(n, 1);
            for (int i = 0; i < n; i++) x[i] *= 8f; // spread over the sigmoid's interesting range
            out = new float[n];
        }
    }

    @State(Scope.Benchmark)
    public static class Layer {
        @Param({"scalar", "simd", "blas", "auto"})
        public String path;
        @Param({"500x784"})
        public String shape;

        Path p;
        FMatrix w;
        float[] x, bias, y;

        @Setup
        public void setUp() {
            p = BenchSupport.setUp(path, 1);
            int[] d = BenchSupport.dims(shape);
            w = BenchSupport.randomMatrix(d[0], d[1], 1);
            x = BenchSupport.randomUnit(d[1], 2);
            bias = BenchSupport.randomVector(d[0], 3);
            y = new float[d[0]];
        }
    }

    @Benchmark
    public float[] sigmoid(Run s) {
        Elementwise.sigmoid(s.p, s.x, 0, s.out, 0, s.n);
        return s.out;
    }

    @Benchmark
    public float[] sigmoidAffine(Layer s) {
        Fused.sigmoidAffine(s.p, Trans.N, s.w, s.x, 0, s.bias, 0, s.y, 0);
        return s.y;
    }
}
