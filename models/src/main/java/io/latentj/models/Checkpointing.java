package io.latentj.models;

import java.nio.file.Path;

/**
 * Where and how often training saves its full state (parameters, optimiser state, sampler chains, random-stream
 * positions), and whether to resume from that file when it exists. A resumed run ends with exactly the weights an
 * uninterrupted run with the same seed would have. Checkpoints are written atomically, so a crash never leaves a
 * broken one, and a run that diverges stops before overwriting the last good one.
 */
public record Checkpointing(Path file, int everyEpochs, boolean resume) {
    public Checkpointing {
        if (file == null) throw new IllegalArgumentException("checkpoint file must not be null");
        if (everyEpochs < 1) throw new IllegalArgumentException("checkpoint interval must be at least 1 epoch, got " + everyEpochs);
    }

    /** True when training should start from the checkpoint: resume asked for and the file exists. */
    public boolean resumable() {
        return resume && java.nio.file.Files.exists(file);
    }

    /** True when a checkpoint is due after {@code epochsDone} of {@code totalEpochs} (every N epochs and at the end). */
    public boolean due(int epochsDone, int totalEpochs) {
        return epochsDone % everyEpochs == 0 || epochsDone == totalEpochs;
    }
}
