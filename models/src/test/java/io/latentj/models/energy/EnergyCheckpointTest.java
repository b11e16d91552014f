package io.latentj.models.energy;

import io.latentj.models.Interruptions.Crash;
import io.latentj.models.Interruptions.Epochs;
import static io.latentj.models.Interruptions.crashAfter;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.SafeTensors;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Energy-model training (products of experts by score matching and by CD with HMC; PCD and maximum likelihood with an
 * adaptive sampler through {@link EnergyTrainer}) resumed from a checkpoint ends with exactly the parameters of an
 * uninterrupted run; checkpoints of another config, rule or data are refused; divergence keeps the last good one.
 */
class EnergyCheckpointTest {
    @TempDir
    java.nio.file.Path dir;

    private static FMatrix patches() {
        return ProductOfExpertsTest.whitenedPatches(240, 3);
    }

    private void assertPoeResumesExactly(PoeConfig cfg, String name) {
        FMatrix z = patches();
        ProductOfExperts straight = ProductOfExperts.fit(cfg, z);
        java.nio.file.Path ck = dir.resolve(name);
        assertThrows(Crash.class, () -> ProductOfExperts.fit(cfg, z, crashAfter(3), new Checkpointing(ck, 2, true)));
        Epochs epochs = new Epochs();
        ProductOfExperts resumed = ProductOfExperts.fit(cfg, z, epochs, new Checkpointing(ck, 2, true));
        assertEquals(3, epochs.count, name + ": resumed after epoch 2");
        assertArrayEquals(straight.filters().data(), resumed.filters().data(), name);
        assertArrayEquals(straight.scales(), resumed.scales(), name);
        assertEquals(straight.provenance(), resumed.provenance(), name);
    }

    @Test
    void productOfExpertsByScoreMatchingResumesExactly() {
        assertPoeResumesExactly(PoeConfig.builder(8).epochs(5).batchSize(50).seed(4).build(), "sm.ckpt");
    }

    @Test
    void productOfExpertsByContrastiveDivergenceWithHmcResumesExactly() {
        PoeConfig cfg = PoeConfig.builder(8).method(PoeConfig.Method.CD_HMC).stepSize(0.1).leapfrogSteps(4).cdSteps(2)
                .epochs(5).batchSize(50).seed(6).build();
        assertPoeResumesExactly(cfg, "cd.ckpt");
        // SGD with momentum: the velocity is part of the state
        assertPoeResumesExactly(cfg.toBuilder().training(cfg.training().toBuilder().optimizer(EnergyTrainingConfig.Optimizer.SGD)
                .learningRate(1e-3).momentum(0.9).build()).build(), "cd-sgd.ckpt");
    }

    /** Persistent chains, a jittered HMC and an operator adapted once (maximum likelihood's burn-in) all resume exactly. */
    @Test
    void statefulRulesResumeExactly() {
        FMatrix x = GaussianLearningTest.samples(150, 2);
        EnergyTrainingConfig cfg = EnergyTrainingConfig.builder().epochs(5).batchSize(30).learningRate(0.01).momentum(0.5).seed(3).build();
        Supplier<LearningRule> pcd = () -> ContrastiveDivergence.persistent(new HamiltonianMonteCarlo(0.2, 3, Double.NaN, 0.3), 2);
        Supplier<LearningRule> ml = () -> new MaximumLikelihood(new HamiltonianMonteCarlo(0.05, 3, 0.65), 20, 10, 1.0);
        int i = 0;
        for (Supplier<LearningRule> rule : java.util.List.of(pcd, ml)) {
            GaussianEnergy straight = GaussianEnergy.standard(x.cols(), Path.defaultPath());
            double[] straightMonitor = EnergyTrainer.fit(straight, x, rule.get(), cfg, TrainingListener.NONE);
            java.nio.file.Path ck = dir.resolve("rule" + i++ + ".ckpt");
            assertThrows(Crash.class, () -> EnergyTrainer.fit(GaussianEnergy.standard(x.cols(), Path.defaultPath()), x, rule.get(), cfg,
                    crashAfter(3), new Checkpointing(ck, 2, true)));
            GaussianEnergy resumed = GaussianEnergy.standard(x.cols(), Path.defaultPath());
            Epochs epochs = new Epochs();
            double[] resumedMonitor = EnergyTrainer.fit(resumed, x, rule.get(), cfg, epochs, new Checkpointing(ck, 2, true));
            assertEquals(3, epochs.count, "resumed after epoch 2");
            assertArrayEquals(straight.parameters(), resumed.parameters(), rule.get().toString());
            assertArrayEquals(java.util.Arrays.copyOfRange(straightMonitor, 2, 5), java.util.Arrays.copyOfRange(resumedMonitor, 2, 5));
            assertEquals((float) straightMonitor[0], (float) resumedMonitor[0], "the monitor of the epochs before the checkpoint");
        }
    }

    @Test
    void aCheckpointOfAnotherConfigRuleOrDataIsRefused() {
        FMatrix z = patches();
        PoeConfig cfg = PoeConfig.builder(8).method(PoeConfig.Method.CD_HMC).stepSize(0.1).leapfrogSteps(4).epochs(2).batchSize(50).seed(6).build();
        java.nio.file.Path ck = dir.resolve("c.ckpt");
        ProductOfExperts.fit(cfg, z, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        for (PoeConfig other : new PoeConfig[] {cfg.toBuilder().leapfrogSteps(5).epochs(3).build(), cfg.toBuilder().method(PoeConfig.Method.SCORE_MATCHING).build(),
                cfg.toBuilder().seed(7).build()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ProductOfExperts.fit(other, z, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
            assertTrue(e.getMessage().contains("another config"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProductOfExperts.fit(PoeConfig.builder(9).method(PoeConfig.Method.CD_HMC).stepSize(0.1).leapfrogSteps(4).epochs(2).batchSize(50).seed(6).build(),
                        z, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix changed = z.copy();
        changed.set(7, 2, changed.get(7, 2) + 1e-3f);
        e = assertThrows(IllegalArgumentException.class, () -> ProductOfExperts.fit(cfg, changed, TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        // and a checkpoint of another trainer altogether
        e = assertThrows(IllegalArgumentException.class, () -> EnergyTrainer.fit(GaussianEnergy.standard(z.cols(), Path.defaultPath()), z, new ScoreMatching(),
                cfg.training(), TrainingListener.NONE, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        FMatrix z = patches();
        java.nio.file.Path ck = dir.resolve("d.ckpt");
        PoeConfig good = PoeConfig.builder(8).epochs(1).batchSize(50).seed(4).build();
        ProductOfExperts.fit(good, z, TrainingListener.NONE, new Checkpointing(ck, 1, false));
        byte[] goodBytes = Files.readAllBytes(ck);
        // learning rate × weight decay > 2: each step overshoots the decay further, until the filters overflow
        PoeConfig wild = PoeConfig.builder(8).training(EnergyTrainingConfig.builder().epochs(500).batchSize(50)
                .optimizer(EnergyTrainingConfig.Optimizer.SGD).learningRate(1).momentum(0).weightDecay(10).seed(4).build()).build();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> ProductOfExperts.fit(wild, z, TrainingListener.NONE, new Checkpointing(ck, 1, false)));
        assertTrue(e.getMessage().contains("energy-model training diverged") && e.getMessage().contains("lower the learning rate")
                && e.getMessage().contains("last good checkpoint is kept at " + ck), e.getMessage());
        int epoch = Integer.parseInt(e.getMessage().replaceAll("(?s).*diverged in epoch (\\d+) .*", "$1"));
        var contents = SafeTensors.read(ck);
        if (epoch == 1) assertArrayEquals(goodBytes, Files.readAllBytes(ck), "the diverged state never overwrites the checkpoint");
        else assertEquals(Integer.toString(epoch - 1), contents.metadata().get("epochs_done"), "the checkpoint of the epoch before");
        for (var t : contents.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
        System.out.println("PoE with learning rate × weight decay = 10 diverged in epoch " + epoch);
    }

    /** Energy-based ICA trains through the same trainer: its checkpointed fit resumes to exactly the same unmixing. */
    @Test
    void energyIcaResumesExactly() {
        FMatrix x = EnergyIcaTest.mixtures(600, 3);
        EnergyTrainingConfig cfg = EnergyTrainingConfig.builder().epochs(5).batchSize(100).learningRate(0.01)
                .optimizer(EnergyTrainingConfig.Optimizer.ADAM).seed(8).build();
        EnergyICA straight = EnergyICA.fit(cfg, Path.defaultPath(), x);
        java.nio.file.Path ck = dir.resolve("ica.ckpt");
        assertThrows(Crash.class, () -> EnergyICA.fit(cfg, Path.defaultPath(), x, crashAfter(4), new Checkpointing(ck, 3, true)));
        Epochs epochs = new Epochs();
        EnergyICA resumed = EnergyICA.fit(cfg, Path.defaultPath(), x, epochs, new Checkpointing(ck, 3, true));
        assertEquals(2, epochs.count, "resumed after epoch 3");
        assertArrayEquals(straight.unmixing().data(), resumed.unmixing().data());
        assertArrayEquals(straight.mean(), resumed.mean());
        // a checkpoint of other data is refused
        FMatrix other = EnergyIcaTest.mixtures(600, 4);
        var e = assertThrows(RuntimeException.class, () -> EnergyICA.fit(cfg, Path.defaultPath(), other, TrainingListener.NONE, new Checkpointing(ck, 3, true)));
        assertTrue(String.valueOf(e.getMessage()).contains("data"), e.getMessage());
    }
}
