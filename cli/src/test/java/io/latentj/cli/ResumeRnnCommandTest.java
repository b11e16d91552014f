package io.latentj.cli;

import io.latentj.models.rnn.RecurrentNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code train rnn --checkpoint-every/--checkpoint/--resume}: a run stopped after 2 of 4 epochs and resumed from its
 * checkpoint writes the model of an uninterrupted 4-epoch run, bit for bit; a checkpoint of other settings is refused.
 */
class ResumeRnnCommandTest {
    @TempDir
    Path dir;

    private int run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
    }

    private Path csv() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 12; j++) sb.append('x').append(j).append(',');
        sb.append("y\n");
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            for (int j = 0; j < 12; j++) sb.append(String.format(java.util.Locale.ROOT, "%.4f,", (j % 3 == c ? 1 : 0) + 0.3 * r.nextGaussian()));
            sb.append(c).append('\n');
        }
        Path f = dir.resolve("seq.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void aResumedRunWritesTheModelOfAnUninterruptedOne() throws Exception {
        Path data = csv(), straight = dir.resolve("straight.safetensors"), resumed = dir.resolve("resumed.safetensors"), ck = dir.resolve("rnn.ckpt");
        String[] common = {"train", "rnn", "--data", data.toString(), "--label-column", "y", "--features", "3", "--hidden", "5",
                "--batch-size", "40", "--seed", "6"};
        assertEquals(0, run(concat(common, "--epochs", "4", "--out", straight.toString())));
        assertEquals(0, run(concat(common, "--epochs", "2", "--checkpoint-every", "1", "--checkpoint", ck.toString(), "--out", resumed.toString())));
        assertTrue(Files.exists(ck));
        assertEquals(0, run(concat(common, "--epochs", "4", "--checkpoint-every", "1", "--checkpoint", ck.toString(), "--resume", "--out", resumed.toString())));
        RecurrentNet a = RecurrentNet.load(straight), b = RecurrentNet.load(resumed);
        assertArrayEquals(a.weights().toArray(), b.weights().toArray());
        assertArrayEquals(a.bias(), b.bias());
        assertArrayEquals(a.outputWeights().toArray(), b.outputWeights().toArray());
        assertArrayEquals(a.outputBias(), b.outputBias());
        // other settings: refused with exit code 2
        assertEquals(2, run(concat(common, "--epochs", "5", "--learning-rate", "0.01", "--checkpoint", ck.toString(), "--resume", "--out", dir.resolve("x").toString())));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
