package io.latentj.models.dbn;

import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DeepBeliefNetTest {
    private static final FMatrix BAS = Patterns.barsAndStripes(4, 400, 1);

    private static RbmConfig layer(int hidden, int epochs) {
        return RbmConfig.builder(hidden).learningRate(0.05).epochs(epochs).batchSize(10).momentum(0.5, 0.9, 5).weightCost(1e-4).build();
    }

    private static VariationalBound.Estimate bound(DeepBeliefNet dbn, FMatrix data, long seed) {
        return VariationalBound.estimate(dbn, data, 200, VariationalBound.exactTopLogPartition(dbn), Rng.of(seed));
    }

    @Test
    void secondLayerStartsAtTheOneLayerBoundAndTrainingRaisesIt() {
        DbnConfig one = DbnConfig.builder().layer(layer(12, 60)).seed(3).path(Path.AUTO).build();
        DeepBeliefNet dbn1 = DeepBeliefNet.fit(one, BAS);
        VariationalBound.Estimate b1 = bound(dbn1, BAS, 5);
        DbnConfig.Builder two = one.toBuilder().transposeInit(true);
        DeepBeliefNet dbn2init = DeepBeliefNet.fit(two.layer(layer(16, 0)).build(), BAS);
        VariationalBound.Estimate b2init = bound(dbn2init, BAS, 5);
        DeepBeliefNet dbn2 = DeepBeliefNet.fit(one.toBuilder().transposeInit(true).layer(layer(16, 100)).build(), BAS);
        VariationalBound.Estimate b2 = bound(dbn2, BAS, 5);
        System.out.printf("one layer log p(v) %.4f; two layers, transposed init: bound %.4f ± %.4f; trained: %.4f ± %.4f%n",
                b1.bound(), b2init.bound(), b2init.standardError(), b2.bound(), b2.standardError());
        assertEquals(b1.bound(), b2init.bound(), 4 * b2init.standardError() + 1e-3);
        assertTrue(b2.bound() > b2init.bound() + 4 * (b2.standardError() + b2init.standardError()), b2 + " vs " + b2init);
    }

    @Test
    void samplesOfADbnTrainedOnBarsAndStripesAreMostlyValid() {
        DeepBeliefNet dbn = DeepBeliefNet.fit(DbnConfig.builder().layer(layer(32, 150)).layer(layer(64, 150)).seed(7).path(Path.AUTO).build(), BAS);
        FMatrix s = dbn.sample(500, 500, Rng.of(11), false);
        int valid = 0;
        for (int r = 0; r < s.rows(); r++) if (Patterns.isBarsOrStripes(s, r, 4)) valid++;
        System.out.println("DBN 16-32-64 on bars and stripes: " + valid + " of " + s.rows() + " samples valid (chance 30/65536)");
        assertTrue(valid > 0.6 * s.rows(), valid + " of " + s.rows());
    }

    @Test
    void labelUnitsClassifyByLowestFreeEnergy() {
        Patterns.Labelled train = Patterns.prototypes(5, 40, 1000, 0.15, 1), test = Patterns.prototypes(5, 40, 500, 0.15, 2);
        DbnConfig cfg = DbnConfig.builder().layer(layer(30, 20)).layer(layer(40, 30)).classes(5).seed(2).path(Path.AUTO).build();
        DeepBeliefNet dbn = DeepBeliefNet.fit(cfg, train.x(), train.labels(), null);
        double acc = dbn.accuracy(test.x(), test.labels());
        System.out.println("label units, 5 noisy prototypes: test accuracy " + acc);
        assertTrue(acc > 0.9, "accuracy " + acc);
        FMatrix f = dbn.labelFreeEnergies(test.x().rowRange(0, 3));
        assertEquals(5, f.cols());
        // clamped-label samples come from that class: nearest prototype of most samples is the clamped label
        FMatrix s = dbn.sample(100, 200, Rng.of(3), true, 2);
        int[] predicted = dbn.classify(s);
        int hits = 0;
        for (int v : predicted) if (v == 2) hits++;
        assertTrue(hits > 70, hits + " of 100 samples clamped to label 2 classify as 2");
    }

    @Test
    void upDownFineTuningRaisesTheBound() {
        DbnConfig cfg = DbnConfig.builder().layer(layer(12, 40)).layer(layer(12, 40)).seed(9).path(Path.AUTO).build();
        DeepBeliefNet dbn = DeepBeliefNet.fit(cfg, BAS);
        VariationalBound.Estimate before = bound(dbn, BAS, 21);
        DeepBeliefNet tuned = dbn.fineTuneUpDown(cfg.toBuilder().upDown(100, 0.01, 3, 10).build(), BAS, null, null);
        VariationalBound.Estimate after = bound(tuned, BAS, 21);
        System.out.printf("up-down: bound %.4f ± %.4f → %.4f ± %.4f%n", before.bound(), before.standardError(), after.bound(), after.standardError());
        assertTrue(after.bound() > before.bound() + 0.1 + 4 * (before.standardError() + after.standardError()), after + " vs " + before);
    }

    @Test
    void gaussianBottomTrainsSamplesAndHasAFiniteBound() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        FMatrix x = FMatrix.zeros(300, 9);
        for (int i = 0; i < 300; i++) {
            double s = r.nextBoolean() ? 1 : -1;
            for (int j = 0; j < 9; j++) x.set(i, j, (float) (0.5 * r.nextGaussian() + s * (j % 3 - 1)));
        }
        DbnConfig cfg = DbnConfig.builder().layer(RbmConfig.builder(8).learningRate(0.005).epochs(20).batchSize(20).build())
                .layer(layer(6, 20)).gaussianVisible(true).upDown(2, 0.001, 2, 20).seed(4).path(Path.AUTO).build();
        DeepBeliefNet dbn = DeepBeliefNet.fit(cfg, x);
        VariationalBound.Estimate b = bound(dbn, x, 6);
        assertTrue(Double.isFinite(b.bound()) && b.bound() < 0, b.toString());
        FMatrix s = dbn.sample(10, 20, Rng.of(1), true);
        assertEquals(9, s.cols());
        assertThrows(IllegalArgumentException.class, () -> DbnConfig.builder().layer(layer(4, 1)).gaussianVisible(true).build());
    }

    @Test
    void badLabelsAndInputsAreRefusedAndTheConfigRoundTrips(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        FMatrix x = BAS.rowRange(0, 40);
        // the top hidden layer is wider than every other layer (up-down once sized a scratch vector without it)
        DbnConfig labelled = DbnConfig.builder().layer(layer(8, 2)).layer(layer(24, 2)).classes(3).upDown(1, 0.01, 1, 10).seed(1).build();
        int[] labels = new int[40];
        assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.fit(labelled, x, null, null));
        assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.fit(labelled, x, new int[39], null));
        labels[5] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.fit(labelled, x, labels, null));
        assertTrue(e.getMessage().contains("row 5"), e.getMessage());
        labels[5] = 1;
        DbnConfig plain = DbnConfig.builder().layer(layer(8, 2)).build();
        assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.fit(plain, x, labels, null));
        FMatrix big = x.copy();
        big.set(3, 4, 2f);
        assertThrows(IllegalArgumentException.class, () -> DeepBeliefNet.fit(plain, big));
        DeepBeliefNet dbn = DeepBeliefNet.fit(labelled, x, labels, null);
        assertThrows(IllegalStateException.class, () -> DeepBeliefNet.fit(plain, x).classify(x));
        assertThrows(IllegalArgumentException.class, () -> dbn.sample(3, 5, Rng.of(1), true, 3));
        assertArrayEquals(new int[] {16, 8, 24}, dbn.layerSizes());
        java.nio.file.Path f = dir.resolve("dbn.safetensors");
        dbn.save(f);
        DeepBeliefNet back = (DeepBeliefNet) io.latentj.models.ModelFiles.load(f);
        assertEquals(dbn.config().toMap(), back.config().toMap());
        assertArrayEquals(dbn.classify(x), back.classify(x));
        assertArrayEquals(dbn.labelFreeEnergies(x).toArray(), back.labelFreeEnergies(x).toArray());
        assertEquals(2, dbn.pretrainedLayers().size());
        assertEquals(8, dbn.pretrainedLayers().getFirst().outputs());
        assertEquals(24, dbn.pretrainedLayers().getLast().outputs());
        // the bound with labels summed out: finite, and AIS agrees with enumeration
        double exact = VariationalBound.exactTopLogPartition(dbn);
        var ais = VariationalBound.topLogPartition(dbn, 100, io.latentj.models.rbm.AnnealedImportanceSampling.schedule(200, 400, 400), Rng.of(2));
        assertEquals(exact, ais.logPartition(), 0.05 + 3 * ais.standardError());
    }

    @Test
    void discriminativeFineTuningStartsFromTheDbnWeights() {
        Patterns.Labelled train = Patterns.prototypes(5, 40, 1000, 0.25, 3), test = Patterns.prototypes(5, 40, 500, 0.25, 4);
        DeepBeliefNet dbn = DeepBeliefNet.fit(DbnConfig.builder().layer(layer(30, 10)).layer(layer(20, 10)).seed(2).path(Path.AUTO).build(), train.x());
        // with zero epochs the hidden layers are exactly the DBN's recognition pass
        io.latentj.models.nn.MlpClassifier untrained = dbn.fineTuneDiscriminatively(dbn.mlpConfig().epochs(0).build(), train.x(), train.labels(), 5, null);
        assertArrayEquals(dbn.pretrainedLayers().getFirst().weight().value().toArray(), untrained.weights(0).toArray());
        io.latentj.models.nn.MlpClassifier mlp = dbn.fineTuneDiscriminatively(dbn.mlpConfig().epochs(10).learningRate(3e-3).batchSize(50).build(),
                train.x(), train.labels(), 5, null);
        double acc = mlp.accuracy(test.x(), test.labels());
        System.out.println("DBN 40-30-20 + softmax, fine-tuned by backprop: test accuracy " + acc);
        assertTrue(acc > 0.95, "accuracy " + acc);
    }
}
