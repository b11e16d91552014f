package io.latentj.models.rnn;

import io.latentj.models.nn.GradientCheck;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Backpropagation through time against central finite differences of a double-precision reference of the same
 * network (written here from the equations, independently of the float implementation), for every cell, both tasks
 * and both losses.
 */
class RecurrentGradientTest {
    static final int F = 3, H = 5, T = 6, B = 4;

    /** The loss (mean over sequences, summed over steps) of the network with parameters theta = [W, b, V, c], in double. */
    static double referenceLoss(Cell cell, boolean many, Loss loss, int outputs, double[] theta, FMatrix x, FMatrix targets) {
        int g = cell.gates() * H, in = H + F;
        int wOff = 0, bOff = g * in, vOff = bOff + g, cOff = vOff + outputs * H;
        double total = 0;
        for (int r = 0; r < x.rows(); r++) {
            double[] h = new double[H], cst = new double[H], hx = new double[in], z = new double[g];
            for (int t = 0; t < T; t++) {
                System.arraycopy(h, 0, hx, 0, H);
                for (int j = 0; j < F; j++) hx[H + j] = x.get(r, t * F + j);
                for (int i = 0; i < g; i++) {
                    double s = theta[bOff + i];
                    for (int j = 0; j < in; j++) s += theta[wOff + i * in + j] * hx[j];
                    z[i] = s;
                }
                for (int j = 0; j < H; j++) {
                    switch (cell) {
                        case TANH -> h[j] = Math.tanh(z[j]);
                        case RELU -> h[j] = Math.max(0, z[j]);
                        case LSTM -> {
                            double f = sig(z[j]), i = sig(z[H + j]), gg = Math.tanh(z[2 * H + j]), o = sig(z[3 * H + j]);
                            cst[j] = f * cst[j] + i * gg;
                            h[j] = o * Math.tanh(cst[j]);
                        }
                    }
                }
                if (!many && t < T - 1) continue;
                double[] y = new double[outputs];
                for (int k = 0; k < outputs; k++) {
                    double s = theta[cOff + k];
                    for (int j = 0; j < H; j++) s += theta[vOff + k * H + j] * h[j];
                    y[k] = s;
                }
                int tOff = many ? t * outputs : 0;
                if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                    double m = Double.NEGATIVE_INFINITY, se = 0, dot = 0;
                    for (double yk : y) m = Math.max(m, yk);
                    for (int k = 0; k < outputs; k++) {
                        se += Math.exp(y[k] - m);
                        dot += targets.get(r, tOff + k) * y[k];
                    }
                    total += m + Math.log(se) - dot;
                } else {
                    for (int k = 0; k < outputs; k++) {
                        double d = y[k] - targets.get(r, tOff + k);
                        total += 0.5 * d * d;
                    }
                }
            }
        }
        return total / x.rows();
    }

    static double sig(double v) { return 1 / (1 + Math.exp(-v)); }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({"LSTM, MANY_TO_MANY, SOFTMAX_CROSS_ENTROPY, SCALAR", "LSTM, MANY_TO_ONE, SQUARED_ERROR, SCALAR",
            "LSTM, MANY_TO_ONE, SOFTMAX_CROSS_ENTROPY, SCALAR", "LSTM, MANY_TO_MANY, SOFTMAX_CROSS_ENTROPY, AUTO",
            "TANH, MANY_TO_MANY, SOFTMAX_CROSS_ENTROPY, SCALAR", "TANH, MANY_TO_ONE, SQUARED_ERROR, AUTO",
            "RELU, MANY_TO_MANY, SQUARED_ERROR, SCALAR", "RELU, MANY_TO_ONE, SOFTMAX_CROSS_ENTROPY, AUTO"})
    void bpttMatchesFiniteDifferences(Cell cell, RnnConfig.Task task, Loss loss, Path path) {
        SplittableRandom rnd = new SplittableRandom(cell.ordinal() * 31 + task.ordinal() * 7 + loss.ordinal());
        boolean many = task == RnnConfig.Task.MANY_TO_MANY;
        int outputs = 4;
        FMatrix x = FMatrix.zeros(B, T * F);
        for (int i = 0; i < x.data().length; i++) x.data()[i] = (float) rnd.nextGaussian();
        FMatrix targets = FMatrix.zeros(B, many ? T * outputs : outputs);
        for (int r = 0; r < B; r++) {
            for (int s = 0; s < (many ? T : 1); s++) {
                if (loss == Loss.SOFTMAX_CROSS_ENTROPY) targets.set(r, s * outputs + rnd.nextInt(outputs), 1f);
                else for (int k = 0; k < outputs; k++) targets.set(r, s * outputs + k, (float) rnd.nextGaussian());
            }
        }
        RnnConfig cfg = RnnConfig.builder(cell, H, F).task(task).loss(loss).identityInit(false).initialWeightStd(0.5)
                .forgetBias(cell == Cell.LSTM ? 0.5 : 1.0).seed(7).path(path).build();
        RecurrentTrainer trainer = new RecurrentTrainer(cfg, T, outputs);
        List<Parameter> ps = trainer.parameters();
        // random biases too, so no gradient entry is trivially zero
        for (Parameter p : List.of(ps.get(1), ps.get(3))) for (int i = 0; i < p.size(); i++) p.value().data()[i] = (float) (0.3 * rnd.nextGaussian());
        int size = ps.stream().mapToInt(Parameter::size).sum();
        double[] theta = new double[size];
        int o = 0;
        for (Parameter p : ps) for (int i = 0; i < p.size(); i++) theta[o++] = p.value().data()[i];

        double floatLoss = trainer.lossAndGradient(x, targets) / B;
        float[] analytic = new float[size];
        o = 0;
        for (Parameter p : ps) for (int i = 0; i < p.size(); i++) analytic[o++] = p.grad().data()[i];

        GradientCheck.Objective f = th -> referenceLoss(cell, many, loss, outputs, th, x, targets);
        assertEquals(f.value(theta), floatLoss, 1e-5 * Math.max(1, Math.abs(floatLoss)), "the float forward pass computes the reference loss");
        double[] numeric = GradientCheck.numericGradient(f, theta, 1e-5);
        double err = GradientCheck.relativeError(analytic, numeric), normErr = GradientCheck.normRelativeError(analytic, numeric);
        assertTrue(err < 1e-4 && normErr < 1e-5, cell + " " + task + " " + loss + ": relative error " + err + ", norm-wise " + normErr);
    }
    /**
     * A minibatch cut into shards (run at once on different threads, gradients summed afterwards) gives the gradient
     * of the whole minibatch: the same as one shard up to float rounding, for every cell, both tasks, full and
     * truncated BPTT, and a shard count that does not divide the batch.
     */
    @ParameterizedTest(name = "{0} {1} truncation {2}")
    @CsvSource({"LSTM, MANY_TO_ONE, 0", "LSTM, MANY_TO_MANY, 0", "LSTM, MANY_TO_ONE, 4", "LSTM, MANY_TO_MANY, 4", "TANH, MANY_TO_ONE, 0", "RELU, MANY_TO_MANY, 4"})
    void shardedGradientsEqualTheWholeBatchGradient(Cell cell, RnnConfig.Task task, int truncation) {
        SplittableRandom rnd = new SplittableRandom(11);
        boolean many = task == RnnConfig.Task.MANY_TO_MANY;
        int outputs = 3, rows = 37, steps = 9;
        FMatrix x = FMatrix.zeros(rows, steps * F);
        for (int i = 0; i < x.data().length; i++) x.data()[i] = (float) rnd.nextGaussian();
        FMatrix targets = FMatrix.zeros(rows, many ? steps * outputs : outputs);
        for (int r = 0; r < rows; r++) for (int s = 0; s < (many ? steps : 1); s++) targets.set(r, s * outputs + rnd.nextInt(outputs), 1f);
        RnnConfig cfg = RnnConfig.builder(cell, H, F).task(task).truncation(truncation).identityInit(false).initialWeightStd(0.5).seed(3).build();
        double[] losses = new double[3];
        float[][] grads = new float[3][];
        int[] shardCounts = {1, 2, 5};
        try {
            for (int k = 0; k < 3; k++) {
                RecurrentTrainer.forcedShards = shardCounts[k];
                RecurrentTrainer t = new RecurrentTrainer(cfg, steps, outputs);
                losses[k] = t.lossAndGradient(x, targets);
                grads[k] = t.parameters().stream().map(p -> p.grad().toArray())
                        .reduce(new float[0], (a, b) -> { float[] c = java.util.Arrays.copyOf(a, a.length + b.length); System.arraycopy(b, 0, c, a.length, b.length); return c; });
            }
        } finally {
            RecurrentTrainer.forcedShards = 0;
        }
        for (int k = 1; k < 3; k++) {
            assertEquals(losses[0], losses[k], 1e-5 * Math.abs(losses[0]), shardCounts[k] + " shards: loss");
            double worst = 0, scale = 0;
            for (int i = 0; i < grads[0].length; i++) {
                worst = Math.max(worst, Math.abs(grads[0][i] - grads[k][i]));
                scale = Math.max(scale, Math.abs(grads[0][i]));
            }
            assertTrue(worst <= 1e-5 * scale, shardCounts[k] + " shards: gradients differ by " + worst + " (largest entry " + scale + ")");
        }
    }
}
