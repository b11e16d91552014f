package io.latentj.models.autoencoder;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.Path;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to train an {@link Autoencoder}. Immutable; build with {@link #builder(int)}. The variants are options of
 * one model: a plain autoencoder, a <em>denoising</em> one ({@link Builder#maskingNoise} or
 * {@link Builder#gaussianNoise}: the input is corrupted, the clean input is the target), a <em>sparse</em> one
 * ({@link Builder#sparsity}: β Σ_j KL(ρ ‖ ρ̂_j) on the mean hidden activations) and a <em>contractive</em> one
 * ({@link Builder#contraction}: λ‖J_f(x)‖²_F), which may be combined.
 *
 * <p>Defaults: sigmoid encoder and decoder, tied weights, squared-error reconstruction, Adam with learning rate
 * 0.01, 30 epochs of minibatches of 20, weights from N(0, 2/(visible + hidden)).
 */
public final class AutoencoderConfig {
    /** How the input is corrupted before encoding (denoising autoencoders). */
    public enum Noise { NONE, MASKING, GAUSSIAN }

    private final int hidden;
    private final Activation encoder, decoder;
    private final Loss loss;
    private final boolean tied;
    private final int epochs, batchSize;
    private final Optimizer.Kind optimizer;
    private final double learningRate, momentum, weightDecay, clipNorm;
    private final Noise noise;
    private final double noiseLevel;
    private final double sparsityTarget, sparsityWeight;
    private final double contraction;
    private final double initialWeightStd;
    private final long seed;
    private final Path path;
    private final int monitorSamples;

    private AutoencoderConfig(Builder b) {
        hidden = b.hidden;
        encoder = b.encoder;
        decoder = b.decoder;
        loss = b.loss;
        tied = b.tied;
        epochs = b.epochs;
        batchSize = b.batchSize;
        optimizer = b.optimizer;
        learningRate = b.learningRate;
        momentum = b.momentum;
        weightDecay = b.weightDecay;
        clipNorm = b.clipNorm;
        noise = b.noise;
        noiseLevel = b.noiseLevel;
        sparsityTarget = b.sparsityTarget;
        sparsityWeight = b.sparsityWeight;
        contraction = b.contraction;
        initialWeightStd = b.initialWeightStd;
        seed = b.seed;
        path = b.path;
        monitorSamples = b.monitorSamples;
    }

    public static Builder builder(int hidden) { return new Builder(hidden); }

    public Builder toBuilder() {
        Builder b = new Builder(hidden);
        b.encoder = encoder;
        b.decoder = decoder;
        b.loss = loss;
        b.tied = tied;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.clipNorm = clipNorm;
        b.noise = noise;
        b.noiseLevel = noiseLevel;
        b.sparsityTarget = sparsityTarget;
        b.sparsityWeight = sparsityWeight;
        b.contraction = contraction;
        b.initialWeightStd = initialWeightStd;
        b.seed = seed;
        b.path = path;
        b.monitorSamples = monitorSamples;
        return b;
    }

    public int hidden() { return hidden; }
    public Activation encoder() { return encoder; }
    public Activation decoder() { return decoder; }
    public Loss loss() { return loss; }
    public boolean tied() { return tied; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public Optimizer.Kind optimizer() { return optimizer; }
    public double learningRate() { return learningRate; }
    public double momentum() { return momentum; }
    public double weightDecay() { return weightDecay; }
    public double clipNorm() { return clipNorm; }
    public Noise noise() { return noise; }
    /** Masking: the probability that an input is set to 0; Gaussian: the noise's standard deviation. */
    public double noiseLevel() { return noiseLevel; }
    /** Target mean activation ρ of each hidden unit, or NaN when the sparsity penalty is off. */
    public double sparsityTarget() { return sparsityTarget; }
    public double sparsityWeight() { return sparsityWeight; }
    public boolean sparse() { return !Double.isNaN(sparsityTarget) && sparsityWeight > 0; }
    /** λ of the contractive penalty λ‖J_f(x)‖²_F (0: off). */
    public double contraction() { return contraction; }
    /** Standard deviation of the initial weights; 0 means √(2/(visible + hidden)). */
    public double initialWeightStd() { return initialWeightStd; }
    public long seed() { return seed; }
    public Path path() { return path; }
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
        m.put("hidden", Integer.toString(hidden));
        m.put("encoder", encoder.id());
        m.put("decoder", decoder.id());
        m.put("loss", loss.id());
        m.put("tied", Boolean.toString(tied));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("momentum", Double.toString(momentum));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("clip_norm", Double.toString(clipNorm));
        m.put("noise", noise.name().toLowerCase(Locale.ROOT));
        m.put("noise_level", Double.toString(noiseLevel));
        m.put("sparsity_target", Double.toString(sparsityTarget));
        m.put("sparsity_weight", Double.toString(sparsityWeight));
        m.put("contraction", Double.toString(contraction));
        m.put("initial_weight_std", Double.toString(initialWeightStd));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        m.put("monitor_samples", Integer.toString(monitorSamples));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing keys keep their defaults. */
    public static AutoencoderConfig fromMap(Map<String, String> m) {
        try {
            Builder b = builder(Integer.parseInt(m.getOrDefault("hidden", "1")));
            if (m.containsKey("encoder")) b.encoder(Activation.parse(m.get("encoder")));
            if (m.containsKey("decoder")) b.decoder(Activation.parse(m.get("decoder")));
            if (m.containsKey("loss")) b.loss(Loss.parse(m.get("loss")));
            if (m.containsKey("tied")) b.tied(Boolean.parseBoolean(m.get("tied")));
            if (m.containsKey("epochs")) b.epochs(Integer.parseInt(m.get("epochs")));
            if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
            if (m.containsKey("optimizer")) b.optimizer(Optimizer.Kind.valueOf(m.get("optimizer").toUpperCase(Locale.ROOT)));
            if (m.containsKey("learning_rate")) b.learningRate(Double.parseDouble(m.get("learning_rate")));
            if (m.containsKey("momentum")) b.momentum(Double.parseDouble(m.get("momentum")));
            if (m.containsKey("weight_decay")) b.weightDecay(Double.parseDouble(m.get("weight_decay")));
            if (m.containsKey("clip_norm")) b.clipNorm(Double.parseDouble(m.get("clip_norm")));
            Noise noise = m.containsKey("noise") ? Noise.valueOf(m.get("noise").toUpperCase(Locale.ROOT)) : Noise.NONE;
            double level = Double.parseDouble(m.getOrDefault("noise_level", "0"));
            if (noise == Noise.MASKING) b.maskingNoise(level);
            else if (noise == Noise.GAUSSIAN) b.gaussianNoise(level);
            double rho = Double.parseDouble(m.getOrDefault("sparsity_target", "NaN"));
            double beta = Double.parseDouble(m.getOrDefault("sparsity_weight", "0"));
            if (!Double.isNaN(rho)) b.sparsity(rho, beta);
            if (m.containsKey("contraction")) b.contraction(Double.parseDouble(m.get("contraction")));
            if (m.containsKey("initial_weight_std")) b.initialWeightStd(Double.parseDouble(m.get("initial_weight_std")));
            if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
            if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
            if (m.containsKey("monitor_samples")) b.monitorSamples(Integer.parseInt(m.get("monitor_samples")));
            return b.build();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed autoencoder config: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() { return "AutoencoderConfig" + toMap(); }

    /** Builder of {@link AutoencoderConfig}; {@link #build()} validates the combination. */
    public static final class Builder {
        private final int hidden;
        private Activation encoder = Activation.SIGMOID, decoder = Activation.SIGMOID;
        private Loss loss = Loss.SQUARED_ERROR;
        private boolean tied = true;
        private int epochs = 30, batchSize = 20;
        private Optimizer.Kind optimizer = Optimizer.Kind.ADAM;
        private double learningRate = 0.01, momentum = 0.9, weightDecay = 0, clipNorm = Double.POSITIVE_INFINITY;
        private Noise noise = Noise.NONE;
        private double noiseLevel = 0;
        private double sparsityTarget = Double.NaN, sparsityWeight = 0;
        private double contraction = 0;
        private double initialWeightStd = 0;
        private long seed = 42;
        private Path path = Path.defaultPath();
        private int monitorSamples = 500;

        private Builder(int hidden) {
            if (hidden < 1) throw new IllegalArgumentException("hidden units must be at least 1, got " + hidden);
            this.hidden = hidden;
        }

        /** Encoder activation f (not softmax). */
        public Builder encoder(Activation f) { this.encoder = f; return this; }
        /** Decoder activation g (not softmax; sigmoid for cross-entropy). */
        public Builder decoder(Activation g) { this.decoder = g; return this; }
        /** Reconstruction loss: squared error, or binary cross-entropy (inputs in [0, 1], sigmoid decoder). */
        public Builder loss(Loss loss) { this.loss = loss; return this; }
        /** Decoder weight Wᵀ (tied, the default) or its own matrix. */
        public Builder tied(boolean tied) { this.tied = tied; return this; }
        public Builder epochs(int epochs) { this.epochs = epochs; return this; }
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }
        public Builder optimizer(Optimizer.Kind kind) { this.optimizer = kind; return this; }
        public Builder learningRate(double lr) { this.learningRate = lr; return this; }
        /** Momentum of SGD. */
        public Builder momentum(double mu) { this.momentum = mu; return this; }
        public Builder weightDecay(double lambda) { this.weightDecay = lambda; return this; }
        public Builder clipNorm(double maxNorm) { this.clipNorm = maxNorm; return this; }
        /** Denoising with masking noise: each input is set to 0 with probability {@code fraction}. */
        public Builder maskingNoise(double fraction) { this.noise = Noise.MASKING; this.noiseLevel = fraction; return this; }
        /** Denoising with additive Gaussian noise of standard deviation {@code std}. */
        public Builder gaussianNoise(double std) { this.noise = Noise.GAUSSIAN; this.noiseLevel = std; return this; }
        /** No input corruption. */
        public Builder noNoise() { this.noise = Noise.NONE; this.noiseLevel = 0; return this; }
        /** Sparse autoencoder: β Σ_j KL(ρ ‖ ρ̂_j), ρ̂_j the mean activation of hidden unit j over a minibatch. */
        public Builder sparsity(double target, double weight) { this.sparsityTarget = target; this.sparsityWeight = weight; return this; }
        /** Contractive autoencoder: λ‖J_f(x)‖²_F, averaged over the minibatch (sigmoid encoder). */
        public Builder contraction(double lambda) { this.contraction = lambda; return this; }
        public Builder initialWeightStd(double std) { this.initialWeightStd = std; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder path(Path path) { this.path = path; return this; }
        public Builder monitorSamples(int n) { this.monitorSamples = n; return this; }

        public AutoencoderConfig build() {
            if (encoder == null || decoder == null || loss == null || optimizer == null || path == null || noise == null) {
                throw new IllegalArgumentException("encoder, decoder, loss, optimizer, noise and path must not be null");
            }
            if (encoder == Activation.SOFTMAX || decoder == Activation.SOFTMAX) {
                throw new IllegalArgumentException("softmax is not an autoencoder layer activation");
            }
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY) throw new IllegalArgumentException("reconstruction loss must be squared_error or binary_cross_entropy");
            if (loss == Loss.BINARY_CROSS_ENTROPY && decoder != Activation.SIGMOID) {
                throw new IllegalArgumentException("cross-entropy reconstruction needs a sigmoid decoder, got " + decoder.id());
            }
            if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) throw new IllegalArgumentException("weight decay must be finite and non-negative, got " + weightDecay);
            if (!(clipNorm > 0)) throw new IllegalArgumentException("clip norm must be positive, got " + clipNorm);
            if (noise == Noise.MASKING && !(noiseLevel >= 0 && noiseLevel < 1)) throw new IllegalArgumentException("masking fraction must lie in [0, 1), got " + noiseLevel);
            if (noise == Noise.GAUSSIAN && !(noiseLevel >= 0 && Double.isFinite(noiseLevel))) throw new IllegalArgumentException("noise std must be finite and non-negative, got " + noiseLevel);
            if (!Double.isNaN(sparsityTarget)) {
                if (!(sparsityTarget > 0 && sparsityTarget < 1)) throw new IllegalArgumentException("sparsity target must lie in (0, 1), got " + sparsityTarget);
                if (!(sparsityWeight >= 0) || !Double.isFinite(sparsityWeight)) throw new IllegalArgumentException("sparsity weight must be finite and non-negative, got " + sparsityWeight);
                if (encoder != Activation.SIGMOID) throw new IllegalArgumentException("the KL sparsity penalty needs a sigmoid encoder (activations in (0, 1)), got " + encoder.id());
            }
            if (!(contraction >= 0) || !Double.isFinite(contraction)) throw new IllegalArgumentException("contraction must be finite and non-negative, got " + contraction);
            if (contraction > 0 && encoder != Activation.SIGMOID) throw new IllegalArgumentException("the contractive penalty is implemented for sigmoid encoders, got " + encoder.id());
            if (!(initialWeightStd >= 0) || !Double.isFinite(initialWeightStd)) throw new IllegalArgumentException("initial weight std must be finite and non-negative, got " + initialWeightStd);
            if (monitorSamples < 0) throw new IllegalArgumentException("monitor samples must not be negative, got " + monitorSamples);
            return new AutoencoderConfig(this);
        }
    }
}
