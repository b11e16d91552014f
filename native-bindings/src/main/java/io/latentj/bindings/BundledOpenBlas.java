package io.latentj.bindings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The OpenBLAS shipped in the Maven artifact {@code org.bytedeco:openblas:VERSION:linux-x86_64}: finds its files
 * as class-loader resources and extracts them once into a versioned cache directory, where later JVMs reuse them.
 *
 * <p>Files are written to a temporary name in the cache directory and renamed atomically, so concurrent JVMs
 * never see a half-written library; a file already present with the resource's size is reused. The libraries
 * must then be loaded in dependency order (see {@link #LOAD_ORDER}): {@code libgfortran.so.5} has no RUNPATH and
 * so finds its siblings only if they are already loaded.
 */
public final class BundledOpenBlas {
    /** Files to extract and load, dependencies first; the last is libopenblas itself. Missing optional ones are skipped. */
    public static final List<String> LOAD_ORDER =
            List.of("libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5", LoaderSettings.LIBRARY_FILE);

    private static final String POM_PROPERTIES = "META-INF/maven/org.bytedeco/openblas/pom.properties";

    private BundledOpenBlas() {}

    /** The extracted files, in load order, and whether any had to be written. */
    public record Extracted(Path directory, List<Path> files, int written) {
        public Path library() {
            return files.getLast();
        }
    }

    /** e.g. "linux-x86_64", the classifier of the artifact built for this machine; null when there is none. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) return null;
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64", "arm64" -> "linux-arm64";
            case "ppc64le" -> "linux-ppc64le";
            default -> null;
        };
    }

    /** Resource name of a bundled file, e.g. "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0". */
    public static String resourceName(String platform, String file) {
        return "org/bytedeco/openblas/" + platform + "/" + file;
    }

    /** The URL of the bundled libopenblas for this platform, or null when the artifact is not on the class path. */
    public static URL findLibraryResource() {
        String platform = platform();
        return platform == null ? null : resource(resourceName(platform, LoaderSettings.LIBRARY_FILE));
    }

    private static URL resource(String name) {
        ClassLoader own = BundledOpenBlas.class.getClassLoader();
        URL u = own == null ? ClassLoader.getSystemResource(name) : own.getResource(name);
        if (u == null) {
            ClassLoader ctx = Thread.currentThread().getContextClassLoader();
            if (ctx != null) u = ctx.getResource(name);
        }
        return u;
    }

    /** The default cache directory: {@code ${user.home}/.cache/latentj/openblas-VERSION/PLATFORM}. */
    public static Path defaultCacheDir(URL library) {
        return Path.of(System.getProperty("user.home"), ".cache", "latentj", "openblas-" + artifactVersion(library), platform());
    }

    /**
     * Extracts the bundled files into {@code cacheDir} (the default when null), reusing files already there with
     * the right size. Throws {@link IllegalStateException} when the artifact is not on the class path and
     * {@link UncheckedIOException} when the directory cannot be written.
     */
    public static Extracted extract(Path cacheDir) {
        URL lib = findLibraryResource();
        if (lib == null) {
            throw new IllegalStateException("the bundled OpenBLAS (" + (platform() == null ? "no artifact for this platform"
                    : resourceName(platform(), LoaderSettings.LIBRARY_FILE)) + ") is not on the class path");
        }
        Path dir = cacheDir != null ? cacheDir : defaultCacheDir(lib);
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>();
            int written = 0;
            for (String name : LOAD_ORDER) {
                URL u = name.equals(LoaderSettings.LIBRARY_FILE) ? lib : resource(resourceName(platform(), name));
                if (u == null) continue; // a runtime library this platform's build does not ship
                Path target = dir.resolve(name);
                if (copyIfNeeded(u, target)) written++;
                files.add(target);
            }
            return new Extracted(dir, List.copyOf(files), written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled OpenBLAS into " + dir + ": " + e.getMessage()
                    + " (set -D" + LoaderSettings.CACHE_PROPERTY + "=<writable dir>)", e);
        }
    }

    /** Copies {@code from} to {@code target} unless a file of the same size is there. Returns true when it wrote. */
    private static boolean copyIfNeeded(URL from, Path target) throws IOException {
        URLConnection conn = from.openConnection();
        conn.setUseCaches(false);
        long size = conn.getContentLengthLong();
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) return false;
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try {
            try (InputStream in = conn.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (size >= 0 && Files.size(tmp) != size) {
                throw new IOException("short copy of " + from + ": " + Files.size(tmp) + " of " + size + " bytes");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The artifact version from the pom.properties in the same jar as the library, or "unknown". */
    static String artifactVersion(URL library) {
        String s = library.toString();
        int bang = s.indexOf("!/");
        URL props = null;
        try {
            if (bang >= 0) props = java.net.URI.create(s.substring(0, bang + 2) + POM_PROPERTIES).toURL();
        } catch (IOException | IllegalArgumentException ignored) {
            props = null;
        }
        if (props == null) props = resource(POM_PROPERTIES);
        if (props != null) {
            try (InputStream in = props.openStream()) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && v.matches("[A-Za-z0-9._-]+")) return v;
            } catch (IOException ignored) {
                // fall through
            }
        }
        return "unknown";
    }
}
