package io.latentj.cli;

import io.latentj.models.Checkpointing;
import picocli.CommandLine.Option;

/** Checkpoint and resume options of the train commands whose trainers save their full state. */
final class CheckpointOptions {
    @Option(names = "--checkpoint-every", description = "Save the full training state every N epochs (to --checkpoint).") Integer every;
    @Option(names = "--checkpoint", description = "Checkpoint file (default: the output file + .ckpt).") java.nio.file.Path file;
    @Option(names = "--resume", description = "Continue from the checkpoint file when it exists (same data and settings).") boolean resume;

    /** The checkpointing asked for, or null for none. */
    Checkpointing forOutput(java.nio.file.Path out) {
        if (every == null && !resume) return null;
        return new Checkpointing(file != null ? file : out.resolveSibling(out.getFileName() + ".ckpt"), every != null ? every : 1, resume);
    }
}
