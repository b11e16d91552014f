package io.latentj.cli;

import io.latentj.simd.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What every {@code latentj train <model>} on a data matrix shares: the data and scaling options, {@code --out},
 * {@code --seed}, the kernel options, loading the data, recording the input scaling in the saved model and the one
 * JSON summary line. A subcommand only trains and saves.
 */
abstract class TrainModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions dataOptions;
    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).") java.nio.file.Path out;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed;
    @Mixin KernelOptions kernels;

    /** Trains on {@code td} (already scaled), saves the model to {@link #out} and adds its own entries to the summary. */
    abstract void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception;

    @Override
    public final Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path path = kernels.apply();
        TrainingData td = TrainingData.load(dataOptions);
        Map<String, Object> summary = td.summary("train " + spec.name(), out);
        train(td, path, summary);
        td.attachScaling(out);
        TrainingData.print(summary, t0);
        return 0;
    }
}
