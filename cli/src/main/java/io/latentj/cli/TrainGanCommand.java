package io.latentj.cli;

import io.latentj.models.gan.GanConfig;
import io.latentj.models.gan.GenerativeAdversarialNetwork;
import io.latentj.models.nn.Activation;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train gan}: a generative adversarial network of two MLPs; {@code latentj sample} draws from it. */
@Command(name = "gan", mixinStandardHelpOptions = true, description = "Train a GAN (MLP generator and discriminator).")
final class TrainGanCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--latent", defaultValue = "10", description = "Noise dimensions (default: ${DEFAULT-VALUE}).") int latent;
    @Option(names = "--generator-hidden", split = ",", defaultValue = "128", description = "Generator hidden sizes (default: ${DEFAULT-VALUE}).") int[] gHidden;
    @Option(names = "--discriminator-hidden", split = ",", defaultValue = "128", description = "Discriminator hidden sizes (default: ${DEFAULT-VALUE}).") int[] dHidden;
    @Option(names = "--output-activation", defaultValue = "SIGMOID", description = "Generator output: LINEAR, SIGMOID or TANH (default: ${DEFAULT-VALUE}).") Activation output;
    @Option(names = "--generator-loss", defaultValue = "NON_SATURATING", description = "NON_SATURATING or MINIMAX (default: ${DEFAULT-VALUE}).") GanConfig.GeneratorLoss loss;
    @Option(names = "-k", defaultValue = "1", description = "Discriminator steps per generator step (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--epochs", defaultValue = "50", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam learning rate of both nets (default: ${DEFAULT-VALUE}).") double lr;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        GanConfig cfg = GanConfig.builder(latent).generatorHidden(gHidden).discriminatorHidden(dHidden).outputActivation(output)
                .generatorLoss(loss).discriminatorSteps(k).epochs(epochs).batchSize(batch).learningRate(lr).seed(seed).path(path).build();
        GenerativeAdversarialNetwork gan;
        Progress progress = new Progress("GAN " + latent + "-" + td.train().cols(), "d_fake");
        try (progress) {
            gan = GenerativeAdversarialNetwork.fit(cfg, td.train(), progress, checkpoints.forOutput(out));
        }
        gan.save(out);
        TrainingData.putLastMetrics(summary, progress);
    }
}
