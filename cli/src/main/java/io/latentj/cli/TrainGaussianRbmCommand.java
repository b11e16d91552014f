package io.latentj.cli;

import io.latentj.models.rbm.GaussianBernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train gaussian-rbm}: Gaussian visible units, binary hidden units, for real-valued data. */
@Command(name = "gaussian-rbm", mixinStandardHelpOptions = true, description = "Train a Gaussian-Bernoulli RBM on real-valued data.")
final class TrainGaussianRbmCommand extends TrainModelCommand {
    @Option(names = "--hidden", defaultValue = "256", description = "Hidden units (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "0.005", description = "Learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "-k", defaultValue = "1", description = "Gibbs steps per update (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--persistent", description = "Persistent contrastive divergence (PCD).") boolean persistent;
    @Option(names = "--weight-cost", defaultValue = "1e-4", description = "L2 weight cost (default: ${DEFAULT-VALUE}).") double weightCost;
    @Option(names = "--learn-variance", description = "Learn the visible standard deviations too.") boolean learnVariance;
    @Mixin CheckpointOptions checkpoints;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        RbmConfig cfg = RbmConfig.builder(hidden).epochs(epochs).batchSize(batch).learningRate(lr).k(k).persistent(persistent)
                .weightCost(weightCost).path(path).seed(seed).build();
        GaussianBernoulliRBM rbm;
        Progress progress = new Progress("Gaussian RBM " + td.train().cols() + "-" + hidden, "reconstruction_error");
        try (progress) {
            rbm = GaussianBernoulliRBM.fit(cfg, learnVariance, td.train(), td.heldOut(), progress, checkpoints.forOutput(out));
        }
        rbm.save(out);
        summary.put("config", cfg.toMap());
        if (!progress.reports().isEmpty()) summary.put("metrics", progress.reports().get(progress.reports().size() - 1).metrics());
    }
}
