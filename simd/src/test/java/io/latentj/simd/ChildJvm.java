package io.latentj.simd;

import io.latentj.bindings.LoaderSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a child JVM with the Vector API and native access, the width flags of
 * the build's narrow-vector run ({@code latentj.test.childJvmFlags}) and no OpenBLAS environment overrides: for a
 * library that must not share the JVM with the bundled build, or a setting that is read once per JVM.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** The exit code and the merged standard output and error. */
    public record Result(int exit, String output) {}

    public static Result run(Class<?> main, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"));
        for (String f : System.getProperty("latentj.test.childJvmFlags", "").trim().split("\\s+")) if (!f.isEmpty()) cmd.add(f);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(LoaderSettings.PATH_ENV);
        pb.environment().remove(LoaderSettings.MODE_ENV);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
