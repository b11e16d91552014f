package io.latentj.cli;

import io.latentj.models.vae.VaeConfig;
import io.latentj.models.vae.VariationalAutoencoder;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train vae}: a variational autoencoder (Gaussian encoder, Bernoulli or Gaussian decoder). */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = "Train a variational autoencoder on the ELBO (reparameterisation, analytic KL); reports the held-out ELBO.")
final class TrainVaeCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions (default: ${DEFAULT-VALUE}).") int latent;
    @Option(names = "--hidden", split = ",", defaultValue = "400", description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}).") int[] hidden;
    @Option(names = "--gaussian-decoder", description = "A Gaussian decoder with this fixed standard deviation (default: Bernoulli, inputs in [0,1]).") Double gaussianStd;
    @Option(names = "--beta", defaultValue = "1", description = "Weight of the KL term (default: ${DEFAULT-VALUE}).") double beta;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).") double lr;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        VaeConfig.Builder b = VaeConfig.builder(latent).hidden(hidden).beta(beta).epochs(epochs).batchSize(batch).learningRate(lr)
                .seed(seed).path(path);
        if (gaussianStd != null) b.gaussianDecoder(gaussianStd);
        VaeConfig cfg = b.build();
        VariationalAutoencoder vae;
        Progress progress = new Progress("VAE " + td.train().cols() + "-" + latent, "elbo");
        try (progress) {
            vae = VariationalAutoencoder.fit(cfg, td.train(), td.heldOut(), progress, checkpoints.forOutput(out));
        }
        vae.save(out);
        TrainingData.putLastMetrics(summary, progress);
        if (td.heldOut() != null) summary.put("held_out_elbo", vae.elbo(td.heldOut(), seed));
    }
}
