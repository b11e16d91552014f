package io.latentj.simd.blas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same comparisons on the bundled OpenBLAS 0.3.28, in a child JVM (one build per JVM). */
class BundledNativeBlasTest {
    @Test
    void bundledBuildAgreesWithScalar(@TempDir Path cache) throws Exception {
        assumeTrue(getClass().getClassLoader().getResource("org/bytedeco/openblas/linux-x86_64/libopenblas.so.0") != null,
                "bundled artifact not on the class path");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-Dlatentj.openblas=bundled", "-Dlatentj.openblas.cache=" + cache,
                "-cp", System.getProperty("java.class.path"), NativeBlasChecks.class.getName(), "2");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("LATENTJ_OPENBLAS");
        pb.environment().remove("LATENTJ_OPENBLAS_MODE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("NATIVEBLAS-OK") && out.contains("source=bundled") && out.contains("OpenBLAS 0.3.28"), out);
    }
}
