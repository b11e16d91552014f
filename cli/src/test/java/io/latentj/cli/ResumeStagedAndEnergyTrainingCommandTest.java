package io.latentj.cli;

import io.latentj.models.io.Json;
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
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code train boltzmann | poe | deep-autoencoder | dbn} with {@code --checkpoint-every}: a shorter run's checkpoint,
 * continued with {@code --resume} to the full length, gives exactly the model files of an uninterrupted run.
 */
class ResumeStagedAndEnergyTrainingCommandTest {
    @TempDir
    Path dir;

    private Map<?, ?> run(List<String> args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            assertEquals(0, cl.execute(args.toArray(String[]::new)), String.join(" ", args) + "\n" + err);
        } finally {
            System.setOut(old);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        return (Map<?, ?>) Json.parse(lines[lines.length - 1]);
    }

    /** 120 rows, 8 features in 3 clusters, label column "y" last. */
    private Path csv() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder("f0,f1,f2,f3,f4,f5,f6,f7,y\n");
        for (int i = 0; i < 120; i++) {
            int c = i % 3;
            for (int j = 0; j < 8; j++) sb.append(String.format(java.util.Locale.ROOT, "%.4f,", (j % 3 == c ? 2 : 0) + r.nextGaussian()));
            sb.append(c).append('\n');
        }
        Path f = dir.resolve("data.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    private static void assertSameTensors(Path a, Path b) throws Exception {
        var x = SafeTensors.read(a).tensors();
        var y = SafeTensors.read(b).tensors();
        assertEquals(x.keySet(), y.keySet(), a + " vs " + b);
        for (String name : x.keySet()) assertArrayEquals(x.get(name).data(), y.get(name).data(), name + " of " + a.getFileName());
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> l = new ArrayList<>(base);
        l.addAll(List.of(more));
        return l;
    }

    @Test
    void aShorterRunsCheckpointResumedToTheFullLengthGivesTheUninterruptedModel() throws Exception {
        String data = csv().toString();
        // name, common arguments, the shorter run's epochs, the full run's epochs (the option that differs)
        List<Object[]> cases = List.of(
                new Object[] {"boltzmann", List.of("--scale", "binarize", "--hidden", "4", "--batch-size", "20", "--particles", "15"), "--epochs", "2", "4"},
                new Object[] {"poe", List.of("--scale", "standardize", "--experts", "5", "--batch-size", "20", "--method", "CD_HMC", "--leapfrog-steps", "3"),
                        "--epochs", "2", "4"},
                new Object[] {"deep-autoencoder", List.of("--scale", "unit", "--layers", "6,3", "--batch-size", "20"), "--fine-tune-epochs", "1", "3"},
                new Object[] {"dbn", List.of("--scale", "unit", "--layers", "6,5", "--epochs", "2", "--batch-size", "20", "--label-units", "--label-column", "y"),
                        "--fine-tune-epochs", "1", "3"});
        for (Object[] c : cases) {
            String name = (String) c[0];
            @SuppressWarnings("unchecked") List<String> common = with(List.of("train", name, "--data", data, "--seed", "6"), ((List<String>) c[1]).toArray(String[]::new));
            Path straight = dir.resolve(name + "-straight.safetensors"), resumed = dir.resolve(name + "-resumed.safetensors");
            Path ck = dir.resolve(name + ".ckpt");
            run(with(common, (String) c[2], (String) c[4], "--out", straight.toString()));
            run(with(common, (String) c[2], (String) c[3], "--out", dir.resolve(name + "-short.safetensors").toString(),
                    "--checkpoint-every", "1", "--checkpoint", ck.toString()));
            assertTrue(Files.exists(ck), name + ": no checkpoint written");
            run(with(common, (String) c[2], (String) c[4], "--out", resumed.toString(), "--checkpoint-every", "1", "--checkpoint", ck.toString(), "--resume"));
            assertSameTensors(straight, resumed);
            // the resumed run did read the checkpoint: one of another config is refused
            List<String> other = with(common, (String) c[2], (String) c[4], "--out", dir.resolve(name + "-other.safetensors").toString(),
                    "--checkpoint", ck.toString(), "--resume");
            other.set(other.indexOf("--seed") + 1, "7");
            StringWriter err = new StringWriter();
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            assertEquals(2, cl.execute(other.toArray(String[]::new)), name);
            assertTrue(err.toString().contains("another config"), name + ": " + err);
            if (name.equals("dbn")) { // the fine-tuned MLP beside it, resumed from its own checkpoint <ckpt>.mlp
                assertTrue(Files.exists(dir.resolve(name + ".ckpt.mlp")));
                assertSameTensors(dir.resolve(name + "-straight.safetensors.mlp.safetensors"), dir.resolve(name + "-resumed.safetensors.mlp.safetensors"));
            }
        }
    }
}
