package io.latentj.cli;

import io.latentj.models.linear.FastICA;
import io.latentj.models.linear.FastIcaConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train ica}: FastICA on PCA-whitened data. */
@Command(name = "ica", mixinStandardHelpOptions = true, description = "Fit FastICA (symmetric or deflation; logcosh, exp or cube contrast).")
final class TrainIcaCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--components", description = "Independent components (default: all).") Integer components;
    @Option(names = "--algorithm", defaultValue = "SYMMETRIC", description = "SYMMETRIC or DEFLATION (default: ${DEFAULT-VALUE}).") FastIcaConfig.Algorithm algorithm;
    @Option(names = "--contrast", defaultValue = "LOGCOSH", description = "LOGCOSH, EXP or CUBE (default: ${DEFAULT-VALUE}).") FastIcaConfig.Contrast contrast;
    @Option(names = "--alpha", defaultValue = "1", description = "logcosh: α (default: ${DEFAULT-VALUE}).") double alpha;
    @Option(names = "--tolerance", defaultValue = "1e-4", description = "Convergence tolerance (default: ${DEFAULT-VALUE}).") double tolerance;
    @Option(names = "--max-iterations", defaultValue = "200", description = "Iterations at most (default: ${DEFAULT-VALUE}).") int maxIterations;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        FastIcaConfig.Builder b = components != null ? FastIcaConfig.builder(components) : FastIcaConfig.builder();
        FastIcaConfig cfg = b.algorithm(algorithm).contrast(contrast).alpha(alpha).tolerance(tolerance).maxIterations(maxIterations)
                .seed(seed).path(path).build();
        FastICA ica = FastICA.fit(cfg, td.train(), null, checkpoints.forOutput(out));
        ica.save(out);
        summary.put("components", ica.outputSize());
    }
}
