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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --checkpoint-every} / {@code --resume} on the iterative fits (ppca, factor-analysis, gmm, kmeans, ica,
 * sparse-coding): a short run leaves a checkpoint, a run resumed from it with the full iteration count writes exactly
 * the model of an uninterrupted run.
 */
class ResumeIterativeFitsCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            return cl.execute(args);
        } finally {
            System.setOut(old);
        }
    }

    private void ok(String... args) {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, args), String.join(" ", args) + "\n" + err);
    }

    /** 200 rows, 8 features: 3 clusters along non-Gaussian directions, plus a label column. */
    private Path csv() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        StringBuilder sb = new StringBuilder("f0,f1,f2,f3,y,f4,f5,f6,f7\n");
        for (int i = 0; i < 200; i++) {
            int c = i % 3;
            double u = r.nextDouble() - 0.5, g = r.nextGaussian();
            for (int j = 0; j < 8; j++) {
                if (j == 4) sb.append(c).append(',');
                double v = 10 * j + (j % 3 == c ? 3 : 0) + (j + 1) * u + (j % 2 == 0 ? g * g * g / 3 : -g) + 0.5 * r.nextGaussian();
                sb.append(String.format(java.util.Locale.ROOT, "%.5f", v)).append(j == 7 ? "\n" : ",");
            }
        }
        Path f = dir.resolve("data.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Trains {@code model} with {@code capOption} = full uninterrupted; with {@code capOption} = short and a checkpoint
     * every {@code every}; then resumed with full; asserts the resumed model file equals the uninterrupted one.
     */
    private void resumes(Path data, String model, String capOption, int full, int shortRun, int every, String... options) throws Exception {
        String[] common = concat(new String[] {"train", model, "--data", data.toString(), "--label-column", "y", "--scale", "standardize", "--seed", "3"}, options);
        Path straight = dir.resolve(model + "-straight.safetensors"), partial = dir.resolve(model + "-partial.safetensors"),
                resumed = dir.resolve(model + "-resumed.safetensors"), ck = dir.resolve(model + ".ckpt");
        ok(concat(common, capOption, Integer.toString(full), "--out", straight.toString()));
        ok(concat(common, capOption, Integer.toString(shortRun), "--out", partial.toString(), "--checkpoint-every", Integer.toString(every),
                "--checkpoint", ck.toString()));
        assertTrue(Files.exists(ck), model + ": checkpoint written");
        ok(concat(common, capOption, Integer.toString(full), "--out", resumed.toString(), "--checkpoint-every", Integer.toString(every),
                "--checkpoint", ck.toString(), "--resume"));
        SafeTensors.Contents a = SafeTensors.read(straight), b = SafeTensors.read(resumed), p = SafeTensors.read(partial);
        assertEquals(a.tensors().keySet(), b.tensors().keySet(), model);
        boolean partialDiffers = false;
        for (String name : a.tensors().keySet()) {
            assertArrayEquals(a.tensors().get(name).data(), b.tensors().get(name).data(), model + ": tensor " + name);
            partialDiffers |= !Arrays.equals(a.tensors().get(name).data(), p.tensors().get(name).data());
        }
        assertTrue(partialDiffers, model + ": the short run must differ from the full one, or the test proves nothing");
        for (String key : a.metadata().keySet()) {
            if (key.startsWith("provenance.") && !key.contains("time") && !key.contains("created")) {
                assertEquals(a.metadata().get(key), b.metadata().get(key), model + ": " + key);
            }
        }
    }

    @Test
    void everyIterativeFitResumesToTheUninterruptedModel() throws Exception {
        Path data = csv();
        resumes(data, "ppca", "--max-iterations", 40, 6, 4, "--components", "2", "--method", "EM", "--tolerance", "1e-9");
        resumes(data, "factor-analysis", "--max-iterations", 40, 6, 4, "--components", "2", "--tolerance", "1e-9");
        resumes(data, "gmm", "--max-iterations", 25, 4, 3, "--components", "3", "--covariance", "DIAGONAL", "--tolerance", "1e-7");
        resumes(data, "kmeans", "--iterations", 8, 3, 2, "--centroids", "5");
        resumes(data, "ica", "--max-iterations", 30, 4, 2, "--components", "4", "--tolerance", "1e-7");
        resumes(data, "sparse-coding", "--iterations", 6, 2, 1, "--atoms", "6", "--lambda", "0.2");
        resumes(data, "sparse-coding", "--epochs", 4, 2, 1, "--atoms", "6", "--lambda", "0.2", "--online", "--batch-size", "32");
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefusedWithOneLine() throws Exception {
        Path data = csv(), ck = dir.resolve("g.ckpt");
        List<String> base = new ArrayList<>(List.of("train", "gmm", "--data", data.toString(), "--label-column", "y", "--components", "3",
                "--max-iterations", "3", "--checkpoint-every", "1", "--checkpoint", ck.toString(), "--out", dir.resolve("g.safetensors").toString()));
        ok(base.toArray(String[]::new));
        base.addAll(List.of("--resume", "--covariance", "SPHERICAL"));
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, base.toArray(String[]::new)));
        assertTrue(err.toString().startsWith("latentj: checkpoint") && err.toString().contains("another config"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "train", "ppca", "--data", data.toString(), "--components", "2", "--checkpoint-every", "2",
                "--out", dir.resolve("p.safetensors").toString()));
        assertTrue(err.toString().contains("EM method only"), err.toString());
    }
}
