package io.latentj.cli;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.MlpClassifier;
import io.latentj.models.nn.MlpConfig;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Map;

/** {@code latentj train mlp}: a multilayer perceptron classifier (softmax output) trained by backprop. */
@Command(name = "mlp", mixinStandardHelpOptions = true,
        description = "Train an MLP classifier (labels from a Fashion-MNIST directory or a CSV --label-column); reports held-out accuracy.")
final class TrainMlpCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--hidden", split = ",", defaultValue = "256", description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}).") int[] hidden;
    @Option(names = "--activation", defaultValue = "RELU", description = "Hidden activation (default: ${DEFAULT-VALUE}).") Activation activation;
    @Option(names = "--optimizer", defaultValue = "ADAM", description = "SGD, ADAGRAD or ADAM (default: ${DEFAULT-VALUE}).") Optimizer.Kind optimizer;
    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE}).") double weightDecay;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        int[] y = td.requireLabels("an MLP classifier");
        int classes = Arrays.stream(y).max().orElse(0) + 1;
        MlpConfig cfg = MlpConfig.builder(hidden).hiddenActivation(activation).optimizer(optimizer).learningRate(lr).weightDecay(weightDecay)
                .epochs(epochs).batchSize(batch).seed(seed).path(path).build();
        MlpClassifier mlp;
        Progress progress = new Progress("MLP " + td.train().cols() + "-" + classes, "loss");
        try (progress) {
            mlp = MlpClassifier.fit(cfg, td.train(), y, classes, progress, checkpoints.forOutput(out));
        }
        mlp.save(out);
        TrainingData.putLastMetrics(summary, progress);
        summary.put("training_accuracy", mlp.accuracy(td.train(), y));
        if (td.heldOut() != null && td.heldOutLabels() != null) summary.put("held_out_accuracy", mlp.accuracy(td.heldOut(), td.heldOutLabels()));
    }
}
