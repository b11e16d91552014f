package io.latentj.bench;

import io.latentj.models.data.FashionMnist;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3's model-level benchmark: one epoch of a 784→256 Bernoulli RBM, CD-1, batch 100, on the 60,000
 * Fashion-MNIST training images (about 120 GFLOP: five 100×784×256 GEMMs per batch), on each path. The
 * scikit-learn and PyTorch peers run on the same data in the same script ({@code bench/rbm-vs-peers.sh}).
 * Needs {@code dataset-fashion-mnist}; the monitors are off so the epoch is training only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class RbmBench {
    @Param({"simd", "blas", "auto"})
    public String path;
    @Param({"2"})
    public int threads;

    private FMatrix train;
    private RbmConfig config;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Parallelism.setThreads(threads);
        java.nio.file.Path dir = FashionMnist.locate().orElseThrow(() ->
                new IllegalStateException("RbmBench needs Fashion-MNIST: apt-get install dataset-fashion-mnist"));
        train = FashionMnist.load(dir).trainImages();
        config = RbmConfig.builder(256).learningRate(0.05).epochs(1).batchSize(100).monitorSamples(0)
                .path(Path.parse(path)).seed(1).build();
    }

    @Benchmark
    public BernoulliRBM epoch() {
        return BernoulliRBM.fit(config, train);
    }
}
