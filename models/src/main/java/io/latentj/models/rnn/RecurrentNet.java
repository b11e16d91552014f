package io.latentj.models.rnn;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.nn.Loss;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Recurrent;
import io.latentj.simd.ScratchPool;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained recurrent network: an Elman network (tanh, or ReLU as the IRNN) or an LSTM ({@link Cell}) reading
 * sequences of {@code features} values per step, with an output layer y_t = softmax(V h_t + c) (or V h_t + c for
 * squared error). As an {@link Encoder} it maps a sequence of {@link #steps()} steps (a row of steps·features values)
 * to its last hidden state h_T.
 *
 * <p>Batched inference ({@link #transform}, {@link #outputs}, {@link #loss}) unrolls the sequences time-major with
 * one GEMM per step for all gates. Streaming inference runs one sequence step by step on a {@link State} the caller
 * owns: {@link #step(State, float[], int, float[], int)} is one GEMV over [h_{t−1}, x_t] and the fused cell update,
 * allocating nothing.
 *
 * <p>Immutable: every method may be called from any number of threads at once (a {@link State} belongs to one).
 *
 * <p>Model file (safetensors): {@code weight} [gates·hidden, hidden + features] (columns [W_h | W_x], LSTM rows in
 * gate order f, i, c̃, o), {@code bias} [gates·hidden], {@code output_weight} [outputs, hidden], {@code output_bias}
 * [outputs], all F32; metadata {@code model=RecurrentNet}, {@code format_version=1}, {@code config.*}
 * ({@link RnnConfig#toMap()} and {@code steps}), {@code provenance.*}.
 */
public final class RecurrentNet implements Encoder {
    static final String TYPE = "RecurrentNet";
    static final String FORMAT_VERSION = "1";
    private static final int CHUNK = 256;

    private final RnnConfig config;
    private final int steps, hidden, features, outputs;
    private final FMatrix w, v;
    private final float[] b, c;
    private final Map<String, String> provenance;
    private final ScratchPool<State> scratch = ScratchPool.of(this::newState);

    RecurrentNet(RnnConfig config, int steps, FMatrix weight, float[] bias, FMatrix outputWeight, float[] outputBias, Map<String, String> provenance) {
        int g = config.cell().gates() * config.hidden(), h = config.hidden();
        if (weight.rows() != g || weight.cols() != h + config.features() || bias.length != g) {
            throw new IllegalArgumentException("weight " + weight.shape() + " and bias of " + bias.length + " do not fit a " + config.cell().id()
                    + " cell of " + h + " units reading " + config.features() + " features (need " + g + "x" + (h + config.features()) + ")");
        }
        if (outputWeight.cols() != h || outputWeight.rows() != outputBias.length || outputBias.length < 1) {
            throw new IllegalArgumentException("output weight " + outputWeight.shape() + " and bias of " + outputBias.length + " do not fit " + h + " hidden units");
        }
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        this.config = config;
        this.steps = steps;
        this.hidden = h;
        this.features = config.features();
        this.outputs = outputBias.length;
        this.w = weight.copy();
        this.b = bias.clone();
        this.v = outputWeight.copy();
        this.c = outputBias.clone();
        this.provenance = Map.copyOf(provenance);
    }

    // ---- training ----

    /**
     * Trains on sequences {@code x} (rows of steps·features values) with {@code targets}: per sequence one row of
     * outputs values (many-to-one) or steps·outputs values (many-to-many; step after step). For softmax
     * cross-entropy each target (per step) is a distribution, e.g. one-hot.
     */
    public static RecurrentNet fit(RnnConfig config, FMatrix x, FMatrix targets) {
        return fit(config, x, targets, TrainingListener.NONE);
    }

    /** {@link #fit(RnnConfig, FMatrix, FMatrix)}, reporting each epoch ({@code loss}: per sequence, {@code loss_per_step}). */
    public static RecurrentNet fit(RnnConfig config, FMatrix x, FMatrix targets, TrainingListener listener) {
        return fit(config, x, targets, listener, null);
    }

    /**
     * {@link #fit(RnnConfig, FMatrix, FMatrix, TrainingListener)} with checkpoints (null: none): the parameters, Adam's
     * moments and step count, the minibatch order's random stream and the epochs done are saved as
     * {@code checkpointing} says, and a resumed run (same config, data and targets) ends with exactly the weights of
     * an uninterrupted one. A run that diverges stops with an {@link ArithmeticException} and keeps the last good
     * checkpoint.
     */
    public static RecurrentNet fit(RnnConfig config, FMatrix x, FMatrix targets, TrainingListener listener, io.latentj.models.Checkpointing checkpointing) {
        int steps = requireSequences(config, x);
        if (targets == null) throw new IllegalArgumentException("targets must not be null");
        if (targets.rows() != x.rows()) throw new IllegalArgumentException(x.rows() + " sequences but " + targets.rows() + " target rows");
        boolean many = config.task() == RnnConfig.Task.MANY_TO_MANY;
        if (many && (targets.cols() == 0 || targets.cols() % steps != 0)) {
            throw new IllegalArgumentException("many-to-many targets need steps·outputs columns (" + steps + " steps), got " + targets.cols());
        }
        int outputs = many ? targets.cols() / steps : targets.cols();
        if (outputs < 1) throw new IllegalArgumentException("targets have no columns");
        requireTargets(config, targets, outputs);
        return new RecurrentTrainer(config, steps, outputs).fit(x, 0, targets, 0, steps, listener == null ? TrainingListener.NONE : listener,
                Map.of("data_fingerprint", Minibatches.fingerprint(x), "target_fingerprint", Minibatches.fingerprint(targets)), checkpointing);
    }

    /** Sequence classification (many-to-one, softmax cross-entropy): labels in [0, classes) of the last step. */
    public static RecurrentNet fit(RnnConfig config, FMatrix x, int[] labels, int classes) {
        if (labels == null) throw new IllegalArgumentException("labels must not be null");
        if (config.task() != RnnConfig.Task.MANY_TO_ONE || config.loss() != Loss.SOFTMAX_CROSS_ENTROPY) {
            throw new IllegalArgumentException("classification by labels needs a many-to-one task with softmax cross-entropy");
        }
        return fit(config, x, oneHot(labels, classes));
    }

    /**
     * Self-supervised training on the sequences alone: a many-to-many model that predicts step t+1 from the steps up
     * to t (outputs = features), trained on the first steps−1 steps of each row. With softmax cross-entropy the steps
     * must be distributions (one-hot symbols: a character-level language model), with squared error any values.
     * The model's {@link #steps()} is the full length of the rows.
     */
    public static RecurrentNet fitNextStep(RnnConfig config, FMatrix x) {
        return fitNextStep(config, x, TrainingListener.NONE);
    }

    /** {@link #fitNextStep(RnnConfig, FMatrix)}, reporting each epoch. */
    public static RecurrentNet fitNextStep(RnnConfig config, FMatrix x, TrainingListener listener) {
        return fitNextStep(config, x, listener, null);
    }

    /** {@link #fitNextStep(RnnConfig, FMatrix, TrainingListener)} with checkpoints, as for {@link #fit(RnnConfig, FMatrix, FMatrix, TrainingListener, io.latentj.models.Checkpointing)}. */
    public static RecurrentNet fitNextStep(RnnConfig config, FMatrix x, TrainingListener listener, io.latentj.models.Checkpointing checkpointing) {
        if (config.task() != RnnConfig.Task.MANY_TO_MANY) throw new IllegalArgumentException("next-step prediction is a many-to-many task");
        int steps = requireSequences(config, x);
        if (steps < 2) throw new IllegalArgumentException("next-step prediction needs sequences of at least 2 steps, got " + steps);
        requireTargets(config, x, config.features());
        return new RecurrentTrainer(config, steps - 1, config.features()).fit(x, 0, x, 1, steps,
                listener == null ? TrainingListener.NONE : listener, Map.of("data_fingerprint", Minibatches.fingerprint(x), "objective", "next_step"), checkpointing);
    }

    /** One-hot rows of {@code classes} columns. */
    public static FMatrix oneHot(int[] labels, int classes) {
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        FMatrix t = FMatrix.zeros(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
            t.set(i, labels[i], 1f);
        }
        return t;
    }

    private static int requireSequences(RnnConfig config, FMatrix x) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        Inputs.requireTrainingData(config.path(), x, 1);
        int f = config.features();
        if (x.cols() % f != 0) throw new IllegalArgumentException("training data has " + x.cols() + " columns, not a whole number of steps of " + f + " features");
        return x.cols() / f;
    }

    private static void requireTargets(RnnConfig config, FMatrix t, int outputs) {
        Elementwise.requireFinite(config.path(), "targets", t);
        if (config.loss() != Loss.SOFTMAX_CROSS_ENTROPY) return;
        for (int r = 0; r < t.rows(); r++) {
            for (int s = 0; s < t.cols() / outputs; s++) {
                double sum = 0;
                for (int j = 0; j < outputs; j++) {
                    float p = t.get(r, s * outputs + j);
                    if (p < 0) throw new IllegalArgumentException("targets have " + p + " at row " + r + ", column " + (s * outputs + j) + ": cross-entropy targets must be probabilities");
                    sum += p;
                }
                if (Math.abs(sum - 1) > 1e-3) {
                    throw new IllegalArgumentException("targets of row " + r + ", step " + s + " sum to " + sum + ": cross-entropy targets must be distributions (e.g. one-hot)");
                }
            }
        }
    }

    // ---- accessors ----

    public RnnConfig config() { return config; }
    public Cell cell() { return config.cell(); }
    /** Steps of the sequences the model encodes ({@link #inputSize()} = steps · features). */
    public int steps() { return steps; }
    public int hidden() { return hidden; }
    public int features() { return features; }
    /** Outputs per step of the output layer. */
    public int outputs() { return outputs; }
    public Map<String, String> provenance() { return provenance; }
    @Override public int inputSize() { return steps * features; }
    @Override public int outputSize() { return hidden; }
    /** A copy of W = [W_h | W_x], (gates·hidden) × (hidden + features). */
    public FMatrix weights() { return w.copy(); }
    public float[] bias() { return b.clone(); }
    /** A copy of the output layer's V, outputs × hidden. */
    public FMatrix outputWeights() { return v.copy(); }
    public float[] outputBias() { return c.clone(); }
    private Path path() { return config.path(); }

    // ---- batched inference ----

    /** Runs {@code fn} over chunks of the rows of x through an unrolled layer; x has already been checked. */
    private interface ChunkFn { void apply(RecurrentLayer layer, int from, int rows); }

    private void unroll(FMatrix x, int seqSteps, ChunkFn fn) {
        int n = x.rows();
        RecurrentLayer full = null;
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            RecurrentLayer layer;
            if (rows == Math.min(CHUNK, n)) {
                if (full == null) full = new RecurrentLayer(config.cell(), features, hidden, rows, seqSteps);
                layer = full;
            } else {
                layer = new RecurrentLayer(config.cell(), features, hidden, rows, seqSteps);
            }
            SequenceLoss.gatherTimeMajor(x, null, from, rows, 0, seqSteps, features, layer.x());
            layer.resetState();
            layer.forward(path(), w, b, null);
            fn.apply(layer, from, rows);
        }
    }

    private int requireSequences(String what, FMatrix x) {
        if (x == null) throw new IllegalArgumentException(what + " must not be null");
        if (x.cols() == 0 || x.cols() % features != 0) {
            throw new IllegalArgumentException(what + " has " + x.cols() + " columns, not a whole number of steps of " + features + " features");
        }
        Elementwise.requireFinite(path(), what, x);
        return x.cols() / features;
    }

    /** The last hidden state h_T of every sequence (rows of {@link #inputSize()} values), rows × hidden. */
    @Override
    public FMatrix transform(FMatrix x) {
        Inputs.requireMatrix(path(), "input", x, inputSize());
        FMatrix out = FMatrix.zeros(x.rows(), hidden);
        unroll(x, steps, (layer, from, rows) -> out.rowRange(from, from + rows).copyFrom(layer.h(steps - 1)));
        return out;
    }

    /**
     * The output layer at the last step of every sequence (rows of any whole number of steps): probabilities
     * (softmax cross-entropy) or values (squared error), rows × outputs.
     */
    public FMatrix outputs(FMatrix x) {
        int s = requireSequences("input", x);
        FMatrix out = FMatrix.zeros(x.rows(), outputs);
        unroll(x, s, (layer, from, rows) -> {
            FMatrix z = out.rowRange(from, from + rows);
            z.fillRows(c, 0);
            Linalg.gemm(path(), Trans.N, Trans.T, 1f, layer.h(s - 1), v, 1f, z);
            SequenceLoss.activate(path(), config.loss(), z);
        });
        return out;
    }

    /** The output layer at every step, rows × (steps·outputs), step after step. */
    public FMatrix outputsAllSteps(FMatrix x) {
        int s = requireSequences("input", x);
        FMatrix out = FMatrix.zeros(x.rows(), s * outputs);
        unroll(x, s, (layer, from, rows) -> {
            FMatrix z = FMatrix.zeros(s * rows, outputs);
            z.fillRows(c, 0);
            Linalg.gemm(path(), Trans.N, Trans.T, 1f, layer.outputs(), v, 1f, z);
            SequenceLoss.activate(path(), config.loss(), z);
            for (int t = 0; t < s; t++) {
                for (int r = 0; r < rows; r++) System.arraycopy(z.data(), z.rowOffset(t * rows + r), out.data(), out.rowOffset(from + r) + t * outputs, outputs);
            }
        });
        return out;
    }

    /** The most probable class at the last step of every sequence. */
    public int[] predict(FMatrix x) {
        FMatrix p = outputs(x);
        int[] out = new int[x.rows()];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int j = 1; j < outputs; j++) if (p.get(r, j) > p.get(r, best)) best = j;
            out[r] = best;
        }
        return out;
    }

    /** Fraction of sequences whose predicted class equals the label. */
    public double accuracy(FMatrix x, int[] labels) {
        if (labels == null || labels.length != x.rows()) throw new IllegalArgumentException(x.rows() + " sequences need as many labels");
        int[] p = predict(x);
        int ok = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == labels[i]) ok++;
        return p.length == 0 ? 0 : (double) ok / p.length;
    }

    /**
     * The training objective on {@code x} and {@code targets} (as for {@link #fit(RnnConfig, FMatrix, FMatrix)}):
     * the loss summed over the steps with targets, averaged over sequences.
     */
    public double loss(FMatrix x, FMatrix targets) {
        int s = requireSequences("input", x);
        boolean many = config.task() == RnnConfig.Task.MANY_TO_MANY;
        int want = many ? s * outputs : outputs;
        if (targets == null || targets.rows() != x.rows() || targets.cols() != want) {
            throw new IllegalArgumentException("targets must be " + x.rows() + "x" + want + (targets == null ? ", got null" : ", got " + targets.shape()));
        }
        Elementwise.requireFinite(path(), "targets", targets);
        return loss(x, 0, s, targets, 0);
    }

    /** The next-step objective of {@link #fitNextStep}: mean over sequences of the loss summed over steps 1..T−1. */
    public double nextStepLoss(FMatrix x) {
        int s = requireSequences("input", x);
        if (s < 2 || outputs != features) throw new IllegalArgumentException("next-step loss needs sequences of at least 2 steps and a model whose outputs are its features");
        return loss(x, 0, s - 1, x, 1);
    }

    private double loss(FMatrix x, int firstStep, int s, FMatrix targets, int targetFirst) {
        if (x.rows() == 0) return 0;
        boolean many = config.task() == RnnConfig.Task.MANY_TO_MANY;
        double[] sum = {0};
        FMatrix xs = x.colRange(firstStep * features, (firstStep + s) * features);
        unroll(xs, s, (layer, from, rows) -> {
            int outRows = many ? s * rows : rows;
            FMatrix z = FMatrix.zeros(outRows, outputs), t = FMatrix.zeros(outRows, outputs);
            z.fillRows(c, 0);
            Linalg.gemm(path(), Trans.N, Trans.T, 1f, many ? layer.outputs() : layer.h(s - 1), v, 1f, z);
            if (many) SequenceLoss.gatherTimeMajor(targets, null, from, rows, targetFirst, s, outputs, t);
            else SequenceLoss.gatherTimeMajor(targets, null, from, rows, 0, 1, outputs, t);
            sum[0] += SequenceLoss.evaluate(path(), config.loss(), z, t, null, new float[outRows], 1f);
        });
        return sum[0] / x.rows();
    }

    // ---- streaming inference ----

    /**
     * The state of one sequence being read step by step: h (and the LSTM's c) with the scratch a step needs. Made by
     * {@link #newState()}, owned by the caller, for one thread; starts (and {@link #reset()}s) at h = c = 0.
     */
    public static final class State {
        private final RecurrentNet net;
        private final float[] hx, cell, z, y;
        private final FMatrix hView, cView, zView, yView;
        private long steps;

        private State(RecurrentNet net) {
            this.net = net;
            int h = net.hidden;
            hx = new float[h + net.features];
            cell = new float[h];
            z = new float[net.config.cell().gates() * h];
            y = new float[net.outputs];
            hView = FMatrix.view(hx, 0, 1, h, h);
            cView = FMatrix.wrap(cell, 1, h);
            zView = FMatrix.wrap(z, 1, z.length);
            yView = FMatrix.wrap(y, 1, y.length);
        }

        /** Back to the start of a sequence: h = c = 0. */
        public void reset() {
            java.util.Arrays.fill(hx, 0f);
            java.util.Arrays.fill(cell, 0f);
            steps = 0;
        }

        /** Steps read since the last reset. */
        public long steps() { return steps; }

        /** Copies the current hidden state h_t into {@code out} at {@code off}. */
        public void hiddenInto(float[] out, int off) {
            if (out == null || off < 0 || off + net.hidden > out.length) throw new IllegalArgumentException("output needs room for " + net.hidden + " values at offset " + off);
            System.arraycopy(hx, 0, out, off, net.hidden);
        }
    }

    /** A fresh streaming state (h = c = 0) for this model. */
    public State newState() { return new State(this); }

    private void requireState(State s) {
        if (s == null) throw new IllegalArgumentException("state must not be null");
        if (s.net != this) throw new IllegalArgumentException("the state belongs to another model: make it with this model's newState()");
    }

    /** Reads one step x_t = x[xOff .. xOff+features): h_t from h_{t−1} and x_t. Allocates nothing. */
    public void step(State s, float[] x, int xOff) {
        requireState(s);
        Inputs.requireSample(path(), x, xOff, features, s.y, 0, 0);
        advance(s, x, xOff);
    }

    /**
     * Reads one step and writes the output layer y_t (probabilities for softmax cross-entropy, values for squared
     * error) into {@code out[outOff .. outOff+outputs)}. Allocates nothing.
     */
    public void step(State s, float[] x, int xOff, float[] out, int outOff) {
        requireState(s);
        Inputs.requireSample(path(), x, xOff, features, out, outOff, outputs);
        advance(s, x, xOff);
        Path p = path();
        System.arraycopy(c, 0, s.y, 0, outputs);
        Linalg.gemv(p, Trans.N, 1f, v, s.hx, 0, 1f, s.y, 0);
        SequenceLoss.activate(p, config.loss(), s.yView);
        System.arraycopy(s.y, 0, out, outOff, outputs);
    }

    private void advance(State s, float[] x, int xOff) {
        Path p = path();
        System.arraycopy(x, xOff, s.hx, hidden, features);
        System.arraycopy(b, 0, s.z, 0, b.length);
        Linalg.gemv(p, Trans.N, 1f, w, s.hx, 0, 1f, s.z, 0); // all gates from [h_{t−1}, x_t] in one GEMV
        if (config.cell() == Cell.LSTM) Recurrent.lstmForward(p, s.zView, s.cView, s.cView, s.hView);
        else config.cell().activation().forward(p, s.zView, s.hView);
        s.steps++;
    }

    /** The last hidden state of one sequence of {@link #steps()} steps, allocating nothing (a pooled state). */
    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(path(), x, xOff, inputSize(), out, outOff, hidden);
        State s = scratch.borrow();
        try {
            s.reset();
            for (int t = 0; t < steps; t++) advance(s, x, xOff + t * features);
            System.arraycopy(s.hx, 0, out, outOff, hidden);
        } finally {
            scratch.release(s);
        }
    }

    // ---- files ----

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(w.rows(), w.cols(), w.toArray()));
        t.put("bias", Tensor.vector(b.clone()));
        t.put("output_weight", Tensor.matrix(v.rows(), v.cols(), v.toArray()));
        t.put("output_bias", Tensor.vector(c.clone()));
        Map<String, String> cfg = config.toMap();
        cfg.put("steps", Integer.toString(steps));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, cfg, provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static RecurrentNet load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static RecurrentNet load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static RecurrentNet load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        Map<String, String> cfg = mf.config();
        RnnConfig config;
        int steps;
        try {
            config = RnnConfig.fromMap(cfg);
            steps = Integer.parseInt(cfg.getOrDefault("steps", "1"));
            if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        } catch (IllegalArgumentException e) {
            throw mf.badConfig(e);
        }
        int g = config.cell().gates() * config.hidden(), h = config.hidden();
        float[] wt = mf.tensor("weight", g, h + config.features()), bt = mf.tensor("bias", g);
        int[] vs = mf.shape("output_weight");
        if (vs.length != 2) throw mf.badConfig(new IllegalArgumentException("output_weight must be a matrix"));
        float[] vt = mf.tensor("output_weight", -1, h), ct = mf.tensor("output_bias", vs[0]);
        if (vs[0] < 1) throw mf.badConfig(new IllegalArgumentException("output_weight has no rows"));
        return new RecurrentNet(config, steps, FMatrix.wrap(wt, g, h + config.features()), bt, FMatrix.wrap(vt, vs[0], h), ct, mf.provenance());
    }

    @Override
    public String toString() {
        return "RecurrentNet[" + config.cell().id() + ", " + features + " features × " + steps + " steps → " + hidden + " hidden → " + outputs + " outputs]";
    }
}
