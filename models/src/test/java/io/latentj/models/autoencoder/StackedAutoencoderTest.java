package io.latentj.models.autoencoder;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.MlpClassifier;
import io.latentj.models.nn.MlpConfig;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Greedy layer-wise pre-training, the hand-over to fine-tuning, save/load and the configuration checks. */
class StackedAutoencoderTest {
    /** Binary rows from 4 prototypes with 10% flipped bits; the label is the prototype. */
    static FMatrix data(int n, int[] labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, 29);
        for (int i = 0; i < n; i++) {
            int proto = r.nextInt(4);
            if (labels != null) labels[i] = proto;
            for (int j = 0; j < 29; j++) x.set(i, j, (((j * 5 + proto * 7) % 4 == 0) ^ r.nextDouble() < 0.1) ? 1f : 0f);
        }
        return x;
    }

    static StackedAutoencoderConfig config() {
        return StackedAutoencoderConfig.builder(
                AutoencoderConfig.builder(12).epochs(5).batchSize(20).maskingNoise(0.2).seed(1).build(),
                AutoencoderConfig.builder(6).epochs(5).batchSize(20).tied(false).seed(2).build())
                .fineTuning(MlpConfig.builder().epochs(10).batchSize(20).learningRate(0.01).build()).build();
    }

    @Test
    void eachLayerIsTrainedOnTheCodesOfTheLayerBelow() {
        FMatrix x = data(300, null, 1);
        StackedAutoencoderConfig cfg = config();
        StackedAutoencoder s = StackedAutoencoder.pretrain(cfg, x);
        Autoencoder first = Autoencoder.fit(cfg.layers().get(0), x);
        Autoencoder second = Autoencoder.fit(cfg.layers().get(1), first.transform(x));
        assertArrayEquals(first.weights().data(), s.layers().get(0).weights().data());
        assertArrayEquals(second.weights().data(), s.layers().get(1).weights().data());
        assertArrayEquals(second.transform(first.transform(x)).data(), s.transform(x).data());
        assertEquals(29, s.inputSize());
        assertEquals(6, s.outputSize());
    }

    @Test
    void fineTuningStartsFromTheEncodersAndLearnsTheLabels() {
        int[] y = new int[300], yt = new int[200];
        FMatrix x = data(300, y, 2), xt = data(200, yt, 3);
        StackedAutoencoder s = StackedAutoencoder.pretrain(config(), x);
        MlpClassifier zero = s.fineTune(s.config().fineTuning().toBuilder().epochs(0).build(), x, y, 4);
        assertArrayEquals(s.layers().get(0).weights().data(), zero.weights(0).data());
        assertArrayEquals(s.layers().get(1).weights().data(), zero.weights(1).data());
        assertArrayEquals(s.layers().get(1).hiddenBias(), zero.bias(1));
        MlpClassifier clf = s.fineTune(x, y, 4);
        double acc = clf.accuracy(xt, yt);
        System.out.println("stacked autoencoder on prototypes: test accuracy " + acc);
        assertTrue(acc > 0.95, "accuracy " + acc);
    }

    @Test
    void saveLoadRoundTrip(@TempDir java.nio.file.Path dir) throws Exception {
        FMatrix x = data(100, null, 4);
        StackedAutoencoder s = StackedAutoencoder.pretrain(config(), x);
        java.nio.file.Path f = dir.resolve("sae.safetensors");
        s.save(f);
        StackedAutoencoder back = StackedAutoencoder.load(f);
        assertArrayEquals(s.transform(x).data(), back.transform(x).data());
        assertEquals(s.config().fineTuning().toMap(), back.config().fineTuning().toMap());
        assertEquals(s.config().layers().get(1).toMap(), back.config().layers().get(1).toMap());
        assertInstanceOf(StackedAutoencoder.class, io.latentj.models.ModelFiles.load(f));
        // the kernel path is chosen at load and reaches every layer and the fine-tuning config
        StackedAutoencoder scalar = StackedAutoencoder.load(io.latentj.models.io.ModelSource.of(java.nio.file.Files.readAllBytes(f)),
                io.latentj.simd.Path.SCALAR);
        for (AutoencoderConfig c : scalar.config().layers()) assertEquals(io.latentj.simd.Path.SCALAR, c.path());
        assertEquals(io.latentj.simd.Path.SCALAR, scalar.config().fineTuning().path());
        assertArrayEquals(s.transform(x).data(), scalar.transform(x).data(), 1e-5f);
    }

    @Test
    void inconsistentConfigsAreRefused() {
        AutoencoderConfig a = AutoencoderConfig.builder(8).build(), t = AutoencoderConfig.builder(4).encoder(Activation.TANH).decoder(Activation.LINEAR).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackedAutoencoderConfig.builder(a, t).build());
        assertTrue(e.getMessage().contains("share one encoder activation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StackedAutoencoderConfig.builder(a).fineTuning(MlpConfig.builder(9).hiddenActivation(Activation.SIGMOID).build()).build());
        assertTrue(e.getMessage().contains("[9]") && e.getMessage().contains("[8]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StackedAutoencoderConfig.builder(a).fineTuning(MlpConfig.builder(8).build()).build());
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StackedAutoencoderConfig.builder().build());
        FMatrix nan = data(50, null, 5);
        nan.set(11, 2, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> StackedAutoencoder.pretrain(config(), nan));
        assertTrue(e.getMessage().contains("row 11"), e.getMessage());
    }
}
