package io.latentj.cli;

import io.latentj.models.rnn.Cell;
import io.latentj.models.rnn.RecurrentNet;
import io.latentj.models.rnn.RnnConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * {@code latentj train rnn}: an Elman RNN or LSTM over rows read as sequences of {@code --features} values per step —
 * classifying each sequence from its last state (labels needed), or, with {@code --next-step}, predicting each step.
 */
@Command(name = "rnn", mixinStandardHelpOptions = true,
        description = "Train an Elman RNN (tanh, relu/IRNN) or an LSTM; each row is a sequence of --features values per step.")
final class TrainRnnCommand extends TrainModelCommand {
    @Option(names = "--cell", defaultValue = "LSTM", description = "LSTM, TANH or RELU (default: ${DEFAULT-VALUE}).") Cell cell;
    @Option(names = "--features", required = true, description = "Values per time step (e.g. 28 for Fashion-MNIST rows).") int features;
    @Option(names = "--hidden", defaultValue = "128", description = "Hidden units (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--next-step", description = "Self-supervised: predict step t+1 from the steps up to t (squared error) instead of classifying.") boolean nextStep;
    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "--clip-norm", defaultValue = "5", description = "Gradient-norm clipping (default: ${DEFAULT-VALUE}).") double clip;
    @Option(names = "--truncation", defaultValue = "0", description = "Truncated BPTT window in steps, 0 = full (default: ${DEFAULT-VALUE}).") int truncation;
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--forget-bias", defaultValue = "1", description = "LSTM forget-gate bias at the start (default: ${DEFAULT-VALUE}).") double forgetBias;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        if (features < 1 || td.train().cols() % features != 0) {
            throw new IllegalArgumentException("rows of " + td.train().cols() + " values are not whole steps of --features " + features);
        }
        RnnConfig.Builder b = RnnConfig.builder(cell, hidden, features).epochs(epochs).batchSize(batch).learningRate(lr).clipNorm(clip)
                .truncation(truncation).forgetBias(forgetBias).seed(seed).path(path);
        RecurrentNet net;
        Progress progress = new Progress(cell + " " + features + "-" + hidden, "loss");
        try (progress) {
            if (nextStep) {
                net = RecurrentNet.fitNextStep(b.task(RnnConfig.Task.MANY_TO_MANY).loss(io.latentj.models.nn.Loss.SQUARED_ERROR).build(),
                        td.train(), progress, checkpoints.forOutput(out));
            } else {
                int[] y = td.requireLabels("sequence classification");
                int classes = java.util.Arrays.stream(y).max().orElse(0) + 1;
                net = RecurrentNet.fit(b.build(), td.train(), RecurrentNet.oneHot(y, classes), progress, checkpoints.forOutput(out));
            }
        }
        net.save(out);
        TrainingData.putLastMetrics(summary, progress);
        summary.put("steps", td.train().cols() / features);
        if (!nextStep && td.heldOut() != null && td.heldOutLabels() != null) summary.put("held_out_accuracy", net.accuracy(td.heldOut(), td.heldOutLabels()));
    }
}
