package io.latentj.models.sparse;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to learn and apply a {@link KMeansDictionary}. Immutable; build with {@link #builder(int)}. Defaults follow
 * Coates &amp; Ng: per-sample normalisation with ε = 10 (for raw pixel values in 0..255; use a value near the
 * samples' variance scale otherwise), ZCA whitening with ε = 0.1, 10 iterations of spherical k-means, soft threshold
 * α = 0.25.
 */
public final class KMeansConfig {
    /** The feature map applied to a (pre-processed) sample z. */
    public enum Encoding {
        /** f_j = max(0, D_j·z − α) (Coates &amp; Ng 2011, "soft threshold"). */
        SOFT_THRESHOLD,
        /** f_j = max(0, μ(dist) − dist_j), dist_j = ‖z − D_j‖, μ the mean over j (Coates, Lee &amp; Ng 2011, "triangle"). */
        TRIANGLE
    }

    /** How the centroids are learned. */
    public enum Clustering {
        /**
         * Spherical k-means (Coates &amp; Ng 2012): unit-norm centroids, each sample assigned to the centroid of largest
         * |D_j·z| and added with weight D_j·z.
         */
        SPHERICAL,
        /**
         * Lloyd's k-means on squared Euclidean distances (Coates, Lee &amp; Ng 2011): each sample goes to its nearest
         * centroid, each centroid becomes the mean of its samples; stops early when no assignment changes.
         */
        EUCLIDEAN
    }

    private final int centroids;
    private final int iterations;
    private final Clustering clustering;
    private final boolean normalize;
    private final double normalizeEpsilon;
    private final boolean whiten;
    private final double whitenEpsilon;
    private final Encoding encoding;
    private final double alpha;
    private final long seed;
    private final Path path;

    private KMeansConfig(Builder b) {
        centroids = b.centroids;
        iterations = b.iterations;
        clustering = b.clustering;
        normalize = b.normalize;
        normalizeEpsilon = b.normalizeEpsilon;
        whiten = b.whiten;
        whitenEpsilon = b.whitenEpsilon;
        encoding = b.encoding;
        alpha = b.alpha;
        seed = b.seed;
        path = b.path;
    }

    public static Builder builder(int centroids) { return new Builder(centroids); }

    public Builder toBuilder() {
        Builder b = new Builder(centroids);
        b.iterations = iterations;
        b.clustering = clustering;
        b.normalize = normalize;
        b.normalizeEpsilon = normalizeEpsilon;
        b.whiten = whiten;
        b.whitenEpsilon = whitenEpsilon;
        b.encoding = encoding;
        b.alpha = alpha;
        b.seed = seed;
        b.path = path;
        return b;
    }

    public int centroids() { return centroids; }
    public int iterations() { return iterations; }
    public Clustering clustering() { return clustering; }
    /** Per-sample normalisation x ← (x − mean(x)) / sqrt(var(x) + ε) (variance over the d features, divided by d). */
    public boolean normalize() { return normalize; }
    public double normalizeEpsilon() { return normalizeEpsilon; }
    /** ZCA whitening W = V·diag(1/sqrt(λ + ε))·Vᵀ from the eigendecomposition of the training covariance (needs LAPACK). */
    public boolean whiten() { return whiten; }
    public double whitenEpsilon() { return whitenEpsilon; }
    public Encoding encoding() { return encoding; }
    /** The threshold α of {@link Encoding#SOFT_THRESHOLD}. */
    public double alpha() { return alpha; }
    public long seed() { return seed; }
    public Path path() { return path; }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("centroids", Integer.toString(centroids));
        m.put("iterations", Integer.toString(iterations));
        m.put("clustering", clustering.name().toLowerCase(Locale.ROOT));
        m.put("normalize", Boolean.toString(normalize));
        m.put("normalize_epsilon", Double.toString(normalizeEpsilon));
        m.put("whiten", Boolean.toString(whiten));
        m.put("whiten_epsilon", Double.toString(whitenEpsilon));
        m.put("encoding", encoding.name().toLowerCase(Locale.ROOT));
        m.put("alpha", Double.toString(alpha));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing keys keep their defaults. */
    public static KMeansConfig fromMap(Map<String, String> m) {
        Builder b = builder(Integer.parseInt(m.getOrDefault("centroids", "1")));
        if (m.containsKey("iterations")) b.iterations(Integer.parseInt(m.get("iterations")));
        if (m.containsKey("clustering")) b.clustering(Clustering.valueOf(m.get("clustering").trim().toUpperCase(Locale.ROOT)));
        if (m.containsKey("normalize") || m.containsKey("normalize_epsilon")) {
            b.normalize(Boolean.parseBoolean(m.getOrDefault("normalize", "true")), Double.parseDouble(m.getOrDefault("normalize_epsilon", "10")));
        }
        if (m.containsKey("whiten") || m.containsKey("whiten_epsilon")) {
            b.whiten(Boolean.parseBoolean(m.getOrDefault("whiten", "true")), Double.parseDouble(m.getOrDefault("whiten_epsilon", "0.1")));
        }
        if (m.containsKey("encoding")) b.encoding(Encoding.valueOf(m.get("encoding").toUpperCase(Locale.ROOT)));
        if (m.containsKey("alpha")) b.alpha(Double.parseDouble(m.get("alpha")));
        if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        return b.build();
    }

    public static final class Builder {
        private final int centroids;
        private int iterations = 10;
        private Clustering clustering = Clustering.SPHERICAL;
        private boolean normalize = true;
        private double normalizeEpsilon = 10;
        private boolean whiten = true;
        private double whitenEpsilon = 0.1;
        private Encoding encoding = Encoding.SOFT_THRESHOLD;
        private double alpha = 0.25;
        private long seed = 0;
        private Path path = Path.defaultPath();

        private Builder(int centroids) {
            if (centroids < 1) throw new IllegalArgumentException("centroids must be at least 1, got " + centroids);
            this.centroids = centroids;
        }

        public Builder iterations(int v) {
            if (v < 0) throw new IllegalArgumentException("iterations must not be negative, got " + v);
            iterations = v;
            return this;
        }

        public Builder clustering(Clustering v) {
            if (v == null) throw new IllegalArgumentException("clustering must not be null");
            clustering = v;
            return this;
        }

        /** Per-sample normalisation on or off, with its ε (&gt; 0 when on, finite). */
        public Builder normalize(boolean on, double epsilon) {
            if (!(epsilon >= 0) || !Double.isFinite(epsilon) || on && epsilon == 0) {
                throw new IllegalArgumentException("normalize epsilon must be finite and > 0, got " + epsilon);
            }
            normalize = on;
            normalizeEpsilon = epsilon;
            return this;
        }

        /** ZCA whitening on or off, with its ε (&gt; 0 when on, finite). */
        public Builder whiten(boolean on, double epsilon) {
            if (!(epsilon >= 0) || !Double.isFinite(epsilon) || on && epsilon == 0) {
                throw new IllegalArgumentException("whiten epsilon must be finite and > 0, got " + epsilon);
            }
            whiten = on;
            whitenEpsilon = epsilon;
            return this;
        }

        public Builder encoding(Encoding v) {
            if (v == null) throw new IllegalArgumentException("encoding must not be null");
            encoding = v;
            return this;
        }

        public Builder alpha(double v) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("alpha must be finite, got " + v);
            alpha = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public KMeansConfig build() { return new KMeansConfig(this); }
    }
}
