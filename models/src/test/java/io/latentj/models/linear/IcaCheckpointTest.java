package io.latentj.models.linear;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.Interruptions;
import io.latentj.models.TrainingListener;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Checkpoint and exact resume of FastICA, symmetric and deflation (one "epoch" = one fixed-point iteration). */
class IcaCheckpointTest {
    @TempDir
    Path dir;

    private static final FMatrix X = FastIcaTest.mixed(FastIcaTest.sources(800, 12), FastIcaTest.mixing(6, 13));

    private static FastIcaConfig config(FastIcaConfig.Algorithm algorithm, int maxIterations, double tolerance) {
        return FastIcaConfig.builder(4).algorithm(algorithm).maxIterations(maxIterations).tolerance(tolerance).seed(8).build();
    }

    private static void assertSame(FastICA a, FastICA b) {
        assertArrayEquals(a.unmixingMatrix().data(), b.unmixingMatrix().data());
        assertArrayEquals(a.mixingMatrix().data(), b.mixingMatrix().data());
        assertEquals(a.provenance(), b.provenance());
    }

    @ParameterizedTest
    @EnumSource(FastIcaConfig.Algorithm.class)
    void aResumedFitEndsExactlyAsAnUninterruptedOne(FastIcaConfig.Algorithm algorithm) {
        for (double tol : new double[] {1e-6, 1e-15}) {
            FastIcaConfig cfg = config(algorithm, 25, tol);
            java.util.List<Boolean> goesOn = new java.util.ArrayList<>(); // per iteration: not converged, so checkpointed when due
            FastICA straight = FastICA.fit(cfg, X, new TrainingListener() {
                @Override
                public void onEpoch(EpochReport r) {
                    goesOn.add(r.metric("change") >= tol);
                }
            }, null);
            assertSame(FastICA.fit(cfg, X), straight);
            if (tol > 1e-10) assertTrue(straight.provenance().get("converged").equals("true") && straight.iterations() > 3, straight.provenance().toString());
            Path ck = dir.resolve(algorithm + "-" + tol + ".ckpt");
            // crash half way (deflation: in a later component)
            int crashAt = goesOn.size() / 2 + 1, every = 2, saved = 0;
            for (int e = 1; e < crashAt; e++) if (e % every == 0 && goesOn.get(e - 1)) saved = e;
            assertTrue(saved > 0);
            assertThrows(Interruptions.Crash.class, () -> FastICA.fit(cfg, X, Interruptions.crashAfter(crashAt, 1), new Checkpointing(ck, every, true)));
            assertTrue(Files.exists(ck));
            assertSame(straight, FastICA.fit(cfg, X, Interruptions.resumesAt(saved + 1), new Checkpointing(ck, every, true)));
        }
    }

    @Test
    void symmetricFastIcaCanBeResumedWithMoreIterations() {
        Path ck = dir.resolve("longer.ckpt");
        FastICA.fit(config(FastIcaConfig.Algorithm.SYMMETRIC, 6, 1e-15), X, null, new Checkpointing(ck, 3, false));
        assertSame(FastICA.fit(config(FastIcaConfig.Algorithm.SYMMETRIC, 15, 1e-15), X),
                FastICA.fit(config(FastIcaConfig.Algorithm.SYMMETRIC, 15, 1e-15), X, Interruptions.resumesAt(7), new Checkpointing(ck, 3, true)));
    }

    @Test
    void aCheckpointOfAnotherFitIsRefused() throws Exception {
        Path ck = dir.resolve("c.ckpt");
        FastICA.fit(config(FastIcaConfig.Algorithm.DEFLATION, 5, 1e-15), X, null, new Checkpointing(ck, 2, false));
        // deflation's cap applies per component: another cap is another config
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FastICA.fit(config(FastIcaConfig.Algorithm.DEFLATION, 9, 1e-15), X, null, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FastICA.fit(config(FastIcaConfig.Algorithm.SYMMETRIC, 5, 1e-15), X, null, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix changed = X.copy();
        changed.set(1, 1, 0f);
        e = assertThrows(IllegalArgumentException.class,
                () -> FastICA.fit(config(FastIcaConfig.Algorithm.DEFLATION, 5, 1e-15), changed, null, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        Files.writeString(ck, "not a checkpoint");
        assertThrows(UncheckedIOException.class, () -> FastICA.fit(config(FastIcaConfig.Algorithm.DEFLATION, 5, 1e-15), X, null, new Checkpointing(ck, 2, true)));
    }
}
