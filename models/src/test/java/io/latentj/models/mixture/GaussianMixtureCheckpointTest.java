package io.latentj.models.mixture;

import io.latentj.models.Checkpointing;
import io.latentj.models.EpochReport;
import io.latentj.models.Interruptions;
import io.latentj.models.TrainingListener;
import io.latentj.models.mixture.GaussianMixtureConfig.CovarianceType;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Checkpoint and exact resume of Gaussian mixture EM (one "epoch" = one EM iteration). */
class GaussianMixtureCheckpointTest {
    @TempDir
    Path dir;

    private static final FMatrix X = GaussianMixtureTest.clusters(600, 5, null);

    private static GaussianMixtureConfig config(CovarianceType type, int maxIterations, double tolerance) {
        return GaussianMixtureConfig.builder(4).covariance(type).init(GaussianMixtureConfig.Init.KMEANS_PLUS_PLUS)
                .maxIterations(maxIterations).tolerance(tolerance).seed(6).build();
    }

    static void assertSame(GaussianMixture a, GaussianMixture b) {
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.means().data(), b.means().data());
        assertArrayEquals(a.covariances(), b.covariances());
        assertArrayEquals(a.logLikelihoodTrace(), b.logLikelihoodTrace());
        assertEquals(a.provenance(), b.provenance());
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void aResumedFitEndsExactlyAsAnUninterruptedOne(CovarianceType type) {
        for (double tol : new double[] {0, 1e-4}) {
            GaussianMixtureConfig cfg = config(type, 30, tol);
            GaussianMixture straight = GaussianMixture.fit(cfg, X);
            if (tol > 0) assertTrue(straight.converged() && straight.iterations() > 5 && straight.iterations() < 30, "converges after " + straight.iterations());
            Path ck = dir.resolve(type + "-" + tol + ".ckpt");
            assertThrows(Interruptions.Crash.class, () -> GaussianMixture.fit(cfg, X, Interruptions.crashAfter(5), new Checkpointing(ck, 2, true)));
            assertTrue(Files.exists(ck), "the iteration-4 checkpoint survives the crash");
            int[] first = {-1};
            GaussianMixture resumed = GaussianMixture.fit(cfg, X, new TrainingListener() {
                @Override
                public void onEpoch(EpochReport r) {
                    if (first[0] < 0) first[0] = r.epoch();
                }
            }, new Checkpointing(ck, 2, true));
            assertEquals(5, first[0], "the resumed fit starts after the checkpointed iteration 4");
            assertSame(straight, resumed);
        }
        // capped at 6 iterations, then continued to 20, equals 20 in one go
        Path ck = dir.resolve(type + "-longer.ckpt");
        GaussianMixture.fit(config(type, 6, 0), X, null, new Checkpointing(ck, 5, false));
        assertSame(GaussianMixture.fit(config(type, 20, 0), X), GaussianMixture.fit(config(type, 20, 0), X, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                assertTrue(r.epoch() > 6, "resumed after iteration 6");
            }
        }, new Checkpointing(ck, 5, true)));
    }

    @Test
    void softKMeansResumesExactly() {
        GaussianMixtureConfig cfg = GaussianMixtureConfig.softKMeans(3, 0.5).maxIterations(12).tolerance(0).seed(2).build();
        Path ck = dir.resolve("soft.ckpt");
        assertThrows(Interruptions.Crash.class, () -> GaussianMixture.fit(cfg, X, Interruptions.crashAfter(8), new Checkpointing(ck, 3, true)));
        assertSame(GaussianMixture.fit(cfg, X), GaussianMixture.fit(cfg, X, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                assertTrue(r.epoch() > 6, "resumed after iteration 6");
            }
        }, new Checkpointing(ck, 3, true)));
    }

    @Test
    void aCheckpointOfAnotherFitIsRefused() throws Exception {
        Path ck = dir.resolve("c.ckpt");
        GaussianMixture.fit(config(CovarianceType.DIAGONAL, 4, 0), X, null, new Checkpointing(ck, 2, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.fit(config(CovarianceType.FULL, 10, 0), X, null, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix changed = X.copy();
        changed.set(10, 1, changed.get(10, 1) * 2);
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.fit(config(CovarianceType.DIAGONAL, 10, 0), changed, null, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.fit(config(CovarianceType.DIAGONAL, 3, 0), X, null, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("more than the 3"), e.getMessage());
        Files.write(ck, new byte[] {4, 4});
        assertThrows(UncheckedIOException.class, () -> GaussianMixture.fit(config(CovarianceType.DIAGONAL, 10, 0), X, null, new Checkpointing(ck, 2, true)));
    }
}
