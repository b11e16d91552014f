package io.latentj.cli;

import io.latentj.models.Encoder;
import io.latentj.models.ModelFiles;
import io.latentj.models.ScaledModel;
import io.latentj.models.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Every {@code train} subcommand on a small CSV: trains, writes a loadable model with its input scaling, one JSON line. */
class TrainEveryModelCommandTest {
    @TempDir
    Path dir;

    private Map<?, ?> run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            assertEquals(0, cl.execute(args), String.join(" ", args) + "\n" + err);
        } finally {
            System.setOut(old);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        return (Map<?, ?>) Json.parse(lines[lines.length - 1]);
    }

    /** 150 rows, 10 features on different scales (3 clusters), label column "y" in the middle. */
    private Path csv() throws Exception {
        SplittableRandom r = new SplittableRandom(8);
        StringBuilder sb = new StringBuilder("f0,f1,f2,f3,f4,y,f5,f6,f7,f8,f9\n");
        for (int i = 0; i < 150; i++) {
            int c = i % 3;
            for (int j = 0; j < 10; j++) {
                if (j == 5) sb.append(c).append(',');
                sb.append(String.format(java.util.Locale.ROOT, "%.4f", 100 * j + (j % 3 == c ? 5 : 0) + r.nextGaussian()));
                sb.append(j == 9 ? "\n" : ",");
            }
        }
        Path f = dir.resolve("data.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void everyTrainCommandWritesAModelThatLoadsWithItsScaling() throws Exception {
        Path data = csv();
        List<List<String>> commands = List.of(
                List.of("rbm", "--scale", "unit", "--hidden", "6", "--epochs", "2", "--batch-size", "25"),
                List.of("gaussian-rbm", "--scale", "standardize", "--hidden", "6", "--epochs", "2", "--batch-size", "25"),
                List.of("autoencoder", "--scale", "unit", "--hidden", "4", "--epochs", "2", "--batch-size", "25"),
                List.of("pca", "--scale", "standardize", "--components", "3"),
                List.of("ppca", "--scale", "standardize", "--components", "3", "--method", "EM", "--max-iterations", "50"),
                List.of("factor-analysis", "--scale", "standardize", "--components", "3", "--max-iterations", "50"),
                List.of("sparse-coding", "--scale", "standardize", "--atoms", "8", "--iterations", "5"),
                List.of("sparse-coding", "--scale", "standardize", "--atoms", "8", "--online", "--batch-size", "32", "--epochs", "2"),
                List.of("kmeans", "--scale", "standardize", "--centroids", "5", "--iterations", "5"),
                List.of("vae", "--scale", "unit", "--latent", "2", "--hidden", "6", "--epochs", "2", "--batch-size", "25"),
                List.of("boltzmann", "--scale", "binarize", "--hidden", "4", "--epochs", "2", "--batch-size", "25", "--particles", "20"),
                List.of("poe", "--scale", "standardize", "--experts", "6", "--epochs", "2", "--batch-size", "25"),
                List.of("rnn", "--scale", "standardize", "--cell", "LSTM", "--features", "5", "--hidden", "6", "--epochs", "2", "--batch-size", "25"),
                List.of("ica", "--scale", "standardize", "--components", "3"),
                List.of("dbn", "--scale", "unit", "--layers", "6,5", "--epochs", "2", "--batch-size", "25", "--label-units", "--fine-tune-epochs", "2"),
                List.of("deep-autoencoder", "--scale", "unit", "--layers", "8,3", "--fine-tune-epochs", "2", "--batch-size", "25"),
                List.of("mlp", "--scale", "standardize", "--hidden", "8", "--epochs", "3", "--batch-size", "25"),
                List.of("gmm", "--scale", "standardize", "--components", "3", "--covariance", "DIAGONAL"),
                List.of("gmm", "--scale", "standardize", "--components", "3", "--soft-kmeans", "2"),
                List.of("rnn", "--scale", "standardize", "--cell", "TANH", "--features", "2", "--hidden", "4", "--next-step", "--epochs", "1"));
        int i = 0;
        for (List<String> c : commands) {
            Path out = dir.resolve("m" + i++ + ".safetensors");
            String[] args = new String[c.size() + 7];
            args[0] = "train";
            for (int k = 0; k < c.size(); k++) args[k + 1] = c.get(k);
            System.arraycopy(new String[] {"--data", data.toString(), "--label-column", "y", "--out", out.toString()}, 0, args, c.size() + 1, 6);
            Map<?, ?> s = run(java.util.Arrays.copyOf(args, c.size() + 7));
            assertEquals(150, ((Number) s.get("rows")).intValue(), c.toString());
            assertEquals(10, ((Number) s.get("features")).intValue(), c + ": the label column is not a feature");
            Encoder m = ModelFiles.load(out);
            ScaledModel sm = assertInstanceOf(ScaledModel.class, m, c.toString());
            assertEquals(c.get(2), sm.scaling().kind().id(), c.toString());
            assertEquals(10, m.inputSize(), c.toString());
            var codes = m.transform(io.latentj.models.data.Csv.read(data, io.latentj.models.data.Csv.Options.defaults().withLabelColumn("y")).x());
            for (float v : codes.toArray()) assertTrue(Float.isFinite(v), c.toString());
        }
    }

    @Test
    void softmaxRbmTrainsOnRatingsAndReportsRmse() throws Exception {
        SplittableRandom r = new SplittableRandom(2);
        StringBuilder sb = new StringBuilder("user,item,rating\n");
        for (int u = 0; u < 60; u++) for (int it = 0; it < 12; it++) if (r.nextDouble() < 0.6) sb.append("u").append(u).append(",i").append(it).append(',').append(1 + (u + it) % 5).append('\n');
        Path ratings = dir.resolve("ratings.csv");
        Files.writeString(ratings, sb.toString());
        Path out = dir.resolve("s.safetensors");
        Map<?, ?> s = run("train", "softmax-rbm", "--ratings", ratings.toString(), "--hidden", "8", "--epochs", "3", "--out", out.toString());
        double rmse = ((Number) s.get("test_rmse")).doubleValue();
        assertTrue(rmse > 0 && rmse < 3, "RMSE " + rmse);
        assertEquals("SoftmaxRBM", ModelFiles.type(out));
    }

    @Test
    void badScalingOrLabelColumnIsAOneLineError() throws Exception {
        Path data = csv();
        for (String[] args : new String[][] {
                {"train", "pca", "--data", data.toString(), "--components", "2", "--scale", "log", "--out", dir.resolve("a").toString()},
                {"train", "pca", "--data", data.toString(), "--components", "2", "--label-column", "nope", "--out", dir.resolve("b").toString()}}) {
            StringWriter err = new StringWriter();
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            assertEquals(2, cl.execute(args));
            assertTrue(err.toString().startsWith("latentj: ") && err.toString().strip().lines().count() == 1, err.toString());
        }
    }

    @Test
    void exportWritesTensorsAsNpyThatReadBack() throws Exception {
        Path data = csv();
        Path model = dir.resolve("pca.safetensors");
        run("train", "pca", "--data", data.toString(), "--label-column", "y", "--components", "3", "--scale", "standardize", "--out", model.toString());
        Path outDir = dir.resolve("tensors");
        Map<?, ?> s = run("export", model.toString(), "--out", outDir.toString());
        var contents = io.latentj.models.io.SafeTensors.read(model);
        assertEquals(contents.tensors().keySet(), ((Map<?, ?>) s.get("written")).keySet());
        var comp = contents.tensors().get("components");
        var back = io.latentj.models.data.Npy.read(outDir.resolve("components.npy"));
        assertEquals(comp.shape()[0], back.rows());
        assertArrayEquals(comp.data(), back.toArray());
        Path one = dir.resolve("mean.npy");
        run("export", model.toString(), "--tensor", "mean", "--out", one.toString());
        assertArrayEquals(contents.tensors().get("mean").data(), io.latentj.models.data.Npy.read(one).toArray());
    }

    @Test
    void wordVectorsTrainOnATextFileAndAnswerNearestQueries() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        String[] animals = {"cat", "dog", "cow"}, verbs = {"runs", "eats", "sits"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) sb.append("the ").append(animals[r.nextInt(3)]).append(' ').append(verbs[r.nextInt(3)]).append(" here\n");
        Path text = dir.resolve("t.txt");
        Files.writeString(text, sb.toString());
        Path out = dir.resolve("wv.safetensors");
        Map<?, ?> s = run("train", "words", "--text", text.toString(), "--dimension", "8", "--window", "3", "--hidden", "10", "--epochs", "2", "--out", out.toString());
        assertEquals(10, ((Number) s.get("vocabulary")).intValue(), s.toString()); // pad, unk and 8 words
        Map<?, ?> nn = (Map<?, ?>) run("nearest", "--model", out.toString(), "-k", "2", "cat").get("neighbours");
        assertEquals(2, ((List<?>) nn.get("cat")).size());
    }

    @Test
    void aGanTrainsAndSamplesInRawUnits() throws Exception {
        Path data = csv();
        Path out = dir.resolve("gan.safetensors");
        run("train", "gan", "--data", data.toString(), "--label-column", "y", "--scale", "unit", "--latent", "3", "--generator-hidden", "8",
                "--discriminator-hidden", "8", "--epochs", "3", "--batch-size", "25", "--out", out.toString());
        Path s = dir.resolve("s.npy");
        run("sample", "--model", out.toString(), "--count", "7", "--out", s.toString());
        var x = io.latentj.models.data.Npy.read(s);
        assertEquals(7, x.rows());
        assertEquals(10, x.cols());
        // sigmoid outputs in [0,1] mapped back through the unit-range scaling: column j lies in its training range
        var train = io.latentj.models.data.Csv.read(data, io.latentj.models.data.Csv.Options.defaults().withLabelColumn("y")).x();
        for (int j = 0; j < 10; j++) {
            float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
            for (int i = 0; i < train.rows(); i++) { lo = Math.min(lo, train.get(i, j)); hi = Math.max(hi, train.get(i, j)); }
            for (int i = 0; i < 7; i++) assertTrue(x.get(i, j) >= lo - 1e-3 * (1 + Math.abs(lo)) && x.get(i, j) <= hi + 1e-3 * (1 + Math.abs(hi)), "column " + j);
        }
    }
}
