package io.latentj.models;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The shared machinery of the iterative fits' checkpoints: exact double histories, the cap, divergence. */
class FitCheckpointsTest {
    @TempDir
    java.nio.file.Path dir;

    private static final FMatrix DATA = FMatrix.wrap(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    private static final Map<String, String> CONFIG = Map.of("components", "2", "max_iterations", "10", "tolerance", "1e-4");

    private static FitCheckpoints fit(Checkpointing where, int cap) {
        Map<String, String> c = new java.util.LinkedHashMap<>(CONFIG);
        c.put("max_iterations", Integer.toString(cap));
        return FitCheckpoints.of("Test-checkpoint", c, "max_iterations", cap, DATA, Path.SCALAR, null, where);
    }

    @Test
    void doubleHistoriesComeBackBitForBit() {
        SplittableRandom r = new SplittableRandom(1);
        double[] v = new double[200];
        for (int i = 0; i < v.length; i++) v[i] = Double.longBitsToDouble(r.nextLong()); // any bits, NaN payloads aside
        for (int i = 0; i < v.length; i++) if (Double.isNaN(v[i])) v[i] = r.nextGaussian();
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
                -Double.MAX_VALUE, 1e-310, -12345.678901234567, Math.PI};
        System.arraycopy(special, 0, v, 0, special.length);
        Checkpointing where = new Checkpointing(dir.resolve("h.ckpt"), 1, true);
        FitCheckpoints ck = fit(where, 10);
        float[] a = {1.5f, -2f};
        ck.save(ck.layout().vector("a", a).state(3).putValues("history", v, v.length).putValues("empty", v, 0), "test", "none", a);
        float[] back = new float[2];
        TrainingState.Restored restored = fit(where, 10).restore(fit(where, 10).layout().vector("a", back));
        assertArrayEquals(a, back);
        assertEquals(3, restored.epochsDone());
        double[] got = restored.values("history");
        assertEquals(v.length, got.length);
        for (int i = 0; i < v.length; i++) assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(got[i]), "entry " + i + ": " + v[i]);
        assertEquals(0, restored.values("empty").length);
    }

    @Test
    void theCapMayGrowButNotShrink() {
        Checkpointing where = new Checkpointing(dir.resolve("c.ckpt"), 2, true);
        FitCheckpoints ck = fit(where, 10);
        assertFalse(ck.due(3));
        assertTrue(ck.due(4));
        assertTrue(ck.due(10));
        ck.save(ck.layout().state(6), "test", "none");
        assertEquals(6, fit(where, 50).restore(fit(where, 50).layout()).epochsDone());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(where, 5).restore(fit(where, 5).layout()));
        assertTrue(e.getMessage().contains("after 6 iterations, more than the 5"), e.getMessage());
        // without checkpoints nothing is due or resumed
        assertFalse(fit(null, 10).due(2));
        assertFalse(fit(null, 10).resuming());
    }

    @Test
    void nonFiniteParametersStopTheFitAndKeepTheLastGoodCheckpoint() throws Exception {
        Checkpointing where = new Checkpointing(dir.resolve("d.ckpt"), 1, true);
        FitCheckpoints ck = fit(where, 10);
        float[] good = {1f, 2f};
        ck.save(ck.layout().vector("p", good).state(2), "test model", "lower something", good);
        byte[] before = Files.readAllBytes(where.file());
        float[] bad = {1f, Float.NaN};
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> ck.save(ck.layout().vector("p", bad).state(3), "test model", "lower something", bad));
        assertTrue(e.getMessage().contains("test model training diverged in epoch 3"), e.getMessage());
        assertTrue(e.getMessage().contains("lower something") && e.getMessage().contains("last good checkpoint is kept at " + where.file()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(where.file()));
    }
}
