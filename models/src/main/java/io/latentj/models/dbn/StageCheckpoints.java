package io.latentj.models.dbn;

import io.latentj.models.Checkpointing;
import io.latentj.models.TrainingState;
import io.latentj.simd.FMatrix;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint of a training that runs in stages — greedy layer-wise pre-training of an RBM stack (stage l trains
 * layer l), then fine-tuning — as one {@link TrainingState} file: the counter {@code stage}, the layers finished
 * before it ({@code layer.<l>.weight}, {@code layer.<l>.visible_bias}, {@code layer.<l>.hidden_bias}) and the
 * running stage's own state (named by that stage's trainer) after {@code epochs_done} of its epochs. A resumed run
 * takes the finished layers from the file, skips their stages and continues the running stage where it stopped.
 * Checkpoints are due every N epochs of a stage and at its end. Like a single-stage trainer's, a checkpoint is only
 * resumed by a run with the same config and data, except that the last stage's number of epochs may grow.
 */
final class StageCheckpoints {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.dbn");

    private final Checkpointing where;
    private final String type;
    private final Map<String, String> config;
    private final String fingerprint;
    private final TrainingState.Restored resumed; // null: a fresh run
    private final int resumeStage;
    private final List<RbmLayer> finished = new ArrayList<>();

    private StageCheckpoints(Checkpointing where, String type, Map<String, String> config, String fingerprint) {
        this.where = where;
        this.type = type;
        this.config = config;
        this.fingerprint = fingerprint;
        resumed = where.resumable() ? TrainingState.resume(where, type, config, fingerprint) : null;
        resumeStage = resumed == null ? 0 : (int) resumed.counter("stage");
        if (resumed != null) {
            LOG.log(Level.INFO, () -> "resuming from " + where.file() + " at stage " + resumeStage + " after epoch " + resumed.epochsDone());
        }
    }

    /**
     * The checkpoints of a run with this trainer type, config and data fingerprint; null when {@code where} is null.
     * {@code lastStageEpochs} names the config entry of the last stage's epochs, which may differ on resume.
     */
    static StageCheckpoints open(Checkpointing where, String type, Map<String, String> config, String lastStageEpochs, String fingerprint) {
        if (where == null) return null;
        Map<String, String> c = new java.util.LinkedHashMap<>(config);
        c.put("epochs", c.remove(lastStageEpochs)); // TrainingState lets "epochs" differ
        return new StageCheckpoints(where, type, c, fingerprint);
    }

    Checkpointing where() { return where; }

    /** True when the checkpointed run had finished stage {@code s}: its layer is {@link #finishedLayer}. */
    boolean finishedStage(int s) {
        return s < resumeStage;
    }

    /** Layer {@code l} as the checkpointed run finished it, with its shape checked; records it as finished here too. */
    RbmLayer finishedLayer(int l, int visible, int hidden, int classes, boolean gaussianHidden) {
        FMatrix w = resumed.matrix("layer." + l + ".weight");
        if (w.rows() != hidden || w.cols() != visible) {
            throw new IllegalArgumentException("checkpoint " + where.file() + ": layer " + l + " is " + w.shape() + ", this run needs " + hidden + "×" + visible);
        }
        float[] b = new float[visible], c = new float[hidden];
        resumed.into("layer." + l + ".visible_bias", b);
        resumed.into("layer." + l + ".hidden_bias", c);
        RbmLayer layer = new RbmLayer(w, b, c, classes, gaussianHidden);
        finished.add(layer);
        return layer;
    }

    /** Records a layer this run finished (in stage order), to be saved with every later checkpoint. */
    void finished(RbmLayer layer) {
        finished.add(layer);
    }

    /** An empty layout of this trainer type, for a stage to name its state in. */
    TrainingState.Layout layout() {
        return new TrainingState.Layout(type);
    }

    /**
     * The checkpoint to continue stage {@code s} from, with {@code layout}'s arrays and streams already restored; null
     * when the run starts this stage afresh (a fresh run, another stage, or a stage checkpointed before its first epoch).
     */
    TrainingState.Restored resume(int s, int epochs, TrainingState.Layout layout) {
        if (resumed == null || resumeStage != s || resumed.epochsDone() == 0) return null;
        if (resumed.epochsDone() > epochs) {
            throw new IllegalArgumentException("checkpoint " + where.file() + " is after epoch " + resumed.epochsDone() + " of stage " + s
                    + ", beyond this run's " + epochs);
        }
        return layout.restoreFrom(resumed);
    }

    /** True when a checkpoint is due after {@code epochsDone} of a stage's {@code epochs}. */
    boolean due(int epochsDone, int epochs) {
        return where.due(epochsDone, epochs);
    }

    /** Saves {@code state} (stage {@code s}'s own, made by its layout) with the stage number and the finished layers. */
    void save(int s, TrainingState state) {
        state.putCounter("stage", s);
        for (int l = 0; l < finished.size(); l++) {
            RbmLayer layer = finished.get(l);
            state.put("layer." + l + ".weight", layer.w()).put("layer." + l + ".visible_bias", layer.b()).put("layer." + l + ".hidden_bias", layer.c());
        }
        state.save(where, config, fingerprint);
    }
}
