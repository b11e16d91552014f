package io.latentj.bench;

import io.latentj.bindings.OpenBlas;
import io.latentj.simd.AutoPolicy;
import io.latentj.simd.Capabilities;
import io.latentj.simd.Parallelism;

/**
 * Prints the facts RESULTS.md records, as {@code key=value} lines: JDK, vector species, the OpenBLAS the bindings
 * loaded (path, source, config string) and the auto policy in force. {@code bench/run-all.sh} also compiles the C
 * baseline against {@code blas.path} so both sides time the same library.
 */
public final class Env {
    private Env() {}

    public static void main(String[] args) {
        line("java.version", Runtime.version().toString());
        line("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        line("java.home", System.getProperty("java.home"));
        line("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        line("simd", Capabilities.vectorDescription());
        boolean blas = Capabilities.blas();
        line("blas.available", Boolean.toString(blas));
        if (blas) {
            line("blas.path", OpenBlas.libraryPath().map(Object::toString).orElse("?"));
            line("blas.source", OpenBlas.source().orElse("?"));
            line("blas.config", OpenBlas.config().trim());
        } else {
            line("blas.reason", OpenBlas.unavailableReason().orElse("?"));
        }
        line("threads.default", Integer.toString(Parallelism.threads()));
        line("auto.policy", AutoPolicy.source());
    }

    private static void line(String key, String value) {
        System.out.println(key + "=" + value.replace('\n', ' '));
    }
}
