package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Without jdk.incubator.vector the library runs on the other paths and says once how to enable SIMD. */
class NoVectorApiTest {
    @Test
    void everyFacadeWorksWithoutTheVectorModuleAndTheLogSaysHowToEnableIt() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                NoVectorApiProbe.class.getName())).start();
        String out, err;
        try (var o = p.getInputStream(); var e = p.getErrorStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            err = new String(e.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe hung");
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.contains("vectorApi=false"), out);
        assertTrue(out.contains("OK"), out);
        assertTrue(err.contains("--add-modules jdk.incubator.vector"), "the warning must say how to enable SIMD: " + err);
        int warnings = err.split("jdk.incubator.vector\\) is not readable", -1).length - 1;
        assertEquals(1, warnings, "logged once: " + err);
    }
}
