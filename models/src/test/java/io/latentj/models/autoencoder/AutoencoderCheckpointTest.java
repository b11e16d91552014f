package io.latentj.models.autoencoder;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** A resumed autoencoder run (Adam or momentum moments, noise and order streams restored) ends with the uninterrupted weights. */
class AutoencoderCheckpointTest {
    @TempDir
    Path dir;

    private static final class Crash extends RuntimeException {}

    private static FMatrix data() {
        SplittableRandom r = new SplittableRandom(3);
        FMatrix x = FMatrix.zeros(90, 17);
        for (int i = 0; i < 90; i++) for (int j = 0; j < 17; j++) x.set(i, j, (j + i) % 3 == 0 ^ r.nextDouble() < 0.1 ? 1f : 0f);
        return x;
    }

    @Test
    void aResumedRunEndsWithExactlyTheWeightsOfAnUninterruptedOne() {
        FMatrix x = data();
        AutoencoderConfig[] configs = {
                AutoencoderConfig.builder(6).epochs(5).batchSize(20).maskingNoise(0.3).seed(4).build(),
                AutoencoderConfig.builder(6).epochs(5).batchSize(20).tied(false).gaussianNoise(0.1).optimizer(Optimizer.Kind.SGD).seed(4).build(),
                AutoencoderConfig.builder(6).epochs(5).batchSize(20).sparsity(0.1, 0.1).optimizer(Optimizer.Kind.ADAGRAD).seed(4).build()};
        int c = 0;
        for (AutoencoderConfig cfg : configs) {
            Autoencoder straight = Autoencoder.fit(cfg, x);
            Path ck = dir.resolve("ae" + c++ + ".ckpt");
            TrainingListener crash = new TrainingListener() {
                @Override
                public void onEpoch(EpochReport r) {
                    if (r.epoch() == 3) throw new Crash();
                }
            };
            assertThrows(Crash.class, () -> Autoencoder.fit(cfg, x, null, crash, new Checkpointing(ck, 2, true)));
            Autoencoder resumed = Autoencoder.fit(cfg, x, null, TrainingListener.NONE, new Checkpointing(ck, 2, true));
            assertArrayEquals(straight.transform(x).toArray(), resumed.transform(x).toArray(), cfg.toString());
            assertArrayEquals(straight.reconstruct(x).toArray(), resumed.reconstruct(x).toArray(), cfg.toString());
        }
        Path ck = dir.resolve("ae0.ckpt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.fit(configs[0].toBuilder().learningRate(0.5).build(), x, null, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
    }
}
