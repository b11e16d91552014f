package io.latentj.bindings;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The library this JVM loaded (the system OpenBLAS on the build machine). */
class OpenBlasTest {
    @Test
    void loadedOrExplainsWhy() {
        if (OpenBlas.isAvailable()) {
            assertTrue(OpenBlas.libraryPath().orElseThrow().isAbsolute());
            assertTrue(OpenBlas.unavailableReason().isEmpty());
            assertTrue(OpenBlas.source().isPresent());
        } else {
            String why = OpenBlas.unavailableReason().orElseThrow();
            assertThrows(IllegalStateException.class, OpenBlas::config);
            assertThrows(IllegalStateException.class, OpenBlas::lookup);
            assertTrue(why.length() > 20, why);
        }
    }

    @Test
    void configNamesOpenBlas() {
        assumeTrue(OpenBlas.isAvailable());
        assertTrue(OpenBlas.config().contains("OpenBLAS"), OpenBlas.config());
    }

    @Test
    void threadsRoundTrip() {
        assumeTrue(OpenBlas.isAvailable());
        int before = OpenBlas.threads();
        try {
            OpenBlas.setThreads(1);
            assertEquals(1, OpenBlas.threads());
            OpenBlas.setThreads(2);
            assertEquals(2, OpenBlas.threads());
        } finally {
            OpenBlas.setThreads(before);
        }
        assertThrows(IllegalArgumentException.class, () -> OpenBlas.setThreads(0));
    }

    @Test
    void systemBuildHasNoLapackeButFortranSymbols() {
        assumeTrue(OpenBlas.isAvailable() && "system".equals(OpenBlas.source().orElse("")));
        assertTrue(OpenBlas.lookup().find("ssyevd_").isPresent());
        assertEquals(OpenBlas.lookup().find("LAPACKE_ssyevd").isPresent(), OpenBlas.hasLapacke());
    }
}
