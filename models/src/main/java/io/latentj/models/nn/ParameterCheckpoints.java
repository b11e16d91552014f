package io.latentj.models.nn;

import io.latentj.models.Checkpointing;
import io.latentj.models.TrainingState;
import io.latentj.simd.Rng;

import java.util.List;
import java.util.Map;

/**
 * Checkpoints of the backprop trainers: every {@link Parameter} ({@code param.<i>}), the {@link Optimizer}'s moments
 * and step count, and the positions of the trainer's random streams ({@code rng.<i>}), through {@link TrainingState}
 * — so that a resumed run ends with exactly the weights of an uninterrupted one.
 */
public final class ParameterCheckpoints {
    private ParameterCheckpoints() {}

    private static TrainingState.Layout layout(String type, List<Parameter> params, Rng[] streams) {
        TrainingState.Layout l = new TrainingState.Layout(type);
        for (int i = 0; i < params.size(); i++) l.matrix("param." + i, params.get(i).value());
        for (int i = 0; i < streams.length; i++) l.stream("rng." + i, streams[i]);
        return l;
    }

    /** Saves the state after {@code epochsDone} epochs. */
    public static void save(Checkpointing where, String type, int epochsDone, List<Parameter> params, Optimizer optimizer,
                            Map<String, String> config, String dataFingerprint, Rng... streams) {
        TrainingState s = layout(type, params, streams).state(epochsDone);
        optimizer.saveState(s, params);
        s.save(where, config, dataFingerprint);
    }

    /** Restores a state saved by {@link #save} with the same config and data; returns the epochs done. */
    public static int restore(Checkpointing where, String type, List<Parameter> params, Optimizer optimizer,
                              Map<String, String> config, String dataFingerprint, Rng... streams) {
        TrainingState.Restored r = layout(type, params, streams).restore(where, config, dataFingerprint);
        optimizer.restoreState(r, params);
        return r.epochsDone();
    }
}
