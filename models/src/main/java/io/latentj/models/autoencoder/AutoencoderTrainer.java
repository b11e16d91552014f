package io.latentj.models.autoencoder;

import io.latentj.models.Minibatches;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Optimizer;
import io.latentj.models.nn.ParameterCheckpoints;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Team;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minibatch training of an {@link Autoencoder}: each epoch visits the rows in a fresh random order; each minibatch
 * is corrupted (denoising variants), encoded, decoded, and the gradient of {@link AutoencoderObjective} drives one
 * optimiser step. Randomness comes from one seeded {@link Rng} split into streams (initial weights, order, noise),
 * so a run is reproducible on a given path.
 */
final class AutoencoderTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.autoencoder");

    private final AutoencoderConfig cfg;
    private final Path path;
    private final FMatrix data, heldOut;
    private final TrainingListener listener;
    private final int nv;
    private final Rng initRng, orderRng, noiseRng;
    private final io.latentj.models.Checkpointing checkpointing; // null: none

    AutoencoderTrainer(AutoencoderConfig cfg, FMatrix data, FMatrix heldOut, TrainingListener listener, io.latentj.models.Checkpointing checkpointing) {
        this.checkpointing = checkpointing;
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        this.cfg = cfg;
        this.path = cfg.path();
        if (data == null || data.rows() == 0 || data.cols() == 0) {
            throw new IllegalArgumentException("training data must have at least one row and one column, got " + (data == null ? "null" : data.shape()));
        }
        requireData("training data", data);
        if (heldOut != null) {
            if (heldOut.cols() != data.cols()) throw new IllegalArgumentException("held-out data has " + heldOut.cols() + " columns, training data " + data.cols());
            requireData("held-out data", heldOut);
        }
        this.data = data;
        this.heldOut = heldOut;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        nv = data.cols();
        Rng root = Rng.of(cfg.seed());
        initRng = root.stream(1);
        orderRng = root.stream(2);
        noiseRng = root.stream(3);
    }

    private void requireData(String what, FMatrix x) {
        if (cfg.loss() == Loss.BINARY_CROSS_ENTROPY) Elementwise.requireWithin(path, what, x, 0f, 1f);
        else Elementwise.requireFinite(path, what, x);
    }

    Autoencoder train() {
        int n = data.rows(), bs = Math.min(cfg.batchSize(), n);
        AutoencoderObjective obj = new AutoencoderObjective(cfg, nv, bs);
        int nh = cfg.hidden();
        float std = (float) (cfg.initialWeightStd() > 0 ? cfg.initialWeightStd() : Math.sqrt(2.0 / (nv + nh)));
        obj.enc.initialise(path, initRng, std);
        if (!cfg.tied()) obj.dec.initialise(path, initRng, std);
        Optimizer opt = cfg.newOptimizer();
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) start = restore(obj, opt);
        FMatrix clean = FMatrix.zeros(bs, nv), corrupted = FMatrix.zeros(bs, nv), keep = null;
        if (cfg.noise() == AutoencoderConfig.Noise.MASKING) {
            keep = FMatrix.zeros(bs, nv);
            keep.fill((float) (1 - cfg.noiseLevel()));
        }
        int batches = (n + bs - 1) / bs;
        int[] order = new int[n];
        for (int e = start; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            double loss = 0, sparsity = 0, contraction = 0;
            // Without sparsity, contraction or clipping one team per epoch splits each minibatch: its threads take
            // blocks of rows through forward, loss and backward to dZ, then blocks of units through the gradients
            // and the optimiser step (every GEMM on its own thread).
            boolean split = obj.splittable() && !opt.hasClipNorm();
            try (Team team = split ? Team.ofConfiguredThreads() : Team.of(1)) {
                int parts = team.size();
                double[] partLoss = new double[parts];
                for (int bi = 0; bi < batches; bi++) {
                    int from = bi * bs, rows = Math.min(bs, n - from);
                    Minibatches.gather(data, order, from, rows, clean);
                    boolean full = rows == bs; // full batches use the buffers themselves: no view is allocated
                    FMatrix cb = full ? clean : clean.rowRange(0, rows);
                    FMatrix xb = corrupt(cb, full ? corrupted : corrupted.rowRange(0, rows), keep == null || full ? keep : keep.rowRange(0, rows));
                    if (split) {
                        team.run(p -> partLoss[p] = obj.rows(xb, cb, rows * p / parts, rows * (p + 1) / parts));
                        opt.beginStep(obj.params);
                        team.run(p -> obj.units(xb, rows, p, parts, opt));
                        for (double l : partLoss) loss += l;
                    } else {
                        obj.evaluate(xb, cb, true);
                        loss += obj.lastLoss * rows;
                        sparsity += obj.lastSparsity * rows;
                        contraction += obj.lastContraction * rows;
                        opt.step(path, obj.params);
                    }
                    listener.onBatch(e + 1, bi + 1, batches);
                }
            }
            io.latentj.models.Divergence.check(path, "autoencoder", e + 1, "lower the learning rate (now " + cfg.learningRate()
                    + ") or set a clip norm", checkpointing, obj.enc.weight().value().data());
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) checkpoint(obj, opt, e + 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", loss / n);
            if (cfg.sparse()) metrics.put("sparsity_penalty", sparsity / n);
            if (cfg.contraction() > 0) metrics.put("contraction_penalty", contraction / n);
            monitor(obj, metrics);
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            listener.onEpoch(report);
        }
        return model(obj, provenance());
    }

    static final String CHECKPOINT_TYPE = "Autoencoder-checkpoint";

    /** Parameters, the optimiser's moments and step count, and the order and noise streams. */
    private void checkpoint(AutoencoderObjective obj, Optimizer opt, int epochsDone) {
        ParameterCheckpoints.save(checkpointing, CHECKPOINT_TYPE, epochsDone, obj.params, opt, cfg.toMap(), Minibatches.fingerprint(data),
                orderRng, noiseRng);
    }

    private int restore(AutoencoderObjective obj, Optimizer opt) {
        int done = ParameterCheckpoints.restore(checkpointing, CHECKPOINT_TYPE, obj.params, opt, cfg.toMap(), Minibatches.fingerprint(data),
                orderRng, noiseRng);
        LOG.log(Level.INFO, () -> "resumed from " + checkpointing.file() + " after epoch " + done);
        return done;
    }

    /** The clean batch corrupted into {@code out} as the config says (or the clean batch itself without noise). */
    private FMatrix corrupt(FMatrix clean, FMatrix out, FMatrix keep) {
        int size = Math.toIntExact(clean.size());
        switch (cfg.noise()) {
            case NONE -> { return clean; }
            case MASKING -> {
                Sampling.bernoulli(path, noiseRng, keep, out); // 1 = keep, with probability 1 − ν
                Elementwise.mul(path, out.data(), 0, clean.data(), 0, out.data(), 0, size);
            }
            case GAUSSIAN -> {
                Sampling.gaussian(path, noiseRng, 0f, (float) cfg.noiseLevel(), out);
                Linalg.axpy(path, size, 1f, clean.data(), 0, out.data(), 0);
            }
        }
        return out;
    }

    private Autoencoder model(AutoencoderObjective obj, Map<String, String> provenance) {
        return new Autoencoder(obj.enc.weight().value(), obj.enc.bias().value().data(), obj.dec.bias().value().data(),
                cfg.tied() ? null : obj.dec.weight().value(), cfg, provenance);
    }

    private void monitor(AutoencoderObjective obj, Map<String, Double> metrics) {
        int m = Math.min(cfg.monitorSamples(), data.rows());
        if (m == 0) return;
        Autoencoder model = model(obj, Map.of());
        metrics.put("reconstruction_error", model.reconstructionError(data.rowRange(0, m)));
        if (heldOut != null && heldOut.rows() > 0) {
            metrics.put("held_out_reconstruction_error", model.reconstructionError(heldOut.rowRange(0, Math.min(m, heldOut.rows()))));
        }
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seed", Long.toString(cfg.seed()));
        p.put("epochs", Integer.toString(cfg.epochs()));
        p.put("rows", Integer.toString(data.rows()));
        p.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
        return p;
    }
}
