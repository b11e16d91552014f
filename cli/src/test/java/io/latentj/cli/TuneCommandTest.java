package io.latentj.cli;

import io.latentj.models.io.Json;
import io.latentj.simd.AutoPolicy;
import io.latentj.simd.Capabilities;
import io.latentj.simd.Parallelism;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** {@code latentj tune} on tiny ladders (no timing is asserted): the file it writes is one auto loads here. */
class TuneCommandTest {
    @TempDir
    Path dir;

    private final int threadsBefore = Parallelism.threads();

    @AfterEach
    void restore() {
        Parallelism.setThreads(threadsBefore);
        AutoPolicy.reload();
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new java.io.PrintWriter(System.err, true));
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTinyTuneWritesAPolicyThatAutoLoadsAndThatRecordsThisMachine() throws Exception {
        Path file = dir.resolve("sub/policy.properties"), detail = dir.resolve("detail.tsv");
        Run r = run("tune", "--smoke", "--out", file.toString(), "--detail", detail.toString(), "--threads", "2");
        assertEquals(0, r.code, r.out + r.err);
        String text = Files.readString(file);
        Properties p = new Properties();
        p.load(new StringReader(text));
        assertEquals(Integer.toString(Capabilities.vectorBits()), p.getProperty(AutoPolicy.KEY_VECTOR_BITS));
        assertEquals(AutoPolicy.Machine.current().openblas(), p.getProperty(AutoPolicy.KEY_OPENBLAS));
        assertEquals(AutoPolicy.Machine.current().cpu(), p.getProperty(AutoPolicy.KEY_CPU));
        assertEquals(Runtime.version().toString(), p.getProperty(AutoPolicy.KEY_JDK));
        for (AutoPolicy.Op op : AutoPolicy.Op.values()) {
            String one = p.getProperty(op.key() + ".threads1");
            assertNotNull(one, op.key() + ".threads1 in\n" + text);
            assertTrue(one.equals("never") || Long.parseLong(one) >= 0, one);
            assertEquals(op.mayUseThreads(), p.getProperty(op.key() + ".threads2") != null, op.key() + ".threads2 in\n" + text);
        }
        if (!Capabilities.blas()) {
            for (String key : p.stringPropertyNames()) if (!key.startsWith("machine.")) assertEquals("never", p.getProperty(key), key);
        } else {
            assertTrue(Files.readString(detail).lines().count() > 10, "every timing in the detail file");
        }
        // auto accepts it (same width and OpenBLAS build) and it is in force
        AutoPolicy.reload();
        AutoPolicy.loadFile(file);
        assertEquals("file " + file, AutoPolicy.source());

        Map<?, ?> summary = (Map<?, ?>) Json.parse(r.out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals("tune", summary.get("command"));
        assertEquals(file.toString(), summary.get("file"));
        assertTrue(r.err.contains("-Dlatentj.auto.policy=" + file), "says how to use a file outside the per-user location: " + r.err);
    }

    @Test
    void aFileTunedElsewhereIsRefused() throws Exception {
        Path file = dir.resolve("policy.properties");
        assertEquals(0, run("tune", "--smoke", "--out", file.toString(), "--ops", "gemm", "--threads", "1").code);
        String text = Files.readString(file);
        Properties p = new Properties();
        p.load(new StringReader(text));
        assertEquals(p.getProperty("gemm.threads1"), p.getProperty("gemm.threads2"), "--threads 1 copies the one-thread threshold");
        assertEquals("never", p.getProperty("dot.threads1"), "an op left out by --ops");
        int other = Capabilities.vectorBits() == 256 ? 512 : 256;
        Files.writeString(file, text.replaceAll("(?m)^machine.vectorBits=.*$", "machine.vectorBits=" + other));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoPolicy.loadFile(file));
        assertTrue(e.getMessage().contains(other + "-bit"), e.getMessage());
    }

    @Test
    void badOptionsEndInOneLine() {
        Run r = run("tune", "--smoke", "--out", dir.resolve("x").toString(), "--ops", "gemm,fft");
        assertEquals(Main.EXIT_BAD_INPUT, r.code, r.err);
        assertTrue(r.err.contains("unknown operation fft"), r.err);
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
