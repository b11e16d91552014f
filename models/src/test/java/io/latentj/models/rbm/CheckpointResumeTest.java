package io.latentj.models.rbm;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointResumeTest {
    @TempDir
    Path dir;

    private static final FMatrix BAS = BarsAndStripes.repeated(4, 10);

    private static RbmConfig config(int epochs) {
        return RbmConfig.builder(12).epochs(epochs).batchSize(10).learningRate(0.05).persistent(true).k(2)
                .sparsity(0.2, 0.01).seed(3).monitorSamples(0).build();
    }

    private static RbmConfig inverse(int epochs) {
        return config(epochs).toBuilder().schedule(RbmConfig.Schedule.INVERSE).learningRateDecay(0.1).build();
    }

    /** Thrown by a listener to simulate a crash right after an epoch. */
    private static final class Crash extends RuntimeException {}

    @Test
    void aResumedRunEndsWithExactlyTheWeightsOfAnUninterruptedOne() {
        BernoulliRBM straight = BernoulliRBM.fit(config(6), BAS);
        Path ck = dir.resolve("run.ckpt");
        TrainingListener crashAfter3 = new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                if (r.epoch() == 3) throw new Crash();
            }
        };
        assertThrows(Crash.class, () -> BernoulliRBM.fit(config(6), BAS, null, crashAfter3, new Checkpointing(ck, 2, true)));
        assertTrue(Files.exists(ck), "the epoch-2 checkpoint survives the crash");
        BernoulliRBM resumed = BernoulliRBM.fit(config(6), BAS, null, TrainingListener.NONE, new Checkpointing(ck, 2, true));
        assertArrayEquals(straight.weights().data(), resumed.weights().data());
        assertArrayEquals(straight.visibleBias(), resumed.visibleBias());
        assertArrayEquals(straight.hiddenBias(), resumed.hiddenBias());
        // training on for more epochs from the final checkpoint equals training longer in one go, for a schedule
        // that does not depend on the number of epochs (PCD's default linear one is stretched by more epochs)
        Path ck2 = dir.resolve("inverse.ckpt");
        BernoulliRBM.fit(inverse(6), BAS, null, TrainingListener.NONE, new Checkpointing(ck2, 2, false));
        BernoulliRBM longer = BernoulliRBM.fit(inverse(8), BAS, null, TrainingListener.NONE, new Checkpointing(ck2, 2, true));
        assertArrayEquals(BernoulliRBM.fit(inverse(8), BAS).weights().data(), longer.weights().data());
    }

    @Test
    void resumingWithAnotherConfigOrOtherDataIsRefused() throws Exception {
        Path ck = dir.resolve("c.ckpt");
        BernoulliRBM.fit(config(2), BAS, null, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        RbmConfig other = config(4).toBuilder().learningRate(0.1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BernoulliRBM.fit(other, BAS, null, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix changed = BAS.copy();
        changed.set(0, 0, 1f - changed.get(0, 0));
        e = assertThrows(IllegalArgumentException.class,
                () -> BernoulliRBM.fit(config(4), changed, null, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        Files.write(ck, new byte[] {9, 9, 9});
        assertThrows(UncheckedIOException.class, () -> BernoulliRBM.fit(config(4), BAS, null, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertThrows(IllegalArgumentException.class, () -> new Checkpointing(ck, 0, true));
    }
}
