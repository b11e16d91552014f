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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code train gan} and {@code train words} with {@code --checkpoint-every}: a shorter run's checkpoint, continued with
 * {@code --resume} to the full number of epochs, gives a model file whose tensors equal, bit for bit, those of the
 * uninterrupted run; a checkpoint made with other settings is refused with a one-line message.
 */
class ResumeGanWordsCommandTest {
    @TempDir
    Path dir;

    /** Runs the command line; returns its exit code, and the error output in {@code err}. */
    private static int run(StringWriter err, List<String> args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            return cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
    }

    private static void ok(List<String> args) {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, args), String.join(" ", args) + "\n" + err);
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> l = new ArrayList<>(base);
        l.addAll(List.of(more));
        return l;
    }

    private static void assertSameTensors(Path a, Path b) throws Exception {
        var ta = SafeTensors.read(a).tensors();
        var tb = SafeTensors.read(b).tensors();
        assertEquals(ta.keySet(), tb.keySet());
        for (String name : ta.keySet()) assertArrayEquals(ta.get(name).data(), tb.get(name).data(), name);
    }

    /**
     * Trains {@code base + --epochs total} straight, then {@code --epochs short} with checkpoints and {@code --epochs
     * total --resume} from that checkpoint; the two final models must hold the same tensors.
     */
    private void resumesExactly(String name, String logger, List<String> base, int shortEpochs, int total) throws Exception {
        Path straight = dir.resolve(name + "-straight.safetensors"), resumed = dir.resolve(name + "-resumed.safetensors");
        Path ck = dir.resolve(name + ".ckpt");
        ok(with(base, "--epochs", Integer.toString(total), "--out", straight.toString()));
        ok(with(base, "--epochs", Integer.toString(shortEpochs), "--checkpoint-every", "1", "--checkpoint", ck.toString(),
                "--out", dir.resolve(name + "-short.safetensors").toString()));
        // the trainer logs where it resumed: a run that ignored --resume and started afresh would end with the same weights
        List<String> logged = new ArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(logger);
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord rec) {
                logged.add(rec.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(h);
        try {
            ok(with(base, "--epochs", Integer.toString(total), "--checkpoint-every", "1", "--checkpoint", ck.toString(), "--resume",
                    "--out", resumed.toString()));
        } finally {
            jul.removeHandler(h);
        }
        assertTrue(logged.contains("resumed from " + ck + " after epoch " + shortEpochs), logged.toString());
        assertSameTensors(straight, resumed);
        assertEquals(Integer.toString(total), SafeTensors.read(ck).metadata().get("epochs_done"));
    }

    @Test
    void ganResumesExactlyAndRefusesACheckpointOfOtherSettings() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 120; i++) {
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", (i % 2) * 4 + r.nextGaussian(), r.nextGaussian(), 10 + r.nextGaussian()));
        }
        Path data = dir.resolve("data.csv");
        Files.writeString(data, sb.toString());
        List<String> base = List.of("train", "gan", "--data", data.toString(), "--scale", "unit", "--latent", "2", "--generator-hidden", "6",
                "--discriminator-hidden", "5", "-k", "2", "--batch-size", "25", "--seed", "3");
        resumesExactly("gan", "io.latentj.models.gan", base, 2, 4);
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, with(base, "--epochs", "4", "--learning-rate", "0.01", "--resume", "--checkpoint", dir.resolve("gan.ckpt").toString(),
                "--out", dir.resolve("other.safetensors").toString())));
        assertTrue(err.toString().startsWith("latentj: ") && err.toString().contains("another config"), err.toString());
    }

    @Test
    void wordsResumeExactly() throws Exception {
        SplittableRandom r = new SplittableRandom(2);
        String[] animals = {"cat", "dog", "cow"}, verbs = {"runs", "sleeps", "eats"}, places = {"park", "barn", "house"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            sb.append("the ").append(animals[r.nextInt(3)]).append(' ').append(verbs[r.nextInt(3)]).append(" in the ").append(places[r.nextInt(3)]).append('\n');
        }
        Path text = dir.resolve("text.txt");
        Files.writeString(text, sb.toString());
        List<String> base = List.of("train", "words", "--text", text.toString(), "--dimension", "5", "--window", "3", "--hidden", "7",
                "--negatives", "2", "--batch-size", "50", "--seed", "9");
        resumesExactly("words", "io.latentj.models.words", base, 1, 3);
    }
}
