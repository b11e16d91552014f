package io.latentj.cli;

import io.latentj.models.energy.PoeConfig;
import io.latentj.models.energy.ProductOfExperts;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train poe}: a product of Student-t experts on filter responses. */
@Command(name = "poe", mixinStandardHelpOptions = true,
        description = "Train a product of Student-t experts by score matching or by CD with Hamiltonian Monte Carlo (whitened inputs).")
final class TrainPoeCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--experts", defaultValue = "64", description = "Experts (filters) (default: ${DEFAULT-VALUE}).") int experts;
    @Option(names = "--method", defaultValue = "SCORE_MATCHING", description = "SCORE_MATCHING or CD_HMC (default: ${DEFAULT-VALUE}).") PoeConfig.Method method;
    @Option(names = "--epochs", defaultValue = "15", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--step-size", defaultValue = "0.1", description = "CD_HMC: leapfrog step size (default: ${DEFAULT-VALUE}).") double stepSize;
    @Option(names = "--leapfrog-steps", defaultValue = "10", description = "CD_HMC: leapfrog steps per transition (default: ${DEFAULT-VALUE}).") int leapfrog;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        PoeConfig cfg = PoeConfig.builder(experts).method(method).epochs(epochs).batchSize(batch).stepSize(stepSize).leapfrogSteps(leapfrog)
                .seed(seed).path(path).build();
        ProductOfExperts poe;
        Progress progress = new Progress("product of experts " + td.train().cols() + "-" + experts, "score_matching");
        try (progress) {
            poe = ProductOfExperts.fit(cfg, td.train(), progress, checkpoints.forOutput(out));
        }
        poe.save(out);
        TrainingData.putLastMetrics(summary, progress);
    }
}
