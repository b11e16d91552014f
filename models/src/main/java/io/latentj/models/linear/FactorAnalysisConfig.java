package io.latentj.models.linear;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to fit a {@link FactorAnalysis} (EM or the scaled-eigen iteration, see {@link Method}). Immutable; build with {@link #builder(int)}. Noise variances are kept
 * at or above {@code noiseFloor} times the mean column variance of the data (default 1e-6), which keeps Ψ⁻¹ finite
 * for constant columns and Heywood cases.
 */
public final class FactorAnalysisConfig {
    /** How the maximum-likelihood parameters are sought; both work on the sample covariance only. */
    public enum Method {
        /**
         * EM (Rubin &amp; Thayer 1982): O(q·d²) GEMMs per iteration; the log-likelihood never decreases, but many
         * iterations may be needed.
         */
        EM,
        /**
         * The scaled-eigen iteration (Barber 2012, BRML Algorithm 21.1; scikit-learn's method): given Ψ, the exact
         * maximum-likelihood W = Ψ^½·U_q·(Λ_q − I)₊^½ from the q leading eigenpairs of Ψ^−½·S·Ψ^−½ (by warm-started
         * subspace iteration), then Ψ = diag(S − WWᵀ). Converges in far fewer iterations; the best iterate is kept.
         */
        EIGEN
    }

    private final int components;
    private final Method method;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;
    private final double noiseFloor;
    private final Path path;

    private FactorAnalysisConfig(Builder b) {
        components = b.components;
        method = b.method;
        maxIterations = b.maxIterations;
        tolerance = b.tolerance;
        seed = b.seed;
        noiseFloor = b.noiseFloor;
        path = b.path;
    }

    /** A builder for q = {@code components} latent dimensions. */
    public static Builder builder(int components) {
        return new Builder(components);
    }

    public int components() { return components; }
    public Method method() { return method; }
    /**
     * Most iterations (M-steps), default 10,000: EM's gains shrink slowly (3,329 iterations for q = 10 on 5,000
     * Fashion-MNIST images, where 1,000 leave it 1.1 nats per sample short); a fit that reaches the cap reports
     * {@code converged=false}.
     */
    public int maxIterations() { return maxIterations; }
    /**
     * The fit stops when the mean log-likelihood per sample has risen by less than this per iteration on average
     * over the last iterations (10 for EM, 3 for the scaled-eigen method); one flat step does not stop it.
     */
    public double tolerance() { return tolerance; }
    /** Seed of the EM start. */
    public long seed() { return seed; }
    /** Lower bound of each noise variance, relative to the mean column variance of the data. */
    public double noiseFloor() { return noiseFloor; }
    public Path path() { return path; }

    public Builder toBuilder() {
        return new Builder(components).method(method).maxIterations(maxIterations).tolerance(tolerance).seed(seed).noiseFloor(noiseFloor).path(path);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("components", Integer.toString(components));
        m.put("method", method.name().toLowerCase(Locale.ROOT));
        m.put("max_iterations", Integer.toString(maxIterations));
        m.put("tolerance", Double.toString(tolerance));
        m.put("seed", Long.toString(seed));
        m.put("noise_floor", Double.toString(noiseFloor));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing ones keep defaults. */
    public static FactorAnalysisConfig fromMap(Map<String, String> m) {
        Builder b = builder(Integer.parseInt(m.getOrDefault("components", "1")));
        if (m.containsKey("method")) {
            try {
                b.method(Method.valueOf(m.get("method").trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown method '" + m.get("method") + "': expected em or eigen");
            }
        }
        if (m.containsKey("max_iterations")) b.maxIterations(Integer.parseInt(m.get("max_iterations")));
        if (m.containsKey("tolerance")) b.tolerance(Double.parseDouble(m.get("tolerance")));
        if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
        if (m.containsKey("noise_floor")) b.noiseFloor(Double.parseDouble(m.get("noise_floor")));
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        return b.build();
    }

    @Override
    public String toString() {
        return "FactorAnalysisConfig" + toMap();
    }

    public static final class Builder {
        private final int components;
        private Method method = Method.EM;
        private int maxIterations = 10_000;
        private double tolerance = 1e-7;
        private long seed;
        private double noiseFloor = 1e-6;
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

        public Builder noiseFloor(double v) {
            if (!(v > 0 && v < 1)) throw new IllegalArgumentException("noise floor must be in (0, 1), got " + v);
            noiseFloor = v;
            return this;
        }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public FactorAnalysisConfig build() { return new FactorAnalysisConfig(this); }
    }
}
