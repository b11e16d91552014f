package io.latentj.cli;

import io.latentj.models.autoencoder.Autoencoder;
import io.latentj.models.autoencoder.AutoencoderConfig;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train autoencoder}: plain, denoising, sparse or contractive autoencoders. */
@Command(name = "autoencoder", mixinStandardHelpOptions = true, description = "Train an autoencoder (plain, denoising, sparse or contractive).")
final class TrainAutoencoderCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--hidden", defaultValue = "256", description = "Hidden units (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--optimizer", defaultValue = "ADAM", description = "SGD (with momentum), ADAGRAD or ADAM (default: ${DEFAULT-VALUE}).") Optimizer.Kind optimizer;
    @Option(names = "--learning-rate", description = "Learning rate (default: the optimiser's).") Double lr;
    @Option(names = "--untied", description = "A decoder weight of its own instead of the encoder's transpose.") boolean untied;
    @Option(names = "--encoder", defaultValue = "SIGMOID", description = "Encoder activation (default: ${DEFAULT-VALUE}).") Activation encoder;
    @Option(names = "--decoder", defaultValue = "SIGMOID", description = "Decoder activation (default: ${DEFAULT-VALUE}).") Activation decoder;
    @Option(names = "--loss", defaultValue = "BINARY_CROSS_ENTROPY", description = "Reconstruction loss (default: ${DEFAULT-VALUE}).") Loss loss;
    @Option(names = "--masking-noise", description = "Denoising: fraction of inputs set to zero.") Double masking;
    @Option(names = "--gaussian-noise", description = "Denoising: standard deviation of added noise.") Double gaussian;
    @Option(names = "--sparsity-target", description = "Sparse: target mean activation ρ.") Double sparsityTarget;
    @Option(names = "--sparsity-weight", defaultValue = "0.1", description = "Sparse: weight β of the KL penalty (default: ${DEFAULT-VALUE}).") double sparsityWeight;
    @Option(names = "--contraction", description = "Contractive: weight λ of ‖J‖²_F.") Double contraction;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        AutoencoderConfig.Builder b = AutoencoderConfig.builder(hidden).epochs(epochs).batchSize(batch).optimizer(optimizer)
                .tied(!untied).encoder(encoder).decoder(decoder).loss(loss).path(path).seed(seed);
        if (lr != null) b.learningRate(lr);
        if (masking != null) b.maskingNoise(masking);
        if (gaussian != null) b.gaussianNoise(gaussian);
        if (sparsityTarget != null) b.sparsity(sparsityTarget, sparsityWeight);
        if (contraction != null) b.contraction(contraction);
        AutoencoderConfig cfg = b.build();
        Autoencoder ae;
        Progress progress = new Progress("autoencoder " + td.train().cols() + "-" + hidden, "reconstruction_error");
        try (progress) {
            ae = Autoencoder.fit(cfg, td.train(), td.heldOut(), progress, checkpoints.forOutput(out));
        }
        ae.save(out);
        summary.put("config", cfg.toMap());
        if (!progress.reports().isEmpty()) summary.put("metrics", progress.reports().get(progress.reports().size() - 1).metrics());
    }
}
