package io.latentj.models.energy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How {@link EnergyTrainer} runs a learning rule: epochs, minibatches, the optimiser and the seed. Immutable. */
public final class EnergyTrainingConfig {
    /** The parameter update. */
    public enum Optimizer {
        /** Classical momentum: v ← μv − lr(∇L + λθ); θ ← θ + v. */
        SGD,
        /** Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) with L2 weight decay λ added to the gradient. */
        ADAM
    }

    private final int epochs, batchSize;
    private final double learningRate, momentum, weightDecay;
    private final Optimizer optimizer;
    private final long seed;

    private EnergyTrainingConfig(Builder b) {
        epochs = b.epochs;
        batchSize = b.batchSize;
        learningRate = b.learningRate;
        momentum = b.momentum;
        weightDecay = b.weightDecay;
        optimizer = b.optimizer;
        seed = b.seed;
    }

    public static Builder builder() { return new Builder(); }

    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public double learningRate() { return learningRate; }
    public double momentum() { return momentum; }
    public double weightDecay() { return weightDecay; }
    public Optimizer optimizer() { return optimizer; }
    public long seed() { return seed; }

    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).momentum(momentum)
                .weightDecay(weightDecay).optimizer(optimizer).seed(seed);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("momentum", Double.toString(momentum));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing ones take defaults. */
    public static EnergyTrainingConfig fromMap(Map<String, String> m) {
        Builder b = builder();
        if (m.containsKey("epochs")) b.epochs(Integer.parseInt(m.get("epochs")));
        if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
        if (m.containsKey("learning_rate")) b.learningRate(Double.parseDouble(m.get("learning_rate")));
        if (m.containsKey("momentum")) b.momentum(Double.parseDouble(m.get("momentum")));
        if (m.containsKey("weight_decay")) b.weightDecay(Double.parseDouble(m.get("weight_decay")));
        if (m.containsKey("optimizer")) {
            try {
                b.optimizer(Optimizer.valueOf(m.get("optimizer").trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown optimizer '" + m.get("optimizer") + "': expected sgd or adam");
            }
        }
        if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
        return b.build();
    }

    @Override
    public String toString() {
        return "EnergyTrainingConfig" + toMap();
    }

    public static final class Builder {
        private int epochs = 20, batchSize = 100;
        private double learningRate = 0.01, momentum = 0.9, weightDecay = 0;
        private Optimizer optimizer = Optimizer.SGD;
        private long seed = 1;

        private Builder() {}

        public Builder epochs(int v) {
            if (v < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + v);
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            if (v < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + v);
            batchSize = v;
            return this;
        }

        public Builder learningRate(double v) {
            if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException("learning rate must be positive, got " + v);
            learningRate = v;
            return this;
        }

        public Builder momentum(double v) {
            if (!(v >= 0 && v < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + v);
            momentum = v;
            return this;
        }

        public Builder weightDecay(double v) {
            if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("weight decay must be non-negative, got " + v);
            weightDecay = v;
            return this;
        }

        public Builder optimizer(Optimizer v) {
            if (v == null) throw new IllegalArgumentException("optimizer must not be null");
            optimizer = v;
            return this;
        }

        public Builder seed(long v) { seed = v; return this; }

        public EnergyTrainingConfig build() { return new EnergyTrainingConfig(this); }
    }
}
