package io.latentj.cli;

import io.latentj.models.io.Json;
import io.latentj.simd.AutoPolicy;
import io.latentj.simd.Capabilities;
import io.latentj.simd.tuning.Tuner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code latentj tune}: measures where OpenBLAS beats the Vector API for each operation auto decides on this machine
 * and writes the policy file that {@link io.latentj.simd.Path#AUTO} reads at start-up (by default the per-user file,
 * {@link AutoPolicy#userFile()}). Progress and the timings go to stderr; stdout ends with a JSON summary.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Measure where OpenBLAS beats the Vector API on this machine (about 1-2 minutes on an idle machine; --quick under "
                + "a minute) and write the policy the auto path uses from the next start.",
                "Default file: $XDG_CONFIG_HOME/latentj/auto-policy-<cpu>-<bits>bit.properties (XDG_CONFIG_HOME defaults to "
                        + "~/.config). Run it on an otherwise idle machine: other load shifts the crossovers."})
final class TuneCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Shorter ladders, fewer samples and a shorter warm-up: faster, noisier.")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the policy here instead of the per-user file "
            + "(use it with -Dlatentj.auto.policy=FILE).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the several-thread thresholds "
            + "(default: 2, or 1 on a one-CPU machine; 1 copies the single-thread thresholds).")
    Integer threads;

    @Option(names = "--detail", paramLabel = "FILE", description = "Also write every timing as TSV.")
    Path detail;

    @Option(names = "--ops", split = ",", paramLabel = "OP", description = "Measure only these operations "
            + "(gemm, syrk, gemv, gemvT, ger, dot, axpy, scal, nrm2, sums); the others are written as never.")
    List<String> ops;

    /** Two tiny shapes per operation and almost no warm-up: for tests of the file, not a measurement. */
    @Option(names = "--smoke", hidden = true)
    boolean smoke;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        Tuner.Settings settings = smoke ? Tuner.Settings.smoke() : quick ? Tuner.Settings.quick() : Tuner.Settings.full();
        int n = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        if (n < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        settings = settings.withThreads(n);
        if (ops != null) settings = settings.withOps(ops.stream().map(TuneCommand::op).toList());
        Path target = out != null ? out : AutoPolicy.userFile();

        System.err.print(Capabilities.describe());
        System.err.println("auto       now from " + AutoPolicy.source());
        if (!smoke && !ProcessHandle.current().info().arguments().map(a -> List.of(a).contains("-XX:-TieredCompilation")).orElse(true)) {
            System.err.println("note: the JVM runs with tiered compilation; the SIMD GEMM kernel can then stay in C1 code for a "
                    + "long time and look slower than it is. The latentj launcher passes -XX:-TieredCompilation to tune.");
        }
        System.err.println("measuring (" + settings.mode() + ", 1 and " + n + " thread" + (n > 1 ? "s" : "") + ") -> " + target);

        busy("before");
        Tuner.Result result = Tuner.run(settings, System.err);
        busy("after");

        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".auto-policy", ".tmp");
        try {
            Files.writeString(tmp, result.properties(), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (detail != null) Files.writeString(detail, result.detailTsv(), StandardCharsets.UTF_8);
        AutoPolicy.loadFile(target); // the file must be one auto accepts here; it is also in force for the rest of this run

        System.err.println("wrote " + target + (detail != null ? " and " + detail : ""));
        boolean isUserFile = target.toAbsolutePath().normalize().equals(AutoPolicy.userFile().toAbsolutePath().normalize());
        if (isUserFile) {
            System.err.println("auto uses it from the next start of any LatentJ program run by this user on this machine"
                    + (System.getProperty(AutoPolicy.PROPERTY) != null ? " (unless -D" + AutoPolicy.PROPERTY + " names another file)" : ""));
        } else {
            System.err.println("to use it: -D" + AutoPolicy.PROPERTY + "=" + target + ", or copy it to " + AutoPolicy.userFile());
        }

        Properties p = new Properties();
        p.load(new StringReader(result.properties()));
        Map<String, Object> thresholds = new TreeMap<>();
        for (String key : p.stringPropertyNames()) if (!key.startsWith("machine.")) thresholds.put(key, p.getProperty(key));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "tune");
        summary.put("file", target.toString());
        summary.put("mode", settings.mode());
        summary.put("vector_bits", Capabilities.vectorBits());
        summary.put("openblas", p.getProperty(AutoPolicy.KEY_OPENBLAS));
        summary.put("thresholds", thresholds);
        summary.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        System.out.println(Json.write(summary));
        return 0;
    }

    /** Warns when other processes kept the CPUs busy: OpenBLAS's threads then wait for cores and the crossovers move. */
    private static void busy(String when) {
        String load = Tuner.loadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        try {
            if (!load.isEmpty() && Double.parseDouble(load) > 0.75 * cpus) {
                System.err.println("warning: load average " + load + " on " + cpus + " CPUs " + when + " measuring: other processes "
                        + "were running, which moves the crossovers (most of all with several threads). Run tune again when the machine is idle.");
            }
        } catch (NumberFormatException ignored) {
            // no usable load average
        }
    }

    private static AutoPolicy.Op op(String name) {
        for (AutoPolicy.Op op : AutoPolicy.Op.values()) if (op.key().equalsIgnoreCase(name.trim())) return op;
        throw new IllegalArgumentException("--ops: unknown operation " + name
                + " (gemm, syrk, gemv, gemvT, ger, dot, axpy, scal, nrm2, sums)");
    }
}
