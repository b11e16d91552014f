package io.latentj.cli;

import io.latentj.models.io.Json;
import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj train pca}: principal components by count or by explained-variance fraction. */
@Command(name = "pca", mixinStandardHelpOptions = true, description = "Fit PCA (covariance eigen-decomposition or SVD).")
final class TrainPcaCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "A data file (.npy, .npz, IDX images) or a Fashion-MNIST directory.") java.nio.file.Path data;
    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).") java.nio.file.Path out;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Size size;

    static final class Size {
        @Option(names = "--components", description = "Number of components.") Integer components;
        @Option(names = "--variance", description = "Smallest number of components explaining this fraction of the variance.") Double variance;
    }

    @Option(names = "--whiten", description = "Scale components to unit variance.") boolean whiten;
    @Option(names = "--solver", defaultValue = "EIGEN", description = "EIGEN, SVD or JACOBI (default: ${DEFAULT-VALUE}).") PcaConfig.Solver solver;
    @Option(names = "--path", defaultValue = "auto", description = "Kernel path: scalar, simd, blas or auto (default: ${DEFAULT-VALUE}).") String path;
    @Option(names = "--threads", description = "Threads for OpenBLAS and the Java GEMM (default: all CPUs).") Integer threads;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        if (threads != null) Parallelism.setThreads(threads);
        TrainingData td = TrainingData.load(data);
        PcaConfig.Builder b = size.components != null ? PcaConfig.components(size.components) : PcaConfig.varianceFraction(size.variance);
        PcaConfig cfg = b.whiten(whiten).solver(solver).path(Path.parse(path)).build();
        PCA pca = PCA.fit(cfg, td.train());
        pca.save(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "train pca");
        summary.put("rows", td.train().rows());
        summary.put("components", pca.outputSize());
        summary.put("model", out.toString());
        summary.put("seconds", (System.nanoTime() - t0) / 1e9);
        System.out.println(Json.write(summary));
        return 0;
    }
}
