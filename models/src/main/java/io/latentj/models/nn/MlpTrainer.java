package io.latentj.models.nn;

import io.latentj.models.EpochReport;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Minibatch backpropagation of an {@link MlpClassifier}: each epoch visits the rows in a fresh random order; each
 * minibatch's gradient of {@link MlpObjective} drives one optimiser step. The hidden layers start from random weights
 * or from copies of pre-trained layers; the softmax layer always starts fresh. Randomness comes from one seeded
 * {@link Rng} split into streams (initial weights, order), so a run is reproducible on a given path.
 */
final class MlpTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.nn");

    static final String CHECKPOINT_TYPE = "MlpClassifier-checkpoint";

    private MlpTrainer() {}

    static MlpClassifier train(MlpConfig cfg, List<Dense> pretrained, FMatrix x, int[] labels, int classes, TrainingListener listener,
                               io.latentj.models.Checkpointing checkpointing) {
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        Path path = cfg.path();
        Inputs.requireTrainingData(path, x, 1);
        requireLabels(labels, x.rows(), classes);
        int[] sizes = cfg.hiddenSizes();
        int layersCount = sizes.length + 1;
        if (pretrained != null) requireMatching(cfg, pretrained, x.cols());
        listener = listener == null ? TrainingListener.NONE : listener;

        Rng root = Rng.of(cfg.seed());
        Rng initRng = root.stream(1), orderRng = root.stream(2);
        Dense[] layers = new Dense[layersCount];
        int in = x.cols();
        for (int l = 0; l < sizes.length; l++) {
            layers[l] = Dense.of(in, sizes[l], cfg.hiddenActivation());
            if (pretrained != null) copyInto(pretrained.get(l), layers[l]);
            else layers[l].initialise(path, initRng, (float) cfg.initialStd(in, sizes[l], cfg.hiddenActivation()));
            in = sizes[l];
        }
        layers[sizes.length] = Dense.of(in, classes, Activation.LINEAR);
        layers[sizes.length].initialise(path, initRng, (float) cfg.initialStd(in, classes, Activation.SOFTMAX));

        int n = x.rows(), bs = Math.min(cfg.batchSize(), n), batches = (n + bs - 1) / bs;
        MlpObjective obj = new MlpObjective(path, layers, bs);
        Optimizer opt = cfg.newOptimizer();
        FMatrix batch = FMatrix.zeros(bs, x.cols());
        int[] order = new int[n], batchLabels = new int[bs];
        Map<String, String> ckConfig = new LinkedHashMap<>(cfg.toMap());
        ckConfig.put("classes", Integer.toString(classes));
        ckConfig.put("pretrained", pretrained == null ? "false" : pretrainedFingerprint(pretrained));
        String fingerprint = Minibatches.fingerprint(x) + "-" + Minibatches.fingerprint(labels);
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) {
            start = ParameterCheckpoints.restore(checkpointing, CHECKPOINT_TYPE, obj.params, opt, ckConfig, fingerprint, orderRng);
        }
        for (int e = start; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            double loss = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs, rows = Math.min(bs, n - from);
                Minibatches.gather(x, order, from, rows, batch);
                for (int r = 0; r < rows; r++) batchLabels[r] = labels[order[from + r]];
                loss += obj.evaluate(rows == bs ? batch : batch.rowRange(0, rows), batchLabels, 0, true) * rows;
                opt.step(path, obj.params);
                listener.onBatch(e + 1, bi + 1, batches);
            }
            if (!Double.isFinite(loss)) {
                throw new ArithmeticException("MLP training diverged in epoch " + (e + 1) + " (non-finite loss); lower the learning rate (now "
                        + cfg.learningRate() + ") or set a clip norm"
                        + (checkpointing != null ? "; the last good checkpoint is kept at " + checkpointing.file() : ""));
            }
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) {
                ParameterCheckpoints.save(checkpointing, CHECKPOINT_TYPE, e + 1, obj.params, opt, ckConfig, fingerprint, orderRng);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", loss / n);
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            listener.onEpoch(report);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("seed", Long.toString(cfg.seed()));
        prov.put("epochs", Integer.toString(cfg.epochs()));
        prov.put("rows", Integer.toString(n));
        prov.put("pretrained", Boolean.toString(pretrained != null));
        prov.put("path", path.name().toLowerCase(Locale.ROOT));
        return MlpClassifier.of(layers, cfg, prov);
    }

    static void requireLabels(int[] labels, int rows, int classes) {
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        if (labels == null) throw new IllegalArgumentException("labels must not be null");
        if (labels.length != rows) throw new IllegalArgumentException(rows + " rows but " + labels.length + " labels");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
        }
    }

    private static void requireMatching(MlpConfig cfg, List<Dense> pretrained, int inputs) {
        int[] sizes = cfg.hiddenSizes();
        if (pretrained.size() != sizes.length) {
            throw new IllegalArgumentException(pretrained.size() + " pre-trained layers but the config has " + sizes.length + " hidden layers "
                    + java.util.Arrays.toString(sizes));
        }
        int in = inputs;
        for (int l = 0; l < sizes.length; l++) {
            Dense d = pretrained.get(l);
            if (d == null) throw new IllegalArgumentException("pre-trained layer " + l + " is null");
            if (d.inputs() != in || d.outputs() != sizes[l]) {
                throw new IllegalArgumentException("pre-trained layer " + l + " is " + d.inputs() + " → " + d.outputs() + ", the config needs "
                        + in + " → " + sizes[l] + " (hidden sizes " + java.util.Arrays.toString(sizes) + ", " + inputs + " inputs)");
            }
            if (d.activation() != cfg.hiddenActivation()) {
                throw new IllegalArgumentException("pre-trained layer " + l + " has activation " + d.activation().id() + ", the config's hidden activation is "
                        + cfg.hiddenActivation().id());
            }
            FMatrix w = d.weight().value(), b = d.bias().value();
            io.latentj.simd.Elementwise.requireFinite(Path.SCALAR, "pre-trained layer " + l + " weight", w);
            io.latentj.simd.Elementwise.requireFinite(Path.SCALAR, "pre-trained layer " + l + " bias", b);
            in = sizes[l];
        }
    }

    /** The pre-trained layers' weights and biases, fingerprinted in order (a checkpoint's record of where fine-tuning started). */
    private static String pretrainedFingerprint(List<Dense> pretrained) {
        StringBuilder f = new StringBuilder();
        for (Dense d : pretrained) {
            f.append(f.isEmpty() ? "" : "-").append(Minibatches.fingerprint(d.weight().value())).append(d.isTransposed() ? "t" : "")
                    .append('/').append(Minibatches.fingerprint(d.bias().value()));
        }
        return f.toString();
    }

    /** Copies a pre-trained layer's weight (as outputs × inputs, transposing a tied layer's) and bias into {@code to}. */
    private static void copyInto(Dense from, Dense to) {
        FMatrix src = from.weight().value(), dst = to.weight().value();
        if (!from.isTransposed()) dst.copyFrom(src);
        else for (int o = 0; o < dst.rows(); o++) for (int i = 0; i < dst.cols(); i++) dst.set(o, i, src.get(i, o)); // once per layer
        to.bias().value().copyFrom(from.bias().value());
    }
}
