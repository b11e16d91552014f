package io.latentj.models.linear;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to fit a {@link PCA}. Immutable; build with {@link #components(int)} (a fixed number of components) or
 * {@link #varianceFraction(double)} (the fewest components whose explained-variance ratios sum to at least the
 * fraction).
 */
public final class PcaConfig {
    /** How the principal axes are computed. */
    public enum Solver {
        /**
         * Eigen-decomposition of the covariance matrix: one read of the data (blocked SYRK about a provisional
         * mean), then LAPACK {@code dsyevr} for just the k leading eigenpairs when a count is given, {@code dsyevd}
         * for all of them when a variance fraction is; the pure-Java Jacobi method when OpenBLAS is not loaded.
         * Cheap when rows ≫ columns.
         */
        EIGEN,
        /** Thin SVD of the centred data (LAPACK {@code sgesdd}); needs OpenBLAS. Avoids squaring the condition number. */
        SVD,
        /** Covariance eigen-decomposition by the pure-Java cyclic Jacobi method even when LAPACK is there. */
        JACOBI
    }

    private final int components;
    private final double varianceFraction;
    private final boolean whiten;
    private final Solver solver;
    private final Path path;

    private PcaConfig(Builder b) {
        components = b.components;
        varianceFraction = b.varianceFraction;
        whiten = b.whiten;
        solver = b.solver;
        path = b.path;
    }

    /** Keep {@code k} components. */
    public static Builder components(int k) {
        if (k < 1) throw new IllegalArgumentException("components must be at least 1, got " + k);
        Builder b = new Builder();
        b.components = k;
        return b;
    }

    /**
     * Keep the fewest components whose explained-variance ratios sum to at least {@code fraction} ∈ (0, 1] (to a
     * relative 1e-6, the rounding level of a float covariance: 1 keeps the components of non-zero variance).
     */
    public static Builder varianceFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("variance fraction must be in (0, 1], got " + fraction);
        Builder b = new Builder();
        b.varianceFraction = fraction;
        return b;
    }

    /** The requested number of components, or 0 when chosen by {@link #varianceFraction()}. */
    public int components() { return components; }
    /** The requested explained-variance fraction, or NaN when a count was given. */
    public double varianceFraction() { return varianceFraction; }
    /** Scale each code to unit variance over the training data (divide by √explained variance). */
    public boolean whiten() { return whiten; }
    public Solver solver() { return solver; }
    public Path path() { return path; }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.components = components;
        b.varianceFraction = varianceFraction;
        b.whiten = whiten;
        b.solver = solver;
        b.path = path;
        return b;
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("components", Integer.toString(components));
        m.put("variance_fraction", Double.toString(varianceFraction));
        m.put("whiten", Boolean.toString(whiten));
        m.put("solver", solver.name().toLowerCase(Locale.ROOT));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored. */
    public static PcaConfig fromMap(Map<String, String> m) {
        int k = Integer.parseInt(m.getOrDefault("components", "0"));
        Builder b = k > 0 ? components(k) : varianceFraction(Double.parseDouble(m.getOrDefault("variance_fraction", "1")));
        if (m.containsKey("whiten")) b.whiten(Boolean.parseBoolean(m.get("whiten")));
        if (m.containsKey("solver")) {
            try {
                b.solver(Solver.valueOf(m.get("solver").trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown solver '" + m.get("solver") + "': expected eigen, svd or jacobi");
            }
        }
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        return b.build();
    }

    @Override
    public String toString() {
        return "PcaConfig" + toMap();
    }

    public static final class Builder {
        private int components;
        private double varianceFraction = Double.NaN;
        private boolean whiten;
        private Solver solver = Solver.EIGEN;
        private Path path = Path.defaultPath();

        private Builder() {}

        public Builder whiten(boolean v) { whiten = v; return this; }

        public Builder solver(Solver v) {
            if (v == null) throw new IllegalArgumentException("solver must not be null");
            solver = v;
            return this;
        }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public PcaConfig build() { return new PcaConfig(this); }
    }
}
