package io.latentj.models.rbm;

import io.latentj.models.Interruptions.Crash;
import static io.latentj.models.Interruptions.crashAfter;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.data.Ratings;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Checkpoint and exact resume for the Gaussian-Bernoulli and softmax RBMs; a diverging run keeps its last good checkpoint. */
class MoreCheckpointsTest {
    @TempDir
    Path dir;

    private static FMatrix realData(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(120, 9);
        for (int i = 0; i < 120; i++) for (int j = 0; j < 9; j++) x.set(i, j, (float) (scale * (r.nextGaussian() + (i % 3 == j % 3 ? 1.5 : 0))));
        return x;
    }

    private static RbmConfig gaussianConfig(int epochs) {
        return RbmConfig.builder(7).epochs(epochs).batchSize(20).learningRate(0.01).persistent(true).k(2).seed(5).monitorSamples(0).build();
    }

    @Test
    void gaussianRbmResumesToExactlyTheUninterruptedWeights() {
        FMatrix x = realData(1, 1);
        for (boolean learnVariance : new boolean[] {false, true}) {
            GaussianBernoulliRBM straight = GaussianBernoulliRBM.fit(gaussianConfig(5), learnVariance, x, null, TrainingListener.NONE);
            Path ck = dir.resolve("g" + learnVariance + ".ckpt");
            assertThrows(Crash.class, () -> GaussianBernoulliRBM.fit(gaussianConfig(5), learnVariance, x, null, crashAfter(3), new Checkpointing(ck, 2, true)));
            GaussianBernoulliRBM resumed = GaussianBernoulliRBM.fit(gaussianConfig(5), learnVariance, x, null, TrainingListener.NONE, new Checkpointing(ck, 2, true));
            assertArrayEquals(straight.weights().data(), resumed.weights().data(), "learnVariance " + learnVariance);
            assertArrayEquals(straight.sigma(), resumed.sigma());
            // the variance setting is part of the checkpoint's config
            assertThrows(IllegalArgumentException.class,
                    () -> GaussianBernoulliRBM.fit(gaussianConfig(6), !learnVariance, x, null, TrainingListener.NONE, new Checkpointing(ck, 2, true)));
        }
    }

    @Test
    void softmaxRbmResumesToExactlyTheUninterruptedWeights() {
        SplittableRandom r = new SplittableRandom(2);
        int users = 40, items = 11;
        int[] u = new int[users * items], it = new int[users * items], rt = new int[users * items];
        int n = 0;
        for (int a = 0; a < users; a++) for (int b = 0; b < items; b++) if (r.nextDouble() < 0.5) { u[n] = a; it[n] = b; rt[n] = 1 + (a + b) % 4; n++; }
        Ratings ratings = Ratings.of(users, items, 4, java.util.Arrays.copyOf(u, n), java.util.Arrays.copyOf(it, n), java.util.Arrays.copyOf(rt, n));
        RbmConfig cfg = RbmConfig.builder(6).epochs(5).batchSize(8).learningRate(0.05).k(1).seed(9).monitorSamples(0).build();
        SoftmaxRBM straight = SoftmaxRBM.fit(cfg, ratings);
        Path ck = dir.resolve("s.ckpt");
        assertThrows(Crash.class, () -> SoftmaxRBM.fit(cfg, ratings, null, crashAfter(4), new Checkpointing(ck, 3, true)));
        SoftmaxRBM resumed = SoftmaxRBM.fit(cfg, ratings, null, TrainingListener.NONE, new Checkpointing(ck, 3, true));
        assertArrayEquals(straight.weights().data(), resumed.weights().data());
        Ratings other = Ratings.of(users, items, 4, java.util.Arrays.copyOf(u, n - 1), java.util.Arrays.copyOf(it, n - 1), java.util.Arrays.copyOf(rt, n - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxRBM.fit(cfg, other, null, TrainingListener.NONE, new Checkpointing(ck, 3, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path ck = dir.resolve("d.ckpt");
        FMatrix x = realData(3, 1);
        GaussianBernoulliRBM.fit(gaussianConfig(2), false, x, null, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        byte[] good = Files.readAllBytes(ck);
        // far from standardised data and a huge learning rate: the parameters overflow within a few epochs
        FMatrix wild = realData(3, 1e6);
        RbmConfig cfg = RbmConfig.builder(7).epochs(8).batchSize(20).learningRate(100).seed(1).monitorSamples(0).build();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> GaussianBernoulliRBM.fit(cfg, false, wild, null, TrainingListener.NONE, new Checkpointing(ck, 1, false)));
        assertTrue(e.getMessage().contains("lower the learning rate") && e.getMessage().contains("last good checkpoint is kept at " + ck), e.getMessage());
        int epoch = Integer.parseInt(e.getMessage().replaceAll("(?s).*diverged in epoch (\\d+) .*", "$1"));
        var contents = SafeTensors.read(ck);
        if (epoch == 1) assertArrayEquals(good, Files.readAllBytes(ck), "the diverged state never overwrites the checkpoint");
        else assertEquals(Integer.toString(epoch - 1), contents.metadata().get("epochs_done"), "the checkpoint of the epoch before");
        for (var t : contents.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
        // the same for the Bernoulli RBM's trainer: NaN from the data cannot happen (refused), so an absurd rate
        assertThrows(IllegalArgumentException.class, () -> GaussianBernoulliRBM.fit(cfg, false, nanData(), null, TrainingListener.NONE));
    }

    private static FMatrix nanData() {
        FMatrix x = realData(4, 1);
        x.set(17, 3, Float.NaN);
        return x;
    }
}
