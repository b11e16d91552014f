package io.latentj.cli;

import io.latentj.models.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How training commands end when something goes wrong: a diverging run and a checkpoint that cannot be used each
 * end in one {@code latentj: …} line (no stack trace) with their own exit code, and the last good checkpoint stays.
 */
class CommandErrorsTest {
    @TempDir
    Path dir;

    private record Result(int code, String err) {}

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            return new Result(cl.execute(args), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    private Path data() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 12; j++) sb.append(j == 0 ? "" : ",").append(r.nextDouble() < 0.4 ? "1" : "0");
            sb.append('\n');
        }
        Path p = dir.resolve("x.csv");
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void divergingRunEndsInOneLineWithItsOwnExitCodeAndKeepsTheCheckpoint() throws Exception {
        Path x = data(), ck = dir.resolve("ae.ckpt");
        Result good = run("train", "autoencoder", "--data", x.toString(), "--hidden", "5", "--epochs", "1",
                "--checkpoint-every", "1", "--checkpoint", ck.toString(), "--out", dir.resolve("a.safetensors").toString());
        assertEquals(0, good.code(), good.err());
        Result bad = run("train", "autoencoder", "--data", x.toString(), "--hidden", "5", "--epochs", "4",
                "--optimizer", "SGD", "--learning-rate", "1e30", "--encoder", "LINEAR", "--decoder", "LINEAR", "--loss", "SQUARED_ERROR",
                "--checkpoint-every", "1", "--checkpoint", ck.toString(), "--out", dir.resolve("b.safetensors").toString());
        assertEquals(Main.EXIT_DIVERGED, bad.code(), bad.err());
        assertTrue(bad.err().startsWith("latentj: ") && bad.err().contains("diverged in epoch"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());
        assertFalse(Files.exists(dir.resolve("b.safetensors")), "no model file from a diverged run");
        // the checkpoint holds the last epoch before the divergence, every value finite
        var kept = SafeTensors.read(ck);
        int diverged = Integer.parseInt(bad.err().replaceAll("(?s).*diverged in epoch (\\d+).*", "$1"));
        assertTrue(diverged >= 2, bad.err());
        assertEquals(Integer.toString(diverged - 1), kept.metadata().get("epochs_done"));
        for (var t : kept.tensors().entrySet()) {
            for (float v : t.getValue().data()) assertTrue(Float.isFinite(v), t.getKey());
        }
    }

    @Test
    void unusableCheckpointEndsInOneLine() throws Exception {
        Path x = data(), ck = dir.resolve("junk.ckpt");
        Files.write(ck, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Result r = run("train", "autoencoder", "--data", x.toString(), "--hidden", "5", "--epochs", "2",
                "--checkpoint", ck.toString(), "--resume", "--out", dir.resolve("c.safetensors").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("latentj: ") && r.err().contains(ck.getFileName().toString()), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(r.err().contains("Exception"), "no class names: " + r.err());
    }

    @Test
    void wrappedMessagesAreSaidOnce() {
        var cause = new java.io.IOException("bad header");
        assertEquals("bad header", Main.message(new java.io.UncheckedIOException(cause)));
        assertEquals("cannot resume from f: bad header", Main.message(new java.io.UncheckedIOException("cannot resume from f: bad header", cause)));
        assertEquals("cannot write f: bad header", Main.message(new java.io.UncheckedIOException("cannot write f", cause)));
    }
}
