package io.latentj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code latentj} command. */
@Command(name = "latentj", mixinStandardHelpOptions = true, version = "LatentJ 0.1.0-SNAPSHOT",
        description = "Deep unsupervised learning on the JDK Vector API and OpenBLAS.",
        subcommands = {DemoCommand.class, TrainCommand.class, EncodeCommand.class, ReconstructCommand.class, SampleCommand.class, EvalCommand.class, InfoCommand.class, ExportCommand.class, NearestCommand.class, CheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: bad input files and arguments end in one "latentj: …" line and exit code 2. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // a clear one-line message for bad input files and arguments, not a stack trace
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof java.io.IOException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("latentj: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }
}
