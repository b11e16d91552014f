package io.latentj.cli;

import io.latentj.models.linear.FactorAnalysis;
import io.latentj.models.linear.FactorAnalysisConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train factor-analysis}: factor analysis by EM with a diagonal noise covariance. */
@Command(name = "factor-analysis", mixinStandardHelpOptions = true, description = "Fit factor analysis by EM.")
final class TrainFactorAnalysisCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--components", required = true, description = "Number of factors.") int components;
    @Option(names = "--max-iterations", defaultValue = "10000", description = "EM iterations at most; reaching it reports converged=false (default: ${DEFAULT-VALUE}).") int maxIterations;
    @Option(names = "--tolerance", defaultValue = "1e-4", description = "EM stops when the mean log-likelihood per sample gains less than this per iteration, averaged over the last 10 (default: ${DEFAULT-VALUE}).") double tolerance;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        FactorAnalysisConfig cfg = FactorAnalysisConfig.builder(components).maxIterations(maxIterations).tolerance(tolerance)
                .seed(seed).path(path).build();
        FactorAnalysis model = FactorAnalysis.fit(cfg, td.train(), (it, ll) -> {}, checkpoints.forOutput(out));
        model.save(out);
        summary.put("config", cfg.toMap());
        summary.put("log_likelihood_per_sample", model.score(td.train()));
        if (td.heldOut() != null) summary.put("held_out_log_likelihood_per_sample", model.score(td.heldOut()));
    }
}
