package io.latentj.bench;

import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
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
 * Single-sample inference latency of a Bernoulli RBM, {@code transformInto} (one fused GEMV + sigmoid, no
 * allocation), 784→256 and 784→500, on each path. Sample-time mode: JMH reports the p50 and p99 of individual calls
 * (hundreds of thousands of samples per run, after warm-up). The weights are random; latency does not depend on them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class RbmLatencyBench {
    @Param({"scalar", "simd", "blas", "auto"})
    public String path;
    @Param({"256", "500"})
    public int hidden;

    private BernoulliRBM rbm;
    private float[][] inputs;
    private float[] out;
    private int next;

    @Setup
    public void setUp() {
        Parallelism.setThreads(1);
        SplittableRandom r = new SplittableRandom(1);
        FMatrix w = FMatrix.zeros(hidden, 784);
        for (int i = 0; i < w.data().length; i++) w.data()[i] = (float) (r.nextGaussian() * 0.05);
        rbm = BernoulliRBM.of(w, new float[784], new float[hidden], RbmConfig.builder(hidden).path(Path.parse(path)).build());
        inputs = new float[64][784];
        for (float[] row : inputs) for (int i = 0; i < row.length; i++) row[i] = (float) r.nextDouble();
        out = new float[hidden];
        rbm.warmUp();
    }

    @Benchmark
    public float[] transformInto() {
        float[] x = inputs[next++ & 63];
        rbm.transformInto(x, 0, out, 0);
        return out;
    }
}
