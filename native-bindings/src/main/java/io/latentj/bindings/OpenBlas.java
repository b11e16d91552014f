package io.latentj.bindings;

import io.latentj.bindings.cblas.cblas_h;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds and loads OpenBLAS once per JVM, on first use (see {@link OpenBlasLoader} for the search order and
 * {@link LoaderSettings} for the settings). Nothing here throws during class initialization: when no library
 * is found, {@link #isAvailable()} is false and {@link #unavailableReason()} says where it looked and what to do.
 */
public final class OpenBlas {
    private static final System.Logger LOG = System.getLogger("io.latentj.bindings");

    private OpenBlas() {}

    private static final class Holder {
        static final OpenBlasLoader.Outcome OUTCOME = loadAndLog();
        static final boolean LAPACKE = OUTCOME.ok() && OUTCOME.loaded().lookup().find("LAPACKE_ssyevd").isPresent();

        private static OpenBlasLoader.Outcome loadAndLog() {
            OpenBlasLoader.Outcome o = OpenBlasLoader.load();
            try {
                if (o.ok()) {
                    LOG.log(Level.INFO, "OpenBLAS loaded from " + o.loaded().path() + " (" + o.loaded().source() + ")");
                } else {
                    LOG.log(Level.DEBUG, o.failure());
                }
            } catch (Throwable ignored) {
                // a broken logger must not disable BLAS
            }
            return o;
        }
    }

    /** True when a library was found and loaded. */
    public static boolean isAvailable() {
        return Holder.OUTCOME.ok();
    }

    /** Why the library is unavailable (every place searched and how to fix it), or empty when it is available. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Holder.OUTCOME.failure());
    }

    /** Absolute path of the loaded libopenblas, or empty. */
    public static Optional<Path> libraryPath() {
        return isAvailable() ? Optional.of(Holder.OUTCOME.loaded().path()) : Optional.empty();
    }

    /** Where the library came from: "property", "environment", "system" or "bundled"; empty when unavailable. */
    public static Optional<String> source() {
        return isAvailable() ? Optional.of(Holder.OUTCOME.loaded().source()) : Optional.empty();
    }

    /** True when the loaded library exports LAPACKE (the bundled build does, Debian's does not). */
    public static boolean hasLapacke() {
        return Holder.LAPACKE;
    }

    /** The string openblas_get_config() returns, e.g. "OpenBLAS 0.3.21 ... SkylakeX MAX_THREADS=64". */
    public static String config() {
        requireAvailable();
        MemorySegment s = cblas_h.openblas_get_config();
        return s.getString(0); // C_POINTER carries an unbounded target layout, so the segment can be read to the NUL
    }

    /** The number of threads OpenBLAS uses for one call. */
    public static int threads() {
        requireAvailable();
        return cblas_h.openblas_get_num_threads();
    }

    /** Sets the number of threads OpenBLAS uses for one call (process-wide). */
    public static void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("OpenBLAS threads must be at least 1, got " + n);
        requireAvailable();
        cblas_h.openblas_set_num_threads(n);
    }

    /** The symbol lookup of the loaded library; throws {@link IllegalStateException} with the reason when unavailable. */
    public static SymbolLookup lookup() {
        requireAvailable();
        return Holder.OUTCOME.loaded().lookup();
    }

    private static void requireAvailable() {
        if (!isAvailable()) throw new IllegalStateException(Holder.OUTCOME.failure());
    }
}
