package io.latentj.models.mixture;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to fit a {@link GaussianMixture} by EM. Immutable; build with {@link #builder(int)}, or {@link #softKMeans}
 * for soft k-means. Defaults follow scikit-learn: full covariances, tolerance 1e-3 on the mean log-likelihood, at most
 * 100 iterations, {@code regCovar} 1e-6, k-means initialisation.
 */
public final class GaussianMixtureConfig {
    /** The shape of each component's covariance. */
    public enum CovarianceType {
        /** σ²_k·I: one variance per component. */
        SPHERICAL,
        /** diag(σ²_k): one variance per component and column. */
        DIAGONAL,
        /** A full symmetric positive definite d×d matrix per component. */
        FULL
    }

    /** How the EM start is found (both seeded). */
    public enum Init {
        /** k-means++ seeding (greedy, Arthur and Vassilvitskii 2007), then Lloyd's k-means; one M-step from its labels. */
        KMEANS,
        /** k-means++ seeding only; one M-step from the labels of the nearest seed. */
        KMEANS_PLUS_PLUS
    }

    private final int components;
    private final CovarianceType covariance;
    private final Init init;
    private final double tolerance;
    private final int maxIterations;
    private final double regCovar;
    private final double fixedVariance;
    private final long seed;
    private final Path path;

    private GaussianMixtureConfig(Builder b) {
        components = b.components;
        covariance = b.covariance;
        init = b.init;
        tolerance = b.tolerance;
        maxIterations = b.maxIterations;
        regCovar = b.regCovar;
        fixedVariance = b.fixedVariance;
        seed = b.seed;
        path = b.path;
    }

    /** A builder for a mixture of {@code components} Gaussians. */
    public static Builder builder(int components) {
        return new Builder(components);
    }

    /**
     * Soft k-means (MacKay 2003, ch. 20): responsibilities ∝ exp(−β·‖x − m_k‖²/2) with stiffness β, equal weights, and
     * only the means updated — a spherical mixture whose components share the fixed variance 1/β.
     */
    public static Builder softKMeans(int components, double stiffness) {
        if (!(stiffness > 0) || Double.isInfinite(stiffness)) throw new IllegalArgumentException("stiffness must be finite and positive, got " + stiffness);
        Builder b = new Builder(components).covariance(CovarianceType.SPHERICAL);
        b.fixedVariance = 1 / stiffness;
        return b;
    }

    /** Number of components K. */
    public int components() { return components; }
    public CovarianceType covariance() { return covariance; }
    public Init init() { return init; }
    /** EM stops when the mean log-likelihood per sample changes by less than this per iteration on average over the last three iterations. */
    public double tolerance() { return tolerance; }
    /** Most EM iterations. */
    public int maxIterations() { return maxIterations; }
    /** Added to every variance (the diagonal of every covariance), keeping them positive definite. */
    public double regCovar() { return regCovar; }
    /** The shared variance of soft k-means (weights and variances then stay fixed), or NaN for a plain mixture. */
    public double fixedVariance() { return fixedVariance; }
    /** True for soft k-means: only the means are fitted. */
    public boolean isSoftKMeans() { return !Double.isNaN(fixedVariance); }
    /** Seed of the k-means++ initialisation. */
    public long seed() { return seed; }
    public Path path() { return path; }

    public Builder toBuilder() {
        Builder b = new Builder(components).covariance(covariance).init(init).tolerance(tolerance).maxIterations(maxIterations)
                .regCovar(regCovar).seed(seed).path(path);
        b.fixedVariance = fixedVariance;
        return b;
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("components", Integer.toString(components));
        m.put("covariance", covariance.name().toLowerCase(Locale.ROOT));
        m.put("init", init.name().toLowerCase(Locale.ROOT));
        m.put("tolerance", Double.toString(tolerance));
        m.put("max_iterations", Integer.toString(maxIterations));
        m.put("reg_covar", Double.toString(regCovar));
        m.put("fixed_variance", Double.toString(fixedVariance));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing ones keep defaults. */
    public static GaussianMixtureConfig fromMap(Map<String, String> m) {
        int k = Integer.parseInt(m.getOrDefault("components", "1"));
        double fixed = Double.parseDouble(m.getOrDefault("fixed_variance", "NaN"));
        Builder b = Double.isNaN(fixed) ? builder(k) : softKMeans(k, 1 / fixed);
        if (m.containsKey("covariance")) b.covariance(parse(CovarianceType.class, m.get("covariance"), "spherical, diagonal or full"));
        if (m.containsKey("init")) b.init(parse(Init.class, m.get("init"), "kmeans or kmeans_plus_plus"));
        if (m.containsKey("tolerance")) b.tolerance(Double.parseDouble(m.get("tolerance")));
        if (m.containsKey("max_iterations")) b.maxIterations(Integer.parseInt(m.get("max_iterations")));
        if (m.containsKey("reg_covar")) b.regCovar(Double.parseDouble(m.get("reg_covar")));
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
        return "GaussianMixtureConfig" + toMap();
    }

    public static final class Builder {
        private final int components;
        private CovarianceType covariance = CovarianceType.FULL;
        private Init init = Init.KMEANS;
        private double tolerance = 1e-3;
        private int maxIterations = 100;
        private double regCovar = 1e-6;
        private double fixedVariance = Double.NaN;
        private long seed;
        private Path path = Path.defaultPath();

        private Builder(int components) {
            if (components < 1) throw new IllegalArgumentException("components must be at least 1, got " + components);
            this.components = components;
        }

        public Builder covariance(CovarianceType v) {
            if (v == null) throw new IllegalArgumentException("covariance type must not be null");
            covariance = v;
            return this;
        }

        public Builder init(Init v) {
            if (v == null) throw new IllegalArgumentException("init must not be null");
            init = v;
            return this;
        }

        public Builder tolerance(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("tolerance must be finite and non-negative, got " + v);
            tolerance = v;
            return this;
        }

        public Builder maxIterations(int v) {
            if (v < 1) throw new IllegalArgumentException("max iterations must be at least 1, got " + v);
            maxIterations = v;
            return this;
        }

        public Builder regCovar(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("reg_covar must be finite and non-negative, got " + v);
            regCovar = v;
            return this;
        }

        public Builder seed(long v) { seed = v; return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public GaussianMixtureConfig build() {
            if (!Double.isNaN(fixedVariance) && covariance != CovarianceType.SPHERICAL) {
                throw new IllegalArgumentException("soft k-means is a spherical mixture, not " + covariance.name().toLowerCase(Locale.ROOT));
            }
            return new GaussianMixtureConfig(this);
        }
    }
}
