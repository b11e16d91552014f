package io.latentj.cli;

import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train rbm}: trains a Bernoulli RBM on images in [0, 1] and saves it as safetensors. */
@Command(name = "rbm", mixinStandardHelpOptions = true, description = "Train a Bernoulli RBM (CD-k or PCD).")
final class TrainRbmCommand extends TrainModelCommand {

    @Option(names = "--hidden", defaultValue = "256", description = "Hidden units (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "0.05", description = "Learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "-k", defaultValue = "1", description = "Gibbs steps per update, the k of CD-k (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--persistent", description = "Persistent contrastive divergence (PCD).") boolean persistent;
    @Option(names = "--weight-cost", defaultValue = "1e-4", description = "L2 weight cost (default: ${DEFAULT-VALUE}).") double weightCost;
    @Option(names = "--sparsity-target", description = "Target mean hidden activation (off by default).") Double sparsityTarget;
    @Option(names = "--sparsity-cost", defaultValue = "0.01", description = "Cost of missing the sparsity target (default: ${DEFAULT-VALUE}).") double sparsityCost;
    @Mixin CheckpointOptions checkpoints;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        FMatrix x = td.train(), heldOut = td.heldOut();
        RbmConfig.Builder b = RbmConfig.builder(hidden).epochs(epochs).batchSize(batch).learningRate(lr).k(k)
                .persistent(persistent).weightCost(weightCost).path(path).seed(seed);
        if (sparsityTarget != null) b.sparsity(sparsityTarget, sparsityCost);
        RbmConfig cfg = b.build();
        BernoulliRBM rbm;
        Progress progress = new Progress("RBM " + x.cols() + "-" + hidden, "reconstruction_error");
        try (progress) {
            io.latentj.models.Checkpointing ck = checkpoints.forOutput(out);
            rbm = BernoulliRBM.fit(cfg, x, heldOut, progress, ck);
        }
        rbm.save(out);
        summary.put("config", cfg.toMap());
        if (!progress.reports().isEmpty()) summary.put("metrics", progress.reports().get(progress.reports().size() - 1).metrics());
        double seconds = 0;
        for (var r : progress.reports()) seconds += r.seconds();
        summary.put("train_seconds", seconds);
    }
}
