package io.latentj.bindings;

import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and loads an OpenBLAS, in this order: an explicit path (property, then environment variable), the
 * bundled Maven artifact when it is on the class path, then the system library (well-known paths, then each
 * directory of {@code LD_LIBRARY_PATH}). The bundled build comes first because it is the same library on every
 * machine, the one the project tests against; a distribution's build can be older and differ (Debian 12's 0.3.21
 * turns a NaN scalar into zeros in {@code sscal}/{@code sgemv}/{@code ssyrk} and loses most of its throughput when
 * many request threads share it); {@code -Dlatentj.openblas=system} asks for the system library. Libraries are opened by absolute path ({@link SymbolLookup#libraryLookup(Path, Arena)}), because
 * opening a bare name ignores {@code LD_LIBRARY_PATH} here.
 *
 * <p>Never throws: failures come back as an {@link Outcome} whose reason names every place searched and what
 * to do. Refuses to load a second, different libopenblas into a JVM that already has one: the system and the
 * bundled builds share the soname {@code libopenblas.so.0} and their symbols would clash.
 */
public final class OpenBlasLoader {
    static final String ARTIFACT = "org.bytedeco:openblas:0.3.28-1.5.11:linux-x86_64";
    static final String HOW_TO_FIX = "To fix: install the system library (apt-get install -y libopenblas0-pthread), or add "
            + ARTIFACT + " to the class path, or point -D" + LoaderSettings.PATH_PROPERTY
            + "=/abs/path/libopenblas.so.0 at a library.";

    private static Path loadedRealPath; // guarded by OpenBlasLoader.class

    private OpenBlasLoader() {}

    /** A loaded library: its symbols, its absolute path, and where it came from. */
    public record Loaded(SymbolLookup lookup, Path path, String source) {}

    /** Either a loaded library or the reason none was loaded, plus a line per place searched. */
    public record Outcome(Loaded loaded, String failure, List<String> searched) {
        public boolean ok() {
            return loaded != null;
        }
    }

    /** One load attempt: a library, or why not. */
    private record Attempt(Loaded loaded, String error) {
        static Attempt failed(String error) {
            return new Attempt(null, error);
        }
    }

    /** Loads with this JVM's properties and environment. */
    public static Outcome load() {
        LoaderSettings s;
        try {
            s = LoaderSettings.fromEnvironment();
        } catch (RuntimeException e) {
            return new Outcome(null, "OpenBLAS is disabled by an invalid setting: " + e.getMessage(), List.of());
        }
        return load(s);
    }

    /** Loads following {@code s}. */
    public static Outcome load(LoaderSettings s) {
        try {
            return search(s);
        } catch (Throwable t) { // never let an unexpected error escape into a class initializer
            return new Outcome(null, "OpenBLAS could not be loaded: " + t, List.of());
        }
    }

    private static Outcome search(LoaderSettings s) {
        List<String> searched = new ArrayList<>();
        if (s.mode() == LoaderSettings.Mode.NONE) {
            return new Outcome(null, "OpenBLAS is disabled (-D" + LoaderSettings.MODE_PROPERTY + "=none or $"
                    + LoaderSettings.MODE_ENV + "=none); remove the setting to enable it.", searched);
        }
        if (s.explicitPath() != null) {
            String what = "property".equals(s.explicitPathOrigin())
                    ? "-D" + LoaderSettings.PATH_PROPERTY : "$" + LoaderSettings.PATH_ENV;
            Path p = Path.of(s.explicitPath());
            Attempt a = tryLoad(p, s.explicitPathOrigin(), searched, what + "=" + p);
            if (a.loaded() != null) return new Outcome(a.loaded(), null, searched);
            return new Outcome(null, "OpenBLAS is unavailable: " + what + "=" + p + " " + a.error()
                    + ". Fix or remove that setting (an explicit path is never replaced by another library).", searched);
        }
        searched.add("-D" + LoaderSettings.PATH_PROPERTY + ": not set");
        searched.add("$" + LoaderSettings.PATH_ENV + ": not set");
        if (s.mode() == LoaderSettings.Mode.AUTO || s.mode() == LoaderSettings.Mode.BUNDLED) {
            Attempt a = tryBundled(s, searched);
            if (a.loaded() != null) return new Outcome(a.loaded(), null, searched);
        } else {
            searched.add("bundled artifact: skipped (mode " + s.mode().name().toLowerCase() + ")");
        }
        if (s.mode() == LoaderSettings.Mode.AUTO || s.mode() == LoaderSettings.Mode.SYSTEM) {
            for (Path p : s.systemCandidates()) {
                Attempt a = tryLoad(p, "system", searched, p.toString());
                if (a.loaded() != null) return new Outcome(a.loaded(), null, searched);
            }
        } else {
            searched.add("system paths: skipped (mode " + s.mode().name().toLowerCase() + ")");
        }
        return new Outcome(null, "OpenBLAS not found. Searched: " + String.join("; ", searched) + ". " + HOW_TO_FIX, searched);
    }

    private static Attempt tryBundled(LoaderSettings s, List<String> searched) {
        URL lib = BundledOpenBlas.findLibraryResource();
        String platform = BundledOpenBlas.platform();
        String what = "bundled resource " + (platform == null ? "(no build for " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + ")" : BundledOpenBlas.resourceName(platform, LoaderSettings.LIBRARY_FILE));
        if (lib == null) {
            searched.add(what + ": not on the class path");
            return Attempt.failed("not on the class path");
        }
        BundledOpenBlas.Extracted ex;
        try {
            ex = BundledOpenBlas.extract(s.cacheDir());
        } catch (UncheckedIOException | IllegalStateException e) {
            searched.add(what + ": " + e.getMessage());
            return Attempt.failed(e.getMessage());
        }
        synchronized (OpenBlasLoader.class) {
            String clash = clash(ex.library());
            if (clash != null) {
                searched.add(what + ": " + clash);
                return Attempt.failed(clash);
            }
            for (Path dep : ex.files()) {
                if (dep.equals(ex.library())) break;
                try {
                    SymbolLookup.libraryLookup(dep, Arena.global());
                } catch (IllegalArgumentException | IllegalCallerException e) {
                    String err = "runtime library " + dep + " cannot be opened (" + e.getMessage() + ")";
                    searched.add(what + ": " + err);
                    return Attempt.failed(err);
                }
            }
            return tryLoad(ex.library(), "bundled", searched, what + " extracted to " + ex.library());
        }
    }

    /** Loads {@code p} and adds a line saying how it went to {@code searched}. */
    private static synchronized Attempt tryLoad(Path p, String source, List<String> searched, String what) {
        Attempt a = load(p, source);
        searched.add(what + ": " + (a.loaded() != null ? "loaded" : a.error()));
        return a;
    }

    private static Attempt load(Path p, String source) {
        if (!p.isAbsolute()) return Attempt.failed("is not an absolute path");
        if (!Files.exists(p)) return Attempt.failed("does not exist");
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) return Attempt.failed("is not a readable file");
        String clash = clash(p);
        if (clash != null) return Attempt.failed(clash);
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(p, Arena.global());
        } catch (IllegalArgumentException e) {
            return Attempt.failed("cannot be opened (" + e.getMessage() + "; a dependency such as libgfortran may be missing, or it is"
                    + " built for another architecture)");
        } catch (IllegalCallerException e) {
            return Attempt.failed("cannot be opened: native access is not enabled (start the JVM with"
                    + " --enable-native-access=ALL-UNNAMED)");
        }
        for (String sym : new String[] {"cblas_sgemm", "openblas_get_config", "openblas_set_num_threads"}) {
            if (lookup.find(sym).isEmpty()) return Attempt.failed("is not OpenBLAS (no symbol " + sym + ")");
        }
        try {
            loadedRealPath = p.toRealPath();
        } catch (java.io.IOException e) {
            loadedRealPath = p;
        }
        return new Attempt(new Loaded(lookup, p, source), null);
    }

    /** Non-null when another libopenblas file is already loaded in this JVM. */
    private static String clash(Path p) {
        if (loadedRealPath == null) return null;
        try {
            if (loadedRealPath.equals(p.toRealPath())) return null;
        } catch (java.io.IOException e) {
            // compare below
        }
        return "not loaded: another OpenBLAS (" + loadedRealPath + ") is already loaded in this JVM, and two builds"
                + " sharing the soname libopenblas.so.0 must not be mixed";
    }
}
