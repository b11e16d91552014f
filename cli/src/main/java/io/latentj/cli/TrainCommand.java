package io.latentj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code latentj train <model>}: one subcommand per model family. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model and save it as safetensors.",
        subcommands = {TrainRbmCommand.class, TrainGaussianRbmCommand.class, TrainSoftmaxRbmCommand.class, TrainAutoencoderCommand.class,
                TrainPcaCommand.class, TrainPpcaCommand.class, TrainFactorAnalysisCommand.class, TrainSparseCodingCommand.class,
                TrainKMeansCommand.class, TrainWordsCommand.class, TrainVaeCommand.class, TrainBoltzmannCommand.class,
                TrainPoeCommand.class, TrainRnnCommand.class, TrainIcaCommand.class, TrainGmmCommand.class, TrainGanCommand.class, TrainMlpCommand.class, TrainDbnCommand.class,
                TrainDeepAutoencoderCommand.class})
final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
