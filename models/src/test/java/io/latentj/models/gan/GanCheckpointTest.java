package io.latentj.models.gan;

import io.latentj.models.Interruptions.Crash;
import static io.latentj.models.Interruptions.crashAfter;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.SafeTensors;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * GAN training resumed from a checkpoint (both nets, both Adam optimisers, the discriminator-step count, the order and
 * noise streams) ends with exactly the weights of an uninterrupted run; checkpoints of another config, other data or
 * another trainer are refused; a diverging run stops with a clear message and keeps its last good checkpoint.
 */
class GanCheckpointTest {
    @TempDir
    Path dir;

    private static void assertSameWeights(List<FMatrix[]> a, List<FMatrix[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i)[0].toArray(), b.get(i)[0].toArray(), "weight " + i);
            assertArrayEquals(a.get(i)[1].toArray(), b.get(i)[1].toArray(), "bias " + i);
        }
    }

    private static GanConfig.Builder config() {
        // k = 2 and batches of 30 over 130 rows: 5 discriminator steps per epoch, so the generator's turn falls across
        // epoch boundaries and only a restored step count gets it right
        return GanConfig.builder(2).generatorHidden(8).discriminatorHidden(8, 6).discriminatorSteps(2).epochs(5).batchSize(30)
                .learningRate(2e-3).discriminatorLearningRate(1e-3).seed(11);
    }

    @Test
    void aResumedRunEndsWithExactlyTheWeightsOfAnUninterruptedOne() {
        FMatrix x = GanMixtureTest.mixture(130, 2);
        for (GanConfig cfg : new GanConfig[] {config().build(), config().generatorLoss(GanConfig.GeneratorLoss.MINIMAX).discriminatorSteps(1).build()}) {
            GenerativeAdversarialNetwork straight = GenerativeAdversarialNetwork.fit(cfg, x);
            Path ck = dir.resolve("gan-" + cfg.discriminatorSteps() + ".ckpt");
            assertThrows(Crash.class, () -> GenerativeAdversarialNetwork.fit(cfg, x, crashAfter(4), new Checkpointing(ck, 3, true)));
            GenerativeAdversarialNetwork resumed = GenerativeAdversarialNetwork.fit(cfg, x, TrainingListener.NONE, new Checkpointing(ck, 3, true));
            assertEquals(2, resumed.history().size(), "resumed after epoch 3 of 5");
            assertSameWeights(straight.generatorParameters(), resumed.generatorParameters());
            assertSameWeights(straight.discriminatorParameters(), resumed.discriminatorParameters());
            assertArrayEquals(straight.sample(50, 9).toArray(), resumed.sample(50, 9).toArray());
        }
    }

    @Test
    void aShortRunContinuedToMoreEpochsMatchesTheLongRun() {
        FMatrix x = GanMixtureTest.mixture(130, 2);
        GanConfig cfg = config().build();
        Path ck = dir.resolve("short.ckpt");
        GenerativeAdversarialNetwork.fit(cfg.toBuilder().epochs(2).build(), x, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        GenerativeAdversarialNetwork resumed = GenerativeAdversarialNetwork.fit(cfg, x, TrainingListener.NONE, new Checkpointing(ck, 1, true));
        GenerativeAdversarialNetwork straight = GenerativeAdversarialNetwork.fit(cfg, x);
        assertSameWeights(straight.generatorParameters(), resumed.generatorParameters());
        assertSameWeights(straight.discriminatorParameters(), resumed.discriminatorParameters());
    }

    @Test
    void aCheckpointOfAnotherConfigOtherDataOrAnotherTrainerIsRefused() throws Exception {
        FMatrix x = GanMixtureTest.mixture(130, 2);
        GanConfig cfg = config().epochs(1).build();
        Path ck = dir.resolve("gan.ckpt");
        GenerativeAdversarialNetwork.fit(cfg, x, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenerativeAdversarialNetwork.fit(
                config().discriminatorHidden(8).build(), x, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix other = GanMixtureTest.mixture(130, 3);
        e = assertThrows(IllegalArgumentException.class, () -> GenerativeAdversarialNetwork.fit(cfg, other, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        // a checkpoint of another trainer (here an autoencoder's) is named as such
        Path foreign = dir.resolve("ae.ckpt");
        io.latentj.models.autoencoder.Autoencoder.fit(io.latentj.models.autoencoder.AutoencoderConfig.builder(2).epochs(1).batchSize(30).build(), FMatrix.zeros(10, 2), null,
                TrainingListener.NONE, new Checkpointing(foreign, 1, false));
        UncheckedIOException u = assertThrows(UncheckedIOException.class,
                () -> GenerativeAdversarialNetwork.fit(cfg, x, TrainingListener.NONE, new Checkpointing(foreign, 1, true)));
        assertTrue(u.getMessage().contains("not a GenerativeAdversarialNetwork-checkpoint"), u.getMessage());
        // the checkpoint names both optimisers apart
        var meta = SafeTensors.read(ck).metadata();
        assertTrue(meta.containsKey("generator.optimizer_steps") && meta.containsKey("discriminator.optimizer_steps"), meta.toString());
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        FMatrix x = GanMixtureTest.mixture(130, 2);
        Path ck = dir.resolve("d.ckpt");
        GenerativeAdversarialNetwork.fit(config().epochs(1).build(), x, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        byte[] good = Files.readAllBytes(ck);
        // Adam moves every weight by about the learning rate per step: at 1e15 the products of three layers overflow
        GanConfig wild = config().epochs(20).learningRate(1e15).build();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> GenerativeAdversarialNetwork.fit(wild, x, TrainingListener.NONE, new Checkpointing(ck, 1, false)));
        assertTrue(e.getMessage().contains("GAN training diverged in epoch") && e.getMessage().contains("lower the learning rates")
                && e.getMessage().contains("last good checkpoint is kept at " + ck), e.getMessage());
        int epoch = Integer.parseInt(e.getMessage().replaceAll("(?s).*diverged in epoch (\\d+) .*", "$1"));
        var contents = SafeTensors.read(ck);
        if (epoch == 1) assertArrayEquals(good, Files.readAllBytes(ck), "the diverged state never overwrites the checkpoint");
        else assertEquals(Integer.toString(epoch - 1), contents.metadata().get("epochs_done"), "the checkpoint of the epoch before");
        for (var t : contents.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
    }
}
