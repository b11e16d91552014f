package io.latentj.simd.blas;

import io.latentj.simd.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same comparisons on the bundled OpenBLAS 0.3.28 extracted afresh, in a child JVM (one build per JVM). */
class BundledNativeBlasTest {
    @Test
    void bundledBuildAgreesWithScalar(@TempDir Path cache) throws Exception {
        assumeTrue(getClass().getClassLoader().getResource("org/bytedeco/openblas/linux-x86_64/libopenblas.so.0") != null,
                "bundled artifact not on the class path");
        ChildJvm.Result r = ChildJvm.run(NativeBlasChecks.class,
                List.of("-Dlatentj.openblas=bundled", "-Dlatentj.openblas.cache=" + cache), "2");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("NATIVEBLAS-OK") && r.output().contains("source=bundled")
                && r.output().contains("OpenBLAS 0.3.28"), r.output());
    }
}
