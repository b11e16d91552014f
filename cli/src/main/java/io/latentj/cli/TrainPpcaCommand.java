package io.latentj.cli;

import io.latentj.models.linear.PpcaConfig;
import io.latentj.models.linear.ProbabilisticPCA;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train ppca}: probabilistic PCA by the closed form or by EM. */
@Command(name = "ppca", mixinStandardHelpOptions = true, description = "Fit probabilistic PCA (closed-form maximum likelihood or EM).")
final class TrainPpcaCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--components", required = true, description = "Latent dimensions.") int components;
    @Option(names = "--method", defaultValue = "CLOSED_FORM", description = "CLOSED_FORM or EM (default: ${DEFAULT-VALUE}).") PpcaConfig.Method method;
    @Option(names = "--max-iterations", defaultValue = "500", description = "EM iterations at most (default: ${DEFAULT-VALUE}).") int maxIterations;
    @Option(names = "--tolerance", defaultValue = "1e-6", description = "EM stops when the mean log-likelihood per sample gains less than this per iteration, averaged over the last 10 (default: ${DEFAULT-VALUE}).") double tolerance;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        PpcaConfig cfg = PpcaConfig.builder(components).method(method).maxIterations(maxIterations).tolerance(tolerance)
                .seed(seed).path(path).build();
        ProbabilisticPCA model = ProbabilisticPCA.fit(cfg, td.train(), (it, ll) -> {}, checkpoints.forOutput(out));
        model.save(out);
        summary.put("config", cfg.toMap());
        summary.put("log_likelihood_per_sample", model.score(td.train()));
        if (td.heldOut() != null) summary.put("held_out_log_likelihood_per_sample", model.score(td.heldOut()));
    }
}
