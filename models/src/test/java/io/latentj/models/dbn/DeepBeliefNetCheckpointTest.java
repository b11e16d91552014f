package io.latentj.models.dbn;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.nn.MlpClassifier;
import io.latentj.models.nn.MlpConfig;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A deep belief net's training — greedy layer-wise CD (binary or Gaussian bottom, a transposed start, label units),
 * up-down fine-tuning, discriminative fine-tuning — interrupted in any stage and resumed from its checkpoint ends with
 * exactly the weights of an uninterrupted run; checkpoints of another config, data, labels or pre-trained net are
 * refused; a diverging layer stops and keeps the last good checkpoint.
 */
class DeepBeliefNetCheckpointTest {
    @TempDir
    java.nio.file.Path dir;

    private static final Patterns.Labelled DATA = Patterns.prototypes(3, 16, 90, 0.1, 7);

    private static final class Crash extends RuntimeException {}

    /** Throws after the {@code n}-th epoch report of the whole training, whatever its stage. */
    private static TrainingListener crashAfterReports(int n) {
        return new TrainingListener() {
            int seen;

            @Override
            public void onEpoch(EpochReport r) {
                if (++seen == n) throw new Crash();
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

    private static RbmConfig layer(int hidden) {
        return RbmConfig.builder(hidden).learningRate(0.05).epochs(4).batchSize(20).momentum(0.5, 0.9, 2).weightCost(1e-4).build();
    }

    /** 16 → 12 → 16 (starts as the transpose of layer 1) → 20 with 3 label units; 3 up-down epochs: 15 epoch reports. */
    private static DbnConfig labelled() {
        return DbnConfig.builder().layer(layer(12)).layer(layer(16)).layer(layer(20)).classes(3).upDown(3, 0.01, 2, 20).seed(4).path(Path.AUTO).build();
    }

    /** Crashes after {@code crashAt} epoch reports, resumes, and checks the resumed run reported only {@code remaining} epochs. */
    private DeepBeliefNet resumeAfterCrash(DbnConfig cfg, FMatrix x, int[] y, int crashAt, int remaining, String name) {
        java.nio.file.Path ck = dir.resolve(name);
        assertThrows(Crash.class, () -> DeepBeliefNet.fit(cfg, x, y, crashAfterReports(crashAt), new Checkpointing(ck, 2, true)));
        Epochs epochs = new Epochs();
        DeepBeliefNet dbn = DeepBeliefNet.fit(cfg, x, y, epochs, new Checkpointing(ck, 2, true));
        assertEquals(remaining, epochs.count, "epochs after the checkpoint of a crash after report " + crashAt);
        return dbn;
    }

    private java.nio.file.Path saved(DeepBeliefNet dbn, String name) throws Exception {
        java.nio.file.Path f = dir.resolve(name);
        dbn.save(f);
        return f;
    }

    @Test
    void greedyAndUpDownTrainingResumeExactlyFromAnyStage() throws Exception {
        java.nio.file.Path straight = saved(DeepBeliefNet.fit(labelled(), DATA.x(), DATA.labels(), TrainingListener.NONE), "straight.safetensors");
        // layer 1 epoch 3, layer 2 (transposed start) epoch 2, the end of the top RBM, up-down epoch 2
        int[][] crashes = {{3, 13}, {6, 9}, {12, 3}, {14, 1}}; // (crash after report, epochs the resumed run reports)
        for (int[] at : crashes) {
            int crash = at[0];
            DeepBeliefNet resumed = resumeAfterCrash(labelled(), DATA.x(), DATA.labels(), crash, at[1], "l" + crash + ".ckpt");
            DeepAutoencoderCheckpointTest.assertSameFiles(straight, saved(resumed, "resumed" + crash + ".safetensors"));
        }
        // the last stage (up-down) may grow: 1 epoch extended to 3 ends as the uninterrupted run
        java.nio.file.Path shorter = dir.resolve("shorter.ckpt");
        DeepBeliefNet.fit(labelled().toBuilder().upDown(1, 0.01, 2, 20).build(), DATA.x(), DATA.labels(), TrainingListener.NONE, new Checkpointing(shorter, 2, false));
        DeepBeliefNet extended = DeepBeliefNet.fit(labelled(), DATA.x(), DATA.labels(), TrainingListener.NONE, new Checkpointing(shorter, 2, true));
        DeepAutoencoderCheckpointTest.assertSameFiles(straight, saved(extended, "extended.safetensors"));
    }

    @Test
    void aGaussianBottomLayerResumesExactly() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        FMatrix x = FMatrix.zeros(DATA.x().rows(), DATA.x().cols());
        for (int i = 0; i < x.rows(); i++) for (int j = 0; j < x.cols(); j++) x.set(i, j, (float) (2 * DATA.x().get(i, j) - 1 + 0.3 * r.nextGaussian()));
        DbnConfig cfg = DbnConfig.builder().layer(RbmConfig.builder(10).learningRate(0.005).epochs(4).batchSize(20).build()).layer(layer(8))
                .gaussianVisible(true).upDown(2, 0.001, 2, 20).seed(4).path(Path.AUTO).build();
        java.nio.file.Path straight = saved(DeepBeliefNet.fit(cfg, x, null, TrainingListener.NONE), "g.safetensors");
        // in the Gaussian layer (its own checkpoint), in layer 2 (from its start), in up-down (from the end of layer 2)
        for (int[] at : new int[][] {{3, 8}, {5, 6}, {9, 2}}) {
            int crash = at[0];
            DeepBeliefNet resumed = resumeAfterCrash(cfg, x, null, crash, at[1], "g" + crash + ".ckpt");
            DeepAutoencoderCheckpointTest.assertSameFiles(straight, saved(resumed, "g-resumed" + crash + ".safetensors"));
        }
    }

    @Test
    void discriminativeFineTuningResumesExactlyAndRefusesAnotherNet() {
        DbnConfig cfg = labelled().toBuilder().classes(0).upDown(0, 0.01, 1, 20).build();
        DeepBeliefNet dbn = DeepBeliefNet.fit(cfg, DATA.x());
        MlpConfig mc = dbn.mlpConfig().epochs(4).batchSize(15).learningRate(0.01).seed(3).build();
        MlpClassifier straight = dbn.fineTuneDiscriminatively(mc, DATA.x(), DATA.labels(), 3, null);
        java.nio.file.Path ck = dir.resolve("mlp.ckpt");
        assertThrows(Crash.class, () -> dbn.fineTuneDiscriminatively(mc, DATA.x(), DATA.labels(), 3, crashAfterReports(3), new Checkpointing(ck, 2, true)));
        Epochs epochs = new Epochs();
        MlpClassifier resumed = dbn.fineTuneDiscriminatively(mc, DATA.x(), DATA.labels(), 3, epochs, new Checkpointing(ck, 2, true));
        assertEquals(2, epochs.count, "resumed after epoch 2");
        for (int l = 0; l < straight.layers(); l++) {
            assertArrayEquals(straight.weights(l).data(), resumed.weights(l).data(), "layer " + l);
            assertArrayEquals(straight.bias(l), resumed.bias(l), "layer " + l);
        }
        DeepBeliefNet other = DeepBeliefNet.fit(cfg.toBuilder().seed(5).build(), DATA.x());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> other.fineTuneDiscriminatively(mc, DATA.x(), DATA.labels(), 3, null, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherConfigDataOrLabelsIsRefused() {
        java.nio.file.Path ck = dir.resolve("c.ckpt");
        assertThrows(Crash.class, () -> DeepBeliefNet.fit(labelled(), DATA.x(), DATA.labels(), crashAfterReports(6), new Checkpointing(ck, 1, true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.fit(labelled().toBuilder().upDown(3, 0.02, 2, 20).build(),
                DATA.x(), DATA.labels(), TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        int[] otherLabels = DATA.labels().clone();
        otherLabels[4] = (otherLabels[4] + 1) % 3;
        e = assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.fit(labelled(), DATA.x(), otherLabels, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        FMatrix otherX = DATA.x().copy();
        otherX.set(0, 0, 1 - otherX.get(0, 0));
        e = assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.fit(labelled(), otherX, DATA.labels(), TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        // a deep autoencoder's checkpoint is not a DBN's
        java.nio.file.Path dae = dir.resolve("dae.ckpt");
        DeepAutoencoder.fit(DeepAutoencoderConfig.builder(8, 3).pretraining(RbmConfig.builder(1).epochs(1).batchSize(30).build()).fineTuneEpochs(1).build(),
                DATA.x(), null, TrainingListener.NONE, new Checkpointing(dae, 1, false));
        Exception wrong = assertThrows(Exception.class, () -> DeepBeliefNet.fit(labelled(), DATA.x(), DATA.labels(), TrainingListener.NONE, new Checkpointing(dae, 1, true)));
        assertTrue(String.valueOf(wrong.getMessage()).contains("not a DeepBeliefNet-checkpoint"), wrong.getMessage());
    }

    @Test
    void aDivergingLayerStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        java.nio.file.Path ck = dir.resolve("d.ckpt");
        // layer 2: learning rate × weight cost > 2, so each update overshoots the weight decay further until it overflows
        DbnConfig wild = DbnConfig.builder().layer(layer(12)).layer(RbmConfig.builder(10).learningRate(1).weightCost(10).epochs(400).batchSize(20).build())
                .seed(4).path(Path.AUTO).build();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> DeepBeliefNet.fit(wild, DATA.x(), null, TrainingListener.NONE, new Checkpointing(ck, 1, false)));
        assertTrue(e.getMessage().contains("RBM layer 2 training diverged") && e.getMessage().contains("lower the learning rate")
                && e.getMessage().contains("last good checkpoint is kept at " + ck), e.getMessage());
        int epoch = Integer.parseInt(e.getMessage().replaceAll("(?s).*diverged in epoch (\\d+) .*", "$1"));
        var contents = SafeTensors.read(ck);
        assertEquals(epoch == 1 ? "0" : "1", contents.metadata().get("stage"));
        assertEquals(epoch == 1 ? "4" : Integer.toString(epoch - 1), contents.metadata().get("epochs_done"));
        for (var t : contents.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
        assertTrue(Files.size(ck) > 0);
        System.out.println("DBN layer 2 with learning rate × weight cost = 10 diverged in epoch " + epoch);
    }
}
