package io.latentj.cli;

import io.latentj.models.io.Json;
import io.latentj.models.rbm.BernoulliRBM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TrainAndInfoCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.commandLine().execute(args), String.join(" ", args));
        } finally {
            System.setOut(old);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void trainsFromAnIdxFileAndInfoReadsTheModelBack() throws Exception {
        // 60 random 4x5 "images"
        ByteBuffer b = ByteBuffer.allocate(16 + 60 * 20).putInt(0x00000803).putInt(60).putInt(4).putInt(5);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 60 * 20; i++) b.put((byte) (r.nextBoolean() ? 255 : 0));
        Path images = dir.resolve("x.idx");
        Files.write(images, b.array());
        Path model = dir.resolve("m.safetensors");
        Map<?, ?> train = (Map<?, ?>) Json.parse(run("train", "rbm", "--data", images.toString(), "--hidden", "7", "--epochs", "3",
                "--batch-size", "20", "--persistent", "--seed", "5", "--out", model.toString()));
        assertEquals(60L, train.get("rows"));
        BernoulliRBM rbm = BernoulliRBM.load(model);
        assertEquals(20, rbm.visible());
        assertEquals(7, rbm.hidden());
        assertEquals("PCD-1", rbm.provenance().get("algorithm"));
        Map<?, ?> info = (Map<?, ?>) Json.parse(run("info", model.toString()));
        assertEquals("BernoulliRBM", ((Map<?, ?>) info.get("metadata")).get("model"));
        assertEquals(java.util.List.of(7L, 20L), ((Map<?, ?>) info.get("tensors")).get("weight"));

        Path codes = dir.resolve("codes.npy");
        Map<?, ?> enc = (Map<?, ?>) Json.parse(run("encode", "--model", model.toString(), "--data", images.toString(), "--out", codes.toString()));
        assertEquals(7L, enc.get("code_size"));
        var expected = rbm.transform(io.latentj.models.data.Idx.readImages(images));
        assertArrayEquals(expected.data(), io.latentj.models.data.Npy.read(codes).data(), "encode writes exactly the model's transform");

        Path rec = dir.resolve("rec.npy"), recPng = dir.resolve("rec.png");
        Map<?, ?> recSummary = (Map<?, ?>) Json.parse(run("reconstruct", "--model", model.toString(), "--data", images.toString(),
                "--out", rec.toString(), "--png", recPng.toString(), "--image", "4x5"));
        var x = io.latentj.models.data.Idx.readImages(images);
        assertArrayEquals(rbm.reconstruct(x).data(), io.latentj.models.data.Npy.read(rec).data());
        assertNotNull(javax.imageio.ImageIO.read(recPng.toFile()));
        assertTrue(((Number) recSummary.get("mean_squared_error_per_row")).doubleValue() > 0);

        Path samples = dir.resolve("s.npy");
        run("sample", "--model", model.toString(), "--count", "6", "--steps", "50", "--seed", "2", "--out", samples.toString());
        assertArrayEquals(rbm.sample(6, 50, io.latentj.simd.Rng.of(2), true).data(), io.latentj.models.data.Npy.read(samples).data(),
                "sample is reproducible from its seed");

        int[] labels = new int[60];
        var lab = io.latentj.simd.FMatrix.zeros(60, 1);
        for (int i = 0; i < 60; i++) {
            labels[i] = x.get(i, 0) > 0.5f ? 1 : 0; // a label the codes can predict
            lab.set(i, 0, labels[i]);
        }
        Path labelsFile = dir.resolve("y.npy");
        io.latentj.models.data.Npy.write(labelsFile, lab);
        Map<?, ?> ev = (Map<?, ?>) ((Map<?, ?>) Json.parse(run("eval", "--model", model.toString(), "--data", images.toString(),
                "--labels", labelsFile.toString()))).get("metrics");
        double ll = ((Number) ev.get("log_likelihood_exact")).doubleValue();
        assertEquals(io.latentj.models.rbm.RbmLikelihood.averageLogLikelihood(rbm, x, io.latentj.models.rbm.RbmLikelihood.exactLogPartition(rbm)), ll, 1e-9);
        assertTrue(ll < 0 && ll > -20 * Math.log(2) - 1, "per-row log-likelihood of 20 binary pixels: " + ll);
        assertTrue(((Number) ev.get("feature_test_accuracy")).doubleValue() >= 0.5);
    }

    @Test
    void trainsAnAutoencoderAndPcaAndEvaluatesThem() throws Exception {
        var x = io.latentj.simd.FMatrix.zeros(80, 12);
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < 80; i++) for (int j = 0; j < 12; j++) x.set(i, j, (float) ((j % 3 == i % 3 ? 0.8 : 0.1) + 0.05 * r.nextDouble()));
        Path data = dir.resolve("x.npy");
        io.latentj.models.data.Npy.write(data, x);
        Path ae = dir.resolve("ae.safetensors"), pca = dir.resolve("pca.safetensors");
        run("train", "autoencoder", "--data", data.toString(), "--hidden", "5", "--epochs", "20", "--batch-size", "10",
                "--masking-noise", "0.2", "--seed", "1", "--out", ae.toString());
        Map<?, ?> p = (Map<?, ?>) Json.parse(run("train", "pca", "--data", data.toString(), "--variance", "0.95", "--out", pca.toString()));
        assertTrue(((Number) p.get("components")).intValue() >= 2, p.toString());
        var aeModel = io.latentj.models.autoencoder.Autoencoder.load(ae);
        assertEquals(5, aeModel.outputSize());
        for (Path m : new Path[] {ae, pca}) {
            Map<?, ?> ev = (Map<?, ?>) ((Map<?, ?>) Json.parse(run("eval", "--model", m.toString(), "--data", data.toString()))).get("metrics");
            double err = ((Number) ev.get("reconstruction_error")).doubleValue();
            assertTrue(err >= 0 && err < 12 * 0.5, m + " reconstruction error " + err);
        }
    }

    @Test
    void aCorruptFileIsAOneLineErrorNotAStackTrace() throws Exception {
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("info", bad.toString()));
        assertTrue(err.toString().contains("too short"), err.toString());
    }
}
