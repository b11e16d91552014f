package io.latentj.test;

import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.data.FashionMnist;
import io.latentj.models.rnn.Cell;
import io.latentj.models.rnn.RecurrentNet;
import io.latentj.models.rnn.RnnConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 8's LSTM on real data, on a budget that fits CI: an LSTM of 64 units reads each Fashion-MNIST image as 28
 * steps of 28 pixels and classifies from its last state (softmax layer, Adam at 0.002, minibatches of 100), trained
 * 3 epochs on the first 15,000 training images; test accuracy on all 10,000 test images must reach 0.78.
 */
class LstmFashionQualityTest {
    @Test
    void lstmClassifiesFashionMnistRowByRow() {
        FashionMnist d = FashionData.get();
        int n = 15_000;
        FMatrix train = d.trainImages().rowRange(0, n);
        int[] labels = java.util.Arrays.copyOf(d.trainLabels(), n);
        RnnConfig cfg = RnnConfig.builder(Cell.LSTM, 64, 28).learningRate(0.002).batchSize(100).epochs(3).seed(1).path(Path.AUTO).build();
        RecurrentNet net = RecurrentNet.fit(cfg, train, RecurrentNet.oneHot(labels, FashionMnist.CLASSES), new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                System.out.printf("epoch %d: %.2fs %s%n", r.epoch(), r.seconds(), r.metrics());
            }
        });
        double acc = net.accuracy(d.testImages(), d.testLabels());
        System.out.println("Fashion-MNIST LSTM-64 over rows, 15,000 images × 3 epochs: test accuracy " + acc);
        assertTrue(acc >= 0.78, "test accuracy " + acc + " < 0.78");
    }
}
