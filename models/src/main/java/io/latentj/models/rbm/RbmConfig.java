package io.latentj.models.rbm;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to train a restricted Boltzmann machine. Immutable; build with {@link #builder(int)}. Defaults follow
 * Hinton's "A Practical Guide to Training Restricted Boltzmann Machines" (2010): weights from N(0, 0.01²), momentum
 * 0.5 for the first five epochs then 0.9, a small L2 weight cost, mean-field (probability) statistics wherever the
 * guide prefers them. Persistent CD anneals its learning rate linearly to zero by default, as Tieleman (2008)
 * does, and keeps its momentum at 0.5: with a constant rate and momentum 0.9 the persistent chains chase a moving
 * model and end far below CD-1. On 4×4 bars and stripes (16 hidden, 300 epochs, 5 seeds, exact likelihood) CD-1
 * ends at −7.27 nats, PCD with a constant rate and momentum 0.9 at −14.6, PCD with these defaults at −5.5.
 */
public final class RbmConfig {
    /** How the learning rate changes over the epochs. */
    public enum Schedule {
        /** lr / (1 + decay · epoch): constant when the decay is 0. */
        INVERSE,
        /** lr · (1 − epoch / epochs): linearly towards zero over the run (Tieleman 2008); the decay is not used. */
        LINEAR
    }

    private final int hidden;
    private final double learningRate;
    private final double learningRateDecay;
    private final Schedule schedule; // null: the default for the method (see schedule())
    private final int epochs;
    private final int batchSize;
    private final int k;
    private final boolean persistent;
    private final double initialMomentum;
    private final double finalMomentum; // NaN: the default for the method (see finalMomentum())
    private final int momentumSwitchEpoch;
    private final double weightCost;
    private final double sparsityTarget;
    private final double sparsityCost;
    private final boolean sampleVisible;
    private final double initialWeightStd;
    private final long seed;
    private final Path path;
    private final int monitorSamples;

    private RbmConfig(Builder b) {
        hidden = b.hidden;
        learningRate = b.learningRate;
        learningRateDecay = b.learningRateDecay;
        schedule = b.schedule;
        epochs = b.epochs;
        batchSize = b.batchSize;
        k = b.k;
        persistent = b.persistent;
        initialMomentum = b.initialMomentum;
        finalMomentum = b.finalMomentum;
        momentumSwitchEpoch = b.momentumSwitchEpoch;
        weightCost = b.weightCost;
        sparsityTarget = b.sparsityTarget;
        sparsityCost = b.sparsityCost;
        sampleVisible = b.sampleVisible;
        initialWeightStd = b.initialWeightStd;
        seed = b.seed;
        path = b.path;
        monitorSamples = b.monitorSamples;
    }

    /** A builder for an RBM with {@code hidden} hidden units. */
    public static Builder builder(int hidden) {
        return new Builder(hidden);
    }

    public Builder toBuilder() {
        Builder b = new Builder(hidden);
        b.learningRate = learningRate;
        b.learningRateDecay = learningRateDecay;
        b.schedule = schedule;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.k = k;
        b.persistent = persistent;
        b.initialMomentum = initialMomentum;
        b.finalMomentum = finalMomentum;
        b.momentumSwitchEpoch = momentumSwitchEpoch;
        b.weightCost = weightCost;
        b.sparsityTarget = sparsityTarget;
        b.sparsityCost = sparsityCost;
        b.sampleVisible = sampleVisible;
        b.initialWeightStd = initialWeightStd;
        b.seed = seed;
        b.path = path;
        b.monitorSamples = monitorSamples;
        return b;
    }

    public int hidden() { return hidden; }
    public double learningRate() { return learningRate; }
    public double learningRateDecay() { return learningRateDecay; }
    /** The learning-rate schedule: {@link Schedule#LINEAR} for persistent CD and {@link Schedule#INVERSE} otherwise, unless set. */
    public Schedule schedule() { return schedule != null ? schedule : persistent ? Schedule.LINEAR : Schedule.INVERSE; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    /** Gibbs steps per negative phase (the k of CD-k). */
    public int k() { return k; }
    /** Persistent contrastive divergence: negative chains carry over between minibatches. */
    public boolean persistent() { return persistent; }
    public double initialMomentum() { return initialMomentum; }
    /** The momentum from {@link #momentumSwitchEpoch()} on: unless set, 0.9 for CD-k and 0.5 for persistent CD. */
    public double finalMomentum() { return !Double.isNaN(finalMomentum) ? finalMomentum : persistent ? 0.5 : 0.9; }
    /** First epoch (0-based) trained with {@link #finalMomentum()}. */
    public int momentumSwitchEpoch() { return momentumSwitchEpoch; }
    /** L2 weight cost λ: the update follows gradient − λ·W. */
    public double weightCost() { return weightCost; }
    /** Target mean activation of each hidden unit, or NaN when sparsity is off. */
    public double sparsityTarget() { return sparsityTarget; }
    public double sparsityCost() { return sparsityCost; }
    /** Sample binary visible states in the negative phase instead of using their probabilities. */
    public boolean sampleVisible() { return sampleVisible; }
    public double initialWeightStd() { return initialWeightStd; }
    public long seed() { return seed; }
    public Path path() { return path; }
    /** Rows of the training data (and of the held-out data) on which each epoch's monitors are computed; 0 turns them off. */
    public int monitorSamples() { return monitorSamples; }

    /** The learning rate in epoch {@code epoch} (0-based) under the {@link #schedule()}. */
    public double learningRate(int epoch) {
        return switch (schedule()) {
            case INVERSE -> learningRate / (1 + learningRateDecay * epoch);
            case LINEAR -> learningRate * (1 - (double) Math.min(epoch, epochs) / Math.max(epochs, 1));
        };
    }

    public double momentum(int epoch) {
        return epoch < momentumSwitchEpoch ? initialMomentum : finalMomentum();
    }

    /** The hyperparameters as strings, for model-file metadata. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", Integer.toString(hidden));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("learning_rate_decay", Double.toString(learningRateDecay));
        m.put("learning_rate_schedule", schedule().name().toLowerCase(java.util.Locale.ROOT));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("k", Integer.toString(k));
        m.put("persistent", Boolean.toString(persistent));
        m.put("initial_momentum", Double.toString(initialMomentum));
        m.put("final_momentum", Double.toString(finalMomentum()));
        m.put("momentum_switch_epoch", Integer.toString(momentumSwitchEpoch));
        m.put("weight_cost", Double.toString(weightCost));
        m.put("sparsity_target", Double.toString(sparsityTarget));
        m.put("sparsity_cost", Double.toString(sparsityCost));
        m.put("sample_visible", Boolean.toString(sampleVisible));
        m.put("initial_weight_std", Double.toString(initialWeightStd));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
        m.put("monitor_samples", Integer.toString(monitorSamples));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing keys keep their defaults. */
    public static RbmConfig fromMap(Map<String, String> m) {
        Builder b = builder(Integer.parseInt(m.getOrDefault("hidden", "1")));
        if (m.containsKey("learning_rate")) b.learningRate(Double.parseDouble(m.get("learning_rate")));
        if (m.containsKey("learning_rate_decay")) b.learningRateDecay(Double.parseDouble(m.get("learning_rate_decay")));
        // files written before the schedule existed trained with lr / (1 + decay · epoch)
        String schedule = m.getOrDefault("learning_rate_schedule", "inverse");
        try {
            b.schedule(Schedule.valueOf(schedule.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learning_rate_schedule '" + schedule + "' is not one of inverse, linear");
        }
        if (m.containsKey("epochs")) b.epochs(Integer.parseInt(m.get("epochs")));
        if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
        if (m.containsKey("k")) b.k(Integer.parseInt(m.get("k")));
        if (m.containsKey("persistent")) b.persistent(Boolean.parseBoolean(m.get("persistent")));
        if (m.containsKey("initial_momentum") || m.containsKey("final_momentum")) {
            b.momentum(Double.parseDouble(m.getOrDefault("initial_momentum", "0.5")),
                    Double.parseDouble(m.getOrDefault("final_momentum", "0.9")),
                    Integer.parseInt(m.getOrDefault("momentum_switch_epoch", "5")));
        }
        if (m.containsKey("weight_cost")) b.weightCost(Double.parseDouble(m.get("weight_cost")));
        if (m.containsKey("sparsity_target")) {
            b.sparsity(Double.parseDouble(m.get("sparsity_target")), Double.parseDouble(m.getOrDefault("sparsity_cost", "0")));
        }
        if (m.containsKey("sample_visible")) b.sampleVisible(Boolean.parseBoolean(m.get("sample_visible")));
        if (m.containsKey("initial_weight_std")) b.initialWeightStd(Double.parseDouble(m.get("initial_weight_std")));
        if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        if (m.containsKey("monitor_samples")) b.monitorSamples(Integer.parseInt(m.get("monitor_samples")));
        return b.build();
    }

    @Override
    public String toString() {
        return "RbmConfig" + toMap();
    }

    /** Builder with the practical guide's defaults. */
    public static final class Builder {
        private final int hidden;
        private double learningRate = 0.05;
        private double learningRateDecay = 0;
        private Schedule schedule; // null: LINEAR for persistent CD, INVERSE otherwise
        private int epochs = 10;
        private int batchSize = 100;
        private int k = 1;
        private boolean persistent = false;
        private double initialMomentum = 0.5;
        private double finalMomentum = Double.NaN; // 0.9 for CD-k, 0.5 for persistent CD
        private int momentumSwitchEpoch = 5;
        private double weightCost = 1e-4;
        private double sparsityTarget = Double.NaN;
        private double sparsityCost = 0;
        private boolean sampleVisible = false;
        private double initialWeightStd = 0.01;
        private long seed = 0;
        private Path path = Path.defaultPath();
        private int monitorSamples = 1000;

        private Builder(int hidden) {
            if (hidden < 1) throw new IllegalArgumentException("hidden units must be at least 1, got " + hidden);
            this.hidden = hidden;
        }

        private static double check(String name, double v, double min, double max) {
            if (!(v >= min && v <= max)) throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
            return v;
        }

        public Builder learningRate(double v) { learningRate = check("learning rate", v, 0, 1e3); return this; }
        public Builder learningRateDecay(double v) { learningRateDecay = check("learning rate decay", v, 0, 1e6); return this; }
        /** The learning-rate schedule; by default {@link Schedule#LINEAR} for persistent CD, {@link Schedule#INVERSE} otherwise. */
        public Builder schedule(Schedule v) {
            if (v == null) throw new IllegalArgumentException("learning-rate schedule must not be null");
            schedule = v;
            return this;
        }
        public Builder epochs(int v) { epochs = (int) check("epochs", v, 0, 1e9); return this; }
        public Builder batchSize(int v) { batchSize = (int) check("batch size", v, 1, 1e7); return this; }
        public Builder k(int v) { k = (int) check("k (Gibbs steps)", v, 1, 1e6); return this; }
        public Builder persistent(boolean v) { persistent = v; return this; }

        public Builder momentum(double initial, double last, int switchEpoch) {
            initialMomentum = check("initial momentum", initial, 0, 0.999);
            finalMomentum = check("final momentum", last, 0, 0.999);
            momentumSwitchEpoch = (int) check("momentum switch epoch", switchEpoch, 0, 1e9);
            return this;
        }

        public Builder weightCost(double v) { weightCost = check("weight cost", v, 0, 1e3); return this; }

        /** Sparsity target p for the mean hidden activation, and the cost of deviating from it; NaN target = off. */
        public Builder sparsity(double target, double cost) {
            if (!Double.isNaN(target)) check("sparsity target", target, 1e-6, 1 - 1e-6);
            sparsityTarget = target;
            sparsityCost = check("sparsity cost", cost, 0, 1e3);
            return this;
        }

        public Builder sampleVisible(boolean v) { sampleVisible = v; return this; }
        public Builder initialWeightStd(double v) { initialWeightStd = check("initial weight std", v, 0, 10); return this; }
        public Builder seed(long v) { seed = v; return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public Builder monitorSamples(int v) { monitorSamples = (int) check("monitor samples", v, 0, 1e9); return this; }

        public RbmConfig build() {
            return new RbmConfig(this);
        }
    }
}
