package io.latentj.models.energy;

import io.latentj.models.EpochReport;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.simd.Elementwise;
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
        long t = 0;
        for (int e = 0; e < cfg.epochs(); e++) {
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
            if (Elementwise.firstNonFinite(model.path(), theta, 0, p) >= 0) {
                throw new ArithmeticException("energy-model training diverged in epoch " + (e + 1) + " (non-finite parameters); lower the learning rate (now "
                        + cfg.learningRate() + ") or the sampler's step size");
            }
            monitor[e] = sum / batches;
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
