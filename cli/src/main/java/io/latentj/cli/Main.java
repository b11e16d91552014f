package io.latentj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code latentj} command. */
@Command(name = "latentj", mixinStandardHelpOptions = true, version = "LatentJ 0.1.0-SNAPSHOT",
        description = "Deep unsupervised learning on the JDK Vector API and OpenBLAS.",
        subcommands = {DemoCommand.class, TrainCommand.class, EncodeCommand.class, ReconstructCommand.class, SampleCommand.class, EvalCommand.class, InfoCommand.class, ExportCommand.class, NearestCommand.class, CheckCommand.class, TuneCommand.class, CommandLine.HelpCommand.class})
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

    /** Exit code of bad input files, arguments and checkpoints. */
    static final int EXIT_BAD_INPUT = 2;
    /** Exit code of a training run that diverged (its last good checkpoint, if any, is kept). */
    static final int EXIT_DIVERGED = 3;

    /**
     * The configured command line: bad input files, arguments and checkpoints end in one "latentj: …" line and exit
     * code 2; a diverging training run in one line and exit code 3; anything else is a bug and keeps its stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof java.io.IOException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("latentj: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (e instanceof java.io.UncheckedIOException u) {
                cmd.getErr().println("latentj: " + message(u));
                return EXIT_BAD_INPUT;
            }
            if (e instanceof ArithmeticException) {
                cmd.getErr().println("latentj: " + e.getMessage());
                return EXIT_DIVERGED;
            }
            throw e;
        });
        return cl;
    }

    /** The message of a wrapped I/O failure: the wrapper's words and the cause's, each once, without class names. */
    static String message(java.io.UncheckedIOException u) {
        String outer = u.getMessage(), inner = u.getCause().getMessage();
        if (outer == null || outer.equals(u.getCause().toString())) return inner;
        return inner == null || outer.contains(inner) ? outer : outer + ": " + inner;
    }
}
