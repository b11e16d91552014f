package io.latentj.bindings;

import io.latentj.bindings.lapack.LapackChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Other loader outcomes, each in a child JVM (one OpenBLAS build per JVM). */
class BundledOpenBlasTest {
    @Test
    void bundledBuildRunsLapackThroughLapacke(@TempDir Path cache) throws Exception {
        assumeTrue(BundledOpenBlas.findLibraryResource() != null, "bundled artifact not on the class path");
        ChildJvm.Result r = ChildJvm.run(LapackChecks.class,
                List.of("-Dlatentj.openblas=bundled", "-Dlatentj.openblas.cache=" + cache));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("LAPACK-OK source=bundled lapacke=true"), r.output());
        assertTrue(r.output().contains("OpenBLAS 0.3.28"), r.output());
    }

    @Test
    void explicitPathToExtractedBundledBuild(@TempDir Path cache) throws Exception {
        assumeTrue(BundledOpenBlas.findLibraryResource() != null, "bundled artifact not on the class path");
        Path lib = BundledOpenBlas.extract(cache).library();
        // libopenblas.so.0 has RUNPATH $ORIGIN; its libgfortran is found next to it or on the system.
        ChildJvm.Result r = ChildJvm.run(LapackChecks.class, List.of("-Dlatentj.openblas.path=" + lib));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("LAPACK-OK source=property lapacke=true"), r.output());
    }

    @Test
    void noneMakesEveryCallFailCleanly() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ProbeMain.class, List.of("-Dlatentj.openblas=none"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("available=false"), r.output());
        assertTrue(r.output().contains("cblas=IllegalStateException"), r.output());
        assertTrue(r.output().contains("lapack=IllegalStateException"), r.output());
        assertTrue(r.output().contains("disabled"), r.output());
    }

    @Test
    void missingExplicitPathMakesEveryCallFailCleanly() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ProbeMain.class, List.of("-Dlatentj.openblas.path=/no/such/libopenblas.so.0"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("available=false"), r.output());
        assertTrue(r.output().contains("/no/such/libopenblas.so.0 does not exist"), r.output());
        assertTrue(r.output().contains("cblas=IllegalStateException"), r.output());
    }
}
