package io.latentj.models.words;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to train word vectors by contrastive window scoring ({@link WordVectors}). Immutable; build with
 * {@link #builder()}. Defaults follow Collobert &amp; Weston's window model at a small scale: 50-dimensional vectors,
 * windows of 5, 100 hidden units, tanh, AdaGrad on the network and plain SGD on the looked-up vectors.
 */
public final class WindowScorerConfig {
    private final int dimension, window, hidden, epochs, batchSize, negatives, minCount;
    private final Activation activation;
    private final Optimizer.Kind optimizer;
    private final double learningRate, embeddingLearningRate;
    private final long seed;
    private final Path path;

    private WindowScorerConfig(Builder b) {
        dimension = b.dimension;
        window = b.window;
        hidden = b.hidden;
        epochs = b.epochs;
        batchSize = b.batchSize;
        negatives = b.negatives;
        minCount = b.minCount;
        activation = b.activation;
        optimizer = b.optimizer;
        learningRate = b.learningRate;
        embeddingLearningRate = b.embeddingLearningRate;
        seed = b.seed;
        path = b.path;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int dimension() { return dimension; }
    public int window() { return window; }
    public int hidden() { return hidden; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public int negatives() { return negatives; }
    public int minCount() { return minCount; }
    public Activation activation() { return activation; }
    public Optimizer.Kind optimizer() { return optimizer; }
    public double learningRate() { return learningRate; }
    public double embeddingLearningRate() { return embeddingLearningRate; }
    public long seed() { return seed; }
    public Path path() { return path; }

    /** The settings as strings (model-file metadata). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dimension", Integer.toString(dimension));
        m.put("window", Integer.toString(window));
        m.put("hidden", Integer.toString(hidden));
        m.put("activation", activation.id());
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("embedding_learning_rate", Double.toString(embeddingLearningRate));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("negatives", Integer.toString(negatives));
        m.put("min_count", Integer.toString(minCount));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    public static final class Builder {
        private int dimension = 50, window = 5, hidden = 100, epochs = 5, batchSize = 100, negatives = 1, minCount = 1;
        private Activation activation = Activation.TANH;
        private Optimizer.Kind optimizer = Optimizer.Kind.ADAGRAD;
        private double learningRate = 0.05, embeddingLearningRate = 0.1;
        private long seed;
        private Path path = Path.defaultPath();

        private static int positive(String what, int v) {
            if (v < 1) throw new IllegalArgumentException(what + " must be at least 1, got " + v);
            return v;
        }

        private static double rate(String what, double v) {
            if (!(v > 0 && v < 1e3)) throw new IllegalArgumentException(what + " must be in (0, 1000), got " + v);
            return v;
        }

        public Builder dimension(int v) { dimension = positive("dimension", v); return this; }

        /** Words per window: odd, the centre word in the middle. */
        public Builder window(int v) {
            if (v < 1 || v % 2 == 0 || v > 101) throw new IllegalArgumentException("window must be odd and in [1, 101], got " + v);
            window = v;
            return this;
        }

        public Builder hidden(int v) { hidden = positive("hidden units", v); return this; }
        public Builder epochs(int v) { epochs = positive("epochs", v); return this; }
        public Builder batchSize(int v) { batchSize = positive("batch size", v); return this; }
        /** Corrupted windows per true window. */
        public Builder negatives(int v) { negatives = positive("negatives", v); return this; }
        /** Words seen fewer times become {@link Vocabulary#UNK}. */
        public Builder minCount(int v) { minCount = positive("min count", v); return this; }

        public Builder activation(Activation v) {
            if (v == null || v == Activation.SOFTMAX) throw new IllegalArgumentException("the hidden activation must be elementwise, got " + v);
            activation = v;
            return this;
        }

        public Builder optimizer(Optimizer.Kind v) {
            if (v == null) throw new IllegalArgumentException("optimizer must not be null");
            optimizer = v;
            return this;
        }

        public Builder learningRate(double v) { learningRate = rate("learning rate", v); return this; }
        /** Step of plain SGD on the rows of the lookup table that a minibatch used. */
        public Builder embeddingLearningRate(double v) { embeddingLearningRate = rate("embedding learning rate", v); return this; }
        public Builder seed(long v) { seed = v; return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public WindowScorerConfig build() {
            return new WindowScorerConfig(this);
        }
    }
}
