package io.latentj.cli;

import io.latentj.models.io.Json;
import io.latentj.models.rbm.BernoulliRBM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoOnTheShippedSampleWritesModelPicturesReportAndOneJsonLine() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("demo", "--sample", "--epochs", "3", "--dbn-epochs", "20", "--hidden", "30", "--out", dir.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        Map<?, ?> summary = (Map<?, ?>) Json.parse(lines[lines.length - 1]);
        assertEquals("demo", summary.get("command"));
        Map<?, ?> metrics = (Map<?, ?>) summary.get("metrics");
        double acc = ((Number) metrics.get("test_accuracy_rbm_features")).doubleValue();
        assertTrue(acc > 0.5 && acc <= 1, "30 RBM features classify 10 classes far above chance: " + acc);
        BernoulliRBM rbm = BernoulliRBM.load(dir.resolve("rbm.safetensors"));
        assertEquals(784, rbm.visible());
        assertEquals(30, rbm.hidden());
        BufferedImage filters = ImageIO.read(dir.resolve("filters.png").toFile());
        assertEquals(10 * 57 + 1, filters.getWidth(), "10 filters of 28x28 at zoom 2 plus borders per line");
        assertEquals(3 * 57 + 1, filters.getHeight(), "30 filters in 3 lines");
        double dbnAcc = ((Number) metrics.get("test_accuracy_dbn_label_units")).doubleValue();
        assertTrue(dbnAcc > 0.3 && dbnAcc <= 1, "the DBN's label units classify far above chance (0.1): " + dbnAcc);
        var dbn = io.latentj.models.dbn.DeepBeliefNet.load(dir.resolve("dbn.safetensors"));
        assertEquals(784, dbn.inputSize());
        for (String f : new String[] {"reconstructions.png", "samples.png", "curves.png", "dbn-samples.png"}) {
            assertNotNull(ImageIO.read(dir.resolve(f).toFile()), f);
        }
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("![filters](filters.png)") && report.contains("test accuracy rbm features")
                && report.contains("![dbn samples](dbn-samples.png)"), report);
    }
}
