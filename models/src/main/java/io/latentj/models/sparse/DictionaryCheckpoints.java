package io.latentj.models.sparse;

import io.latentj.models.Checkpointing;
import io.latentj.models.FitCheckpoints;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

import java.util.Map;

/**
 * Checkpoints of {@link DictionaryLearning} through {@link FitCheckpoints}. Batch: one "epoch" per alternating
 * iteration; saved are the dictionary ({@code dictionary} [k, d]), the codes the next iteration starts FISTA from and
 * falls back to ({@code codes} [n, k]), the position of the random stream that restarts unused atoms
 * ({@code rng_position}) and the objective history ({@code objectives}, whose last entry the next iteration compares
 * against). Online: one "epoch" per pass; saved are the dictionary, the statistics A ({@code gram_a} [k, k]) and B
 * ({@code stat_b} [k, d]), the minibatch count t ({@code minibatches}, for the forgetting factor), the stream that
 * orders the rows and restarts atoms, and the per-epoch objectives.
 */
final class DictionaryCheckpoints {
    static final String BATCH_TYPE = "DictionaryLearning-checkpoint", ONLINE_TYPE = "OnlineDictionaryLearning-checkpoint";
    private static final String ADVICE = "lower lambda or scale the data";

    private final FitCheckpoints checkpoints;

    private DictionaryCheckpoints(FitCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    static DictionaryCheckpoints batch(DictionaryLearningConfig config, FMatrix data, TrainingListener listener, Checkpointing where) {
        return new DictionaryCheckpoints(FitCheckpoints.of(BATCH_TYPE, config.toMap(), "iterations", config.iterations(), data,
                config.path(), listener, where));
    }

    static DictionaryCheckpoints online(DictionaryLearningConfig config, FMatrix data, TrainingListener listener, Checkpointing where) {
        return new DictionaryCheckpoints(FitCheckpoints.of(ONLINE_TYPE, config.toMap(), "epochs", config.epochs(), data,
                config.path(), listener, where));
    }

    boolean resuming() {
        return checkpoints.resuming();
    }

    /** Batch: restores dictionary, codes, stream and the objectives so far; returns the iterations done. */
    int restoreBatch(FMatrix dict, FMatrix codes, Rng rng, double[] objectives) {
        TrainingState.Restored r = checkpoints.restore(checkpoints.layout().matrix("dictionary", dict).matrix("codes", codes).stream("rng_position", rng));
        return objectives(r, objectives);
    }

    /** Batch: after iteration {@code done}, with objectives[0..done]. */
    void afterBatch(int done, FMatrix dict, FMatrix codes, Rng rng, double[] objectives) {
        checkpoints.iteration(done, Map.of("objective", objectives[done]));
        if (!checkpoints.due(done)) return;
        TrainingState s = checkpoints.layout().matrix("dictionary", dict).matrix("codes", codes).stream("rng_position", rng).state(done)
                .putValues("objectives", objectives, done + 1);
        checkpoints.save(s, "dictionary learning", ADVICE, dict.data());
    }

    /** Online: restores dictionary, statistics, stream and the objectives so far; returns {epochs done, minibatches done}. */
    long[] restoreOnline(FMatrix dict, FMatrix gramA, FMatrix statB, Rng rng, double[] objectives) {
        TrainingState.Restored r = checkpoints.restore(checkpoints.layout().matrix("dictionary", dict).matrix("gram_a", gramA)
                .matrix("stat_b", statB).stream("rng_position", rng));
        return new long[] {objectives(r, objectives), r.counter("minibatches")};
    }

    /** Online: after epoch {@code done} and {@code minibatches} minibatches in all, with objectives[0..done]. */
    void afterOnline(int done, long minibatches, FMatrix dict, FMatrix gramA, FMatrix statB, Rng rng, double[] objectives) {
        checkpoints.iteration(done, Map.of("objective", objectives[done]));
        if (!checkpoints.due(done)) return;
        TrainingState s = checkpoints.layout().matrix("dictionary", dict).matrix("gram_a", gramA).matrix("stat_b", statB)
                .stream("rng_position", rng).state(done).putCounter("minibatches", minibatches).putValues("objectives", objectives, done + 1);
        checkpoints.save(s, "online dictionary learning", ADVICE, dict.data(), gramA.data(), statB.data());
    }

    private static int objectives(TrainingState.Restored r, double[] objectives) {
        double[] saved = r.values("objectives");
        if (saved.length != r.epochsDone() + 1) {
            throw new IllegalArgumentException("checkpoint " + r.file() + ": " + saved.length + " objectives for " + r.epochsDone() + " iterations");
        }
        System.arraycopy(saved, 0, objectives, 0, saved.length);
        return r.epochsDone();
    }
}
