package io.latentj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code latentj} command. */
@Command(name = "latentj", mixinStandardHelpOptions = true, version = "LatentJ 0.1.0-SNAPSHOT",
        description = "Deep unsupervised learning on the JDK Vector API and OpenBLAS.",
        subcommands = {DemoCommand.class, CheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
