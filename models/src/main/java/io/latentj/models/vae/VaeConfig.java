package io.latentj.models.vae;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.Path;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How to train a {@link VariationalAutoencoder} (Kingma and Welling, Auto-Encoding Variational Bayes). Immutable;
 * build with {@link #builder(int)} giving the latent dimension. The encoder is an MLP of the {@link Builder#hidden}
 * sizes ending in a linear layer that outputs μ(x) and log σ²(x); the decoder mirrors the hidden sizes and ends in the
 * parameters of p(x | z): Bernoulli logits, or the means of a Gaussian of fixed standard deviation
 * {@link Builder#decoderStd}.
 *
 * <p>Defaults: one hidden layer of 400 ReLU units, Bernoulli decoder, β = 1 (the ELBO), Adam with learning rate
 * 0.001, 10 epochs of minibatches of 100, weights from N(0, 1/fan-in), zero biases.
 */
public final class VaeConfig {
    /** The decoder's distribution p(x | z). */
    public enum Likelihood {
        /** Independent Bernoulli pixels with logits from the decoder; data in [0, 1] (grey levels are allowed). */
        BERNOULLI,
        /** N(decoder(z), s² I) with s = {@link VaeConfig#decoderStd()}; any finite data. */
        GAUSSIAN
    }

    private final int latent;
    private final int[] hidden;
    private final Activation activation;
    private final Likelihood likelihood;
    private final double decoderStd, beta;
    private final int epochs, batchSize;
    private final Optimizer.Kind optimizer;
    private final double learningRate, momentum, weightDecay, clipNorm, initialWeightStd;
    private final long seed;
    private final Path path;
    private final int monitorSamples;

    private VaeConfig(Builder b) {
        latent = b.latent;
        hidden = b.hidden.clone();
        activation = b.activation;
        likelihood = b.likelihood;
        decoderStd = b.decoderStd;
        beta = b.beta;
        epochs = b.epochs;
        batchSize = b.batchSize;
        optimizer = b.optimizer;
        learningRate = b.learningRate;
        momentum = b.momentum;
        weightDecay = b.weightDecay;
        clipNorm = b.clipNorm;
        initialWeightStd = b.initialWeightStd;
        seed = b.seed;
        path = b.path;
        monitorSamples = b.monitorSamples;
    }

    /** A builder for a VAE with {@code latent} latent dimensions. */
    public static Builder builder(int latent) { return new Builder(latent); }

    public Builder toBuilder() {
        Builder b = new Builder(latent);
        b.hidden = hidden.clone();
        b.activation = activation;
        b.likelihood = likelihood;
        b.decoderStd = decoderStd;
        b.beta = beta;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.clipNorm = clipNorm;
        b.initialWeightStd = initialWeightStd;
        b.seed = seed;
        b.path = path;
        b.monitorSamples = monitorSamples;
        return b;
    }

    public int latent() { return latent; }
    /** Hidden layer sizes of the encoder, input side first (the decoder uses them in reverse). */
    public int[] hidden() { return hidden.clone(); }
    public Activation activation() { return activation; }
    public Likelihood likelihood() { return likelihood; }
    /** Standard deviation s of a Gaussian decoder. */
    public double decoderStd() { return decoderStd; }
    /** Weight of the KL term (1: the ELBO; other values: a β-VAE). */
    public double beta() { return beta; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public Optimizer.Kind optimizer() { return optimizer; }
    public double learningRate() { return learningRate; }
    public double momentum() { return momentum; }
    public double weightDecay() { return weightDecay; }
    public double clipNorm() { return clipNorm; }
    /** Standard deviation of the initial weights; 0 means 1/√fan-in. */
    public double initialWeightStd() { return initialWeightStd; }
    public long seed() { return seed; }
    public Path path() { return path; }
    /** Rows of training (and held-out) data whose ELBO is reported after each epoch (0: none). */
    public int monitorSamples() { return monitorSamples; }

    /** A fresh optimiser as this config describes. */
    public Optimizer newOptimizer() {
        Optimizer o = switch (optimizer) {
            case SGD -> Optimizer.sgd(learningRate, momentum);
            case ADAGRAD -> Optimizer.adagrad(learningRate);
            case ADAM -> Optimizer.adam(learningRate);
        };
        if (weightDecay > 0) o = o.withWeightDecay(weightDecay);
        if (Double.isFinite(clipNorm)) o = o.withClipNorm(clipNorm);
        return o;
    }

    /** The hyperparameters as strings (model-file metadata). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("latent", Integer.toString(latent));
        m.put("hidden", Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put("activation", activation.id());
        m.put("likelihood", likelihood.name().toLowerCase(Locale.ROOT));
        m.put("decoder_std", Double.toString(decoderStd));
        m.put("beta", Double.toString(beta));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("momentum", Double.toString(momentum));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("clip_norm", Double.toString(clipNorm));
        m.put("initial_weight_std", Double.toString(initialWeightStd));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        m.put("monitor_samples", Integer.toString(monitorSamples));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing keys keep their defaults. */
    public static VaeConfig fromMap(Map<String, String> m) {
        try {
            Builder b = builder(Integer.parseInt(m.getOrDefault("latent", "1")));
            if (m.containsKey("hidden")) {
                String h = m.get("hidden").trim();
                b.hidden(h.isEmpty() ? new int[0] : Arrays.stream(h.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray());
            }
            if (m.containsKey("activation")) b.activation(Activation.parse(m.get("activation")));
            if (m.containsKey("likelihood")) b.likelihood(Likelihood.valueOf(m.get("likelihood").trim().toUpperCase(Locale.ROOT)));
            if (m.containsKey("decoder_std")) b.decoderStd(Double.parseDouble(m.get("decoder_std")));
            if (m.containsKey("beta")) b.beta(Double.parseDouble(m.get("beta")));
            if (m.containsKey("epochs")) b.epochs(Integer.parseInt(m.get("epochs")));
            if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
            if (m.containsKey("optimizer")) b.optimizer(Optimizer.Kind.valueOf(m.get("optimizer").trim().toUpperCase(Locale.ROOT)));
            if (m.containsKey("learning_rate")) b.learningRate(Double.parseDouble(m.get("learning_rate")));
            if (m.containsKey("momentum")) b.momentum(Double.parseDouble(m.get("momentum")));
            if (m.containsKey("weight_decay")) b.weightDecay(Double.parseDouble(m.get("weight_decay")));
            if (m.containsKey("clip_norm")) b.clipNorm(Double.parseDouble(m.get("clip_norm")));
            if (m.containsKey("initial_weight_std")) b.initialWeightStd(Double.parseDouble(m.get("initial_weight_std")));
            if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
            if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
            if (m.containsKey("monitor_samples")) b.monitorSamples(Integer.parseInt(m.get("monitor_samples")));
            return b.build();
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException("bad VAE configuration: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() { return "VaeConfig" + toMap(); }

    /** Builder of {@link VaeConfig}; {@link #build()} checks every value. */
    public static final class Builder {
        private final int latent;
        private int[] hidden = {400};
        private Activation activation = Activation.RELU;
        private Likelihood likelihood = Likelihood.BERNOULLI;
        private double decoderStd = 1, beta = 1;
        private int epochs = 10, batchSize = 100;
        private Optimizer.Kind optimizer = Optimizer.Kind.ADAM;
        private double learningRate = 1e-3, momentum = 0.9, weightDecay = 0, clipNorm = Double.POSITIVE_INFINITY, initialWeightStd = 0;
        private long seed = 42;
        private Path path = Path.defaultPath();
        private int monitorSamples = 1000;

        private Builder(int latent) { this.latent = latent; }

        /** Hidden layer sizes of the encoder, input side first; the decoder mirrors them. May be empty. */
        public Builder hidden(int... sizes) { this.hidden = sizes == null ? null : sizes.clone(); return this; }
        /** Activation of the hidden layers: relu, tanh, sigmoid or softplus. */
        public Builder activation(Activation f) { this.activation = f; return this; }
        public Builder likelihood(Likelihood l) { this.likelihood = l; return this; }
        /** A Gaussian decoder N(decoder(z), std² I). */
        public Builder gaussianDecoder(double std) { this.likelihood = Likelihood.GAUSSIAN; this.decoderStd = std; return this; }
        public Builder decoderStd(double std) { this.decoderStd = std; return this; }
        /** Weight of the KL term: 1 trains on the ELBO. */
        public Builder beta(double beta) { this.beta = beta; return this; }
        public Builder epochs(int epochs) { this.epochs = epochs; return this; }
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }
        public Builder optimizer(Optimizer.Kind kind) { this.optimizer = kind; return this; }
        public Builder learningRate(double lr) { this.learningRate = lr; return this; }
        public Builder momentum(double mu) { this.momentum = mu; return this; }
        public Builder weightDecay(double lambda) { this.weightDecay = lambda; return this; }
        public Builder clipNorm(double maxNorm) { this.clipNorm = maxNorm; return this; }
        public Builder initialWeightStd(double std) { this.initialWeightStd = std; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder path(Path path) { this.path = path; return this; }
        public Builder monitorSamples(int n) { this.monitorSamples = n; return this; }

        public VaeConfig build() {
            if (latent < 1) throw new IllegalArgumentException("latent dimension must be at least 1, got " + latent);
            if (hidden == null) throw new IllegalArgumentException("hidden sizes must not be null");
            for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden layer sizes must be at least 1, got " + Arrays.toString(hidden));
            if (activation == null || likelihood == null || optimizer == null || path == null) {
                throw new IllegalArgumentException("activation, likelihood, optimizer and path must not be null");
            }
            if (activation == Activation.SOFTMAX || activation == Activation.LINEAR) {
                throw new IllegalArgumentException("hidden activation must be relu, tanh, sigmoid or softplus, got " + activation.id());
            }
            if (!(decoderStd > 0) || !Double.isFinite(decoderStd)) throw new IllegalArgumentException("decoder std must be positive and finite, got " + decoderStd);
            if (!(beta >= 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("beta must be finite and non-negative, got " + beta);
            if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) throw new IllegalArgumentException("weight decay must be finite and non-negative, got " + weightDecay);
            if (!(clipNorm > 0)) throw new IllegalArgumentException("clip norm must be positive, got " + clipNorm);
            if (!(initialWeightStd >= 0) || !Double.isFinite(initialWeightStd)) throw new IllegalArgumentException("initial weight std must be finite and non-negative, got " + initialWeightStd);
            if (monitorSamples < 0) throw new IllegalArgumentException("monitor samples must not be negative, got " + monitorSamples);
            return new VaeConfig(this);
        }
    }
}
