package io.latentj.cli;

import io.latentj.models.dbn.DeepAutoencoder;
import io.latentj.models.dbn.DeepAutoencoderConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train deep-autoencoder}: RBM pre-training, unrolling and backprop fine-tuning (Hinton &amp; Salakhutdinov 2006). */
@Command(name = "deep-autoencoder", mixinStandardHelpOptions = true,
        description = "Train a deep autoencoder from unrolled RBMs (linear code layer), fine-tuned on reconstruction cross-entropy.")
final class TrainDeepAutoencoderCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--layers", split = ",", defaultValue = "1000,500,250,30", description = "Encoder sizes, the last is the code (default: ${DEFAULT-VALUE}).") int[] layers;
    @Option(names = "--fine-tune-epochs", defaultValue = "10", description = "Backprop epochs (default: ${DEFAULT-VALUE}).") int fineTune;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        DeepAutoencoderConfig cfg = DeepAutoencoderConfig.builder(layers).fineTuneEpochs(fineTune).batchSize(batch).seed(seed).path(path).build();
        DeepAutoencoder ae;
        Progress progress = new Progress("deep autoencoder " + td.train().cols() + "-" + layers[layers.length - 1], "reconstruction_error");
        try (progress) {
            ae = DeepAutoencoder.fit(cfg, td.train(), td.heldOut(), progress, checkpoints.forOutput(out));
        }
        ae.save(out);
        TrainingData.putLastMetrics(summary, progress);
        summary.put("squared_error_per_row", ae.reconstructionError(td.train()));
        if (td.heldOut() != null) summary.put("held_out_squared_error_per_row", ae.reconstructionError(td.heldOut()));
    }
}
