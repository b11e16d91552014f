package io.latentj.bench;

import io.latentj.models.energy.FilterExperts;
import io.latentj.models.energy.HamiltonianMonteCarlo;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
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

import java.util.concurrent.TimeUnit;

/**
 * Issue 7's sampler benchmark: one HMC transition (10 leapfrog steps, so 11 batched energy gradients, plus momenta,
 * Metropolis test and restores) of 100 chains under a 784-dimensional Student-t product of experts with 784 experts.
 * Each gradient is two 100×784×784 GEMMs and the Student-t derivative over 100×784 responses. Leapfrog steps per
 * second = 10 / (seconds per operation). Random filters (N(0, 1/d)); the cost does not depend on their values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class HmcBench {
    @Param({"simd", "blas", "auto"})
    public String path;
    @Param({"1", "2"})
    public int threads;
    @Param({"784"})
    public int experts;

    public static final int DIM = 784, CHAINS = 100, LEAPFROG = 10;

    private FilterExperts energy;
    private HamiltonianMonteCarlo hmc;
    private FMatrix chains;
    private Rng rng;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        Rng r = Rng.of(1);
        FMatrix w = FMatrix.zeros(experts, DIM);
        float s = (float) (1 / Math.sqrt(DIM));
        for (int i = 0; i < experts; i++) for (int j = 0; j < DIM; j++) w.set(i, j, s * r.nextGaussian());
        float[] alpha = new float[experts];
        java.util.Arrays.fill(alpha, 1.5f);
        energy = FilterExperts.studentT(w, alpha, Path.parse(path));
        hmc = new HamiltonianMonteCarlo(0.05, LEAPFROG);
        chains = FMatrix.zeros(CHAINS, DIM);
        for (int i = 0; i < CHAINS; i++) for (int j = 0; j < DIM; j++) chains.set(i, j, r.nextGaussian());
        rng = Rng.of(2);
    }

    @Benchmark
    public double transition() {
        return hmc.step(energy, chains, rng);
    }
}
