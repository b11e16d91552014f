package io.latentj.models.dbn;

import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.Path;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to train a deep autoencoder (Hinton &amp; Salakhutdinov 2006). Immutable; build with {@link #builder(int...)}.
 *
 * <ul>
 * <li>{@link #hidden()}: the encoder's layer sizes, bottom first, the last being the linear code (e.g. 1000, 500,
 *     250, 30 for 784-pixel images).</li>
 * <li>Pre-training: a stack of RBMs trained greedily with {@link #pretraining()}'s settings (learning rate, epochs,
 *     batch size, k, momentum, weight cost, initial weight scale; its hidden size is ignored), the top RBM with
 *     Gaussian hidden units and learning rate {@link #codeLearningRate()} (the paper: 0.1 and 0.001).</li>
 * <li>Fine-tuning: the unrolled encoder and decoder (untied, initialised with the RBM weights and their transposes)
 *     trained by backpropagation of the reconstruction cross-entropy with Adam ({@link #fineTuneLearningRate()})
 *     for {@link #fineTuneEpochs()} epochs of minibatches of {@link #batchSize()}.</li>
 * </ul>
 */
public final class DeepAutoencoderConfig {
    private final int[] hidden;
    private final RbmConfig pretraining;
    private final double codeLearningRate;
    private final int fineTuneEpochs;
    private final double fineTuneLearningRate;
    private final int batchSize;
    private final long seed;
    private final Path path;

    private DeepAutoencoderConfig(Builder b) {
        hidden = b.hidden.clone();
        pretraining = b.pretraining;
        codeLearningRate = b.codeLearningRate;
        fineTuneEpochs = b.fineTuneEpochs;
        fineTuneLearningRate = b.fineTuneLearningRate;
        batchSize = b.batchSize;
        seed = b.seed;
        path = b.path;
    }

    /** A builder for an encoder with these layer sizes (the last is the code). */
    public static Builder builder(int... hidden) {
        return new Builder(hidden);
    }

    public Builder toBuilder() {
        Builder b = new Builder(hidden);
        b.pretraining = pretraining;
        b.codeLearningRate = codeLearningRate;
        b.fineTuneEpochs = fineTuneEpochs;
        b.fineTuneLearningRate = fineTuneLearningRate;
        b.batchSize = batchSize;
        b.seed = seed;
        b.path = path;
        return b;
    }

    public int[] hidden() { return hidden.clone(); }
    public int codeSize() { return hidden[hidden.length - 1]; }
    public RbmConfig pretraining() { return pretraining; }
    public double codeLearningRate() { return codeLearningRate; }
    public int fineTuneEpochs() { return fineTuneEpochs; }
    public double fineTuneLearningRate() { return fineTuneLearningRate; }
    public int batchSize() { return batchSize; }
    public long seed() { return seed; }
    public Path path() { return path; }

    /** The RBM config of pre-training layer {@code l} (0-based). */
    RbmConfig layer(int l) {
        RbmConfig.Builder b = RbmConfig.fromMap(withHidden(pretraining.toMap(), hidden[l])).toBuilder()
                .seed(seed + 1000003L * (l + 1)).path(path).monitorSamples(0);
        if (l == hidden.length - 1) b.learningRate(codeLearningRate);
        return b.build();
    }

    private static Map<String, String> withHidden(Map<String, String> m, int h) {
        Map<String, String> out = new LinkedHashMap<>(m);
        out.put("hidden", Integer.toString(h));
        return out;
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", Arrays.toString(hidden).replaceAll("[\\[\\] ]", ""));
        pretraining.toMap().forEach((k, v) -> { if (!k.equals("hidden")) m.put("pretraining." + k, v); });
        m.put("code_learning_rate", Double.toString(codeLearningRate));
        m.put("fine_tune_epochs", Integer.toString(fineTuneEpochs));
        m.put("fine_tune_learning_rate", Double.toString(fineTuneLearningRate));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    public static DeepAutoencoderConfig fromMap(Map<String, String> m) {
        String hs = m.get("hidden");
        if (hs == null || hs.isBlank()) throw new IllegalArgumentException("config lacks the layer sizes (hidden)");
        int[] hidden = Arrays.stream(hs.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        Builder b = builder(hidden);
        Map<String, String> pre = new LinkedHashMap<>();
        m.forEach((k, v) -> { if (k.startsWith("pretraining.")) pre.put(k.substring(12), v); });
        if (!pre.isEmpty()) {
            if (m.containsKey("path")) pre.putIfAbsent("path", m.get("path")); // pre-training without its own path runs on the stack's
            b.pretraining(RbmConfig.fromMap(pre));
        }
        if (m.containsKey("code_learning_rate")) b.codeLearningRate(Double.parseDouble(m.get("code_learning_rate")));
        if (m.containsKey("fine_tune_epochs")) b.fineTuneEpochs(Integer.parseInt(m.get("fine_tune_epochs")));
        if (m.containsKey("fine_tune_learning_rate")) b.fineTuneLearningRate(Double.parseDouble(m.get("fine_tune_learning_rate")));
        if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
        if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
        if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
        return b.build();
    }

    @Override
    public String toString() {
        return "DeepAutoencoderConfig" + toMap();
    }

    public static final class Builder {
        private final int[] hidden;
        private RbmConfig pretraining = RbmConfig.builder(1).learningRate(0.1).epochs(10).batchSize(100).weightCost(2e-4).build();
        private double codeLearningRate = 0.001;
        private int fineTuneEpochs = 10;
        private double fineTuneLearningRate = 1e-3;
        private int batchSize = 100;
        private long seed;
        private Path path = Path.defaultPath();

        private Builder(int[] hidden) {
            if (hidden == null || hidden.length == 0) throw new IllegalArgumentException("a deep autoencoder needs at least one layer size");
            for (int h : hidden) if (h < 1) throw new IllegalArgumentException("layer sizes must be at least 1, got " + Arrays.toString(hidden));
            this.hidden = hidden.clone();
        }

        /** The settings of every pre-training RBM (its hidden size is ignored). */
        public Builder pretraining(RbmConfig v) {
            if (v == null) throw new IllegalArgumentException("pretraining config must not be null");
            pretraining = v;
            return this;
        }

        /** Learning rate of the top RBM, whose hidden units are linear (Gaussian). */
        public Builder codeLearningRate(double v) {
            if (!(v >= 0 && v <= 1e3)) throw new IllegalArgumentException("code learning rate must be in [0, 1000], got " + v);
            codeLearningRate = v;
            return this;
        }

        public Builder fineTuneEpochs(int v) {
            if (v < 0) throw new IllegalArgumentException("fine-tune epochs must not be negative, got " + v);
            fineTuneEpochs = v;
            return this;
        }

        public Builder fineTuneLearningRate(double v) {
            if (!(v > 0 && v <= 1e3)) throw new IllegalArgumentException("fine-tune learning rate must be in (0, 1000], got " + v);
            fineTuneLearningRate = v;
            return this;
        }

        public Builder batchSize(int v) {
            if (v < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + v);
            batchSize = v;
            return this;
        }

        public Builder seed(long v) { seed = v; return this; }

        public Builder path(Path v) {
            if (v == null) throw new IllegalArgumentException("path must not be null");
            path = v;
            return this;
        }

        public DeepAutoencoderConfig build() {
            return new DeepAutoencoderConfig(this);
        }
    }
}
