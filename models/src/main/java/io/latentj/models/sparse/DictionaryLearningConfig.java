package io.latentj.models.sparse;

import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to learn a dictionary ({@link DictionaryLearning}). Immutable; build with {@link #builder(int)}. λ follows the
 * convention of {@link SparseCoder}: per sample ½‖x − Dᵀa‖² + λ‖a‖₁ (scikit-learn's {@code alpha}).
 */
public final class DictionaryLearningConfig {
    private final int atoms;
    private final double lambda;
    private final int iterations;
    private final int codingIterations;
    private final double codingTolerance;
    private final int dictionaryPasses;
    private final int batchSize;
    private final int epochs;
    private final double forgetting;
    private final long seed;
    private final Path path;

    private DictionaryLearningConfig(Builder b) {
        atoms = b.atoms;
        lambda = b.lambda;
        iterations = b.iterations;
        codingIterations = b.codingIterations;
        codingTolerance = b.codingTolerance;
        dictionaryPasses = b.dictionaryPasses;
        batchSize = b.batchSize;
        epochs = b.epochs;
        forgetting = b.forgetting;
        seed = b.seed;
        path = b.path;
    }

    /** A builder for a dictionary of {@code atoms} atoms. */
    public static Builder builder(int atoms) { return new Builder(atoms); }

    public Builder toBuilder() {
        Builder b = new Builder(atoms);
        b.lambda = lambda;
        b.iterations = iterations;
        b.codingIterations = codingIterations;
        b.codingTolerance = codingTolerance;
        b.dictionaryPasses = dictionaryPasses;
        b.batchSize = batchSize;
        b.epochs = epochs;
        b.forgetting = forgetting;
        b.seed = seed;
        b.path = path;
        return b;
    }

    public int atoms() { return atoms; }
    /** The ℓ1 weight λ. */
    public double lambda() { return lambda; }
    /** Alternating iterations (codes, then dictionary) of the batch algorithm. */
    public int iterations() { return iterations; }
    /** FISTA iteration cap per code step. */
    public int codingIterations() { return codingIterations; }
    /** FISTA relative-change tolerance per code step. */
    public double codingTolerance() { return codingTolerance; }
    /** Block-coordinate sweeps over the atoms per dictionary step (batch algorithm; the online one does one per minibatch). */
    public int dictionaryPasses() { return dictionaryPasses; }
    /** Minibatch size of the online algorithm. */
    public int batchSize() { return batchSize; }
    /** Passes over the data of the online algorithm. */
    public int epochs() { return epochs; }
    /** ρ of the online algorithm's forgetting factor β_t = (1 − 1/t)^ρ on the sufficient statistics (t counts minibatches). */
    public double forgetting() { return forgetting; }
    public long seed() { return seed; }
    public Path path() { return path; }

    /** The hyperparameters as strings, for model-file provenance. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("atoms", Integer.toString(atoms));
        m.put("lambda", Double.toString(lambda));
        m.put("iterations", Integer.toString(iterations));
        m.put("coding_iterations", Integer.toString(codingIterations));
        m.put("coding_tolerance", Double.toString(codingTolerance));
        m.put("dictionary_passes", Integer.toString(dictionaryPasses));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("forgetting", Double.toString(forgetting));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    public static final class Builder {
        private final int atoms;
        private double lambda = 0.1;
        private int iterations = 30;
        private int codingIterations = 300;
        private double codingTolerance = 1e-4;
        private int dictionaryPasses = 3;
        private int batchSize = 64;
        private int epochs = 5;
        private double forgetting = 1;
        private long seed = 0;
        private Path path = Path.defaultPath();

        private Builder(int atoms) {
            if (atoms < 1) throw new IllegalArgumentException("atoms must be at least 1, got " + atoms);
            this.atoms = atoms;
        }

        public Builder lambda(double v) {
            if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("lambda must be finite and >= 0, got " + v);
            lambda = v;
            return this;
        }

        public Builder iterations(int v) {
            if (v < 0) throw new IllegalArgumentException("iterations must not be negative, got " + v);
            iterations = v;
            return this;
        }

        public Builder codingIterations(int v) {
            if (v < 1) throw new IllegalArgumentException("codingIterations must be at least 1, got " + v);
            codingIterations = v;
            return this;
        }

        public Builder codingTolerance(double v) {
            if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("codingTolerance must be finite and >= 0, got " + v);
            codingTolerance = v;
            return this;
        }

        public Builder dictionaryPasses(int v) {
            if (v < 1) throw new IllegalArgumentException("dictionaryPasses must be at least 1, got " + v);
            dictionaryPasses = v;
            return this;
        }

        public Builder batchSize(int v) {
            if (v < 1) throw new IllegalArgumentException("batchSize must be at least 1, got " + v);
            batchSize = v;
            return this;
        }

        public Builder epochs(int v) {
            if (v < 0) throw new IllegalArgumentException("epochs must not be negative, got " + v);
            epochs = v;
            return this;
        }

        public Builder forgetting(double v) {
            if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("forgetting must be finite and >= 0, got " + v);
            forgetting = v;
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

        public DictionaryLearningConfig build() { return new DictionaryLearningConfig(this); }
    }
}
