package io.latentj.cli;

import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import picocli.CommandLine.Option;

/** Which kernels run and on how many threads: shared by the train commands. */
final class KernelOptions {
    @Option(names = "--path", defaultValue = "auto", description = "Kernel path: scalar, simd, blas or auto (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--threads", description = "Threads for OpenBLAS and the Java GEMM (default: all CPUs).")
    Integer threads;

    /** Applies --threads and returns the parsed --path. */
    Path apply() {
        if (threads != null) Parallelism.setThreads(threads);
        return Path.parse(path);
    }
}
