package io.latentj.simd;

import io.latentj.bindings.OpenBlas;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The test JVM is the configuration its surefire execution says it is: the suite runs on the bundled OpenBLAS by
 * default (the same library on every machine, whatever the machine has installed), once more with OpenBLAS off,
 * and once more at the 256-bit vector width. Without this check a flag that stopped working would leave a run
 * that silently tests the default configuration twice.
 */
class TestConfigurationTest {
    private static final String EXPECT_BLAS = "latentj.test.expect.openblas";
    private static final String EXPECT_BITS = "latentj.test.expect.vectorBits";

    @Test
    void openBlasIsTheOneThisRunAsksFor() {
        String expected = System.getProperty(EXPECT_BLAS, "");
        assumeTrue(!expected.isEmpty(), "not run by the build");
        if (expected.equals("none")) {
            assertFalse(OpenBlas.isAvailable(), "OpenBLAS was loaded in a run that disables it");
            assertFalse(Capabilities.blas());
        } else {
            assertTrue(OpenBlas.isAvailable(), () -> OpenBlas.unavailableReason().orElse(""));
            assertEquals(expected, OpenBlas.source().orElse(""), "OpenBLAS source");
        }
    }

    @Test
    void vectorWidthIsTheOneThisRunAsksFor() {
        String expected = System.getProperty(EXPECT_BITS, "");
        assumeTrue(!expected.isEmpty(), "not run by the build");
        assumeTrue(Capabilities.vectorApi(), "no Vector API in this JVM");
        assumeTrue(!expected.equals("preferred"), "the machine's own width");
        // -XX:UseAVX=2 -XX:MaxVectorSize=32 cap the width; on an AVX2 machine that is the native width already.
        int bits = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertEquals(Integer.parseInt(expected), bits, "FloatVector.SPECIES_PREFERRED");
        assertTrue(Capabilities.vectorDescription().contains(expected), Capabilities.vectorDescription());
    }
}
