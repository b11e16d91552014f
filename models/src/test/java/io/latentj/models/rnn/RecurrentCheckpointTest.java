package io.latentj.models.rnn;

import io.latentj.models.Interruptions.Crash;
import static io.latentj.models.Interruptions.crashAfter;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Checkpoint and resume of recurrent training (issue 9): a run interrupted after some epochs and resumed from its
 * checkpoint in a new trainer ends with exactly (bit for bit) the weights of an uninterrupted run — the parameters,
 * Adam's moments and step count, the minibatch order's random stream and the epoch count are all in the checkpoint;
 * a checkpoint of another config or other data is refused; a diverging run stops with a clear message and leaves
 * the last good checkpoint alone.
 */
class RecurrentCheckpointTest {
    @TempDir Path dir;

    static final int F = 3, STEPS = 6;

    static FMatrix data(int rows, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(rows, STEPS * F);
        for (int i = 0; i < x.data().length; i++) x.data()[i] = (float) (scale * r.nextGaussian());
        return x;
    }

    static int[] labels(FMatrix x) {
        int[] y = new int[x.rows()];
        for (int i = 0; i < y.length; i++) y[i] = x.get(i, 0) > 0 ? (x.get(i, F) > 0 ? 1 : 2) : 0;
        return y;
    }

    private static void assertSameModel(RecurrentNet a, RecurrentNet b) {
        assertArrayEquals(a.weights().toArray(), b.weights().toArray(), "W");
        assertArrayEquals(a.bias(), b.bias(), "b");
        assertArrayEquals(a.outputWeights().toArray(), b.outputWeights().toArray(), "V");
        assertArrayEquals(a.outputBias(), b.outputBias(), "c");
    }

    @Test
    void aResumedLstmRunEndsWithTheWeightsOfAnUninterruptedOne() {
        // batches of 40 run in two shards; 130 sequences leave a tail batch of 10
        FMatrix x = data(130, 1, 1), t = RecurrentNet.oneHot(labels(x), 3);
        RnnConfig cfg = RnnConfig.builder(Cell.LSTM, 8, F).epochs(5).batchSize(40).learningRate(0.01).seed(4).build();
        RecurrentNet straight = RecurrentNet.fit(cfg, x, t);
        Path ck = dir.resolve("lstm.ckpt");
        assertThrows(Crash.class, () -> RecurrentNet.fit(cfg, x, t, crashAfter(4), new Checkpointing(ck, 3, true)));
        assertEquals("3", readMeta(ck, "epochs_done"));
        RecurrentNet resumed = RecurrentNet.fit(cfg, x, t, TrainingListener.NONE, new Checkpointing(ck, 3, true));
        assertSameModel(straight, resumed);
        // a finished run's checkpoint resumes to the same model without training
        assertEquals("5", readMeta(ck, "epochs_done"));
        assertSameModel(straight, RecurrentNet.fit(cfg, x, t, TrainingListener.NONE, new Checkpointing(ck, 3, true)));
        // and a shorter run continued with more epochs is the longer run
        Path ck2 = dir.resolve("short.ckpt");
        RecurrentNet.fit(cfg.toBuilder().epochs(2).build(), x, t, TrainingListener.NONE, new Checkpointing(ck2, 1, false));
        assertSameModel(straight, RecurrentNet.fit(cfg, x, t, TrainingListener.NONE, new Checkpointing(ck2, 1, true)));
    }

    @Test
    void aResumedTruncatedNextStepRunToo() {
        FMatrix x = data(48, 2, 1);
        RnnConfig cfg = RnnConfig.builder(Cell.TANH, 7, F).task(RnnConfig.Task.MANY_TO_MANY).loss(Loss.SQUARED_ERROR).truncation(4)
                .optimizer(Optimizer.Kind.SGD).learningRate(0.01).epochs(4).batchSize(16).seed(2).build();
        RecurrentNet straight = RecurrentNet.fitNextStep(cfg, x);
        Path ck = dir.resolve("tanh.ckpt");
        assertThrows(Crash.class, () -> RecurrentNet.fitNextStep(cfg, x, crashAfter(3), new Checkpointing(ck, 1, true)));
        assertSameModel(straight, RecurrentNet.fitNextStep(cfg, x, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
    }

    @Test
    void aCheckpointOfAnotherConfigOrOtherDataIsRefused() {
        FMatrix x = data(60, 3, 1), t = RecurrentNet.oneHot(labels(x), 3);
        RnnConfig cfg = RnnConfig.builder(Cell.LSTM, 6, F).epochs(2).batchSize(20).seed(1).build();
        Path ck = dir.resolve("c.ckpt");
        RecurrentNet.fit(cfg, x, t, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecurrentNet.fit(cfg.toBuilder().learningRate(0.05).epochs(4).build(), x, t, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        RnnConfig wider = RnnConfig.builder(Cell.LSTM, 9, F).epochs(4).batchSize(20).seed(1).build();
        e = assertThrows(IllegalArgumentException.class, () -> RecurrentNet.fit(wider, x, t, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix other = data(60, 4, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> RecurrentNet.fit(cfg.toBuilder().epochs(4).build(), other, t, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        FMatrix otherTargets = RecurrentNet.oneHot(labels(other), 3);
        e = assertThrows(IllegalArgumentException.class,
                () -> RecurrentNet.fit(cfg.toBuilder().epochs(4).build(), x, otherTargets, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        // a checkpoint of another trainer type
        assertThrows(RuntimeException.class, () -> RecurrentNet.fitNextStep(RnnConfig.builder(Cell.LSTM, 6, F).task(RnnConfig.Task.MANY_TO_MANY)
                .loss(Loss.SQUARED_ERROR).epochs(3).batchSize(20).seed(1).build(), x, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path ck = dir.resolve("d.ckpt");
        FMatrix x = data(40, 5, 1);
        RnnConfig calm = RnnConfig.builder(Cell.RELU, 6, F).task(RnnConfig.Task.MANY_TO_MANY).loss(Loss.SQUARED_ERROR)
                .optimizer(Optimizer.Kind.SGD).learningRate(0.001).epochs(1).batchSize(10).seed(3).build();
        RecurrentNet.fitNextStep(calm, x, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        byte[] good = Files.readAllBytes(ck);
        // wild data and an absurd learning rate: the ReLU network's outputs overflow within a few epochs
        FMatrix wild = data(40, 5, 1e4);
        RnnConfig cfg = calm.toBuilder().learningRate(10).epochs(20).build();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> RecurrentNet.fitNextStep(cfg, wild, TrainingListener.NONE, new Checkpointing(ck, 1, false)));
        assertTrue(e.getMessage().contains("lower the learning rate") && e.getMessage().contains("last good checkpoint is kept at " + ck), e.getMessage());
        int epoch = Integer.parseInt(e.getMessage().replaceAll("(?s).*diverged in epoch (\\d+) .*", "$1"));
        var contents = SafeTensors.read(ck);
        if (epoch == 1) assertArrayEquals(good, Files.readAllBytes(ck), "the diverged state never overwrites the checkpoint");
        else assertEquals(Integer.toString(epoch - 1), contents.metadata().get("epochs_done"), "the checkpoint of the epoch before");
        for (var t : contents.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
    }

    private static String readMeta(Path ck, String key) {
        try {
            return SafeTensors.read(ck).metadata().get(key);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
