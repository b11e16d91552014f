package io.latentj.models.sparse;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class DictionaryLearningTest {
    /** Rows x = Σ of 3 planted atoms with coefficients ±[0.5, 1.5], plus N(0, noise²) per feature. */
    static FMatrix plantedData(FMatrix atoms, int n, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = atoms.rows(), d = atoms.cols();
        FMatrix x = FMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            int[] pick = r.ints(0, k).distinct().limit(3).toArray();
            for (int j : pick) {
                double c = (0.5 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
                for (int f = 0; f < d; f++) x.set(i, f, (float) (x.get(i, f) + c * atoms.get(j, f)));
            }
            for (int f = 0; f < d; f++) x.set(i, f, (float) (x.get(i, f) + noise * r.nextGaussian()));
        }
        return x;
    }

    /** How many planted atoms have a learned atom with |cos| > threshold. */
    static int recovered(FMatrix planted, FMatrix learned, double threshold) {
        int count = 0;
        for (int i = 0; i < planted.rows(); i++) {
            double best = 0;
            for (int j = 0; j < learned.rows(); j++) {
                double dot = 0, nl = 0;
                for (int f = 0; f < planted.cols(); f++) { dot += planted.get(i, f) * learned.get(j, f); nl += learned.get(j, f) * learned.get(j, f); }
                best = Math.max(best, Math.abs(dot) / Math.sqrt(nl));
            }
            if (best > threshold) count++;
        }
        return count;
    }

    static void assertUnitNorm(FMatrix dict) {
        for (int j = 0; j < dict.rows(); j++) {
            double s = 0;
            for (int f = 0; f < dict.cols(); f++) s += dict.get(j, f) * dict.get(j, f);
            assertEquals(1.0, Math.sqrt(s), 1e-5, "atom " + j);
        }
    }

    @Test
    void batchLearningRecoversPlantedAtomsWithAMonotoneObjective() {
        FMatrix planted = SparseCoderTest.unitAtoms(20, 30, 21);
        FMatrix x = plantedData(planted, 2000, 0.02, 22);
        DictionaryLearningConfig cfg = DictionaryLearningConfig.builder(20).lambda(0.1).iterations(30).seed(3).path(Path.AUTO).build();
        DictionaryLearning.Result res = DictionaryLearning.fit(cfg, x);
        double[] obj = res.objectives();
        for (int i = 1; i < obj.length; i++) {
            assertTrue(obj[i] <= obj[i - 1] * (1 + 1e-6), "objective rose at iteration " + i + ": " + obj[i - 1] + " -> " + obj[i]);
        }
        FMatrix learned = res.coder().dictionary();
        assertUnitNorm(learned);
        int rec = recovered(planted, learned, 0.95);
        System.out.printf("batch: objective %.2f -> %.2f, %d of 20 planted atoms recovered (|cos| > 0.95), %d at 0.99%n",
                obj[0], obj[obj.length - 1], rec, recovered(planted, learned, 0.99));
        assertTrue(rec >= 16, "recovered " + rec);
        assertTrue(obj[obj.length - 1] < 0.2 * obj[0]);
    }

    @Test
    void onlineLearningRecoversPlantedAtoms() {
        FMatrix planted = SparseCoderTest.unitAtoms(20, 30, 31);
        FMatrix x = plantedData(planted, 2000, 0.02, 32);
        DictionaryLearningConfig cfg = DictionaryLearningConfig.builder(20).lambda(0.1).batchSize(50).epochs(25).seed(4).path(Path.AUTO).build();
        DictionaryLearning.Result res = DictionaryLearning.fitOnline(cfg, x);
        FMatrix learned = res.coder().dictionary();
        assertUnitNorm(learned);
        int rec = recovered(planted, learned, 0.95);
        double[] obj = res.objectives();
        System.out.printf("online: per-sample objective %.4f -> %.4f, %d of 20 planted atoms recovered (|cos| > 0.95)%n",
                obj[0], obj[obj.length - 1], rec);
        assertTrue(rec >= 16, "recovered " + rec);
        assertTrue(obj[obj.length - 1] < obj[1], "later epochs code better than the first");
    }

    @Test
    void seededAndChecked() {
        FMatrix planted = SparseCoderTest.unitAtoms(6, 10, 41);
        FMatrix x = plantedData(planted, 200, 0.05, 42);
        DictionaryLearningConfig cfg = DictionaryLearningConfig.builder(6).iterations(5).seed(9).build();
        float[] a = DictionaryLearning.fit(cfg, x).coder().dictionary().data();
        float[] b = DictionaryLearning.fit(cfg, x).coder().dictionary().data();
        float[] c = DictionaryLearning.fit(cfg.toBuilder().seed(10).build(), x).coder().dictionary().data();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
        FMatrix bad = x.copy();
        bad.set(11, 2, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DictionaryLearning.fit(cfg, bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DictionaryLearning.fitOnline(cfg, x.rowRange(0, 5)));
        assertThrows(IllegalArgumentException.class, () -> DictionaryLearningConfig.builder(0));
        assertThrows(IllegalArgumentException.class, () -> DictionaryLearningConfig.builder(3).lambda(-1));
    }
}
