package io.latentj.cli;

import io.latentj.models.InputScaling;
import io.latentj.models.data.Csv;
import io.latentj.models.data.DataFiles;
import io.latentj.models.data.FashionMnist;
import io.latentj.models.io.Json;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the train commands read: a Fashion-MNIST directory (training images; the test images held out) or one data
 * file, after the input scaling of {@code --scale} (fitted on the training rows, applied to both).
 */
record TrainingData(FMatrix train, int[] labels, FMatrix heldOut, int[] heldOutLabels, InputScaling scaling) {
    static TrainingData load(DataOptions o) throws IOException {
        FMatrix train, heldOut = null;
        int[] labels = null, heldOutLabels = null;
        if (Files.isDirectory(o.data)) {
            FashionMnist d = FashionMnist.load(o.data);
            train = d.trainImages();
            labels = d.trainLabels();
            heldOut = d.testImages();
            heldOutLabels = d.testLabels();
        } else if (o.labelColumn != null) {
            String name = o.data.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".csv") && !name.endsWith(".tsv")) throw new IllegalArgumentException("--label-column applies to .csv/.tsv files only");
            Csv.Options co = Csv.Options.defaults().withLabelColumn(o.labelColumn);
            Csv.Table t = Csv.read(o.data, name.endsWith(".tsv") ? co.withDelimiter('\t') : co);
            train = t.x();
            labels = t.labels();
        } else {
            train = DataFiles.readMatrix(o.data);
        }
        InputScaling.Kind kind = InputScaling.Kind.parse(o.scale);
        InputScaling scaling = InputScaling.fit(kind, train);
        if (!scaling.isNone()) {
            train = scaling.apply(train);
            if (heldOut != null) heldOut = scaling.apply(heldOut);
        }
        return new TrainingData(train, labels, heldOut, heldOutLabels, scaling);
    }

    /** The labels, or a clear error naming what provides them. */
    int[] requireLabels(String model) {
        if (labels == null) throw new IllegalArgumentException(model + " needs labels: give a Fashion-MNIST directory or a CSV with --label-column");
        return labels;
    }

    /** The last epoch's metrics of a progress display, when there was an epoch. */
    static void putLastMetrics(Map<String, Object> summary, Progress progress) {
        if (!progress.reports().isEmpty()) summary.put("metrics", progress.reports().get(progress.reports().size() - 1).metrics());
    }

    /** Records the input scaling in the model file just written (no change for {@code --scale none}). */
    void attachScaling(Path modelFile) throws IOException {
        scaling.attachTo(modelFile);
    }

    /** The start of a train command's JSON summary. */
    Map<String, Object> summary(String command, Path modelFile) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("command", command);
        s.put("rows", train.rows());
        s.put("features", train.cols());
        s.put("input_scaling", scaling.kind().id());
        s.put("model", modelFile.toString());
        return s;
    }

    /** Prints the summary line with the total time since {@code t0}. */
    static void print(Map<String, Object> summary, long t0) {
        summary.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        System.out.println(Json.write(summary));
    }
}
