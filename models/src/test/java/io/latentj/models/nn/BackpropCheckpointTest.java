package io.latentj.models.nn;

import io.latentj.models.Interruptions.Crash;
import static io.latentj.models.Interruptions.crashAfter;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.vae.VaeConfig;
import io.latentj.models.vae.VariationalAutoencoder;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** MLP and VAE training resumed from a checkpoint end with exactly the outputs of an uninterrupted run. */
class BackpropCheckpointTest {
    @TempDir
    Path dir;

    private static FMatrix data(int[] labels) {
        SplittableRandom r = new SplittableRandom(6);
        FMatrix x = FMatrix.zeros(labels.length, 11);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 11; j++) x.set(i, j, (float) Math.min(1, Math.max(0, (j % 3 == labels[i] ? 0.7 : 0.2) + 0.2 * r.nextGaussian())));
        }
        return x;
    }

    @Test
    void mlpResumesExactly() {
        int[] y = new int[120];
        FMatrix x = data(y);
        MlpConfig cfg = MlpConfig.builder(9, 5).epochs(5).batchSize(16).learningRate(0.01).seed(2).build();
        MlpClassifier straight = MlpClassifier.fit(cfg, x, y, 3);
        Path ck = dir.resolve("mlp.ckpt");
        assertThrows(Crash.class, () -> MlpClassifier.fit(cfg, x, y, 3, crashAfter(3), new Checkpointing(ck, 2, true)));
        MlpClassifier resumed = MlpClassifier.fit(cfg, x, y, 3, TrainingListener.NONE, new Checkpointing(ck, 2, true));
        assertArrayEquals(straight.transform(x).toArray(), resumed.transform(x).toArray());
        int[] other = y.clone();
        other[5] = (other[5] + 1) % 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpClassifier.fit(cfg, x, other, 3, TrainingListener.NONE, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
    }

    @Test
    void vaeResumesExactly() {
        FMatrix x = data(new int[120]);
        VaeConfig cfg = VaeConfig.builder(3).hidden(8).epochs(5).batchSize(16).learningRate(3e-3).seed(2).build();
        VariationalAutoencoder straight = VariationalAutoencoder.fit(cfg, x);
        Path ck = dir.resolve("vae.ckpt");
        assertThrows(Crash.class, () -> VariationalAutoencoder.fit(cfg, x, null, crashAfter(4), new Checkpointing(ck, 3, true)));
        VariationalAutoencoder resumed = VariationalAutoencoder.fit(cfg, x, null, TrainingListener.NONE, new Checkpointing(ck, 3, true));
        assertArrayEquals(straight.transform(x).toArray(), resumed.transform(x).toArray());
        assertArrayEquals(straight.reconstruct(x).toArray(), resumed.reconstruct(x).toArray());
    }
}
