package io.latentj.models.dbn;

import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

class DeepAutoencoderTest {
    @TempDir
    java.nio.file.Path dir;

    private static final FMatrix DATA = Patterns.barsAndStripes(5, 1000, 4);

    private static DeepAutoencoderConfig.Builder config(int fineTuneEpochs) {
        return DeepAutoencoderConfig.builder(40, 20, 4)
                .pretraining(RbmConfig.builder(1).learningRate(0.05).epochs(30).batchSize(20).build())
                .codeLearningRate(0.005).fineTuneEpochs(fineTuneEpochs).fineTuneLearningRate(3e-3).batchSize(20).seed(5).path(Path.AUTO);
    }

    private static double pcaError(FMatrix x, int k) {
        PCA pca = PCA.fit(PcaConfig.components(k).build(), x);
        return Linalg.squaredDistance(Path.AUTO, pca.reconstruct(x), x) / x.rows();
    }

    @Test
    void fineTuningLowersTheErrorOfTheUnrolledStackAndBeatsPcaAtTheSameCodeSize() {
        DeepAutoencoder pretrained = DeepAutoencoder.fit(config(0).build(), DATA);
        DeepAutoencoder tuned = DeepAutoencoder.fit(config(40).build(), DATA);
        double e0 = pretrained.reconstructionError(DATA), e1 = tuned.reconstructionError(DATA), pca = pcaError(DATA, 4);
        System.out.printf("bars and stripes 5×5, code 4: unrolled RBMs %.3f, fine-tuned %.3f, PCA-4 %.3f (squared error per image)%n", e0, e1, pca);
        assertTrue(e1 < 0.7 * e0, e1 + " vs " + e0);
        assertTrue(e1 < 0.7 * pca, e1 + " vs PCA " + pca);
        assertEquals(4, tuned.outputSize());
        assertEquals(25, tuned.decode(tuned.transform(DATA.rowRange(0, 3))).cols());
    }

    @Test
    void saveLoadTransformIntoAndBadInput() throws Exception {
        DeepAutoencoder m = DeepAutoencoder.fit(config(2).build(), DATA.rowRange(0, 200));
        java.nio.file.Path f = dir.resolve("dae.safetensors");
        m.save(f);
        DeepAutoencoder back = DeepAutoencoder.load(f);
        FMatrix x = DATA.rowRange(0, 9);
        assertArrayEquals(m.transform(x).toArray(), back.transform(x).toArray());
        assertArrayEquals(m.reconstruct(x).toArray(), back.reconstruct(x).toArray());
        assertEquals(m.config().toMap(), back.config().toMap());
        float[] out = new float[4];
        FMatrix codes = m.transform(x);
        for (int r = 0; r < 9; r++) {
            m.transformInto(x.data(), x.rowOffset(r), out, 0);
            for (int j = 0; j < 4; j++) assertEquals(codes.get(r, j), out[j], 1e-5f);
        }
        FMatrix bad = DATA.rowRange(0, 50).copy();
        bad.set(7, 3, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepAutoencoder.fit(config(1).build(), bad));
        assertTrue(e.getMessage().contains("row 7"), e.getMessage());
        FMatrix outOfRange = DATA.rowRange(0, 50).copy();
        outOfRange.set(2, 2, 3f);
        assertThrows(IllegalArgumentException.class, () -> DeepAutoencoder.fit(config(1).build(), outOfRange));
        assertThrows(IllegalArgumentException.class, () -> m.transform(FMatrix.zeros(2, 24)));
        Files.writeString(dir.resolve("junk.safetensors"), "not a model");
        assertThrows(java.io.IOException.class, () -> DeepAutoencoder.load(dir.resolve("junk.safetensors")));
    }
}
