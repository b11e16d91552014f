package io.latentj.cli;

import io.latentj.models.sparse.DictionaryLearning;
import io.latentj.models.sparse.DictionaryLearningConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train sparse-coding}: dictionary learning (batch or online), saved as a LASSO sparse coder. */
@Command(name = "sparse-coding", mixinStandardHelpOptions = true,
        description = "Learn a dictionary for sparse coding (min ½‖x − Dᵀa‖² + λ‖a‖₁), batch or online minibatch.")
final class TrainSparseCodingCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--atoms", defaultValue = "100", description = "Dictionary atoms (default: ${DEFAULT-VALUE}).") int atoms;
    @Option(names = "--lambda", defaultValue = "0.1", description = "L1 weight λ (default: ${DEFAULT-VALUE}).") double lambda;
    @Option(names = "--iterations", defaultValue = "20", description = "Batch: alternating iterations (default: ${DEFAULT-VALUE}).") int iterations;
    @Option(names = "--online", description = "Online minibatch dictionary learning (for large data).") boolean online;
    @Option(names = "--batch-size", defaultValue = "256", description = "Online: minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--epochs", defaultValue = "1", description = "Online: passes over the data (default: ${DEFAULT-VALUE}).") int epochs;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        DictionaryLearningConfig cfg = DictionaryLearningConfig.builder(atoms).lambda(lambda).iterations(iterations)
                .batchSize(batch).epochs(epochs).seed(seed).path(path).build();
        DictionaryLearning.Result r = online ? DictionaryLearning.fitOnline(cfg, td.train(), null, checkpoints.forOutput(out))
                : DictionaryLearning.fit(cfg, td.train(), null, checkpoints.forOutput(out));
        r.coder().save(out);
        summary.put("config", cfg.toMap());
        summary.put("objective", r.objectives().length == 0 ? Double.NaN : r.objectives()[r.objectives().length - 1]);
    }
}
