package io.latentj.cli;

import io.latentj.models.linear.FactorAnalysis;
import io.latentj.models.linear.FactorAnalysisConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj train factor-analysis}: factor analysis by EM with a diagonal noise covariance. */
@Command(name = "factor-analysis", mixinStandardHelpOptions = true, description = "Fit factor analysis by EM.")
final class TrainFactorAnalysisCommand implements Callable<Integer> {
    @Mixin DataOptions dataOptions;
    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).") java.nio.file.Path out;
    @Option(names = "--components", required = true, description = "Number of factors.") int components;
    @Option(names = "--max-iterations", defaultValue = "1000", description = "EM iterations at most (default: ${DEFAULT-VALUE}).") int maxIterations;
    @Option(names = "--tolerance", defaultValue = "1e-4", description = "EM stops when the log-likelihood gains less (default: ${DEFAULT-VALUE}).") double tolerance;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed;
    @Mixin KernelOptions kernels;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path path = kernels.apply();
        TrainingData td = TrainingData.load(dataOptions);
        FactorAnalysisConfig cfg = FactorAnalysisConfig.builder(components).maxIterations(maxIterations).tolerance(tolerance)
                .seed(seed).path(path).build();
        FactorAnalysis model = FactorAnalysis.fit(cfg, td.train());
        model.save(out);
        td.attachScaling(out);
        Map<String, Object> summary = td.summary("train factor-analysis", out);
        summary.put("config", cfg.toMap());
        summary.put("log_likelihood_per_sample", model.score(td.train()));
        if (td.heldOut() != null) summary.put("held_out_log_likelihood_per_sample", model.score(td.heldOut()));
        TrainingData.print(summary, t0);
        return 0;
    }
}
