package io.latentj.models.words;

import io.latentj.models.Interruptions.Crash;
import static io.latentj.models.Interruptions.crashAfter;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Word-vector training resumed from a checkpoint (lookup table, network, optimiser state, order and corruption streams)
 * ends with exactly the vectors and network of an uninterrupted run; checkpoints of another config, another text or
 * another trainer are refused; a diverging run stops with a clear message and keeps its last good checkpoint.
 */
class WordVectorsCheckpointTest {
    @TempDir
    Path dir;

    private static WindowScorerConfig.Builder config() {
        return WindowScorerConfig.builder().dimension(6).window(3).hidden(8).epochs(5).batchSize(40).negatives(2).learningRate(0.05)
                .embeddingLearningRate(0.05).seed(4);
    }

    /** Every word's vector, the window scores of a few windows: equal only when every parameter is. */
    private static void assertSame(WordVectors a, WordVectors b, String what) {
        assertEquals(a.vocabulary().words(), b.vocabulary().words());
        for (String word : a.vocabulary().words()) assertArrayEquals(a.vector(word), b.vector(word), what + ": " + word);
        FMatrix windows = FMatrix.zeros(a.vocabulary().size() - 2, 3);
        for (int i = 0; i < windows.rows(); i++) for (int j = 0; j < 3; j++) windows.set(i, j, 2 + (i + 5 * j) % windows.rows());
        assertArrayEquals(a.transform(windows).toArray(), b.transform(windows).toArray(), what);
        for (int i = 0; i < windows.rows(); i++) {
            String[] w = new String[3];
            for (int j = 0; j < 3; j++) w[j] = a.vocabulary().word((int) windows.get(i, j));
            assertEquals(Double.doubleToRawLongBits(a.score(w)), Double.doubleToRawLongBits(b.score(w)), what + ": score of " + String.join(" ", w));
        }
    }

    @Test
    void aResumedRunEndsWithExactlyTheVectorsOfAnUninterruptedOne() {
        List<String[]> text = WordVectorsTest.plantedCorpus(150, 3);
        for (Optimizer.Kind kind : Optimizer.Kind.values()) {
            WindowScorerConfig cfg = config().optimizer(kind).build();
            WordVectors straight = WordVectors.fit(cfg, text, TrainingListener.NONE);
            Path ck = dir.resolve(kind + ".ckpt");
            assertThrows(Crash.class, () -> WordVectors.fit(cfg, text, crashAfter(3), new Checkpointing(ck, 2, true)));
            List<Integer> epochs = new ArrayList<>();
            WordVectors resumed = WordVectors.fit(cfg, text, new TrainingListener() {
                @Override
                public void onEpoch(EpochReport r) {
                    epochs.add(r.epoch());
                }
            }, new Checkpointing(ck, 2, true));
            assertEquals(List.of(3, 4, 5), epochs, "resumed after the checkpoint of epoch 2");
            assertSame(straight, resumed, kind.toString());
        }
    }

    @Test
    void aShortRunContinuedToMoreEpochsMatchesTheLongRun() {
        List<String[]> text = WordVectorsTest.plantedCorpus(150, 3);
        Path ck = dir.resolve("short.ckpt");
        WordVectors.fit(config().epochs(2).build(), text, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        WordVectors resumed = WordVectors.fit(config().build(), text, TrainingListener.NONE, new Checkpointing(ck, 1, true));
        assertSame(WordVectors.fit(config().build(), text, TrainingListener.NONE), resumed, "2 + 3 epochs");
    }

    @Test
    void aCheckpointOfAnotherConfigAnotherTextOrAnotherTrainerIsRefused() {
        List<String[]> text = WordVectorsTest.plantedCorpus(150, 3);
        Path ck = dir.resolve("wv.ckpt");
        WordVectors.fit(config().epochs(1).build(), text, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordVectors.fit(config().negatives(1).build(), text, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WordVectors.fit(config().build(), WordVectorsTest.plantedCorpus(150, 4),
                TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        // the same ids under other words (every "cat" read as "kitten") is other data too
        List<String[]> renamed = new ArrayList<>();
        for (String[] s : text) {
            String[] r = s.clone();
            for (int i = 0; i < r.length; i++) if (r[i].equals("cat")) r[i] = "kitten";
            renamed.add(r);
        }
        e = assertThrows(IllegalArgumentException.class, () -> WordVectors.fit(config().build(), renamed, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        Path foreign = dir.resolve("ae.ckpt");
        io.latentj.models.autoencoder.Autoencoder.fit(io.latentj.models.autoencoder.AutoencoderConfig.builder(2).epochs(1).build(), FMatrix.zeros(10, 3),
                null, TrainingListener.NONE, new Checkpointing(foreign, 1, false));
        UncheckedIOException u = assertThrows(UncheckedIOException.class,
                () -> WordVectors.fit(config().build(), text, TrainingListener.NONE, new Checkpointing(foreign, 1, true)));
        assertTrue(u.getMessage().contains("not a WordVectors-checkpoint"), u.getMessage());
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        List<String[]> text = WordVectorsTest.plantedCorpus(150, 3);
        Path ck = dir.resolve("d.ckpt");
        WordVectors.fit(config().epochs(1).build(), text, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        byte[] good = Files.readAllBytes(ck);
        // linear units, momentum SGD and the largest rates allowed: vectors and weights grow each other without bound
        WindowScorerConfig wild = config().epochs(30).activation(Activation.LINEAR).optimizer(Optimizer.Kind.SGD).learningRate(999)
                .embeddingLearningRate(999).build();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> WordVectors.fit(wild, text, TrainingListener.NONE, new Checkpointing(ck, 1, false)));
        assertTrue(e.getMessage().contains("word-vector training diverged in epoch") && e.getMessage().contains("lower the learning rates")
                && e.getMessage().contains("last good checkpoint is kept at " + ck), e.getMessage());
        int epoch = Integer.parseInt(e.getMessage().replaceAll("(?s).*diverged in epoch (\\d+) .*", "$1"));
        var contents = SafeTensors.read(ck);
        if (epoch == 1) assertArrayEquals(good, Files.readAllBytes(ck), "the diverged state never overwrites the checkpoint");
        else assertEquals(Integer.toString(epoch - 1), contents.metadata().get("epochs_done"), "the checkpoint of the epoch before");
        for (var t : contents.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
    }
}
