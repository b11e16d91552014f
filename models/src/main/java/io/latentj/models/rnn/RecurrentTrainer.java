package io.latentj.models.rnn;

import io.latentj.models.EpochReport;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.Optimizer;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link RecurrentNet} by minibatch backpropagation through time (full or truncated) with the optimiser
 * of {@link io.latentj.models.nn.Optimizer}. The training sequences are the rows of a batch-major matrix; each
 * minibatch is gathered time-major into buffers allocated once, so an epoch allocates nothing per batch.
 */
final class RecurrentTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.rnn");

    private final RnnConfig cfg;
    private final Path path;
    private final Cell cell;
    private final int hidden, features, steps, outputs, window;
    private final boolean manyToMany;
    final Parameter weight, bias;
    final Dense output;
    private final List<Parameter> params;
    private final Optimizer optimizer;
    private final float[] dbScratch;

    /** Inputs: rows of data, first step, steps; targets: rows of targets, first step (many-to-many) — see {@link #fit}. */
    private FMatrix inputs, targets;
    private int inputFirstStep, targetFirstStep;

    RecurrentTrainer(RnnConfig cfg, int steps, int outputs) {
        this.cfg = cfg;
        this.path = cfg.path();
        this.cell = cfg.cell();
        this.hidden = cfg.hidden();
        this.features = cfg.features();
        this.steps = steps;
        this.outputs = outputs;
        this.manyToMany = cfg.task() == RnnConfig.Task.MANY_TO_MANY;
        this.window = cfg.truncation() == 0 ? steps : Math.min(cfg.truncation(), steps);
        int g = cell.gates() * hidden;
        this.weight = Parameter.zeros("weight", g, hidden + features, true);
        this.bias = Parameter.zeros("bias", 1, g, false);
        this.output = Dense.of(hidden, outputs, Activation.LINEAR);
        this.params = List.of(weight, bias, output.weight(), output.bias());
        this.optimizer = cfg.newOptimizer();
        this.dbScratch = new float[g];
        initialise();
    }

    private void initialise() {
        Rng rng = Rng.of(cfg.seed());
        double std = cfg.initialWeightStd() > 0 ? cfg.initialWeightStd() : 1.0 / Math.sqrt(hidden + features);
        Sampling.gaussian(path, rng, 0f, (float) std, weight.value());
        if (cfg.identityInit()) {
            FMatrix wh = weight.value().colRange(0, hidden);
            wh.fill(0f);
            for (int j = 0; j < hidden; j++) wh.set(j, j, 1f);
        }
        if (cell == Cell.LSTM) java.util.Arrays.fill(bias.value().data(), 0, hidden, (float) cfg.forgetBias());
        output.initialise(path, rng, (float) (1.0 / Math.sqrt(hidden)));
    }

    List<Parameter> parameters() { return params; }

    /** Buffers for minibatches of {@code batch} sequences. */
    final class Workspace {
        final int batch;
        final FMatrix x, target, logits, dlogits, dh;
        final float[] lse;
        final RecurrentLayer full, rest;

        Workspace(int batch) {
            this.batch = batch;
            x = FMatrix.zeros(steps * batch, features);
            target = FMatrix.zeros(manyToMany ? steps * batch : batch, outputs);
            int outRows = manyToMany ? window * batch : batch;
            logits = FMatrix.zeros(outRows, outputs);
            dlogits = FMatrix.zeros(outRows, outputs);
            lse = new float[outRows];
            dh = FMatrix.zeros(window * batch, hidden);
            full = new RecurrentLayer(cell, features, hidden, batch, window);
            rest = steps % window == 0 ? null : new RecurrentLayer(cell, features, hidden, batch, steps % window);
        }

        /** Gathers rows order[from .. from+batch) of the training data into this workspace. */
        void gather(int[] order, int from) {
            SequenceLoss.gatherTimeMajor(inputs, order, from, batch, inputFirstStep, steps, features, x);
            if (manyToMany) SequenceLoss.gatherTimeMajor(targets, order, from, batch, targetFirstStep, steps, outputs, target);
            else SequenceLoss.gatherTimeMajor(targets, order, from, batch, 0, 1, outputs, target);
        }
    }

    /**
     * Forward and backward over the minibatch in {@code ws}, window by window; with {@code update} the gradients are
     * zeroed before and applied after every window (truncated BPTT), otherwise they accumulate (the caller zeroes
     * them). Returns the loss summed over the sequences (mean over sequences × batch).
     */
    double step(Workspace ws, boolean update) {
        int b = ws.batch;
        double loss = 0;
        RecurrentLayer prev = null;
        for (int t0 = 0; t0 < steps; t0 += window) {
            int len = Math.min(window, steps - t0);
            RecurrentLayer layer = len == window ? ws.full : ws.rest;
            if (prev == null) layer.resetState();
            else layer.continueFrom(prev);
            FMatrix xw = ws.x.rowRange(t0 * b, (t0 + len) * b);
            layer.forward(path, weight.value(), bias.value().data(), xw);
            prev = layer;
            boolean last = t0 + len == steps;
            if (!manyToMany && !last) continue; // no target in this window: forward only
            if (update) for (Parameter p : params) p.zeroGrad();
            FMatrix hOut = manyToMany ? layer.outputs() : layer.h(len - 1);
            FMatrix z = ws.logits.rowRange(0, hOut.rows()), dz = ws.dlogits.rowRange(0, hOut.rows());
            FMatrix tw = manyToMany ? ws.target.rowRange(t0 * b, (t0 + len) * b) : ws.target;
            output.preActivation(path, hOut, z);
            loss += SequenceLoss.evaluate(path, cfg.loss(), z, tw, dz, ws.lse, 1f / b);
            FMatrix dh = ws.dh.rowRange(0, len * b);
            if (manyToMany) {
                output.backwardPreActivation(path, hOut, dz, dh);
            } else {
                dh.fill(0f);
                output.backwardPreActivation(path, hOut, dz, dh.rowRange((len - 1) * b, len * b));
            }
            layer.backward(path, weight.value(), xw, dh, weight.grad(), bias.grad().data(), dbScratch);
            if (update) optimizer.step(path, params);
        }
        return loss;
    }

    /**
     * Trains on sequences: inputs are {@code steps} steps of {@code inputs} rows from step {@code inputFirstStep};
     * targets are {@code steps} steps of {@code targets} rows from step {@code targetFirstStep} (many-to-many) or one
     * target row per sequence (many-to-one).
     */
    RecurrentNet fit(FMatrix inputs, int inputFirstStep, FMatrix targets, int targetFirstStep, int modelSteps,
                     TrainingListener listener, Map<String, String> provenance) {
        this.inputs = inputs;
        this.targets = targets;
        this.inputFirstStep = inputFirstStep;
        this.targetFirstStep = targetFirstStep;
        int n = inputs.rows();
        int bs = Math.min(cfg.batchSize(), n);
        Workspace main = new Workspace(bs), tail = n % bs == 0 ? null : new Workspace(n % bs);
        int batches = (n + bs - 1) / bs;
        int[] order = new int[n];
        Rng rng = Rng.of(cfg.seed() ^ 0x5eed5eedL);
        int targetSteps = manyToMany ? steps : 1;
        double last = Double.NaN;
        for (int e = 0; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, rng);
            double sum = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs;
                Workspace ws = from + bs <= n ? main : tail;
                ws.gather(order, from);
                sum += step(ws, true);
                listener.onBatch(e + 1, bi + 1, batches);
            }
            last = sum / n;
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", last);
            metrics.put("loss_per_step", last / targetSteps);
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + ": loss " + report.metric("loss") + " (" + report.seconds() + " s)");
            listener.onEpoch(report);
            if (!Double.isFinite(last)) throw new IllegalStateException("training diverged at epoch " + (e + 1) + " (loss " + last + "): lower the learning rate or clip gradients");
        }
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        prov.put("seed", Long.toString(cfg.seed()));
        prov.put("epochs", Integer.toString(cfg.epochs()));
        prov.put("sequences", Integer.toString(n));
        prov.put("training_steps", Integer.toString(steps));
        if (!Double.isNaN(last)) prov.put("final_loss", Double.toString(last));
        return new RecurrentNet(cfg, modelSteps, weight.value(), bias.value().data(), output.weight().value(), output.bias().value().data(), prov);
    }

    /** For gradient checks: the loss summed over all rows of one batch (full or truncated BPTT), gradients accumulated. */
    double lossAndGradient(FMatrix inputs, FMatrix targets) {
        this.inputs = inputs;
        this.targets = targets;
        this.inputFirstStep = 0;
        this.targetFirstStep = 0;
        Workspace ws = new Workspace(inputs.rows());
        ws.gather(null, 0);
        for (Parameter p : params) p.zeroGrad();
        return step(ws, false);
    }
}
