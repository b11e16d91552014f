package io.latentj.models.dbn;

import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to train a deep belief net (Hinton, Osindero &amp; Teh 2006). Immutable; build with {@link #builder()}.
 *
 * <ul>
 * <li>{@link #layers()}: one {@link RbmConfig} per RBM of the greedy stack, bottom first (its hidden size, learning
 *     rate, epochs, batch size, k, momentum, weight cost, initial weight scale); the seed and path of each layer
 *     come from this config ({@link #seed()} + layer index, {@link #path()}).</li>
 * <li>{@link #gaussianVisible()}: the bottom RBM has Gaussian visible units of unit variance (data standardised per
 *     column); it then needs at least two layers (the top RBM is always binary).</li>
 * <li>{@link #transposeInit()}: a new layer whose hidden size equals the visible size of the layer below starts as
 *     that layer's transpose (the variational bound is then initially tight).</li>
 * <li>{@link #classes()}: K label units joined to the penultimate layer in the top RBM (0: none).</li>
 * <li>Up-down fine-tuning (contrastive wake-sleep) after the greedy stage: {@link #upDownEpochs()} (0: none),
 *     {@link #upDownLearningRate()}, {@link #upDownGibbsSteps()} in the top RBM, {@link #upDownBatchSize()}.</li>
 * </ul>
 */
public final class DbnConfig {
    private final List<RbmConfig> layers;
    private final boolean gaussianVisible;
    private final boolean transposeInit;
    private final int classes;
    private final int upDownEpochs;
    private final double upDownLearningRate;
    private final int upDownGibbsSteps;
    private final int upDownBatchSize;
    private final long seed;
    private final Path path;

    private DbnConfig(Builder b) {
        layers = List.copyOf(b.layers);
        gaussianVisible = b.gaussianVisible;
        transposeInit = b.transposeInit;
        classes = b.classes;
        upDownEpochs = b.upDownEpochs;
        upDownLearningRate = b.upDownLearningRate;
        upDownGibbsSteps = b.upDownGibbsSteps;
        upDownBatchSize = b.upDownBatchSize;
        seed = b.seed;
        path = b.path;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.layers.addAll(layers);
        b.gaussianVisible = gaussianVisible;
        b.transposeInit = transposeInit;
        b.classes = classes;
        b.upDownEpochs = upDownEpochs;
        b.upDownLearningRate = upDownLearningRate;
        b.upDownGibbsSteps = upDownGibbsSteps;
        b.upDownBatchSize = upDownBatchSize;
        b.seed = seed;
        b.path = path;
        return b;
    }

    public List<RbmConfig> layers() { return layers; }
    public boolean gaussianVisible() { return gaussianVisible; }
    public boolean transposeInit() { return transposeInit; }
    public int classes() { return classes; }
    public int upDownEpochs() { return upDownEpochs; }
    public double upDownLearningRate() { return upDownLearningRate; }
    public int upDownGibbsSteps() { return upDownGibbsSteps; }
    public int upDownBatchSize() { return upDownBatchSize; }
    public long seed() { return seed; }
    public Path path() { return path; }

    /** The config layer {@code l} (0-based) is trained with: its own settings, this config's path and seed + l. */
    RbmConfig layer(int l) {
        return layers.get(l).toBuilder().seed(seed + 1000003L * (l + 1)).path(path).monitorSamples(0).build();
    }

    /** The hyperparameters as strings, for model-file metadata: layer l's settings are prefixed {@code layer<l>.} (1-based). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layers", Integer.toString(layers.size()));
        for (int l = 0; l < layers.size(); l++) {
            String prefix = "layer" + (l + 1) + ".";
            layers.get(l).toMap().forEach((k, v) -> m.put(prefix + k, v));
        }
        m.put("gaussian_visible", Boolean.toString(gaussianVisible));
        m.put("transpose_init", Boolean.toString(transposeInit));
        m.put("classes", Integer.toString(classes));
        m.put("up_down_epochs", Integer.toString(upDownEpochs));
        m.put("up_down_learning_rate", Double.toString(upDownLearningRate));
        m.put("up_down_gibbs_steps", Integer.toString(upDownGibbsSteps));
        m.put("up_down_batch_size", Integer.toString(upDownBatchSize));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    /**
     * Rebuilds a config from {@link #toMap()}'s output; missing keys keep their defaults, a layer without its own
     * {@code path} takes the net's.
     */
    public static DbnConfig fromMap(Map<String, String> m) {
        Builder b = builder();
        int n = Integer.parseInt(m.getOrDefault("layers", "0"));
        for (int l = 0; l < n; l++) {
            String prefix = "layer" + (l + 1) + ".";
            Map<String, String> sub = new LinkedHashMap<>();
            m.forEach((k, v) -> { if (k.startsWith(prefix)) sub.put(k.substring(prefix.length()), v); });
            if (m.containsKey("path")) sub.putIfAbsent("path", m.get("path")); // a layer without its own path runs on the net's
            b.layer(RbmConfig.fromMap(sub));
        }
        if (m.containsKey("gaussian_visible")) b.gaussianVisible(Boolean.parseBoolean(m.get("gaussian_visible")));
        if (m.containsKey("transpose_init")) b.transposeInit(Boolean.parseBoolean(m.get("transpose_init")));
        if (m.containsKey("classes")) b.classes(Integer.parseInt(m.get("classes")));
        if (m.containsKey("up_down_epochs")) {
            b.upDown(Integer.parseInt(m.get("up_down_epochs")), Double.parseDouble(m.getOrDefault("up_down_learning_rate", "0.01")),
                    Integer.parseInt(m.getOrDefault("up_down_gibbs_steps", "3")), Integer.parseInt(m.getOrDefault("up_down_batch_size", "100")));
        }
        if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        return b.build();
    }

    @Override
    public String toString() {
        return "DbnConfig" + toMap();
    }

    public static final class Builder {
        private final List<RbmConfig> layers = new ArrayList<>();
        private boolean gaussianVisible;
        private boolean transposeInit;
        private int classes;
        private int upDownEpochs;
        private double upDownLearningRate = 0.01;
        private int upDownGibbsSteps = 3;
        private int upDownBatchSize = 100;
        private long seed;
        private Path path = Path.defaultPath();

        private Builder() {}

        /** Appends the next RBM of the stack (bottom first). */
        public Builder layer(RbmConfig config) {
            if (config == null) throw new IllegalArgumentException("layer config must not be null");
            layers.add(config);
            return this;
        }

        /** Appends one layer per hidden size, each with {@code template}'s other settings. */
        public Builder layers(RbmConfig template, int... hidden) {
            for (int h : hidden) {
                Map<String, String> m = new LinkedHashMap<>(template.toMap());
                m.put("hidden", Integer.toString(h));
                layers.add(RbmConfig.fromMap(m));
            }
            return this;
        }

        public Builder gaussianVisible(boolean v) { gaussianVisible = v; return this; }
        public Builder transposeInit(boolean v) { transposeInit = v; return this; }

        /** K label units in the top RBM (0: none; otherwise at least 2). */
        public Builder classes(int k) {
            if (k < 0 || k == 1 || k > 1_000_000) throw new IllegalArgumentException("classes must be 0 (no label units) or 2..1e6, got " + k);
            classes = k;
            return this;
        }

        /** Up-down fine-tuning: epochs (0: none), learning rate, Gibbs steps in the top RBM per minibatch, batch size. */
        public Builder upDown(int epochs, double learningRate, int gibbsSteps, int batchSize) {
            if (epochs < 0) throw new IllegalArgumentException("up-down epochs must not be negative, got " + epochs);
            if (!(learningRate >= 0 && learningRate <= 1e3)) throw new IllegalArgumentException("up-down learning rate must be in [0, 1000], got " + learningRate);
            if (gibbsSteps < 1) throw new IllegalArgumentException("up-down Gibbs steps must be at least 1, got " + gibbsSteps);
            if (batchSize < 1) throw new IllegalArgumentException("up-down batch size must be at least 1, got " + batchSize);
            upDownEpochs = epochs;
            upDownLearningRate = learningRate;
            upDownGibbsSteps = gibbsSteps;
            upDownBatchSize = batchSize;
            return this;
        }

        public Builder seed(long v) { seed = v; return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public DbnConfig build() {
            if (layers.isEmpty()) throw new IllegalArgumentException("a deep belief net needs at least one layer");
            if (gaussianVisible && layers.size() < 2) {
                throw new IllegalArgumentException("Gaussian visible units need at least two layers (the top RBM is binary)");
            }
            return new DbnConfig(this);
        }
    }
}
