package io.latentj.models.linear;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to fit a {@link FastICA}. Immutable; build with {@link #builder()} (all components of the data) or
 * {@link #builder(int)}. Defaults follow Hyvärinen (1999) and scikit-learn: symmetric (parallel) iteration, the
 * log cosh contrast with α = 1, tolerance 1e-4, at most 200 iterations.
 */
public final class FastIcaConfig {
    /** How the unmixing rows are found. */
    public enum Algorithm {
        /** All rows at once, each iteration followed by symmetric decorrelation W ← (WWᵀ)^(−1/2)·W. */
        SYMMETRIC,
        /** One row after another, each kept orthogonal to the rows found before (Gram–Schmidt deflation). */
        DEFLATION
    }

    /** The contrast G whose derivative g drives the fixed-point update w ← E[x·g(wᵀx)] − E[g'(wᵀx)]·w. */
    public enum Contrast {
        /** G(u) = log cosh(αu)/α, g = tanh(αu): a good general-purpose contrast. */
        LOGCOSH,
        /** G(u) = −e^(−u²/2), g = u·e^(−u²/2): robust, for highly super-Gaussian sources. */
        EXP,
        /** G(u) = u⁴/4, g = u³: kurtosis; fast but sensitive to outliers. */
        CUBE
    }

    private final int components;
    private final Algorithm algorithm;
    private final Contrast contrast;
    private final double alpha;
    private final double tolerance;
    private final int maxIterations;
    private final long seed;
    private final Path path;

    private FastIcaConfig(Builder b) {
        components = b.components;
        algorithm = b.algorithm;
        contrast = b.contrast;
        alpha = b.alpha;
        tolerance = b.tolerance;
        maxIterations = b.maxIterations;
        seed = b.seed;
        path = b.path;
    }

    /** A builder that keeps as many components as the data has columns (and rows allow). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that keeps {@code components} independent components (the leading principal subspace is whitened). */
    public static Builder builder(int components) {
        if (components < 1) throw new IllegalArgumentException("components must be at least 1, got " + components);
        Builder b = new Builder();
        b.components = components;
        return b;
    }

    /** The requested number of components, or 0 for min(rows, columns) of the data. */
    public int components() { return components; }
    public Algorithm algorithm() { return algorithm; }
    public Contrast contrast() { return contrast; }
    /** α of the log cosh contrast (in [1, 2]). */
    public double alpha() { return alpha; }
    /** Iteration stops when every unmixing row moved by less than this: max over rows of | |w_new·w_old| − 1 | &lt; tolerance. */
    public double tolerance() { return tolerance; }
    public int maxIterations() { return maxIterations; }
    /** Seed of the random (Gaussian) initial unmixing matrix. */
    public long seed() { return seed; }
    public Path path() { return path; }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.components = components;
        return b.algorithm(algorithm).contrast(contrast).alpha(alpha).tolerance(tolerance).maxIterations(maxIterations).seed(seed).path(path);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("components", Integer.toString(components));
        m.put("algorithm", algorithm.name().toLowerCase(Locale.ROOT));
        m.put("contrast", contrast.name().toLowerCase(Locale.ROOT));
        m.put("alpha", Double.toString(alpha));
        m.put("tolerance", Double.toString(tolerance));
        m.put("max_iterations", Integer.toString(maxIterations));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing ones keep defaults. */
    public static FastIcaConfig fromMap(Map<String, String> m) {
        int k = Integer.parseInt(m.getOrDefault("components", "0"));
        Builder b = k > 0 ? builder(k) : builder();
        if (m.containsKey("algorithm")) b.algorithm(parse(Algorithm.class, m.get("algorithm"), "symmetric or deflation"));
        if (m.containsKey("contrast")) b.contrast(parse(Contrast.class, m.get("contrast"), "logcosh, exp or cube"));
        if (m.containsKey("alpha")) b.alpha(Double.parseDouble(m.get("alpha")));
        if (m.containsKey("tolerance")) b.tolerance(Double.parseDouble(m.get("tolerance")));
        if (m.containsKey("max_iterations")) b.maxIterations(Integer.parseInt(m.get("max_iterations")));
        if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        return b.build();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String v, String expected) {
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " '" + v + "': expected " + expected);
        }
    }

    @Override
    public String toString() {
        return "FastIcaConfig" + toMap();
    }

    public static final class Builder {
        private int components;
        private Algorithm algorithm = Algorithm.SYMMETRIC;
        private Contrast contrast = Contrast.LOGCOSH;
        private double alpha = 1;
        private double tolerance = 1e-4;
        private int maxIterations = 200;
        private long seed;
        private Path path = Path.defaultPath();

        private Builder() {}

        public Builder algorithm(Algorithm v) {
            if (v == null) throw new IllegalArgumentException("algorithm must not be null");
            algorithm = v;
            return this;
        }

        public Builder contrast(Contrast v) {
            if (v == null) throw new IllegalArgumentException("contrast must not be null");
            contrast = v;
            return this;
        }

        public Builder alpha(double v) {
            if (!(v >= 1 && v <= 2)) throw new IllegalArgumentException("alpha must be in [1, 2], got " + v);
            alpha = v;
            return this;
        }

        public Builder tolerance(double v) {
            if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("tolerance must be finite and positive, got " + v);
            tolerance = v;
            return this;
        }

        public Builder maxIterations(int v) {
            if (v < 1) throw new IllegalArgumentException("max iterations must be at least 1, got " + v);
            maxIterations = v;
            return this;
        }

        public Builder seed(long v) { seed = v; return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public FastIcaConfig build() { return new FastIcaConfig(this); }
    }
}
