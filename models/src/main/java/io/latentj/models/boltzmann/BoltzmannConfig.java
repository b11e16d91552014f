package io.latentj.models.boltzmann;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to train a general {@link BoltzmannMachine} (Salakhutdinov &amp; Hinton style): persistent fantasy particles
 * for the negative phase ({@code particles} chains, {@code gibbsSweeps} sequential Gibbs sweeps per update) and a
 * mean-field positive phase (q(h|v) by {@link #meanField()}, which is also the model's {@code transform}).
 * Immutable; build with {@link #builder(int)}. Defaults: learning rate 0.01, batch 100, 100 particles, one sweep,
 * momentum 0.5 then 0.9 from epoch 5, weight cost 1e-4 on all couplings, W from N(0, 0.01²), L and J from 0.
 */
public final class BoltzmannConfig {
    private final int hidden;
    private final double learningRate;
    private final double learningRateDecay;
    private final int epochs;
    private final int batchSize;
    private final int particles;
    private final int gibbsSweeps;
    private final double initialMomentum;
    private final double finalMomentum;
    private final int momentumSwitchEpoch;
    private final double weightCost;
    private final double initialWeightStd;
    private final boolean visibleCouplings;
    private final boolean hiddenCouplings;
    private final MeanField meanField;
    private final long seed;
    private final Path path;
    private final int monitorSamples;

    private BoltzmannConfig(Builder b) {
        hidden = b.hidden;
        learningRate = b.learningRate;
        learningRateDecay = b.learningRateDecay;
        epochs = b.epochs;
        batchSize = b.batchSize;
        particles = b.particles;
        gibbsSweeps = b.gibbsSweeps;
        initialMomentum = b.initialMomentum;
        finalMomentum = b.finalMomentum;
        momentumSwitchEpoch = b.momentumSwitchEpoch;
        weightCost = b.weightCost;
        initialWeightStd = b.initialWeightStd;
        visibleCouplings = b.visibleCouplings;
        hiddenCouplings = b.hiddenCouplings;
        meanField = b.meanField;
        seed = b.seed;
        path = b.path;
        monitorSamples = b.monitorSamples;
    }

    /** A builder for a machine with {@code hidden} hidden units. */
    public static Builder builder(int hidden) {
        return new Builder(hidden);
    }

    public Builder toBuilder() {
        Builder b = new Builder(hidden);
        b.learningRate = learningRate;
        b.learningRateDecay = learningRateDecay;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.particles = particles;
        b.gibbsSweeps = gibbsSweeps;
        b.initialMomentum = initialMomentum;
        b.finalMomentum = finalMomentum;
        b.momentumSwitchEpoch = momentumSwitchEpoch;
        b.weightCost = weightCost;
        b.initialWeightStd = initialWeightStd;
        b.visibleCouplings = visibleCouplings;
        b.hiddenCouplings = hiddenCouplings;
        b.meanField = meanField;
        b.seed = seed;
        b.path = path;
        b.monitorSamples = monitorSamples;
        return b;
    }

    public int hidden() { return hidden; }
    public double learningRate() { return learningRate; }
    public double learningRateDecay() { return learningRateDecay; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    /** Persistent fantasy particles (Gibbs chains) of the negative phase. */
    public int particles() { return particles; }
    /** Sequential Gibbs sweeps of the particles per parameter update. */
    public int gibbsSweeps() { return gibbsSweeps; }
    public double initialMomentum() { return initialMomentum; }
    public double finalMomentum() { return finalMomentum; }
    public int momentumSwitchEpoch() { return momentumSwitchEpoch; }
    /** L2 weight cost on W, L and J. */
    public double weightCost() { return weightCost; }
    public double initialWeightStd() { return initialWeightStd; }
    /** Whether the visible-visible couplings L are learned (false: L stays 0). */
    public boolean visibleCouplings() { return visibleCouplings; }
    /** Whether the hidden-hidden couplings J are learned (false: J stays 0, and the machine is an RBM). */
    public boolean hiddenCouplings() { return hiddenCouplings; }
    /** Mean-field settings of the positive phase and of {@code transform}. */
    public MeanField meanField() { return meanField; }
    public long seed() { return seed; }
    public Path path() { return path; }
    /** Training rows on which each epoch's exact log-likelihood is computed (small machines only); 0 turns it off. */
    public int monitorSamples() { return monitorSamples; }

    /** The learning rate in epoch {@code epoch} (0-based): lr / (1 + decay · epoch). */
    public double learningRate(int epoch) {
        return learningRate / (1 + learningRateDecay * epoch);
    }

    public double momentum(int epoch) {
        return epoch < momentumSwitchEpoch ? initialMomentum : finalMomentum;
    }

    /** The hyperparameters as strings, for model-file metadata. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", Integer.toString(hidden));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("learning_rate_decay", Double.toString(learningRateDecay));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("particles", Integer.toString(particles));
        m.put("gibbs_sweeps", Integer.toString(gibbsSweeps));
        m.put("initial_momentum", Double.toString(initialMomentum));
        m.put("final_momentum", Double.toString(finalMomentum));
        m.put("momentum_switch_epoch", Integer.toString(momentumSwitchEpoch));
        m.put("weight_cost", Double.toString(weightCost));
        m.put("initial_weight_std", Double.toString(initialWeightStd));
        m.put("visible_couplings", Boolean.toString(visibleCouplings));
        m.put("hidden_couplings", Boolean.toString(hiddenCouplings));
        m.putAll(meanField.toMap("mean_field."));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
        m.put("monitor_samples", Integer.toString(monitorSamples));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing keys keep their defaults. */
    public static BoltzmannConfig fromMap(Map<String, String> m) {
        try {
            Builder b = builder(Integer.parseInt(m.getOrDefault("hidden", "1")));
            if (m.containsKey("learning_rate")) b.learningRate(Double.parseDouble(m.get("learning_rate")));
            if (m.containsKey("learning_rate_decay")) b.learningRateDecay(Double.parseDouble(m.get("learning_rate_decay")));
            if (m.containsKey("epochs")) b.epochs(Integer.parseInt(m.get("epochs")));
            if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
            if (m.containsKey("particles")) b.particles(Integer.parseInt(m.get("particles")));
            if (m.containsKey("gibbs_sweeps")) b.gibbsSweeps(Integer.parseInt(m.get("gibbs_sweeps")));
            if (m.containsKey("initial_momentum") || m.containsKey("final_momentum")) {
                b.momentum(Double.parseDouble(m.getOrDefault("initial_momentum", "0.5")),
                        Double.parseDouble(m.getOrDefault("final_momentum", "0.9")),
                        Integer.parseInt(m.getOrDefault("momentum_switch_epoch", "5")));
            }
            if (m.containsKey("weight_cost")) b.weightCost(Double.parseDouble(m.get("weight_cost")));
            if (m.containsKey("initial_weight_std")) b.initialWeightStd(Double.parseDouble(m.get("initial_weight_std")));
            if (m.containsKey("visible_couplings")) b.visibleCouplings(Boolean.parseBoolean(m.get("visible_couplings")));
            if (m.containsKey("hidden_couplings")) b.hiddenCouplings(Boolean.parseBoolean(m.get("hidden_couplings")));
            b.meanField(MeanField.fromMap(m, "mean_field."));
            if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
            if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
            if (m.containsKey("monitor_samples")) b.monitorSamples(Integer.parseInt(m.get("monitor_samples")));
            return b.build();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config value is not a number: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "BoltzmannConfig" + toMap();
    }

    /** Builder with the defaults listed on {@link BoltzmannConfig}. */
    public static final class Builder {
        private final int hidden;
        private double learningRate = 0.01;
        private double learningRateDecay = 0;
        private int epochs = 10;
        private int batchSize = 100;
        private int particles = 100;
        private int gibbsSweeps = 1;
        private double initialMomentum = 0.5;
        private double finalMomentum = 0.9;
        private int momentumSwitchEpoch = 5;
        private double weightCost = 1e-4;
        private double initialWeightStd = 0.01;
        private boolean visibleCouplings = true;
        private boolean hiddenCouplings = true;
        private MeanField meanField = MeanField.builder().build();
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
        public Builder epochs(int v) { epochs = (int) check("epochs", v, 0, 1e9); return this; }
        public Builder batchSize(int v) { batchSize = (int) check("batch size", v, 1, 1e7); return this; }
        public Builder particles(int v) { particles = (int) check("particles", v, 1, 1e7); return this; }
        public Builder gibbsSweeps(int v) { gibbsSweeps = (int) check("Gibbs sweeps", v, 1, 1e6); return this; }

        public Builder momentum(double initial, double last, int switchEpoch) {
            initialMomentum = check("initial momentum", initial, 0, 0.999);
            finalMomentum = check("final momentum", last, 0, 0.999);
            momentumSwitchEpoch = (int) check("momentum switch epoch", switchEpoch, 0, 1e9);
            return this;
        }

        public Builder weightCost(double v) { weightCost = check("weight cost", v, 0, 1e3); return this; }
        public Builder initialWeightStd(double v) { initialWeightStd = check("initial weight std", v, 0, 10); return this; }
        public Builder visibleCouplings(boolean v) { visibleCouplings = v; return this; }
        public Builder hiddenCouplings(boolean v) { hiddenCouplings = v; return this; }

        public Builder meanField(MeanField v) {
            if (v == null) throw new IllegalArgumentException("mean field must not be null");
            meanField = v;
            return this;
        }

        public Builder seed(long v) { seed = v; return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public Builder monitorSamples(int v) { monitorSamples = (int) check("monitor samples", v, 0, 1e9); return this; }

        public BoltzmannConfig build() {
            return new BoltzmannConfig(this);
        }
    }
}
