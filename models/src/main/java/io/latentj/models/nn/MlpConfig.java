package io.latentj.models.nn;

import io.latentj.simd.Path;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to train an {@link MlpClassifier}: the hidden layers (sizes and one activation for all of them), the optimiser,
 * the minibatch schedule, regularisation and the seed. Immutable; build with {@link #builder(int...)}.
 *
 * <p>Defaults: ReLU hidden units, Adam with learning rate 0.001, 20 epochs of minibatches of 100, no weight decay, no
 * clipping, initial weights from N(0, σ²) with σ = √(2/inputs) for ReLU (He et al.) and √(2/(inputs + outputs))
 * otherwise (Glorot and Bengio), seed 42, the default path.
 */
public final class MlpConfig {
    private final int[] hiddenSizes;
    private final Activation hiddenActivation;
    private final Optimizer.Kind optimizer;
    private final double learningRate, momentum, weightDecay, clipNorm, initialWeightStd;
    private final int epochs, batchSize;
    private final long seed;
    private final Path path;

    private MlpConfig(Builder b) {
        hiddenSizes = b.hiddenSizes.clone();
        hiddenActivation = b.hiddenActivation;
        optimizer = b.optimizer;
        learningRate = b.learningRate;
        momentum = b.momentum;
        weightDecay = b.weightDecay;
        clipNorm = b.clipNorm;
        initialWeightStd = b.initialWeightStd;
        epochs = b.epochs;
        batchSize = b.batchSize;
        seed = b.seed;
        path = b.path;
    }

    /** A builder with the given hidden layer sizes, input side first (none: multinomial logistic regression). */
    public static Builder builder(int... hiddenSizes) { return new Builder(hiddenSizes); }

    public Builder toBuilder() {
        Builder b = new Builder(hiddenSizes);
        b.hiddenActivation = hiddenActivation;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.clipNorm = clipNorm;
        b.initialWeightStd = initialWeightStd;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.seed = seed;
        b.path = path;
        return b;
    }

    /** The hidden layer sizes, input side first (a copy). */
    public int[] hiddenSizes() { return hiddenSizes.clone(); }
    public int hiddenLayers() { return hiddenSizes.length; }
    public Activation hiddenActivation() { return hiddenActivation; }
    public Optimizer.Kind optimizer() { return optimizer; }
    public double learningRate() { return learningRate; }
    /** Momentum of SGD. */
    public double momentum() { return momentum; }
    public double weightDecay() { return weightDecay; }
    public double clipNorm() { return clipNorm; }
    /** Standard deviation of the initial weights; 0 means He (ReLU) or Glorot (otherwise) scaling. */
    public double initialWeightStd() { return initialWeightStd; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public long seed() { return seed; }
    public Path path() { return path; }

    /** The standard deviation of the initial weights of a layer of {@code inputs → outputs} units. */
    public double initialStd(int inputs, int outputs, Activation activation) {
        if (initialWeightStd > 0) return initialWeightStd;
        return activation == Activation.RELU ? Math.sqrt(2.0 / inputs) : Math.sqrt(2.0 / (inputs + outputs));
    }

    /** A fresh optimiser as this config describes. */
    public Optimizer newOptimizer() {
        Optimizer o = switch (optimizer) {
            case SGD -> Optimizer.sgd(learningRate, momentum);
            case ADAGRAD -> Optimizer.adagrad(learningRate);
            case ADAM -> Optimizer.adam(learningRate);
        };
        if (weightDecay > 0) o = o.withWeightDecay(weightDecay);
        if (Double.isFinite(clipNorm)) o = o.withClipNorm(clipNorm);
        return o;
    }

    /** The hyperparameters as strings (model-file metadata). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < hiddenSizes.length; i++) sizes.append(i == 0 ? "" : ",").append(hiddenSizes[i]);
        m.put("hidden_sizes", sizes.toString());
        m.put("hidden_activation", hiddenActivation.id());
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("momentum", Double.toString(momentum));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("clip_norm", Double.toString(clipNorm));
        m.put("initial_weight_std", Double.toString(initialWeightStd));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing keys keep their defaults. */
    public static MlpConfig fromMap(Map<String, String> m) {
        try {
            String s = m.getOrDefault("hidden_sizes", "").trim();
            int[] sizes = s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
            Builder b = builder(sizes);
            if (m.containsKey("hidden_activation")) b.hiddenActivation(Activation.parse(m.get("hidden_activation")));
            if (m.containsKey("optimizer")) b.optimizer(parseKind(m.get("optimizer")));
            if (m.containsKey("learning_rate")) b.learningRate(Double.parseDouble(m.get("learning_rate")));
            if (m.containsKey("momentum")) b.momentum(Double.parseDouble(m.get("momentum")));
            if (m.containsKey("weight_decay")) b.weightDecay(Double.parseDouble(m.get("weight_decay")));
            if (m.containsKey("clip_norm")) b.clipNorm(Double.parseDouble(m.get("clip_norm")));
            if (m.containsKey("initial_weight_std")) b.initialWeightStd(Double.parseDouble(m.get("initial_weight_std")));
            if (m.containsKey("epochs")) b.epochs(Integer.parseInt(m.get("epochs")));
            if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
            if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
            if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
            return b.build();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed MLP config: " + e.getMessage(), e);
        }
    }

    private static Optimizer.Kind parseKind(String s) {
        try {
            return Optimizer.Kind.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown optimizer '" + s + "': expected sgd, adagrad or adam");
        }
    }

    @Override
    public String toString() { return "MlpConfig" + toMap(); }

    /** Builder of {@link MlpConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final int[] hiddenSizes;
        private Activation hiddenActivation = Activation.RELU;
        private Optimizer.Kind optimizer = Optimizer.Kind.ADAM;
        private double learningRate = 0.001, momentum = 0.9, weightDecay = 0, clipNorm = Double.POSITIVE_INFINITY, initialWeightStd = 0;
        private int epochs = 20, batchSize = 100;
        private long seed = 42;
        private Path path = Path.defaultPath();

        private Builder(int[] hiddenSizes) {
            if (hiddenSizes == null) throw new IllegalArgumentException("hidden sizes must not be null (pass none for no hidden layer)");
            for (int i = 0; i < hiddenSizes.length; i++) {
                if (hiddenSizes[i] < 1) throw new IllegalArgumentException("hidden layer " + i + " has " + hiddenSizes[i] + " units, at least 1 is needed");
            }
            this.hiddenSizes = hiddenSizes.clone();
        }

        /** The activation of every hidden layer (not softmax). */
        public Builder hiddenActivation(Activation f) { this.hiddenActivation = f; return this; }
        public Builder optimizer(Optimizer.Kind kind) { this.optimizer = kind; return this; }
        public Builder learningRate(double lr) { this.learningRate = lr; return this; }
        /** Momentum of SGD. */
        public Builder momentum(double mu) { this.momentum = mu; return this; }
        /** L2 weight decay λ on the weights (not the biases). */
        public Builder weightDecay(double lambda) { this.weightDecay = lambda; return this; }
        /** Joint gradient-norm clipping (infinite: off). */
        public Builder clipNorm(double maxNorm) { this.clipNorm = maxNorm; return this; }
        /** Standard deviation of the initial weights (0: He or Glorot scaling). */
        public Builder initialWeightStd(double std) { this.initialWeightStd = std; return this; }
        public Builder epochs(int epochs) { this.epochs = epochs; return this; }
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder path(Path path) { this.path = path; return this; }

        public MlpConfig build() {
            if (hiddenActivation == null || optimizer == null || path == null) {
                throw new IllegalArgumentException("hidden activation, optimizer and path must not be null");
            }
            if (hiddenActivation == Activation.SOFTMAX) throw new IllegalArgumentException("softmax is the output layer's activation, not a hidden one");
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) throw new IllegalArgumentException("weight decay must be finite and non-negative, got " + weightDecay);
            if (!(clipNorm > 0)) throw new IllegalArgumentException("clip norm must be positive, got " + clipNorm);
            if (!(initialWeightStd >= 0) || !Double.isFinite(initialWeightStd)) throw new IllegalArgumentException("initial weight std must be finite and non-negative, got " + initialWeightStd);
            if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            return new MlpConfig(this);
        }
    }
}
