package io.latentj.models.linear;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How to fit a {@link ProbabilisticPCA}. Immutable; build with {@link #builder(int)}. */
public final class PpcaConfig {
    /** How the maximum-likelihood parameters are found. */
    public enum Method {
        /** Tipping and Bishop's closed form from the eigen-decomposition of the sample covariance. */
        CLOSED_FORM,
        /** Their EM algorithm from a seeded random start (O(q·d²) per iteration on the covariance). */
        EM
    }

    private final int components;
    private final Method method;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;
    private final Path path;

    private PpcaConfig(Builder b) {
        components = b.components;
        method = b.method;
        maxIterations = b.maxIterations;
        tolerance = b.tolerance;
        seed = b.seed;
        path = b.path;
    }

    /** A builder for q = {@code components} latent dimensions. */
    public static Builder builder(int components) {
        return new Builder(components);
    }

    public int components() { return components; }
    public Method method() { return method; }
    /** Most EM iterations (M-steps). */
    public int maxIterations() { return maxIterations; }
    /**
     * EM stops when the mean log-likelihood per sample has risen by less than this per iteration on average over the
     * last 10 iterations; one flat step does not stop it. A fit that reaches {@link #maxIterations()} reports
     * {@code converged=false}.
     */
    public double tolerance() { return tolerance; }
    /** Seed of the EM start. */
    public long seed() { return seed; }
    public Path path() { return path; }

    public Builder toBuilder() {
        return new Builder(components).method(method).maxIterations(maxIterations).tolerance(tolerance).seed(seed).path(path);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("components", Integer.toString(components));
        m.put("method", method.name().toLowerCase(Locale.ROOT));
        m.put("max_iterations", Integer.toString(maxIterations));
        m.put("tolerance", Double.toString(tolerance));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing ones keep defaults. */
    public static PpcaConfig fromMap(Map<String, String> m) {
        Builder b = builder(Integer.parseInt(m.getOrDefault("components", "1")));
        if (m.containsKey("method")) {
            try {
                b.method(Method.valueOf(m.get("method").trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown method '" + m.get("method") + "': expected closed_form or em");
            }
        }
        if (m.containsKey("max_iterations")) b.maxIterations(Integer.parseInt(m.get("max_iterations")));
        if (m.containsKey("tolerance")) b.tolerance(Double.parseDouble(m.get("tolerance")));
        if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        return b.build();
    }

    @Override
    public String toString() {
        return "PpcaConfig" + toMap();
    }

    public static final class Builder {
        private final int components;
        private Method method = Method.CLOSED_FORM;
        private int maxIterations = 1000;
        private double tolerance = 1e-7;
        private long seed;
        private Path path = Path.defaultPath();

        private Builder(int components) {
            if (components < 1) throw new IllegalArgumentException("components must be at least 1, got " + components);
            this.components = components;
        }

        public Builder method(Method v) {
            if (v == null) throw new IllegalArgumentException("method must not be null");
            method = v;
            return this;
        }

        public Builder maxIterations(int v) {
            if (v < 0) throw new IllegalArgumentException("max iterations must not be negative, got " + v);
            maxIterations = v;
            return this;
        }

        public Builder tolerance(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("tolerance must be finite and non-negative, got " + v);
            tolerance = v;
            return this;
        }

        public Builder seed(long v) { seed = v; return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public PpcaConfig build() { return new PpcaConfig(this); }
    }
}
