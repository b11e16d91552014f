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
}
