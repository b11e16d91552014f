package io.latentj.models.energy;

import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Student-t product of experts on whitened natural-image-like patches (8 × 8 dead-leaves patches, PCA-whitened
 * to 32 dimensions): score matching lowers its objective epoch after epoch; CD-1 with HMC, which never computes that
 * objective, lowers it too (an independent check that CD learns); save/load round-trips.
 */
class ProductOfExpertsTest {
    @TempDir
    java.nio.file.Path dir;

    static FMatrix whitenedPatches(int n, long seed) {
        FMatrix p = DeadLeaves.patches(n, 8, seed);
        PCA pca = PCA.fit(PcaConfig.components(32).whiten(true).build(), p);
        return pca.transform(p);
    }

    @Test
    void scoreMatchingObjectiveFallsDuringTraining() throws Exception {
        FMatrix z = whitenedPatches(3000, 1);
        double[] perEpoch = new double[12];
        int[] e = {0};
        ProductOfExperts poe = ProductOfExperts.fit(PoeConfig.builder(32).epochs(12).seed(2).build(), z, new io.latentj.models.TrainingListener() {
            @Override public void onEpoch(io.latentj.models.EpochReport r) { perEpoch[e[0]++] = r.metric("score_matching"); }
        });
        System.out.println("PoE score matching J per epoch: " + java.util.Arrays.toString(perEpoch));
        assertTrue(perEpoch[11] < perEpoch[0] - 0.1 * Math.abs(perEpoch[0]), java.util.Arrays.toString(perEpoch));
        int falls = 0;
        for (int i = 1; i < 12; i++) if (perEpoch[i] < perEpoch[i - 1]) falls++;
        assertTrue(falls >= 9, "J fell in only " + falls + " of 11 epochs: " + java.util.Arrays.toString(perEpoch));
        // the final model's J on held-out patches is lower than the random start's
        FMatrix held = whitenedPatches(1000, 3);
        FilterExperts start = FilterExperts.studentT(randomFilters(32, 32, 2), ones(32), Path.defaultPath());
        double j0 = ScoreMatching.objective(start, held), j1 = ScoreMatching.objective(poe.energyModel(), held);
        assertTrue(j1 < j0, "held-out J " + j1 + " vs start " + j0);
        java.nio.file.Path f = dir.resolve("poe.safetensors");
        poe.save(f);
        ProductOfExperts back = ProductOfExperts.load(f);
        assertArrayEquals(poe.filters().toArray(), back.filters().toArray());
        assertArrayEquals(poe.scales(), back.scales());
        assertEquals(poe.config().toMap(), back.config().toMap());
        assertTrue(io.latentj.models.ModelFiles.load(f) instanceof ProductOfExperts);
    }

    @Test
    void contrastiveDivergenceWithHmcLowersTheScoreMatchingObjective() {
        FMatrix z = whitenedPatches(2000, 4);
        PoeConfig cfg = PoeConfig.builder(32).method(PoeConfig.Method.CD_HMC).stepSize(0.1).leapfrogSteps(10).cdSteps(1).epochs(8).seed(5).build();
        ProductOfExperts poe = ProductOfExperts.fit(cfg, z);
        FMatrix held = whitenedPatches(1000, 6);
        FilterExperts start = FilterExperts.studentT(randomFilters(32, 32, 5), ones(32), Path.defaultPath());
        double j0 = ScoreMatching.objective(start, held), j1 = ScoreMatching.objective(poe.energyModel(), held);
        System.out.println("PoE CD-HMC held-out score matching J: start " + j0 + ", trained " + j1);
        assertTrue(j1 < j0 - 0.1 * Math.abs(j0), "held-out J " + j1 + " vs start " + j0);
    }

    /** The same random start as ProductOfExperts.fit (N(0, 1/d) from stream 9 of the seed). */
    static FMatrix randomFilters(int j, int d, long seed) {
        io.latentj.simd.Rng rng = io.latentj.simd.Rng.of(seed).stream(9);
        FMatrix w = FMatrix.zeros(j, d);
        float s = (float) (1 / Math.sqrt(d));
        for (int i = 0; i < j; i++) for (int c = 0; c < d; c++) w.set(i, c, s * rng.nextGaussian());
        return w;
    }

    static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void badInputIsRefused() {
        FMatrix z = whitenedPatches(100, 7);
        z.set(7, 3, Float.POSITIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProductOfExperts.fit(PoeConfig.builder(4).epochs(1).build(), z));
        assertTrue(e.getMessage().contains("row 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoeConfig.builder(0));
        assertThrows(IllegalArgumentException.class, () -> FilterExperts.studentT(FMatrix.zeros(2, 3), new float[] {1f, -1f}, Path.SCALAR));
    }
}
