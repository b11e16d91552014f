package io.latentj.simd.blas;

import io.latentj.bindings.LoaderSettings;
import io.latentj.simd.ChildJvm;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        ChildJvm.Result r = ChildJvm.run(NativeBlasChecks.class, List.of("-Dlatentj.openblas=system"), "3");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("NATIVEBLAS-OK") && r.output().contains("source=system"), r.output());
    }
}
