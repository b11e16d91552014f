package io.latentj.models.energy;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to fit a Student-t {@link ProductOfExperts}: the number of experts, the learning rule (score matching, or
 * CD-k with HMC chains started at the data), the HMC settings, the training config and the kernel path. Immutable.
 */
public final class PoeConfig {
    /** The learning rule. */
    public enum Method {
        /** {@link ScoreMatching}: no sampling. */
        SCORE_MATCHING,
        /** {@link ContrastiveDivergence} CD-k with {@link HamiltonianMonteCarlo} transitions. */
        CD_HMC
    }

    private final int experts, cdSteps, leapfrogSteps;
    private final Method method;
    private final double stepSize;
    private final EnergyTrainingConfig training;
    private final Path path;

    private PoeConfig(Builder b) {
        experts = b.experts;
        method = b.method;
        cdSteps = b.cdSteps;
        leapfrogSteps = b.leapfrogSteps;
        stepSize = b.stepSize;
        training = b.training;
        path = b.path;
    }

    public static Builder builder(int experts) {
        if (experts < 1) throw new IllegalArgumentException("experts must be at least 1, got " + experts);
        Builder b = new Builder();
        b.experts = experts;
        return b;
    }

    public int experts() { return experts; }
    public Method method() { return method; }
    /** k of CD-k (HMC transitions per update). */
    public int cdSteps() { return cdSteps; }
    public int leapfrogSteps() { return leapfrogSteps; }
    public double stepSize() { return stepSize; }
    public EnergyTrainingConfig training() { return training; }
    public Path path() { return path; }

    public Builder toBuilder() {
        return builder(experts).method(method).cdSteps(cdSteps).leapfrogSteps(leapfrogSteps).stepSize(stepSize).training(training).path(path);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("experts", Integer.toString(experts));
        m.put("method", method.name().toLowerCase(Locale.ROOT));
        m.put("cd_steps", Integer.toString(cdSteps));
        m.put("leapfrog_steps", Integer.toString(leapfrogSteps));
        m.put("step_size", Double.toString(stepSize));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        training.toMap().forEach((k, v) -> m.put("training." + k, v));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output. */
    public static PoeConfig fromMap(Map<String, String> m) {
        Builder b = builder(Integer.parseInt(m.getOrDefault("experts", "0")));
        if (m.containsKey("method")) {
            try {
                b.method(Method.valueOf(m.get("method").trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown method '" + m.get("method") + "': expected score_matching or cd_hmc");
            }
        }
        if (m.containsKey("cd_steps")) b.cdSteps(Integer.parseInt(m.get("cd_steps")));
        if (m.containsKey("leapfrog_steps")) b.leapfrogSteps(Integer.parseInt(m.get("leapfrog_steps")));
        if (m.containsKey("step_size")) b.stepSize(Double.parseDouble(m.get("step_size")));
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        Map<String, String> t = new LinkedHashMap<>();
        m.forEach((k, v) -> { if (k.startsWith("training.")) t.put(k.substring(9), v); });
        b.training(EnergyTrainingConfig.fromMap(t));
        return b.build();
    }

    @Override
    public String toString() {
        return "PoeConfig" + toMap();
    }

    public static final class Builder {
        private int experts, cdSteps = 1, leapfrogSteps = 10;
        private Method method = Method.SCORE_MATCHING;
        private double stepSize = 0.05;
        private EnergyTrainingConfig training = EnergyTrainingConfig.builder().optimizer(EnergyTrainingConfig.Optimizer.ADAM).learningRate(0.005).build();
        private Path path = Path.defaultPath();

        private Builder() {}

        public Builder method(Method v) {
            if (v == null) throw new IllegalArgumentException("method must not be null");
            method = v;
            return this;
        }

        public Builder cdSteps(int v) {
            if (v < 1) throw new IllegalArgumentException("CD steps must be at least 1, got " + v);
            cdSteps = v;
            return this;
        }

        public Builder leapfrogSteps(int v) {
            if (v < 1) throw new IllegalArgumentException("leapfrog steps must be at least 1, got " + v);
            leapfrogSteps = v;
            return this;
        }

        public Builder stepSize(double v) {
            if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException("step size must be positive, got " + v);
            stepSize = v;
            return this;
        }

        public Builder training(EnergyTrainingConfig v) {
            if (v == null) throw new IllegalArgumentException("training config must not be null");
            training = v;
            return this;
        }

        /** Shorthand for the training config's epochs. */
        public Builder epochs(int v) { training = training.toBuilder().epochs(v).build(); return this; }

        /** Shorthand for the training config's batch size. */
        public Builder batchSize(int v) { training = training.toBuilder().batchSize(v).build(); return this; }

        /** Shorthand for the training config's seed. */
        public Builder seed(long v) { training = training.toBuilder().seed(v).build(); return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public PoeConfig build() { return new PoeConfig(this); }
    }
}
