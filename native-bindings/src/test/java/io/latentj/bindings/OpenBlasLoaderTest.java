package io.latentj.bindings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OpenBlasLoaderTest {
    private static LoaderSettings settings(Map<String, String> props, Map<String, String> env) {
        return LoaderSettings.from(props::get, env);
    }

    @Test
    void explicitPathThatDoesNotExistIsNamedAndNotReplaced() {
        Path missing = Path.of("/nonexistent/dir/libopenblas.so.0");
        OpenBlasLoader.Outcome o = OpenBlasLoader.load(
                settings(Map.of(LoaderSettings.PATH_PROPERTY, missing.toString()), Map.of()));
        assertFalse(o.ok());
        assertTrue(o.failure().contains(missing.toString()), o.failure());
        assertTrue(o.failure().contains("does not exist"), o.failure());
        assertTrue(o.failure().contains("-D" + LoaderSettings.PATH_PROPERTY), o.failure());
    }

    @Test
    void propertyWinsOverEnvironment() {
        LoaderSettings s = settings(Map.of(LoaderSettings.PATH_PROPERTY, "/a/libopenblas.so.0"),
                Map.of(LoaderSettings.PATH_ENV, "/b/libopenblas.so.0"));
        assertEquals("/a/libopenblas.so.0", s.explicitPath());
        assertEquals("property", s.explicitPathOrigin());
        LoaderSettings e = settings(Map.of(), Map.of(LoaderSettings.PATH_ENV, "/b/libopenblas.so.0"));
        assertEquals("environment", e.explicitPathOrigin());
        OpenBlasLoader.Outcome o = OpenBlasLoader.load(e);
        assertTrue(o.failure().contains("$" + LoaderSettings.PATH_ENV + "=/b/libopenblas.so.0"), o.failure());
    }

    @Test
    void noneDisables() {
        OpenBlasLoader.Outcome o = OpenBlasLoader.load(settings(Map.of(LoaderSettings.MODE_PROPERTY, "none"), Map.of()));
        assertFalse(o.ok());
        assertTrue(o.failure().contains("disabled"), o.failure());
        o = OpenBlasLoader.load(settings(Map.of(), Map.of(LoaderSettings.MODE_ENV, "NONE")));
        assertTrue(o.failure().contains("disabled"), o.failure());
    }

    @Test
    void invalidModeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(LoaderSettings.MODE_PROPERTY, "fastest"), Map.of()));
        assertTrue(e.getMessage().contains("fastest"));
    }

    @Test
    void ldLibraryPathDirectoriesAreSearchedAfterTheKnownPaths() {
        LoaderSettings s = settings(Map.of(), Map.of("LD_LIBRARY_PATH", "/opt/blas/lib::relative:/usr/local/lib"));
        List<Path> c = s.systemCandidates();
        assertEquals(Path.of(LoaderSettings.KNOWN_SYSTEM_PATHS.getFirst()), c.getFirst());
        assertEquals(Path.of("/opt/blas/lib/libopenblas.so.0"), c.get(LoaderSettings.KNOWN_SYSTEM_PATHS.size()));
        assertFalse(c.stream().anyMatch(p -> !p.isAbsolute()));
        assertEquals(LoaderSettings.KNOWN_SYSTEM_PATHS.size() + 1, c.size()); // /usr/local/lib was already known
    }

    @Test
    void nothingFoundNamesEveryPlaceAndTheFixes() {
        LoaderSettings s = new LoaderSettings(LoaderSettings.Mode.SYSTEM, null, null, null,
                List.of(Path.of("/nope/one/libopenblas.so.0"), Path.of("/nope/two/libopenblas.so.0")));
        OpenBlasLoader.Outcome o = OpenBlasLoader.load(s);
        assertFalse(o.ok());
        String f = o.failure();
        for (String needle : List.of("/nope/one/libopenblas.so.0", "/nope/two/libopenblas.so.0",
                "-D" + LoaderSettings.PATH_PROPERTY, "$" + LoaderSettings.PATH_ENV, "bundled",
                "apt-get install -y libopenblas0-pthread", "org.bytedeco:openblas:0.3.28-1.5.11:linux-x86_64")) {
            assertTrue(f.contains(needle), "missing '" + needle + "' in: " + f);
        }
    }

    @Test
    void extractsOnceAndReuses(@TempDir Path cache) throws Exception {
        assumeTrue(BundledOpenBlas.findLibraryResource() != null, "bundled artifact not on the class path");
        BundledOpenBlas.Extracted first = BundledOpenBlas.extract(cache);
        assertEquals(cache, first.directory());
        assertEquals(first.files().size(), first.written());
        assertEquals(cache.resolve("libopenblas.so.0"), first.library());
        assertEquals(BundledOpenBlas.LOAD_ORDER.size(), first.files().size());
        Object key = Files.readAttributes(first.library(), BasicFileAttributes.class).fileKey();
        var modified = Files.getLastModifiedTime(first.library());

        BundledOpenBlas.Extracted second = BundledOpenBlas.extract(cache);
        assertEquals(0, second.written(), "second extraction must reuse the files");
        assertEquals(key, Files.readAttributes(second.library(), BasicFileAttributes.class).fileKey());
        assertEquals(modified, Files.getLastModifiedTime(second.library()));
        try (var s = Files.list(cache)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left");
        }

        // A truncated file (an interrupted copy by an old version, say) is replaced.
        Files.write(cache.resolve("libgcc_s.so.1"), new byte[10]);
        assertEquals(1, BundledOpenBlas.extract(cache).written());
    }

    @Test
    void defaultCacheIsVersionedUnderUserHome() {
        var lib = BundledOpenBlas.findLibraryResource();
        assumeTrue(lib != null);
        Path d = BundledOpenBlas.defaultCacheDir(lib);
        assertTrue(d.startsWith(Path.of(System.getProperty("user.home"), ".cache", "latentj")), d.toString());
        assertTrue(d.toString().contains("openblas-0.3.28-1.5.11"), d.toString());
    }

    @Test
    void refusesASecondBuildInTheSameJvm(@TempDir Path cache) {
        // The test JVMs load the bundled build (-Dlatentj.openblas=bundled): a system library is then refused, and
        // so is a bundled copy extracted elsewhere. (The system library itself is tested in a child JVM by simd's
        // SystemNativeBlasTest.)
        assumeTrue(OpenBlas.isAvailable(), () -> OpenBlas.unavailableReason().orElse(""));
        assertEquals("bundled", OpenBlas.source().orElse(""));
        OpenBlasLoader.Outcome other = OpenBlasLoader.load(new LoaderSettings(LoaderSettings.Mode.BUNDLED, null, null, cache, List.of()));
        assertFalse(other.ok());
        assertNull(other.loaded());
        assertTrue(other.failure().contains("already loaded"), other.failure());
        Path sys = Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0");
        if (Files.exists(sys)) {
            OpenBlasLoader.Outcome o = OpenBlasLoader.load(new LoaderSettings(LoaderSettings.Mode.SYSTEM, null, null, cache, List.of(sys)));
            assertFalse(o.ok());
            assertTrue(o.failure().contains("already loaded"), o.failure());
        }
    }

    @Test
    void autoPrefersTheBundledBuild() {
        assumeTrue(BundledOpenBlas.findLibraryResource() != null, "bundled artifact not on the class path");
        LoaderSettings s = settings(Map.of(), Map.of());
        assertEquals(LoaderSettings.Mode.AUTO, s.mode());
        OpenBlasLoader.Outcome o = OpenBlasLoader.load(s); // the same file this JVM may hold already: no clash
        assertTrue(o.ok(), o.failure());
        assertEquals("bundled", o.loaded().source());
        assertTrue(o.searched().stream().noneMatch(l -> l.startsWith("/usr")), "system paths searched: " + o.searched());
    }
}
