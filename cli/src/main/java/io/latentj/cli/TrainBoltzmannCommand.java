package io.latentj.cli;

import io.latentj.models.boltzmann.BoltzmannConfig;
import io.latentj.models.boltzmann.BoltzmannMachine;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train boltzmann}: a general Boltzmann machine (visible-visible and hidden-hidden couplings). */
@Command(name = "boltzmann", mixinStandardHelpOptions = true,
        description = "Train a Boltzmann machine by PCD with a mean-field positive phase (inputs in [0,1]).")
final class TrainBoltzmannCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--hidden", defaultValue = "100", description = "Hidden units (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "--particles", defaultValue = "100", description = "Persistent fantasy particles (default: ${DEFAULT-VALUE}).") int particles;
    @Option(names = "--gibbs-sweeps", defaultValue = "1", description = "Gibbs sweeps per update (default: ${DEFAULT-VALUE}).") int sweeps;
    @Option(names = "--no-visible-couplings", description = "Keep the visible-visible couplings L at zero.") boolean noVisible;
    @Option(names = "--no-hidden-couplings", description = "Keep the hidden-hidden couplings J at zero.") boolean noHidden;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        BoltzmannConfig cfg = BoltzmannConfig.builder(hidden).epochs(epochs).batchSize(batch).learningRate(lr).particles(particles)
                .gibbsSweeps(sweeps).visibleCouplings(!noVisible).hiddenCouplings(!noHidden).seed(seed).path(path).build();
        BoltzmannMachine bm;
        Progress progress = new Progress("Boltzmann machine " + td.train().cols() + "-" + hidden, "log_likelihood");
        try (progress) {
            bm = BoltzmannMachine.fit(cfg, td.train(), progress, checkpoints.forOutput(out));
        }
        bm.save(out);
        TrainingData.putLastMetrics(summary, progress);
    }
}
