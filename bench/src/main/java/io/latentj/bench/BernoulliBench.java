package io.latentj.bench;

import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.scalar.ScalarRng;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Bernoulli sampling out[i] = (u_i < p[i]) ? 1 : 0 over n probabilities, the hidden/visible sampling step of an RBM
 * (500 = one sample's hidden layer, 50000 = a minibatch of 100): {@link #bernoulli} is {@code Sampling.bernoulli} with
 * the counter-based {@link Rng} on each path (BLAS has no sampling, so auto runs SIMD), {@link #splittableRandom} the
 * plain-Java baseline a user would write, one {@link SplittableRandom#nextFloat()}-style draw per element
 * ({@code ScalarRng.bernoulliSplittableRandom}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class BernoulliBench {

    @State(Scope.Benchmark)
    public static class Counter {
        @Param({"scalar", "simd", "auto"})
        public String path;
        @Param({"500", "50000"})
        public int n;

        Path p;
        Rng rng;
        float[] prob, out;

        @Setup
        public void setUp() {
            p = BenchSupport.setUp(path, 1);
            rng = Rng.of(42);
            prob = BenchSupport.randomUnit(n, 1);
            out = new float[n];
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        @Param({"500", "50000"})
        public int n;

        SplittableRandom random;
        float[] prob, out;

        @Setup
        public void setUp() {
            random = new SplittableRandom(42);
            prob = BenchSupport.randomUnit(n, 1);
            out = new float[n];
        }
    }

    @Benchmark
    public float[] bernoulli(Counter s) {
        Sampling.bernoulli(s.p, s.rng, s.prob, 0, s.out, 0, s.n);
        return s.out;
    }

    @Benchmark
    public float[] splittableRandom(Baseline s) {
        ScalarRng.bernoulliSplittableRandom(s.random, s.prob, 0, s.out, 0, s.n);
        return s.out;
    }
}
