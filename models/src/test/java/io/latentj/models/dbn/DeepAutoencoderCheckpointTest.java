package io.latentj.models.dbn;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A deep autoencoder's training (RBM pre-training layer by layer, then Adam fine-tuning) interrupted in any stage and
 * resumed from its checkpoint ends with exactly the weights of an uninterrupted run; another config or data is
 * refused; a diverging fine-tuning stops and keeps the last good checkpoint.
 */
class DeepAutoencoderCheckpointTest {
    @TempDir
    java.nio.file.Path dir;

    private static final FMatrix DATA = Patterns.barsAndStripes(4, 120, 3);

    static final class Crash extends RuntimeException {}

    /** Throws after epoch {@code epoch} of the stage whose reports carry metric {@code layer} = {@code layer} (0: fine-tuning). */
    static TrainingListener crashAt(int layer, int epoch) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                if (r.epoch() == epoch && r.metric("layer") == layer) throw new Crash();
            }
        };
    }

    /** Counts epoch reports: a resumed run reports only the epochs after its checkpoint. */
    static final class Epochs implements TrainingListener {
        int count;

        @Override
        public void onEpoch(EpochReport r) {
            count++;
        }
    }

    private static DeepAutoencoderConfig config() {
        return DeepAutoencoderConfig.builder(12, 8, 3)
                .pretraining(RbmConfig.builder(1).learningRate(0.05).epochs(4).batchSize(25).momentum(0.5, 0.9, 2).build())
                .codeLearningRate(0.005).fineTuneEpochs(5).fineTuneLearningRate(3e-3).batchSize(25).seed(5).path(Path.AUTO).build();
    }

    /** Every tensor of the two models' files is identical. */
    static void assertSameFiles(java.nio.file.Path a, java.nio.file.Path b) throws Exception {
        var x = SafeTensors.read(a).tensors();
        var y = SafeTensors.read(b).tensors();
        assertEquals(x.keySet(), y.keySet());
        for (String name : x.keySet()) {
            assertArrayEquals(x.get(name).shape(), y.get(name).shape(), name);
            assertArrayEquals(x.get(name).data(), y.get(name).data(), name);
        }
    }

    @Test
    void interruptedInAnyStageAndResumedItEndsWithExactlyTheUninterruptedWeights() throws Exception {
        java.nio.file.Path straight = dir.resolve("straight.safetensors");
        DeepAutoencoder.fit(config(), DATA).save(straight);
        // (layer, epoch) of the crash (layer 0 = fine-tuning), epochs the resumed run still reports (of 4 + 4 + 4 + 5)
        int[][] crashes = {{1, 3, 15}, {2, 2, 11}, {3, 4, 5}, {0, 3, 3}};
        for (int[] at : crashes) {
            java.nio.file.Path ck = dir.resolve("dae-" + at[0] + "-" + at[1] + ".ckpt");
            assertThrows(Crash.class, () -> DeepAutoencoder.fit(config(), DATA, null, crashAt(at[0], at[1]), new Checkpointing(ck, 2, true)));
            java.nio.file.Path resumed = dir.resolve("resumed-" + at[0] + "-" + at[1] + ".safetensors");
            Epochs epochs = new Epochs();
            DeepAutoencoder.fit(config(), DATA, null, epochs, new Checkpointing(ck, 2, true)).save(resumed);
            assertSameFiles(straight, resumed);
            assertEquals(at[2], epochs.count, "epochs after the checkpoint of a crash at layer " + at[0] + " epoch " + at[1]);
        }
        // resuming a finished run's checkpoint gives the same model again
        java.nio.file.Path ck = dir.resolve("dae-0-3.ckpt");
        java.nio.file.Path again = dir.resolve("again.safetensors");
        DeepAutoencoder.fit(config(), DATA, null, TrainingListener.NONE, new Checkpointing(ck, 2, true)).save(again);
        assertSameFiles(straight, again);
        // the last stage may grow: a run with 3 fine-tuning epochs, extended to 5, ends as the uninterrupted 5-epoch run
        java.nio.file.Path shorter = dir.resolve("shorter.ckpt");
        DeepAutoencoder.fit(config().toBuilder().fineTuneEpochs(3).build(), DATA, null, TrainingListener.NONE, new Checkpointing(shorter, 2, false));
        java.nio.file.Path extended = dir.resolve("extended.safetensors");
        DeepAutoencoder.fit(config(), DATA, null, TrainingListener.NONE, new Checkpointing(shorter, 2, true)).save(extended);
        assertSameFiles(straight, extended);
        // but not shrink
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepAutoencoder.fit(config().toBuilder().fineTuneEpochs(2).build(),
                DATA, null, TrainingListener.NONE, new Checkpointing(shorter, 2, true)));
        assertTrue(e.getMessage().contains("beyond this run's 2"), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherConfigOrOtherDataIsRefused() {
        java.nio.file.Path ck = dir.resolve("c.ckpt");
        assertThrows(Crash.class, () -> DeepAutoencoder.fit(config(), DATA, null, crashAt(2, 1), new Checkpointing(ck, 1, true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepAutoencoder.fit(config().toBuilder().fineTuneLearningRate(1e-3).build(),
                DATA, null, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix other = Patterns.barsAndStripes(4, 120, 4);
        e = assertThrows(IllegalArgumentException.class, () -> DeepAutoencoder.fit(config(), other, null, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        java.nio.file.Path ck = dir.resolve("d.ckpt");
        // linear code units and an absurd learning rate: the code layer's CD overflows
        DeepAutoencoderConfig wild = config().toBuilder().codeLearningRate(1000).build();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> DeepAutoencoder.fit(wild, DATA, null, TrainingListener.NONE, new Checkpointing(ck, 1, false)));
        assertTrue(e.getMessage().contains("layer 3 training diverged") && e.getMessage().contains("lower the learning rate")
                && e.getMessage().contains("last good checkpoint is kept at " + ck), e.getMessage());
        int epoch = Integer.parseInt(e.getMessage().replaceAll("(?s).*diverged in epoch (\\d+) .*", "$1"));
        var contents = SafeTensors.read(ck);
        // the last good checkpoint: the epoch before in the code layer's stage, or the end of the layer below
        assertEquals(epoch == 1 ? "1" : "2", contents.metadata().get("stage"));
        assertEquals(epoch == 1 ? "4" : Integer.toString(epoch - 1), contents.metadata().get("epochs_done"));
        for (var t : contents.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
        System.out.println("deep autoencoder code layer with learning rate 1000 diverged in epoch " + epoch);
    }
}
