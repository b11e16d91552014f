package io.latentj.models.vae;

import io.latentj.models.EpochReport;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Team;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minibatch training of a {@link VariationalAutoencoder} on the negative ELBO: each epoch visits the rows in a fresh
 * random order; each minibatch draws its noise E ~ N(0, I), evaluates {@link VaeNetwork#evaluate} with its gradient
 * and takes one optimiser step. Randomness from one seeded {@link Rng} split into streams (initial weights, order,
 * noise, monitoring), so a run is reproducible on a given path and thread count. With more than one thread
 * ({@link io.latentj.simd.Parallelism#threads()}) a {@link Team} splits every minibatch: each thread takes a block of
 * rows through the forward pass, the loss and the backward pass to every layer's dZ, then a block of every layer's
 * units through the parameter gradient and the optimiser step; every GEMM then runs on its own thread.
 */
final class VaeTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.vae");

    private final VaeConfig cfg;
    private final Path path;
    private final FMatrix data, heldOut;
    private final TrainingListener listener;
    private final Rng initRng, orderRng, noiseRng, monitorRng;
    private final io.latentj.models.Checkpointing checkpointing; // null: none
    static final String CHECKPOINT_TYPE = "VariationalAutoencoder-checkpoint";

    VaeTrainer(VaeConfig cfg, FMatrix data, FMatrix heldOut, TrainingListener listener, io.latentj.models.Checkpointing checkpointing) {
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        this.checkpointing = checkpointing;
        this.cfg = cfg;
        this.path = cfg.path();
        if (data == null || data.rows() == 0 || data.cols() == 0) {
            throw new IllegalArgumentException("training data must have at least one row and one column, got " + (data == null ? "null" : data.shape()));
        }
        requireData(cfg, "training data", data);
        if (heldOut != null) {
            if (heldOut.cols() != data.cols()) throw new IllegalArgumentException("held-out data has " + heldOut.cols() + " columns, training data " + data.cols());
            requireData(cfg, "held-out data", heldOut);
        }
        this.data = data;
        this.heldOut = heldOut;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        Rng root = Rng.of(cfg.seed());
        initRng = root.stream(1);
        orderRng = root.stream(2);
        noiseRng = root.stream(3);
        monitorRng = root.stream(4);
    }

    /** Bernoulli decoders need data in [0, 1]; Gaussian ones finite data. */
    static void requireData(VaeConfig cfg, String what, FMatrix x) {
        if (cfg.likelihood() == VaeConfig.Likelihood.BERNOULLI) Elementwise.requireWithin(cfg.path(), what, x, 0f, 1f);
        else Elementwise.requireFinite(cfg.path(), what, x);
    }

    /** Initial weights N(0, std²), std = 1/√fan-in unless the config gives one. */
    static void initialise(VaeNetwork net, Rng rng) {
        for (Dense d : net.layers()) {
            double std = net.cfg.initialWeightStd() > 0 ? net.cfg.initialWeightStd() : 1 / Math.sqrt(d.inputs());
            d.initialise(net.path, rng, (float) std);
        }
    }

    VariationalAutoencoder train() {
        int n = data.rows(), bs = Math.min(cfg.batchSize(), n), nv = data.cols();
        VaeNetwork net = new VaeNetwork(cfg, nv, bs);
        initialise(net, initRng);
        Optimizer opt = cfg.newOptimizer();
        FMatrix batch = FMatrix.zeros(bs, nv);
        int batches = (n + bs - 1) / bs;
        int[] order = new int[n];
        String fingerprint = Minibatches.fingerprint(data);
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) {
            start = io.latentj.models.nn.ParameterCheckpoints.restore(checkpointing, CHECKPOINT_TYPE, net.params, opt, cfg.toMap(), fingerprint,
                    orderRng, noiseRng, monitorRng);
        }
        boolean sliced = !opt.hasClipNorm();
        for (int e = start; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            double nll = 0, kl = 0;
            // One team per epoch: its threads split each minibatch, first by rows (forward, loss, backward to every
            // layer's dZ), then by units (parameter gradients and, without clipping, the optimiser step).
            try (Team team = Team.ofConfiguredThreads()) {
                int parts = team.size();
                for (int bi = 0; bi < batches; bi++) {
                    int from = bi * bs, rows = Math.min(bs, n - from);
                    FMatrix xb = batch.rowRange(0, rows);
                    Sampling.gaussian(path, noiseRng, 0f, 1f, net.noise(rows));
                    team.run(p -> {
                        int r0 = rows * p / parts, r1 = rows * (p + 1) / parts;
                        Minibatches.gather(data, order, from + r0, r1 - r0, batch.rowRange(r0, r1));
                        net.rows(xb, r0, r1, true, true);
                    });
                    if (sliced) {
                        opt.beginStep(net.params);
                        team.run(p -> net.parameterGradients(xb, p, parts, opt));
                    } else {
                        team.run(p -> net.parameterGradients(xb, p, parts, null));
                        opt.step(path, net.params);
                    }
                    for (int r = 0; r < rows; r++) {
                        nll += net.rowNll[r];
                        kl += net.rowKl[r];
                    }
                    listener.onBatch(e + 1, bi + 1, batches);
                }
            }
            if (!Double.isFinite(nll + kl)) {
                throw new ArithmeticException("VAE training diverged in epoch " + (e + 1) + " (non-finite ELBO); lower the learning rate (now "
                        + cfg.learningRate() + ") or set a clip norm"
                        + (checkpointing != null ? "; the last good checkpoint is kept at " + checkpointing.file() : ""));
            }
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) {
                io.latentj.models.nn.ParameterCheckpoints.save(checkpointing, CHECKPOINT_TYPE, e + 1, net.params, opt, cfg.toMap(), fingerprint,
                        orderRng, noiseRng, monitorRng);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("elbo", -(nll + kl) / n);
            metrics.put("reconstruction_nll", nll / n);
            metrics.put("kl", kl / n);
            monitor(net, metrics);
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            listener.onEpoch(report);
        }
        return new VariationalAutoencoder(net.snapshot(), nv, cfg, provenance());
    }

    private void monitor(VaeNetwork net, Map<String, Double> metrics) {
        int m = Math.min(cfg.monitorSamples(), data.rows());
        if (m == 0) return;
        VariationalAutoencoder model = new VariationalAutoencoder(net.snapshot(), data.cols(), cfg, Map.of());
        metrics.put("train_elbo", model.elbo(data.rowRange(0, m), monitorRng.copy()));
        if (heldOut != null && heldOut.rows() > 0) {
            metrics.put("held_out_elbo", model.elbo(heldOut.rowRange(0, Math.min(m, heldOut.rows())), monitorRng.copy()));
        }
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seed", Long.toString(cfg.seed()));
        p.put("epochs", Integer.toString(cfg.epochs()));
        p.put("rows", Integer.toString(data.rows()));
        p.put("data_fingerprint", Minibatches.fingerprint(data));
        p.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
        return p;
    }
}
