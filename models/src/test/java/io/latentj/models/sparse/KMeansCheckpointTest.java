package io.latentj.models.sparse;

import io.latentj.models.Checkpointing;
import io.latentj.models.Interruptions;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Checkpoint and exact resume of k-means training, spherical and Lloyd's (one "epoch" = one centroid update). */
class KMeansCheckpointTest {
    @TempDir
    Path dir;

    private static final FMatrix X = KMeansLloydTest.blobs(700, 13, 6, 6.0, 3, new double[6][13]);

    private static KMeansConfig spherical(int iterations) {
        return KMeansConfig.builder(9).iterations(iterations).seed(5).build();
    }

    private static KMeansConfig lloyd(int iterations) {
        return KMeansLloydTest.lloyd(9).iterations(iterations).seed(5).build();
    }

    private static void assertSame(KMeansDictionary a, KMeansDictionary b) {
        assertArrayEquals(a.centroids().data(), b.centroids().data());
        assertEquals(a.provenance(), b.provenance());
    }

    @Test
    void sphericalKMeansResumesExactly() {
        KMeansDictionary straight = KMeansDictionary.fit(spherical(12), X);
        Path ck = dir.resolve("s.ckpt");
        assertThrows(Interruptions.Crash.class, () -> KMeansDictionary.fit(spherical(12), X, Interruptions.crashAfter(7), new Checkpointing(ck, 3, true)));
        assertTrue(Files.exists(ck));
        assertSame(straight, KMeansDictionary.fit(spherical(12), X, Interruptions.resumesAt(7), new Checkpointing(ck, 3, true)));
        // 4 updates, then on to 12
        Path longer = dir.resolve("l.ckpt");
        KMeansDictionary.fit(spherical(4), X, null, new Checkpointing(longer, 4, false));
        assertSame(straight, KMeansDictionary.fit(spherical(12), X, Interruptions.resumesAt(5), new Checkpointing(longer, 4, true)));
        // with whitening (recomputed from the same data on resume)
        KMeansConfig white = KMeansConfig.builder(9).iterations(8).seed(5).whiten(true, 0.1).build();
        if (io.latentj.bindings.lapack.Lapack.isAvailable()) {
            Path w = dir.resolve("w.ckpt");
            assertThrows(Interruptions.Crash.class, () -> KMeansDictionary.fit(white, X, Interruptions.crashAfter(5), new Checkpointing(w, 2, true)));
            assertSame(KMeansDictionary.fit(white, X), KMeansDictionary.fit(white, X, Interruptions.resumesAt(5), new Checkpointing(w, 2, true)));
        }
    }

    @Test
    void lloydResumesExactlyAndStopsAtTheSameUpdate() {
        KMeansDictionary straight = KMeansDictionary.fit(lloyd(100), X);
        int updates = Integer.parseInt(straight.provenance().get("iterations"));
        assertTrue(updates > 4 && updates < 100, "the assignment settles after " + updates + " updates");
        Path ck = dir.resolve("l.ckpt");
        assertThrows(Interruptions.Crash.class, () -> KMeansDictionary.fit(lloyd(100), X, Interruptions.crashAfter(4), new Checkpointing(ck, 3, true)));
        assertSame(straight, KMeansDictionary.fit(lloyd(100), X, Interruptions.resumesAt(4), new Checkpointing(ck, 3, true)));
        Path longer = dir.resolve("longer.ckpt");
        KMeansDictionary.fit(lloyd(2), X, null, new Checkpointing(longer, 1, false));
        assertSame(straight, KMeansDictionary.fit(lloyd(100), X, Interruptions.resumesAt(3), new Checkpointing(longer, 1, true)));
    }

    @Test
    void aCheckpointOfAnotherFitIsRefused() throws Exception {
        Path ck = dir.resolve("c.ckpt");
        KMeansDictionary.fit(lloyd(3), X, null, new Checkpointing(ck, 1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeansDictionary.fit(spherical(10), X, null, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix changed = X.copy();
        changed.set(0, 0, changed.get(0, 0) + 1);
        e = assertThrows(IllegalArgumentException.class, () -> KMeansDictionary.fit(lloyd(10), changed, null, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMeansDictionary.fit(lloyd(2), X, null, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("more than the 2"), e.getMessage());
        Files.write(ck, new byte[0]);
        assertThrows(UncheckedIOException.class, () -> KMeansDictionary.fit(lloyd(10), X, null, new Checkpointing(ck, 1, true)));
    }
}
