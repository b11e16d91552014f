package io.latentj.cli;

import io.latentj.models.data.FashionMnist;
import io.latentj.models.io.Json;
import io.latentj.models.nn.SoftmaxRegression;
import io.latentj.models.dbn.DbnConfig;
import io.latentj.models.dbn.DeepBeliefNet;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main job: trains a Bernoulli RBM on Fashion-MNIST — the full data when the Debian package is installed (or
 * {@code --data} names it), else the 2,000-image sample shipped inside the program — measures its features with a
 * softmax classifier against raw pixels, and writes the model, pictures (filters, reconstructions, samples, training
 * curves) and a report. Ends with one JSON summary line on standard output.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train an RBM on Fashion-MNIST (shipped sample, or the full data when installed) and write pictures and a report.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data", description = "Directory with the four Fashion-MNIST IDX files (default: the installed package, else the shipped sample).")
    java.nio.file.Path data;

    @Option(names = "--sample", description = "Use the shipped 2,000-image sample even when the full data is installed.")
    boolean sample;

    @Option(names = "--out", defaultValue = "latentj-demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path out;

    @Option(names = "--hidden", description = "Hidden units (default: 100 on the sample, 256 on the full data).")
    Integer hidden;

    @Option(names = "--epochs", description = "Epochs (default: 100 on the sample, 10 on the full data).")
    Integer epochs;

    @Option(names = "--dbn-epochs", description = "Epochs per layer of the DBN (default: 30 on the sample, 3 on the full data).")
    Integer dbnEpochs;

    @Option(names = "--learning-rate", defaultValue = "0.05", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--path", defaultValue = "auto", description = "Kernel path: scalar, simd, blas or auto (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads for OpenBLAS and the Java GEMM (default: all CPUs).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        if (threads != null) Parallelism.setThreads(threads);
        Path kernelPath = Path.parse(path);
        String source;
        FashionMnist d;
        java.nio.file.Path dir = data;
        if (dir == null && !sample) dir = FashionMnist.locate().orElse(null);
        if (dir != null) {
            d = FashionMnist.load(dir);
            source = dir.toString();
        } else {
            d = loadShippedSample();
            source = "shipped sample (2,000 training / 500 test images)";
        }
        boolean full = d.trainImages().rows() > 10_000;
        int nh = hidden != null ? hidden : full ? 256 : 100;
        int ep = epochs != null ? epochs : full ? 10 : 100;
        System.err.printf(Locale.ROOT, "Fashion-MNIST from %s: %d training, %d test images%n", source, d.trainImages().rows(), d.testImages().rows());

        RbmConfig cfg = RbmConfig.builder(nh).learningRate(learningRate).epochs(ep).batchSize(100).seed(seed).path(kernelPath)
                .monitorSamples(Math.min(1000, d.trainImages().rows())).build();
        long tTrain = System.nanoTime();
        BernoulliRBM rbm;
        Progress progress = new Progress("RBM 784-" + nh, "reconstruction_error");
        try (progress) {
            rbm = BernoulliRBM.fit(cfg, d.trainImages(), d.testImages(), progress);
        }
        double trainSeconds = (System.nanoTime() - tTrain) / 1e9;

        System.err.println("measuring the features: softmax regression on hidden probabilities vs on raw pixels");
        FMatrix hTrain = rbm.transform(d.trainImages()), hTest = rbm.transform(d.testImages());
        double l2 = 1.0 / d.trainImages().rows();
        double accRbm = SoftmaxRegression.fit(hTrain, d.trainLabels(), FashionMnist.CLASSES, l2, 300, kernelPath).accuracy(hTest, d.testLabels());
        double accRaw = SoftmaxRegression.fit(d.trainImages(), d.trainLabels(), FashionMnist.CLASSES, l2, 300, kernelPath).accuracy(d.testImages(), d.testLabels());

        Files.createDirectories(out);
        java.nio.file.Path model = out.resolve("rbm.safetensors");
        rbm.save(model);
        int shown = Math.min(nh, 100);
        Pictures.grid(rbm.weights().rowRange(0, shown), 28, 28, 10, 2, true, out.resolve("filters.png"));
        FMatrix originals = d.testImages().rowRange(0, 20);
        Pictures.pairs(originals, rbm.reconstruct(originals), 28, 28, 10, 2, out.resolve("reconstructions.png"));
        Pictures.grid(rbm.sample(20, 1000, Rng.of(seed).stream(7), true), 28, 28, 10, 2, false, out.resolve("samples.png"));
        Curves.write("RBM 784-" + nh, progress.reports(), out.resolve("curves.png"));

        var last = progress.reports().isEmpty() ? null : progress.reports().get(progress.reports().size() - 1);
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (last != null) metrics.putAll(last.metrics());
        metrics.put("test_accuracy_rbm_features", accRbm);
        metrics.put("test_accuracy_raw_pixels", accRaw);

        // then a 2-layer deep belief net with label units joined to its top RBM, trained generatively (Hinton et al. 2006)
        int dbnEpochs = this.dbnEpochs != null ? this.dbnEpochs : full ? 3 : 30;
        DbnConfig dbnCfg = DbnConfig.builder().layers(RbmConfig.builder(1).learningRate(learningRate).epochs(dbnEpochs).batchSize(100)
                        .monitorSamples(0).path(kernelPath).build(), nh, nh).classes(FashionMnist.CLASSES).seed(seed).path(kernelPath).build();
        long tDbn = System.nanoTime();
        DeepBeliefNet dbn;
        Progress dbnProgress = new Progress("DBN 784-" + nh + "-" + nh + " + 10 labels", "reconstruction_error");
        try (dbnProgress) {
            dbn = DeepBeliefNet.fit(dbnCfg, d.trainImages(), d.trainLabels(), dbnProgress);
        }
        double dbnSeconds = (System.nanoTime() - tDbn) / 1e9;
        java.nio.file.Path dbnModel = out.resolve("dbn.safetensors");
        dbn.save(dbnModel);
        metrics.put("test_accuracy_dbn_label_units", dbn.accuracy(d.testImages(), d.testLabels()));
        metrics.put("dbn_train_seconds", dbnSeconds);
        FMatrix perClass = FMatrix.zeros(2 * FashionMnist.CLASSES, 784);
        Rng dbnRng = Rng.of(seed).stream(9);
        for (int c = 0; c < FashionMnist.CLASSES; c++) {
            FMatrix s = dbn.sample(2, 500, dbnRng, true, c);
            perClass.rowRange(c, c + 1).copyFrom(s.rowRange(0, 1));
            perClass.rowRange(FashionMnist.CLASSES + c, FashionMnist.CLASSES + c + 1).copyFrom(s.rowRange(1, 2));
        }
        Pictures.grid(perClass, 28, 28, 10, 2, false, out.resolve("dbn-samples.png"));
        writeReport(source, d, nh, ep, trainSeconds, metrics);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "demo");
        summary.put("data", source);
        summary.put("model", "BernoulliRBM 784-" + nh);
        summary.put("epochs", ep);
        summary.put("path", kernelPath.name().toLowerCase(Locale.ROOT));
        summary.put("metrics", metrics);
        summary.put("train_seconds", trainSeconds);
        summary.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        summary.put("outputs", Map.of("model", model.toString(), "dbn", dbnModel.toString(), "dbn_samples", out.resolve("dbn-samples.png").toString(),
                "report", out.resolve("report.md").toString(),
                "filters", out.resolve("filters.png").toString(), "reconstructions", out.resolve("reconstructions.png").toString(),
                "samples", out.resolve("samples.png").toString(), "curves", out.resolve("curves.png").toString()));
        System.out.println(Json.write(summary));
        return 0;
    }

    private void writeReport(String source, FashionMnist d, int nh, int ep, double trainSeconds, Map<String, Object> metrics) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# LatentJ demo: Bernoulli RBM on Fashion-MNIST\n\n");
        sb.append(String.format(Locale.ROOT, "Data: %s (%d training, %d test images). Model: 784 visible, %d hidden, CD-1, batch 100, "
                + "%d epochs, learning rate %s, seed %d, path %s. Training took %.1f s.%n%n", source, d.trainImages().rows(),
                d.testImages().rows(), nh, ep, learningRate, seed, path, trainSeconds));
        sb.append("| metric | value |\n|---|---|\n");
        metrics.forEach((k, v) -> sb.append("| ").append(k.replace('_', ' ')).append(" | ")
                .append(v instanceof Double dv ? String.format(Locale.ROOT, "%.4f", dv) : String.valueOf(v)).append(" |\n"));
        sb.append("\nTest accuracy compares a softmax regression on the RBM's hidden probabilities with one on raw pixels.\n\n");
        sb.append("## Learned filters (weights of the first hidden units)\n\n![filters](filters.png)\n\n");
        sb.append("## Test images (odd rows) and their reconstructions p(v | p(h | v)) (even rows)\n\n![reconstructions](reconstructions.png)\n\n");
        sb.append("## Samples: visible probabilities after 1,000 Gibbs steps from noise\n\n![samples](samples.png)\n\n");
        sb.append("## Training curves\n\n![curves](curves.png)\n\n");
        sb.append("## Deep belief net 784-" + nh + "-" + nh + " with 10 label units\n\nGreedy layer-wise CD-1; the top RBM joins the label "
                + "units to the penultimate layer; a test image is classified by the label of lowest free energy (accuracy in the table). "
                + "Samples: 500 Gibbs steps in the top RBM with label c clamped in column c (T-shirt, trouser, pullover, dress, coat, "
                + "sandal, shirt, sneaker, bag, ankle boot), then one top-down pass. Trained this briefly the label units pull only "
                + "weakly: the chains drift to the common shapes and many columns do not show their class.\n\n"
                + "![dbn samples](dbn-samples.png)\n");
        Files.writeString(out.resolve("report.md"), sb.toString());
    }

    /** The sample ships as resources; the IDX reader wants files, so they are copied to a temporary directory. */
    private static FashionMnist loadShippedSample() throws IOException {
        java.nio.file.Path tmp = Files.createTempDirectory("latentj-fashion-sample");
        try {
            for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
                try (InputStream in = DemoCommand.class.getResourceAsStream("fashion-sample/" + f)) {
                    if (in == null) throw new IOException("the shipped sample is missing " + f + " (rebuild the cli module)");
                    Files.copy(in, tmp.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return FashionMnist.load(tmp);
        } finally {
            try (var s = Files.list(tmp)) {
                for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) s::iterator) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(tmp);
        }
    }
}
