package io.latentj.bindings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the OpenBLAS loader is told by the environment: the mode, an explicit library path, the extraction
 * cache directory and the directories to search. Read once from system properties and environment variables;
 * tests build their own.
 *
 * <ul>
 *   <li>{@code -Dlatentj.openblas=auto|system|bundled|none} (or env {@code LATENTJ_OPENBLAS_MODE}): {@code auto}
 *       (the default) tries an explicit path, then the bundled library, then the system one; {@code system} and
 *       {@code bundled} try only that source; {@code none} disables OpenBLAS.</li>
 *   <li>{@code -Dlatentj.openblas.path=/abs/libopenblas.so.0} (or env {@code LATENTJ_OPENBLAS}): load exactly this
 *       file. When it cannot be loaded, OpenBLAS is unavailable (no silent fallback to another library).</li>
 *   <li>{@code -Dlatentj.openblas.cache=DIR}: where the bundled library is extracted; default
 *       {@code ${user.home}/.cache/latentj/openblas-VERSION/PLATFORM}.</li>
 * </ul>
 */
public record LoaderSettings(Mode mode, String explicitPath, String explicitPathOrigin, Path cacheDir,
                             List<Path> systemCandidates) {

    public static final String MODE_PROPERTY = "latentj.openblas";
    public static final String MODE_ENV = "LATENTJ_OPENBLAS_MODE";
    public static final String PATH_PROPERTY = "latentj.openblas.path";
    public static final String PATH_ENV = "LATENTJ_OPENBLAS";
    public static final String CACHE_PROPERTY = "latentj.openblas.cache";

    /** Well-known locations of a distribution's OpenBLAS, searched before LD_LIBRARY_PATH. */
    public static final List<String> KNOWN_SYSTEM_PATHS = List.of(
            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "/usr/lib64/libopenblas.so.0",
            "/usr/lib/libopenblas.so.0",
            "/usr/local/lib/libopenblas.so.0");

    public static final String LIBRARY_FILE = "libopenblas.so.0";

    /** Which sources the loader may use. */
    public enum Mode {
        AUTO, SYSTEM, BUNDLED, NONE;

        static Mode parse(String v, String origin) {
            try {
                return valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + "=" + v + " is not one of auto, system, bundled, none");
            }
        }
    }

    public LoaderSettings {
        systemCandidates = List.copyOf(systemCandidates);
    }

    /** Settings from this JVM's system properties and environment. */
    public static LoaderSettings fromEnvironment() {
        return from(System.getProperties()::getProperty, System.getenv());
    }

    /**
     * Settings from a property reader and an environment map. An invalid mode string is an error the caller
     * reports (the loader turns it into an "unavailable" reason).
     */
    public static LoaderSettings from(java.util.function.Function<String, String> properties, Map<String, String> env) {
        Mode mode = Mode.AUTO;
        String m = properties.apply(MODE_PROPERTY);
        if (m != null && !m.isBlank()) {
            mode = Mode.parse(m, "-D" + MODE_PROPERTY);
        } else {
            String e = env.get(MODE_ENV);
            if (e != null && !e.isBlank()) mode = Mode.parse(e, "$" + MODE_ENV);
        }
        String path = null;
        String origin = null;
        String p = properties.apply(PATH_PROPERTY);
        if (p != null && !p.isBlank()) {
            path = p.trim();
            origin = "property";
        } else {
            String e = env.get(PATH_ENV);
            if (e != null && !e.isBlank()) {
                path = e.trim();
                origin = "environment";
            }
        }
        String c = properties.apply(CACHE_PROPERTY);
        Path cache = c != null && !c.isBlank() ? Path.of(c.trim()) : null;
        List<Path> sys = new ArrayList<>();
        for (String s : KNOWN_SYSTEM_PATHS) sys.add(Path.of(s));
        String ld = env.get("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String dir : ld.split(":")) {
                if (dir.isBlank()) continue;
                Path cand = Path.of(dir).resolve(LIBRARY_FILE);
                if (cand.isAbsolute() && !sys.contains(cand)) sys.add(cand);
            }
        }
        return new LoaderSettings(mode, path, origin, cache, sys);
    }

    /** A copy with another mode. */
    public LoaderSettings withMode(Mode m) {
        return new LoaderSettings(m, explicitPath, explicitPathOrigin, cacheDir, systemCandidates);
    }
}
