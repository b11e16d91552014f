package io.latentj.models.boltzmann;

import io.latentj.models.Interruptions.Crash;
import io.latentj.models.Interruptions.Epochs;
import static io.latentj.models.Interruptions.crashAfter;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.SafeTensors;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * PCD training of a general Boltzmann machine resumed from a checkpoint (couplings, fields, velocities, persistent
 * particles, random streams) ends with exactly the parameters of an uninterrupted run; checkpoints of another config
 * or other data are refused; a diverging run stops and keeps its last good checkpoint.
 */
class BoltzmannCheckpointTest {
    @TempDir
    Path dir;

    private static BoltzmannConfig config(int epochs) {
        // the momentum switches after epoch 2 and the learning rate decays, so the schedule position matters too
        return BoltzmannConfig.builder(4).epochs(epochs).batchSize(10).particles(12).gibbsSweeps(2).learningRate(0.05)
                .learningRateDecay(0.1).momentum(0.5, 0.9, 2).weightCost(1e-3).seed(8).monitorSamples(0).build();
    }

    private static void assertSameMachine(BoltzmannMachine a, BoltzmannMachine b) {
        assertArrayEquals(a.weights().data(), b.weights().data());
        assertArrayEquals(a.visibleCouplings().data(), b.visibleCouplings().data());
        assertArrayEquals(a.hiddenCouplings().data(), b.hiddenCouplings().data());
        assertArrayEquals(a.visibleBias(), b.visibleBias());
        assertArrayEquals(a.hiddenBias(), b.hiddenBias());
    }

    @Test
    void resumedTrainingEndsWithExactlyTheUninterruptedParameters() {
        FMatrix data = Reference.barsAndStripes(3);
        BoltzmannMachine straight = BoltzmannMachine.fit(config(5), data);
        Path ck = dir.resolve("bm.ckpt");
        assertThrows(Crash.class, () -> BoltzmannMachine.fit(config(5), data, crashAfter(3), new Checkpointing(ck, 2, true)));
        Epochs epochs = new Epochs();
        BoltzmannMachine resumed = BoltzmannMachine.fit(config(5), data, epochs, new Checkpointing(ck, 2, true));
        assertSameMachine(straight, resumed);
        assertEquals(3, epochs.count, "resumed after epoch 2");
        // a finished run's checkpoint also extends to more epochs exactly
        BoltzmannMachine longer = BoltzmannMachine.fit(config(7), data);
        assertSameMachine(longer, BoltzmannMachine.fit(config(7), data, TrainingListener.NONE, new Checkpointing(ck, 2, true)));
    }

    @Test
    void aCheckpointOfAnotherConfigOrOtherDataIsRefused() {
        FMatrix data = Reference.barsAndStripes(3);
        Path ck = dir.resolve("bm.ckpt");
        BoltzmannMachine.fit(config(2), data, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoltzmannMachine.fit(
                config(3).toBuilder().hiddenCouplings(false).build(), data, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix other = data.copy();
        other.set(3, 4, 1 - other.get(3, 4));
        e = assertThrows(IllegalArgumentException.class,
                () -> BoltzmannMachine.fit(config(3), other, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        FMatrix data = Reference.barsAndStripes(3);
        Path ck = dir.resolve("d.ckpt");
        // learning rate × weight cost > 2: the weight-cost step overshoots further each update, until the couplings overflow
        BoltzmannConfig wild = BoltzmannConfig.builder(4).epochs(2000).batchSize(14).particles(8).learningRate(1).weightCost(5)
                .seed(2).monitorSamples(0).build();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> BoltzmannMachine.fit(wild, data, TrainingListener.NONE, new Checkpointing(ck, 1, false)));
        assertTrue(e.getMessage().contains("Boltzmann machine training diverged") && e.getMessage().contains("lower the learning rate")
                && e.getMessage().contains("last good checkpoint is kept at " + ck), e.getMessage());
        int epoch = Integer.parseInt(e.getMessage().replaceAll("(?s).*diverged in epoch (\\d+) .*", "$1"));
        assertTrue(epoch > 1, "diverged in epoch " + epoch);
        var contents = SafeTensors.read(ck);
        assertEquals(Integer.toString(epoch - 1), contents.metadata().get("epochs_done"), "the checkpoint of the epoch before");
        for (var t : contents.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
        assertTrue(Files.size(ck) > 0);
    }
}
