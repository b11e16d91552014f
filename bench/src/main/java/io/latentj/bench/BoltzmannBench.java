package io.latentj.bench;

import io.latentj.models.boltzmann.BoltzmannConfig;
import io.latentj.models.boltzmann.BoltzmannMachine;
import io.latentj.models.boltzmann.MeanField;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
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
 * The general Boltzmann machine's inner loops at 784 visible × 500 hidden with a batch of 100: ten damped parallel
 * mean-field sweeps of q(h|v) (one 100×500×500 GEMM each, fields precomputed), one sequential Gibbs sweep of 100
 * fantasy particles over all 1,284 units, and one mean-field {@code transform} of the batch (field GEMM + sweeps to
 * convergence). Random parameters of Fashion-MNIST-like scale; no data set needed ({@code bench/boltzmann.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class BoltzmannBench {
    /** Sweeps per {@link #meanFieldTenSweeps} call. */
    public static final int SWEEPS = 10;

    @Param({"simd", "blas", "auto"})
    public String path;
    @Param({"1", "2"})
    public int threads;

    private BoltzmannMachine bm;
    private MeanField tenSweeps;
    private FMatrix batch, fields, q, q0, particles;
    private FMatrix j;
    private Path p;
    private Rng rng;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        p = Path.parse(path);
        int nv = 784, nh = 500, n = 100;
        Rng init = Rng.of(7);
        FMatrix w = FMatrix.zeros(nh, nv), l = symmetric(nv, 0.01f, init), hj = symmetric(nh, 0.01f, init);
        Sampling.gaussian(Path.SCALAR, init, 0f, 0.05f, w);
        bm = BoltzmannMachine.of(w, l, hj, new float[nv], new float[nh], BoltzmannConfig.builder(nh).path(p).build());
        j = bm.hiddenCouplings();
        batch = FMatrix.zeros(n, nv);
        FMatrix half = FMatrix.zeros(n, nv);
        half.fill(0.3f);
        Sampling.bernoulli(Path.SCALAR, init, half, batch);
        fields = FMatrix.zeros(n, nh);
        io.latentj.simd.Linalg.gemm(p, io.latentj.simd.Trans.N, io.latentj.simd.Trans.T, 1f, batch, w, 0f, fields);
        q0 = FMatrix.zeros(n, nh);
        io.latentj.simd.Elementwise.sigmoid(p, fields, q0);
        q = q0.copy();
        tenSweeps = MeanField.builder().tolerance(0).maxSweeps(SWEEPS).build();
        particles = FMatrix.zeros(n, nv + nh);
        FMatrix coin = FMatrix.zeros(n, nv + nh);
        coin.fill(0.5f);
        Sampling.bernoulli(Path.SCALAR, init, coin, particles);
        rng = Rng.of(3);
    }

    private static FMatrix symmetric(int n, float std, Rng rng) {
        FMatrix a = FMatrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                float x = std * rng.nextGaussian();
                a.set(i, k, x);
                a.set(k, i, x);
            }
        }
        return a;
    }

    @Benchmark
    public FMatrix meanFieldTenSweeps() {
        q.copyFrom(q0);
        tenSweeps.solveBatch(p, j, fields, q);
        return q;
    }

    @Benchmark
    public FMatrix gibbsSweep() {
        return bm.gibbs(particles, 1, rng);
    }

    @Benchmark
    public FMatrix transform() {
        return bm.transform(batch);
    }
}
