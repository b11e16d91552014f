package io.latentj.simd.tuning;

import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** How the tuner turns timings into a threshold (synthetic timings: nothing here is measured). */
class TunerTest {
    private static List<Tuner.Timing> ladder(double[]... simdBlas) {
        List<Tuner.Timing> l = new ArrayList<>();
        long work = 100;
        for (double[] t : simdBlas) {
            l.add(new Tuner.Timing(new Tuner.Rung("w" + work, work, (Path p) -> 0f), t[0], t[1]));
            work *= 10;
        }
        return l;
    }

    @Test
    void aSingleCrossoverGivesTheFirstRungWhereBlasWins() {
        assertEquals("10000", Tuner.threshold(ladder(new double[] {1, 2}, new double[] {10, 15}, new double[] {100, 50}, new double[] {1000, 400}), 0.03));
        assertEquals("100", Tuner.threshold(ladder(new double[] {2, 1}, new double[] {20, 10}), 0.03), "BLAS faster everywhere");
    }

    @Test
    void blasNeverAheadMeansNever() {
        assertEquals("never", Tuner.threshold(ladder(new double[] {1, 2}, new double[] {10, 30}, new double[] {100, 200}), 0.03));
    }

    @Test
    void differencesInsideTheMarginKeepSimd() {
        // BLAS 1% ahead at the largest rung: noise, SIMD (no downcall) stays
        assertEquals("never", Tuner.threshold(ladder(new double[] {1, 2}, new double[] {10, 20}, new double[] {100, 99}), 0.03));
        assertEquals("10000", Tuner.threshold(ladder(new double[] {1, 2}, new double[] {10, 20}, new double[] {100, 99}), 0.001), "outside a tiny margin BLAS takes the last rung");
    }

    @Test
    void theGemvFloorAndTheMedian() {
        assertEquals("262144", Tuner.atLeast("1024", Tuner.POOL_FLOOR));
        assertEquals("1000000", Tuner.atLeast("1000000", Tuner.POOL_FLOOR));
        assertEquals("never", Tuner.atLeast("never", Tuner.POOL_FLOOR));
        assertEquals(3.0, Tuner.median(new double[] {9, 1, 3, 2, 100}));
        assertEquals(2.5, Tuner.median(new double[] {1, 2, 3, 4}));
    }

    @Test
    void settingsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Tuner.Settings.full().withThreads(0));
        assertEquals(4, Tuner.Settings.quick().withThreads(4).threads());
    }
}
