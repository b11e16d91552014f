package io.latentj.models.linear;

import io.latentj.models.Checkpointing;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Checkpoint and exact resume of probabilistic PCA and factor analysis by EM (one "epoch" = one EM iteration). */
class EmCheckpointTest {
    @TempDir
    Path dir;

    private static final double[] PSI = {0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 0.15, 0.6};
    private static final double[] MEAN = {0, 1, -1, 2, 0.5, -0.5, 3, 0};
    private static final double[][] W = {
            {1.0, 0.9, 0.8, 0.0, 0.1, 0.7, -0.6, 0.4},
            {0.0, 0.3, -0.5, 1.2, 0.9, 0.2, 0.5, -0.8}};
    private static final FMatrix X = LinearTestData.factorModel(W, PSI, MEAN, 500, 7);

    /** Thrown by a listener to simulate a crash when iteration {@code at} starts (after {@code at} M-steps). */
    private static final class Crash extends RuntimeException {}

    private static LikelihoodListener crashAt(int at) {
        return (it, ll) -> {
            if (it == at) throw new Crash();
        };
    }

    private static FactorAnalysisConfig fa(int maxIterations, double tolerance) {
        return FactorAnalysisConfig.builder(2).maxIterations(maxIterations).tolerance(tolerance).seed(3).build();
    }

    private static PpcaConfig ppca(int maxIterations, double tolerance) {
        return PpcaConfig.builder(2).method(PpcaConfig.Method.EM).maxIterations(maxIterations).tolerance(tolerance).seed(4).build();
    }

    private static void assertSame(FactorAnalysis a, FactorAnalysis b) {
        assertArrayEquals(a.loadings().data(), b.loadings().data());
        assertArrayEquals(a.noiseVariance(), b.noiseVariance());
        assertArrayEquals(a.mean(), b.mean());
        assertArrayEquals(a.logLikelihoodTrace(), b.logLikelihoodTrace());
        assertEquals(a.provenance(), b.provenance());
    }

    private static void assertSame(ProbabilisticPCA a, ProbabilisticPCA b) {
        assertArrayEquals(a.weight().data(), b.weight().data());
        assertEquals(Float.floatToRawIntBits(a.noiseVariance()), Float.floatToRawIntBits(b.noiseVariance()));
        assertArrayEquals(a.logLikelihoodTrace(), b.logLikelihoodTrace());
        assertEquals(a.provenance(), b.provenance());
    }

    @Test
    void factorAnalysisResumesToExactlyTheUninterruptedFit() {
        // a tolerance that stops EM early: the resumed fit must stop at the same iteration
        for (double tol : new double[] {0, 1e-4}) {
            FactorAnalysis straight = FactorAnalysis.fit(fa(40, tol), X);
            if (tol > 0) assertTrue(straight.logLikelihoodTrace().length - 1 < 40, "converges before the cap");
            Path ck = dir.resolve("fa" + tol + ".ckpt");
            assertThrows(Crash.class, () -> FactorAnalysis.fit(fa(40, tol), X, crashAt(7), new Checkpointing(ck, 3, true)));
            assertTrue(Files.exists(ck), "the iteration-6 checkpoint survives the crash");
            FactorAnalysis resumed = FactorAnalysis.fit(fa(40, tol), X, (it, ll) -> assertTrue(it >= 6, "resumed at " + it),
                    new Checkpointing(ck, 3, true));
            assertSame(straight, resumed);
        }
        // a run capped at 10 iterations, continued to 40, equals 40 in one go
        Path ck = dir.resolve("longer.ckpt");
        FactorAnalysis.fit(fa(10, 0), X, (it, ll) -> {}, new Checkpointing(ck, 4, false));
        assertSame(FactorAnalysis.fit(fa(40, 0), X), FactorAnalysis.fit(fa(40, 0), X, (it, ll) -> assertTrue(it >= 10), new Checkpointing(ck, 4, true)));
        // checkpointing does not change the fit
        assertSame(FactorAnalysis.fit(fa(40, 0), X), FactorAnalysis.fit(fa(40, 0), X, (it, ll) -> {}, new Checkpointing(dir.resolve("x"), 1, false)));
    }

    @Test
    void probabilisticPcaResumesToExactlyTheUninterruptedFit() {
        for (double tol : new double[] {0, 1e-5}) {
            ProbabilisticPCA straight = ProbabilisticPCA.fit(ppca(30, tol), X);
            Path ck = dir.resolve("p" + tol + ".ckpt");
            assertThrows(Crash.class, () -> ProbabilisticPCA.fit(ppca(30, tol), X, crashAt(5), new Checkpointing(ck, 2, true)));
            assertSame(straight, ProbabilisticPCA.fit(ppca(30, tol), X, (it, ll) -> assertTrue(it >= 4, "resumed at " + it), new Checkpointing(ck, 2, true)));
        }
        Path ck = dir.resolve("longer.ckpt");
        ProbabilisticPCA.fit(ppca(5, 0), X, (it, ll) -> {}, new Checkpointing(ck, 5, false));
        assertSame(ProbabilisticPCA.fit(ppca(30, 0), X), ProbabilisticPCA.fit(ppca(30, 0), X, (it, ll) -> assertTrue(it >= 5), new Checkpointing(ck, 5, true)));
    }

    @Test
    void aCheckpointOfAnotherFitIsRefused() throws Exception {
        Path ck = dir.resolve("c.ckpt");
        FactorAnalysis.fit(fa(8, 0), X, (it, ll) -> {}, new Checkpointing(ck, 2, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FactorAnalysis.fit(fa(20, 1e-3), X, (it, ll) -> {}, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix changed = X.copy();
        changed.set(3, 2, changed.get(3, 2) + 1f);
        e = assertThrows(IllegalArgumentException.class, () -> FactorAnalysis.fit(fa(20, 0), changed, (it, ll) -> {}, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FactorAnalysis.fit(fa(4, 0), X, (it, ll) -> {}, new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("more than the 4"), e.getMessage());
        UncheckedIOException io = assertThrows(UncheckedIOException.class,
                () -> ProbabilisticPCA.fit(ppca(20, 0), X, (it, ll) -> {}, new Checkpointing(ck, 2, true)));
        assertTrue(io.getMessage().contains("ProbabilisticPCA-checkpoint"), io.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProbabilisticPCA.fit(PpcaConfig.builder(2).build(), X, (it, ll) -> {},
                new Checkpointing(ck, 2, true)));
        assertTrue(e.getMessage().contains("EM method only"), e.getMessage());
        Files.write(ck, new byte[] {1, 2, 3});
        assertThrows(UncheckedIOException.class, () -> FactorAnalysis.fit(fa(20, 0), X, (it, ll) -> {}, new Checkpointing(ck, 2, true)));
    }
}
