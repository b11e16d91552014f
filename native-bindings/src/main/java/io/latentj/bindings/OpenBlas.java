package io.latentj.bindings;

import java.lang.foreign.SymbolLookup;
import java.util.Optional;

/**
 * Finds and loads OpenBLAS once per JVM. Placeholder API: the loader is being written.
 */
public final class OpenBlas {
    private OpenBlas() {}

    /** True when a library was found and loaded. */
    public static boolean isAvailable() { return false; }

    /** Why the library is unavailable (every place searched and how to fix it), or empty when it is available. */
    public static Optional<String> unavailableReason() { return Optional.of("loader not written yet"); }

    /** Absolute path of the loaded libopenblas, or empty. */
    public static Optional<java.nio.file.Path> libraryPath() { return Optional.empty(); }

    /** Where the library came from: "property", "environment", "system" or "bundled"; empty when unavailable. */
    public static Optional<String> source() { return Optional.empty(); }

    /** True when the loaded library exports LAPACKE (the bundled build does, Debian's does not). */
    public static boolean hasLapacke() { return false; }

    /** The string openblas_get_config() returns, e.g. "OpenBLAS 0.3.21 ... SkylakeX MAX_THREADS=64". */
    public static String config() { throw new IllegalStateException(unavailableReason().orElse("")); }

    public static int threads() { throw new IllegalStateException(unavailableReason().orElse("")); }

    public static void setThreads(int n) { throw new IllegalStateException(unavailableReason().orElse("")); }

    /** The symbol lookup of the loaded library; throws {@link IllegalStateException} with the reason when unavailable. */
    public static SymbolLookup lookup() { throw new IllegalStateException(unavailableReason().orElse("")); }
}
