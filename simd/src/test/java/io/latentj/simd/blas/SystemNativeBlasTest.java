package io.latentj.simd.blas;

import io.latentj.bindings.LoaderSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The comparisons against the scalar reference on the system's OpenBLAS, in a child JVM: the test JVMs load the
 * bundled build, and two builds sharing the soname must not meet in one JVM. Runs where a distribution's
 * OpenBLAS is installed (CI installs Debian's); there is nothing to test where none is.
 */
class SystemNativeBlasTest {
    @Test
    void systemBuildAgreesWithScalar() throws Exception {
        assumeTrue(LoaderSettings.KNOWN_SYSTEM_PATHS.stream().map(Path::of).anyMatch(Files::isRegularFile),
                "no system OpenBLAS installed");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-Dlatentj.openblas=system",
                "-cp", System.getProperty("java.class.path"), NativeBlasChecks.class.getName(), "3");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("LATENTJ_OPENBLAS");
        pb.environment().remove("LATENTJ_OPENBLAS_MODE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("NATIVEBLAS-OK") && out.contains("source=system"), out);
    }
}
