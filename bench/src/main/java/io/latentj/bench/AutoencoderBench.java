package io.latentj.bench;

import io.latentj.models.autoencoder.Autoencoder;
import io.latentj.models.autoencoder.AutoencoderConfig;
import io.latentj.models.data.FashionMnist;
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
 * Issue 4's model-level benchmark: one epoch of a 784-256-784 denoising autoencoder (sigmoid encoder and decoder,
 * 30% masking noise, squared-error reconstruction, Adam with learning rate 0.001, batch 100), tied or untied, on the
 * 60,000 Fashion-MNIST training images: five 100×784×256 GEMMs per batch, about 120 GFLOP per epoch. The PyTorch
 * peer trains the same model on the same data in the same script ({@code bench/autoencoder-vs-torch.sh}). Needs
 * {@code dataset-fashion-mnist}; the monitor is off so the epoch is training only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class AutoencoderBench {
    @Param({"true", "false"})
    public boolean tied;
    @Param({"auto"})
    public String path;
    @Param({"1", "2"})
    public int threads;

    private FMatrix train;
    private AutoencoderConfig config;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Parallelism.setThreads(threads);
        java.nio.file.Path dir = FashionMnist.locate().orElseThrow(() ->
                new IllegalStateException("AutoencoderBench needs Fashion-MNIST: apt-get install dataset-fashion-mnist"));
        train = FashionMnist.load(dir).trainImages();
        config = AutoencoderConfig.builder(256).tied(tied).maskingNoise(0.3).learningRate(0.001).epochs(1).batchSize(100)
                .monitorSamples(0).path(Path.parse(path)).seed(1).build();
    }

    @Benchmark
    public Autoencoder epoch() {
        return Autoencoder.fit(config, train);
    }
}
