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

/** Checkpoint and exact resume of dictionary learning, batch (one "epoch" per iteration) and online (per pass). */
class DictionaryCheckpointTest {
    @TempDir
    Path dir;

    private static final FMatrix X = DictionaryLearningTest.plantedData(SparseCoderTest.unitAtoms(10, 17, 21), 300, 0.05, 22);

    /** A λ so large that some atoms go unused in every iteration and are restarted from the random stream. */
    private static DictionaryLearningConfig batch(int iterations) {
        return DictionaryLearningConfig.builder(16).lambda(2.5).iterations(iterations).codingIterations(50).seed(7).build();
    }

    private static DictionaryLearningConfig online(int epochs) {
        return DictionaryLearningConfig.builder(16).lambda(0.2).batchSize(37).epochs(epochs).codingIterations(50).seed(7).build();
    }

    private static void assertSame(DictionaryLearning.Result a, DictionaryLearning.Result b) {
        assertArrayEquals(a.coder().dictionary().data(), b.coder().dictionary().data());
        assertArrayEquals(a.objectives(), b.objectives());
        assertEquals(a.coder().provenance(), b.coder().provenance());
    }

    @Test
    void batchDictionaryLearningResumesExactly() {
        DictionaryLearning.Result straight = DictionaryLearning.fit(batch(9), X);
        Path ck = dir.resolve("b.ckpt");
        assertThrows(Interruptions.Crash.class, () -> DictionaryLearning.fit(batch(9), X, Interruptions.crashAfter(6, 1), new Checkpointing(ck, 2, true)));
        assertTrue(Files.exists(ck));
        assertSame(straight, DictionaryLearning.fit(batch(9), X, Interruptions.resumesAt(5), new Checkpointing(ck, 2, true)));
        Path longer = dir.resolve("bl.ckpt");
        DictionaryLearning.fit(batch(3), X, null, new Checkpointing(longer, 3, false));
        assertSame(straight, DictionaryLearning.fit(batch(9), X, Interruptions.resumesAt(4), new Checkpointing(longer, 3, true)));
    }

    @Test
    void onlineDictionaryLearningResumesExactly() {
        DictionaryLearning.Result straight = DictionaryLearning.fitOnline(online(5), X);
        Path ck = dir.resolve("o.ckpt");
        assertThrows(Interruptions.Crash.class, () -> DictionaryLearning.fitOnline(online(5), X, Interruptions.crashAfter(4, 1), new Checkpointing(ck, 3, true)));
        assertSame(straight, DictionaryLearning.fitOnline(online(5), X, Interruptions.resumesAt(4), new Checkpointing(ck, 3, true)));
        Path longer = dir.resolve("ol.ckpt");
        DictionaryLearning.fitOnline(online(2), X, null, new Checkpointing(longer, 1, false));
        assertSame(straight, DictionaryLearning.fitOnline(online(5), X, Interruptions.resumesAt(3), new Checkpointing(longer, 1, true)));
    }

    @Test
    void aCheckpointOfAnotherFitIsRefused() throws Exception {
        Path ck = dir.resolve("c.ckpt");
        DictionaryLearning.fit(batch(2), X, null, new Checkpointing(ck, 1, false));
        UncheckedIOException io = assertThrows(UncheckedIOException.class,
                () -> DictionaryLearning.fitOnline(online(3), X, null, new Checkpointing(ck, 1, true)));
        assertTrue(io.getMessage().contains("OnlineDictionaryLearning-checkpoint"), io.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DictionaryLearning.fit(batch(4).toBuilder().lambda(0.3).build(), X, null, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        FMatrix changed = X.copy();
        changed.set(5, 5, 9f);
        e = assertThrows(IllegalArgumentException.class, () -> DictionaryLearning.fit(batch(4), changed, null, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("other training data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DictionaryLearning.fit(batch(1), X, null, new Checkpointing(ck, 1, true)));
        assertTrue(e.getMessage().contains("more than the 1"), e.getMessage());
    }
}
