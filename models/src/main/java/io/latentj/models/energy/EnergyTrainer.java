package io.latentj.models.energy;

import io.latentj.models.Checkpointing;
import io.latentj.models.Divergence;
import io.latentj.models.EpochReport;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Optimizers;
import io.latentj.simd.Rng;
import io.latentj.simd.Updates;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains any {@link EnergyModel} in place with any {@link LearningRule}: shuffled minibatches, the rule's gradient,
 * an SGD-momentum or Adam step, then {@link EnergyModel#project()}. Seeded: the order of rows and every random number
 * the rule draws come from streams of {@code Rng.of(seed)}.
 */
public final class EnergyTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.energy");

    private EnergyTrainer() {}

    /** Trains {@code model} on the rows of {@code data}; returns the rule's monitor averaged over each epoch. */
    public static double[] fit(EnergyModel model, FMatrix data, LearningRule rule, EnergyTrainingConfig cfg, TrainingListener listener) {
        return fit(model, data, rule, cfg, listener, null);
    }

    static final String CHECKPOINT_TYPE = "EnergyModel-checkpoint";

    /**
     * Trains as {@link #fit(EnergyModel, FMatrix, LearningRule, EnergyTrainingConfig, TrainingListener)}, saving the
     * full training state where and as often as {@code checkpointing} says (null: never) and resuming from it. The
     * checkpoint holds θ ({@code parameters}), the optimiser's state ({@code velocity}, Adam's {@code adam_m},
     * {@code adam_v} and {@code optimizer_steps}), the rule's state ({@code rule.…}: persistent chains, adapted step
     * sizes), the order and rule random-stream positions, and the monitor of the epochs done ({@code monitor}). It is
     * resumed only by a run with the same training config (epochs may grow), model kind and size, rule (as built,
     * before training) and data; the resumed run then ends with exactly the parameters of an uninterrupted one. A run
     * whose parameters turn non-finite stops before overwriting the last good checkpoint.
     */
    public static double[] fit(EnergyModel model, FMatrix data, LearningRule rule, EnergyTrainingConfig cfg, TrainingListener listener,
                               Checkpointing checkpointing) {
        if (model == null || rule == null || cfg == null) throw new IllegalArgumentException("model, rule and config must not be null");
        Inputs.requireTrainingData(model.path(), data, 1);
        if (data.cols() != model.dimension()) {
            throw new IllegalArgumentException("training data has " + data.cols() + " columns, the model's dimension is " + model.dimension());
        }
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        float[] theta = model.parameters();
        int p = theta.length, n = data.rows(), bs = Math.min(cfg.batchSize(), n), batches = (n + bs - 1) / bs;
        float[] grad = new float[p], vel = new float[p], m = new float[p], v = new float[p];
        FMatrix batch = FMatrix.zeros(bs, data.cols());
        int[] order = new int[n];
        Rng root = Rng.of(cfg.seed()), orderRng = root.stream(1), ruleRng = root.stream(2);
        double[] monitor = new double[cfg.epochs()];
        TrainingState.Layout layout = new TrainingState.Layout(CHECKPOINT_TYPE).vector("parameters", theta).vector("velocity", vel)
                .vector("adam_m", m).vector("adam_v", v).stream("order_rng_position", orderRng).stream("rule_rng_position", ruleRng);
        Map<String, String> runConfig = new LinkedHashMap<>(cfg.toMap()); // the rule as built, before training adapts it
        runConfig.put("model", model.toString());
        runConfig.put("model_path", model.path().name().toLowerCase(java.util.Locale.ROOT));
        runConfig.put("rule", rule.toString());
        String fingerprint = Minibatches.fingerprint(data);
        long t = 0;
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) {
            TrainingState.Restored r = layout.restore(checkpointing, runConfig, fingerprint);
            t = r.counter("optimizer_steps");
            rule.restoreState(r);
            start = r.epochsDone();
            if (start > cfg.epochs()) {
                throw new IllegalArgumentException("checkpoint " + checkpointing.file() + " is after epoch " + start + ", beyond this run's " + cfg.epochs());
            }
            float[] done = r.matrix("monitor").data();
            for (int e = 0; e < start; e++) monitor[e] = done[e];
            int resumedAt = start;
            LOG.log(Level.INFO, () -> "resumed from " + checkpointing.file() + " after epoch " + resumedAt);
        }
        for (int e = start; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * bs, rows = Math.min(bs, n - from);
                Minibatches.gather(data, order, from, rows, batch);
                Arrays.fill(grad, 0f);
                sum += rule.gradient(model, batch.rowRange(0, rows), grad, ruleRng);
                t++;
                step(cfg, t, grad, vel, m, v, theta, model);
                model.project();
                l.onBatch(e + 1, b + 1, batches);
            }
            Divergence.check(model.path(), "energy-model", e + 1, "lower the learning rate (now " + cfg.learningRate() + ") or the sampler's step size",
                    checkpointing, theta);
            monitor[e] = sum / batches;
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) {
                TrainingState s = layout.state(e + 1).putCounter("optimizer_steps", t);
                float[] done = new float[e + 1];
                for (int i = 0; i <= e; i++) done[i] = (float) monitor[i];
                s.put("monitor", FMatrix.wrap(done, 1, e + 1));
                rule.saveState(s);
                s.save(checkpointing, runConfig, fingerprint);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(rule.monitorName(), monitor[e]);
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            l.onEpoch(report);
        }
        return monitor;
    }

    private static void step(EnergyTrainingConfig cfg, long t, float[] grad, float[] vel, float[] m, float[] v, float[] theta, EnergyModel model) {
        int p = theta.length;
        float lr = (float) cfg.learningRate(), wd = (float) cfg.weightDecay();
        if (cfg.optimizer() == EnergyTrainingConfig.Optimizer.ADAM) {
            double b1 = 0.9, b2 = 0.999;
            float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)));
            Optimizers.adam(model.path(), p, stepSize, (float) b1, (float) b2, 1e-8f, wd, grad, 0, m, 0, v, 0, theta, 0);
        } else {
            Linalg.scal(model.path(), p, -1f, grad, 0); // Updates.momentum ascends its gradient argument
            Updates.momentum(model.path(), p, (float) cfg.momentum(), lr, wd, grad, 0, vel, 0, theta, 0);
        }
    }
}
