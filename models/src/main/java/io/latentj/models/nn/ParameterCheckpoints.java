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

    /** Saves the state after {@code epochsDone} epochs. */
    public static void save(Checkpointing where, String type, int epochsDone, List<Parameter> params, Optimizer optimizer,
                            Map<String, String> config, String dataFingerprint, Rng... streams) {
        TrainingState s = TrainingState.of(type).epochsDone(epochsDone);
        for (int i = 0; i < params.size(); i++) s.put("param." + i, params.get(i).value());
        for (int i = 0; i < streams.length; i++) s.putCounter("rng." + i, streams[i].position());
        optimizer.saveState(s, params);
        s.save(where, config, dataFingerprint);
    }

    /** Restores a state saved by {@link #save} with the same config and data; returns the epochs done. */
    public static int restore(Checkpointing where, String type, List<Parameter> params, Optimizer optimizer,
                              Map<String, String> config, String dataFingerprint, Rng... streams) {
        TrainingState.Restored r = TrainingState.resume(where, type, config, dataFingerprint);
        for (int i = 0; i < params.size(); i++) r.into("param." + i, params.get(i).value());
        for (int i = 0; i < streams.length; i++) streams[i].seek(r.counter("rng." + i));
        optimizer.restoreState(r, params);
        return r.epochsDone();
    }
}
