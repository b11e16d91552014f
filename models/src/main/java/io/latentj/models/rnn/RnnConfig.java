package io.latentj.models.rnn;

import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to build and train a {@link RecurrentNet}. Immutable; build with {@link #builder(Cell, int, int)}.
 *
 * <p>A sequence of T steps of {@code features} values is one row of T·features values, step after step. The output
 * layer y_t = softmax(V h_t + c) (softmax cross-entropy) or V h_t + c (squared error) is read at every step
 * ({@link Task#MANY_TO_MANY}) or only at the last ({@link Task#MANY_TO_ONE}); the loss is summed over the steps that
 * have targets and averaged over the sequences of a minibatch. Training is backpropagation through time over the
 * whole sequence, or truncated ({@link Builder#truncation}: the sequence is cut into windows of k steps; the state is
 * carried forward from window to window, gradients flow only within a window, and the parameters are updated after
 * every window), with optional gradient-norm clipping.
 *
 * <p>Defaults: Adam with learning rate 0.001, no clipping, full BPTT, 10 epochs of minibatches of 32, softmax
 * cross-entropy, many-to-one; forget-gate bias 1 (LSTM); W_h = I for the ReLU cell (IRNN), Gaussian weights of
 * standard deviation 1/√(hidden + features) otherwise.
 */
public final class RnnConfig {
    /** Where the outputs are read: at every step, or at the last step only. */
    public enum Task { MANY_TO_ONE, MANY_TO_MANY }

    private final Cell cell;
    private final int hidden, features;
    private final Task task;
    private final Loss loss;
    private final Optimizer.Kind optimizer;
    private final double learningRate, momentum, clipNorm;
    private final int epochs, batchSize, truncation;
    private final double forgetBias;
    private final boolean identityInit;
    private final double initialWeightStd;
    private final long seed;
    private final Path path;

    private RnnConfig(Builder b) {
        cell = b.cell;
        hidden = b.hidden;
        features = b.features;
        task = b.task;
        loss = b.loss;
        optimizer = b.optimizer;
        learningRate = b.learningRate;
        momentum = b.momentum;
        clipNorm = b.clipNorm;
        epochs = b.epochs;
        batchSize = b.batchSize;
        truncation = b.truncation;
        forgetBias = b.forgetBias;
        identityInit = b.identityInit != null ? b.identityInit : b.cell == Cell.RELU;
        initialWeightStd = b.initialWeightStd;
        seed = b.seed;
        path = b.path;
    }

    /** A builder for a network of {@code hidden} units of the given cell reading {@code features} values per step. */
    public static Builder builder(Cell cell, int hidden, int features) {
        return new Builder(cell, hidden, features);
    }

    public Cell cell() { return cell; }
    public int hidden() { return hidden; }
    public int features() { return features; }
    public Task task() { return task; }
    public Loss loss() { return loss; }
    public Optimizer.Kind optimizer() { return optimizer; }
    public double learningRate() { return learningRate; }
    public double momentum() { return momentum; }
    /** Largest joint L2 norm of the gradients before an update (+∞: no clipping). */
    public double clipNorm() { return clipNorm; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    /** Steps per window of truncated BPTT; 0 for full backpropagation through time. */
    public int truncation() { return truncation; }
    /** Initial bias of the LSTM's forget gate. */
    public double forgetBias() { return forgetBias; }
    /** Whether W_h starts as the identity (IRNN) for an Elman cell. */
    public boolean identityInit() { return identityInit; }
    /** Standard deviation of the initial Gaussian weights; 0 means 1/√(hidden + features). */
    public double initialWeightStd() { return initialWeightStd; }
    public long seed() { return seed; }
    public Path path() { return path; }

    /** The optimiser this config describes (fresh, without state). */
    Optimizer newOptimizer() {
        Optimizer o = switch (optimizer) {
            case SGD -> Optimizer.sgd(learningRate, momentum);
            case ADAGRAD -> Optimizer.adagrad(learningRate);
            case ADAM -> Optimizer.adam(learningRate);
        };
        return Double.isInfinite(clipNorm) ? o : o.withClipNorm(clipNorm);
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder(cell, hidden, features);
        b.task = task;
        b.loss = loss;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.clipNorm = clipNorm;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.truncation = truncation;
        b.forgetBias = forgetBias;
        b.identityInit = identityInit;
        b.initialWeightStd = initialWeightStd;
        b.seed = seed;
        b.path = path;
        return b;
    }

    /** The hyperparameters as strings, as model files store them ({@code config.*}). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cell", cell.id());
        m.put("hidden", Integer.toString(hidden));
        m.put("features", Integer.toString(features));
        m.put("task", task.name().toLowerCase(Locale.ROOT));
        m.put("loss", loss.id());
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("momentum", Double.toString(momentum));
        m.put("clip_norm", Double.toString(clipNorm));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("truncation", Integer.toString(truncation));
        m.put("forget_bias", Double.toString(forgetBias));
        m.put("identity_init", Boolean.toString(identityInit));
        m.put("initial_weight_std", Double.toString(initialWeightStd));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing optional keys keep their defaults. */
    public static RnnConfig fromMap(Map<String, String> m) {
        try {
            String cell = m.get("cell"), hidden = m.get("hidden"), features = m.get("features");
            if (cell == null || hidden == null || features == null) throw new IllegalArgumentException("config needs cell, hidden and features");
            Builder b = builder(Cell.parse(cell), Integer.parseInt(hidden), Integer.parseInt(features));
            if (m.containsKey("task")) b.task(Task.valueOf(m.get("task").toUpperCase(Locale.ROOT)));
            if (m.containsKey("loss")) b.loss(Loss.parse(m.get("loss")));
            if (m.containsKey("optimizer")) b.optimizer(Optimizer.Kind.valueOf(m.get("optimizer").toUpperCase(Locale.ROOT)));
            if (m.containsKey("learning_rate")) b.learningRate(Double.parseDouble(m.get("learning_rate")));
            if (m.containsKey("momentum")) b.momentum(Double.parseDouble(m.get("momentum")));
            if (m.containsKey("clip_norm")) b.clipNorm(Double.parseDouble(m.get("clip_norm")));
            if (m.containsKey("epochs")) b.epochs(Integer.parseInt(m.get("epochs")));
            if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
            if (m.containsKey("truncation")) b.truncation(Integer.parseInt(m.get("truncation")));
            if (m.containsKey("forget_bias")) b.forgetBias(Double.parseDouble(m.get("forget_bias")));
            if (m.containsKey("identity_init")) b.identityInit(Boolean.parseBoolean(m.get("identity_init")));
            if (m.containsKey("initial_weight_std")) b.initialWeightStd(Double.parseDouble(m.get("initial_weight_std")));
            if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
            if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
            return b.build();
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException("malformed recurrent-net config: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() { return "RnnConfig" + toMap(); }

    /** Builder of {@link RnnConfig}; {@link #build()} validates the combination. */
    public static final class Builder {
        private final Cell cell;
        private final int hidden, features;
        private Task task = Task.MANY_TO_ONE;
        private Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        private Optimizer.Kind optimizer = Optimizer.Kind.ADAM;
        private double learningRate = 0.001, momentum = 0.9, clipNorm = Double.POSITIVE_INFINITY;
        private int epochs = 10, batchSize = 32, truncation = 0;
        private double forgetBias = 1.0;
        private Boolean identityInit;
        private double initialWeightStd = 0;
        private long seed = 42;
        private Path path = Path.defaultPath();

        private Builder(Cell cell, int hidden, int features) {
            if (cell == null) throw new IllegalArgumentException("cell must not be null");
            if (hidden < 1) throw new IllegalArgumentException("hidden units must be at least 1, got " + hidden);
            if (features < 1) throw new IllegalArgumentException("features per step must be at least 1, got " + features);
            this.cell = cell;
            this.hidden = hidden;
            this.features = features;
        }

        /** Outputs at every step or at the last step only. */
        public Builder task(Task task) { this.task = task; return this; }
        /** Softmax cross-entropy (targets are distributions, e.g. one-hot) or squared error (linear outputs). */
        public Builder loss(Loss loss) { this.loss = loss; return this; }
        public Builder optimizer(Optimizer.Kind kind) { this.optimizer = kind; return this; }
        public Builder learningRate(double lr) { this.learningRate = lr; return this; }
        /** Momentum of SGD. */
        public Builder momentum(double mu) { this.momentum = mu; return this; }
        /** Gradient-norm clipping: all gradients scaled together so their joint L2 norm is at most {@code maxNorm}. */
        public Builder clipNorm(double maxNorm) { this.clipNorm = maxNorm; return this; }
        public Builder epochs(int epochs) { this.epochs = epochs; return this; }
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }
        /** Truncated BPTT in windows of {@code steps} steps (0: full BPTT). */
        public Builder truncation(int steps) { this.truncation = steps; return this; }
        /** Initial forget-gate bias of the LSTM (Gers et al.; Jozefowicz et al. recommend 1). */
        public Builder forgetBias(double b) { this.forgetBias = b; return this; }
        /** W_h = I and b = 0 at the start (IRNN, for the ReLU cell; the default there). */
        public Builder identityInit(boolean on) { this.identityInit = on; return this; }
        public Builder initialWeightStd(double std) { this.initialWeightStd = std; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder path(Path path) { this.path = path; return this; }

        public RnnConfig build() {
            if (task == null || loss == null || optimizer == null || path == null) throw new IllegalArgumentException("task, loss, optimizer and path must not be null");
            if (loss != Loss.SOFTMAX_CROSS_ENTROPY && loss != Loss.SQUARED_ERROR) {
                throw new IllegalArgumentException("loss must be softmax_cross_entropy or squared_error, got " + loss.id());
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
            if (!(clipNorm > 0)) throw new IllegalArgumentException("clip norm must be positive (or infinite for none), got " + clipNorm);
            if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            if (truncation < 0) throw new IllegalArgumentException("truncation must be 0 (full BPTT) or a number of steps, got " + truncation);
            if (!Double.isFinite(forgetBias)) throw new IllegalArgumentException("forget bias must be finite, got " + forgetBias);
            if (!(initialWeightStd >= 0) || !Double.isFinite(initialWeightStd)) throw new IllegalArgumentException("initial weight std must be finite and non-negative, got " + initialWeightStd);
            if (Boolean.TRUE.equals(identityInit) && cell == Cell.LSTM) throw new IllegalArgumentException("identity initialisation is for Elman cells (tanh, relu), not the LSTM");
            return new RnnConfig(this);
        }
    }
}
