package io.latentj.cli;

import io.latentj.models.dbn.DbnConfig;
import io.latentj.models.dbn.DeepBeliefNet;
import io.latentj.models.nn.MlpClassifier;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Map;

/**
 * {@code latentj train dbn}: a deep belief net by greedy layer-wise CD, optionally with label units in the top RBM,
 * up-down fine-tuning, and discriminative fine-tuning into an MLP (saved beside the DBN).
 */
@Command(name = "dbn", mixinStandardHelpOptions = true, description = "Train a deep belief net (greedy RBM stack; label units; up-down; discriminative fine-tuning).")
final class TrainDbnCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--layers", split = ",", defaultValue = "500,500,2000", description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).") int[] layers;
    @Option(names = "--epochs", defaultValue = "2", description = "CD epochs per layer (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "0.1", description = "CD learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "--gaussian-visible", description = "Gaussian bottom layer (standardise the data: --scale standardize).") boolean gaussian;
    @Option(names = "--label-units", description = "Join a softmax of the labels to the top RBM; classify by the lowest free energy.") boolean labelUnits;
    @Option(names = "--up-down-epochs", defaultValue = "0", description = "Up-down (contrastive wake-sleep) fine-tuning epochs (default: ${DEFAULT-VALUE}).") int upDown;
    @Option(names = "--fine-tune-epochs", defaultValue = "0", description = "Discriminative fine-tuning epochs of an MLP initialised by the DBN, saved to <out>.mlp.safetensors (default: ${DEFAULT-VALUE}).") int fineTune;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        int[] y = labelUnits || fineTune > 0 ? td.requireLabels("label units and fine-tuning") : null;
        int classes = y == null ? 0 : Arrays.stream(y).max().orElse(0) + 1;
        DbnConfig.Builder b = DbnConfig.builder().layers(RbmConfig.builder(1).learningRate(lr).epochs(epochs).batchSize(batch).path(path).build(), layers)
                .gaussianVisible(gaussian).seed(seed).path(path);
        if (labelUnits) b.classes(classes);
        if (upDown > 0) b.upDown(upDown, 0.01, 3, batch);
        DeepBeliefNet dbn;
        io.latentj.models.Checkpointing ck = checkpoints.forOutput(out);
        Progress progress = new Progress("DBN " + td.train().cols() + "-" + Arrays.toString(layers), "reconstruction_error");
        try (progress) {
            dbn = DeepBeliefNet.fit(b.build(), td.train(), labelUnits ? y : null, progress, ck);
        }
        dbn.save(out);
        TrainingData.putLastMetrics(summary, progress);
        boolean test = td.heldOut() != null && td.heldOutLabels() != null;
        if (labelUnits && test) summary.put("held_out_accuracy_label_units", dbn.accuracy(td.heldOut(), td.heldOutLabels()));
        if (fineTune > 0) {
            // the MLP's checkpoints go beside the DBN's: <checkpoint>.mlp
            io.latentj.models.Checkpointing mlpCk = ck == null ? null
                    : new io.latentj.models.Checkpointing(ck.file().resolveSibling(ck.file().getFileName() + ".mlp"), ck.everyEpochs(), ck.resume());
            MlpClassifier mlp = dbn.fineTuneDiscriminatively(dbn.mlpConfig().epochs(fineTune).seed(seed).build(), td.train(), y, classes, null, mlpCk);
            java.nio.file.Path mlpFile = out.resolveSibling(out.getFileName() + ".mlp.safetensors");
            mlp.save(mlpFile);
            td.attachScaling(mlpFile);
            summary.put("fine_tuned_model", mlpFile.toString());
            if (test) summary.put("held_out_accuracy_fine_tuned", mlp.accuracy(td.heldOut(), td.heldOutLabels()));
        }
    }
}
