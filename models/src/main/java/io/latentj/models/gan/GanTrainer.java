package io.latentj.models.gan;

import io.latentj.models.Checkpointing;
import io.latentj.models.Divergence;
import io.latentj.models.EpochReport;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Variational;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alternating minibatch training of a {@link GenerativeAdversarialNetwork} (Goodfellow et al. 2014, algorithm 1):
 * per minibatch of data one discriminator step on −[log D(x) + log(1 − D(G(z)))] (both halves' gradients
 * accumulated, then one Adam step), and after every k such steps one generator step. The losses are cross-entropies
 * of D's logits computed by the fused {@link Variational#bernoulliNll} kernel. Randomness from one seeded
 * {@link Rng} split into streams; nothing allocated per minibatch. A checkpoint holds both nets, both optimisers' state
 * (under the prefixes {@code generator.} and {@code discriminator.}), the discriminator-step count and the order and
 * noise streams, so a resumed run ends with exactly the weights of an uninterrupted one.
 */
final class GanTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.gan");

    private final GanConfig cfg;
    private final Path path;
    private final FMatrix data;
    private final TrainingListener listener;
    private final Checkpointing checkpointing; // null: none

    static final String CHECKPOINT_TYPE = "GenerativeAdversarialNetwork-checkpoint";

    GanTrainer(GanConfig cfg, FMatrix data, TrainingListener listener, Checkpointing checkpointing) {
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        if (data == null || data.rows() == 0 || data.cols() == 0) {
            throw new IllegalArgumentException("training data must have at least one row and one column, got " + (data == null ? "null" : data.shape()));
        }
        this.cfg = cfg;
        this.path = cfg.path();
        Elementwise.requireFinite(path, "training data", data);
        switch (cfg.outputActivation()) {
            case SIGMOID -> Elementwise.requireWithin(path, "training data", data, 0f, 1f);
            case TANH -> Elementwise.requireWithin(path, "training data", data, -1f, 1f);
            default -> { }
        }
        this.data = data;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.checkpointing = checkpointing;
    }

    GenerativeAdversarialNetwork train() {
        int n = data.rows(), nx = data.cols(), bs = Math.min(cfg.batchSize(), n), nz = cfg.latent();
        Rng root = Rng.of(cfg.seed()), initRng = root.stream(1), orderRng = root.stream(2), noiseRng = root.stream(3);
        Mlp g = new Mlp(path, nz, cfg.generatorHidden(), nx, cfg.activation(), cfg.outputActivation(), bs, null);
        Mlp d = new Mlp(path, nx, cfg.discriminatorHidden(), 1, cfg.activation(), io.latentj.models.nn.Activation.LINEAR, bs, null);
        g.initialise(initRng, cfg.initialWeightStd());
        d.initialise(initRng, cfg.initialWeightStd());
        Optimizer optG = Optimizer.adam(cfg.learningRate(), cfg.beta1(), 0.999, 1e-8);
        Optimizer optD = Optimizer.adam(cfg.discriminatorLearningRate(), cfg.beta1(), 0.999, 1e-8);
        FMatrix batch = FMatrix.zeros(bs, nx), noise = FMatrix.zeros(bs, nz), fake = FMatrix.zeros(bs, nx), dFake = FMatrix.zeros(bs, nx);
        float[] ones = new float[bs], zeros = new float[bs], prob = new float[bs];
        java.util.Arrays.fill(ones, 1f);
        int batches = (n + bs - 1) / bs;
        int[] order = new int[n];
        List<EpochReport> history = new ArrayList<>();
        long dSteps = 0;
        TrainingState.Layout layout = layout(g, d, orderRng, noiseRng);
        String fingerprint = Minibatches.fingerprint(data);
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) {
            TrainingState.Restored r = layout.restore(checkpointing, cfg.toMap(), fingerprint);
            optG.restoreState(r, "generator.", g.params);
            optD.restoreState(r, "discriminator.", d.params);
            dSteps = r.counter(DISCRIMINATOR_STEPS);
            start = r.epochsDone();
            LOG.log(Level.INFO, "resumed from " + checkpointing.file() + " after epoch " + start);
        }
        for (int e = start; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            double dLoss = 0, gLoss = 0, dReal = 0, dFakeMean = 0;
            int gSteps = 0, seen = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs, rows = Math.min(bs, n - from);
                float inv = 1f / rows;
                FMatrix xb = batch.rowRange(0, rows), zb = noise.rowRange(0, rows), fb = fake.rowRange(0, rows);
                Minibatches.gather(data, order, from, rows, batch);
                // discriminator: real half, then fake half, gradients accumulated
                d.zeroGrad();
                FMatrix lr = d.forward(xb);
                FMatrix dl = d.outputGradient();
                dLoss += inv * Variational.bernoulliNll(path, rows, lr.data(), lr.offset(), ones, 0, dl.data(), dl.offset(), inv);
                Elementwise.sigmoid(path, lr.data(), lr.offset(), prob, 0, rows);
                dReal += Linalg.dot(path, rows, prob, 0, ones, 0);
                d.backward(null);
                Sampling.gaussian(path, noiseRng, 0f, 1f, zb);
                fb.copyFrom(g.forward(zb));
                FMatrix lf = d.forward(fb);
                dl = d.outputGradient();
                dLoss += inv * Variational.bernoulliNll(path, rows, lf.data(), lf.offset(), zeros, 0, dl.data(), dl.offset(), inv);
                Elementwise.sigmoid(path, lf.data(), lf.offset(), prob, 0, rows);
                dFakeMean += Linalg.dot(path, rows, prob, 0, ones, 0);
                d.backward(null);
                optD.step(path, d.params);
                seen += rows;
                if (++dSteps % cfg.discriminatorSteps() == 0) {
                    gLoss += generatorStep(g, d, optG, noiseRng, zb, dFake.rowRange(0, rows), ones, zeros, inv);
                    gSteps++;
                }
                listener.onBatch(e + 1, bi + 1, batches);
            }
            String advice = "lower the learning rates (now " + cfg.learningRate() + " and " + cfg.discriminatorLearningRate() + ")";
            if (!Double.isFinite(dLoss + gLoss)) {
                throw new ArithmeticException("GAN training diverged in epoch " + (e + 1) + " (non-finite loss); " + advice
                        + (checkpointing != null ? "; the last good checkpoint is kept at " + checkpointing.file() : ""));
            }
            for (Mlp net : new Mlp[] {g, d}) {
                for (var p : net.params) Divergence.check(path, "GAN", e + 1, advice, checkpointing, p.value().data());
            }
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) {
                TrainingState s = layout.state(e + 1).putCounter(DISCRIMINATOR_STEPS, dSteps);
                optG.saveState(s, "generator.", g.params);
                optD.saveState(s, "discriminator.", d.params);
                s.save(checkpointing, cfg.toMap(), fingerprint);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("discriminator_loss", dLoss / batches);
            metrics.put("generator_loss", gSteps == 0 ? Double.NaN : gLoss / gSteps);
            metrics.put("d_real", dReal / seen);
            metrics.put("d_fake", dFakeMean / seen);
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            history.add(report);
            listener.onEpoch(report);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("seed", Long.toString(cfg.seed()));
        prov.put("epochs", Integer.toString(cfg.epochs()));
        prov.put("rows", Integer.toString(n));
        prov.put("data_fingerprint", Minibatches.fingerprint(data));
        prov.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
        return new GenerativeAdversarialNetwork(g.snapshot(), d.snapshot(), nx, cfg, prov, history);
    }

    private static final String DISCRIMINATOR_STEPS = "discriminator_steps_done";

    /**
     * What a checkpoint holds besides the optimisers' moments (names {@code generator.optimizer.*},
     * {@code discriminator.optimizer.*}) and the count of discriminator steps (which decides when the generator steps):
     * both nets' parameters and the order and noise streams.
     */
    private static TrainingState.Layout layout(Mlp g, Mlp d, Rng orderRng, Rng noiseRng) {
        TrainingState.Layout l = new TrainingState.Layout(CHECKPOINT_TYPE);
        for (int i = 0; i < g.params.size(); i++) l.matrix("generator.param." + i, g.params.get(i).value());
        for (int i = 0; i < d.params.size(); i++) l.matrix("discriminator.param." + i, d.params.get(i).value());
        return l.stream("rng.order", orderRng).stream("rng.noise", noiseRng);
    }

    /** One generator step on fresh noise; returns the generator's loss (per row). */
    private double generatorStep(Mlp g, Mlp d, Optimizer optG, Rng noiseRng, FMatrix zb, FMatrix dx, float[] ones, float[] zeros, float inv) {
        int rows = zb.rows();
        Sampling.gaussian(path, noiseRng, 0f, 1f, zb);
        g.zeroGrad();
        FMatrix x = g.forward(zb);
        FMatrix l = d.forward(x), dl = d.outputGradient();
        double loss;
        if (cfg.generatorLoss() == GanConfig.GeneratorLoss.NON_SATURATING) {
            // −log D(G(z)) = softplus(−l): the cross-entropy against target 1
            loss = Variational.bernoulliNll(path, rows, l.data(), l.offset(), ones, 0, dl.data(), dl.offset(), inv);
        } else {
            // log(1 − D(G(z))) = −softplus(l): minus the cross-entropy against target 0
            loss = -Variational.bernoulliNll(path, rows, l.data(), l.offset(), zeros, 0, dl.data(), dl.offset(), -inv);
        }
        d.backward(dx); // D's parameter gradients are discarded (zeroed before its next step)
        g.outputGradient().copyFrom(dx);
        g.backward(null);
        optG.step(path, g.params);
        return loss * inv;
    }
}
