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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * SGEMM C = op(A)·op(B) on every path. Shapes are written {@code m x k x n} for C(m×n) = op(A)(m×k) · op(B)(k×n),
 * with a {@code tn:} prefix for C = Aᵀ·B (A stored k×m): the weight-gradient product of a minibatch step.
 *
 * <p>{@link #gemm} covers the minibatch shapes on all four paths; {@link #gemmLarge} covers 2048³ on simd, blas and
 * auto only, since the scalar reference would take minutes per call there (that is why it has its own state).
 * FLOPs per op are 2·m·n·k.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {

    /** Operands of one product. */
    abstract static class Operands {
        Path p;
        FMatrix a, b, c;
        Trans ta = Trans.N;

        void make(String path, int threads, String shape) {
            p = BenchSupport.setUp(path, threads);
            boolean tn = shape.startsWith("tn:");
            int[] d = BenchSupport.dims(tn ? shape.substring(3) : shape);
            int m = d[0], k = d[1], n = d[2];
            ta = tn ? Trans.T : Trans.N;
            a = tn ? BenchSupport.randomMatrix(k, m, 1) : BenchSupport.randomMatrix(m, k, 1);
            b = BenchSupport.randomMatrix(k, n, 2);
            c = FMatrix.zeros(m, n);
        }

        FMatrix run() {
            Linalg.gemm(p, ta, Trans.N, 1f, a, b, 0f, c);
            return c;
        }
    }

    @State(Scope.Benchmark)
    public static class Minibatch extends Operands {
        @Param({"scalar", "simd", "blas", "auto"})
        public String path;
        @Param({"1", "2"})
        public int threads;
        /** 100×784·784×256 and ·784×500: a minibatch through an RBM/AE layer; tn: the gradient Vᵀ·H. */
        @Param({"100x784x256", "100x784x500", "tn:784x100x256"})
        public String shape;

        @Setup
        public void setUp() {
            make(path, threads, shape);
        }
    }

    @State(Scope.Benchmark)
    public static class Large extends Operands {
        /** No scalar here: the reference kernel needs minutes for one 2048³ product. */
        @Param({"simd", "blas", "auto"})
        public String path;
        @Param({"1", "2"})
        public int threads;
        @Param({"2048x2048x2048"})
        public String shape;

        @Setup
        public void setUp() {
            make(path, threads, shape);
        }
    }

    @Benchmark
    public void gemm(Minibatch s, Blackhole bh) {
        bh.consume(s.run());
    }

    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void gemmLarge(Large s, Blackhole bh) {
        bh.consume(s.run());
    }
}
