package io.latentj.bench;

import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.data.FashionMnist;
import io.latentj.models.rnn.Cell;
import io.latentj.models.rnn.RecurrentNet;
import io.latentj.models.rnn.RnnConfig;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LSTM side of {@code bench/lstm-vs-torch.sh}: an LSTM of 128 units reads each Fashion-MNIST image as 28 steps
 * of 28 pixels (its rows) and a softmax layer classifies from the last state; Adam (learning rate 0.001), minibatches
 * of 100, trained for {@code --epochs} epochs on all 60,000 training images. Prints one JSON line: the seconds of
 * each epoch and the test accuracy after the last.
 *
 * <p>Usage: {@code LstmFashion [--epochs N] [--threads N] [--path auto|simd|blas|scalar] [--hidden N] [--lr X]}
 */
public final class LstmFashion {
    private LstmFashion() {}

    public static void main(String[] args) throws Exception {
        int epochs = 3, threads = Parallelism.threads(), hidden = 128;
        double lr = 0.001;
        Path path = Path.AUTO;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--path" -> path = Path.parse(args[i + 1]);
                case "--hidden" -> hidden = Integer.parseInt(args[i + 1]);
                case "--lr" -> lr = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Parallelism.setThreads(threads);
        FashionMnist data = FashionMnist.load(FashionMnist.locate().orElseThrow(() -> new IllegalStateException("Fashion-MNIST not installed")));
        RnnConfig cfg = RnnConfig.builder(Cell.LSTM, hidden, 28).learningRate(lr).batchSize(100).epochs(epochs).seed(1).path(path).build();
        List<Double> seconds = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public void onEpoch(EpochReport r) {
                seconds.add(r.seconds());
                System.err.printf(Locale.ROOT, "epoch %d: %.2f s, loss %.4f%n", r.epoch(), r.seconds(), r.metric("loss"));
            }
        };
        RecurrentNet net = RecurrentNet.fit(cfg, data.trainImages(), RecurrentNet.oneHot(data.trainLabels(), FashionMnist.CLASSES), listener);
        double acc = net.accuracy(data.testImages(), data.testLabels());
        StringBuilder s = new StringBuilder();
        for (double v : seconds) s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
        System.out.printf(Locale.ROOT, "{\"peer\": \"latentj\", \"config\": \"path %s, %d thread%s\", \"threads\": %d, \"epoch_runs\": [%s], "
                        + "\"epoch_s\": %.3f, \"test_accuracy\": %.4f, \"epochs\": %d}%n",
                path.name().toLowerCase(Locale.ROOT), threads, threads > 1 ? "s" : "", threads, s, seconds.stream().mapToDouble(d -> d).min().orElse(Double.NaN), acc, epochs);
    }
}
