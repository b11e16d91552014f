package io.latentj.models.gan;

import io.latentj.models.nn.Activation;
import io.latentj.simd.Path;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How to train a {@link GenerativeAdversarialNetwork} (Goodfellow et al. 2014). Immutable; build with
 * {@link #builder(int)} giving the dimension of the noise z. Generator G(z) and discriminator D(x) are MLPs with the
 * given hidden sizes and activation; G's output layer has {@link Builder#outputActivation} (linear for real data,
 * sigmoid for data in [0, 1], tanh for [−1, 1]); D ends in one logit. Training alternates k discriminator steps
 * (each on a minibatch of data and one of G's samples) with one generator step, on the minimax objective
 * min_G max_D E log D(x) + E log(1 − D(G(z))), the generator minimising either log(1 − D(G(z))) (minimax) or
 * −log D(G(z)) (non-saturating, the default: strong gradients early in training).
 *
 * <p>Defaults: z ~ N(0, I); two hidden layers of 64 ReLU units in both nets; k = 1; Adam with learning rate 0.001
 * and β₁ = 0.5 for both; 100 epochs of minibatches of 100; weights N(0, 1/fan-in).
 */
public final class GanConfig {
    /** What the generator minimises. */
    public enum GeneratorLoss {
        /** log(1 − D(G(z))): the minimax game of the paper, whose gradient vanishes while D rejects G's samples. */
        MINIMAX,
        /** −log D(G(z)): the same fixed point, with strong gradients when D rejects G's samples. */
        NON_SATURATING
    }

    private final int latent;
    private final int[] generatorHidden, discriminatorHidden;
    private final Activation activation, outputActivation;
    private final GeneratorLoss generatorLoss;
    private final int discriminatorSteps, epochs, batchSize;
    private final double learningRate, discriminatorLearningRate, beta1, initialWeightStd;
    private final long seed;
    private final Path path;

    private GanConfig(Builder b) {
        latent = b.latent;
        generatorHidden = b.generatorHidden.clone();
        discriminatorHidden = b.discriminatorHidden.clone();
        activation = b.activation;
        outputActivation = b.outputActivation;
        generatorLoss = b.generatorLoss;
        discriminatorSteps = b.discriminatorSteps;
        epochs = b.epochs;
        batchSize = b.batchSize;
        learningRate = b.learningRate;
        discriminatorLearningRate = b.discriminatorLearningRate;
        beta1 = b.beta1;
        initialWeightStd = b.initialWeightStd;
        seed = b.seed;
        path = b.path;
    }

    public static Builder builder(int latent) { return new Builder(latent); }

    public Builder toBuilder() {
        Builder b = new Builder(latent);
        b.generatorHidden = generatorHidden.clone();
        b.discriminatorHidden = discriminatorHidden.clone();
        b.activation = activation;
        b.outputActivation = outputActivation;
        b.generatorLoss = generatorLoss;
        b.discriminatorSteps = discriminatorSteps;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.discriminatorLearningRate = discriminatorLearningRate;
        b.beta1 = beta1;
        b.initialWeightStd = initialWeightStd;
        b.seed = seed;
        b.path = path;
        return b;
    }

    public int latent() { return latent; }
    public int[] generatorHidden() { return generatorHidden.clone(); }
    public int[] discriminatorHidden() { return discriminatorHidden.clone(); }
    public Activation activation() { return activation; }
    public Activation outputActivation() { return outputActivation; }
    public GeneratorLoss generatorLoss() { return generatorLoss; }
    /** k: discriminator steps per generator step. */
    public int discriminatorSteps() { return discriminatorSteps; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    /** The generator's Adam learning rate. */
    public double learningRate() { return learningRate; }
    /** The discriminator's Adam learning rate. */
    public double discriminatorLearningRate() { return discriminatorLearningRate; }
    public double beta1() { return beta1; }
    public double initialWeightStd() { return initialWeightStd; }
    public long seed() { return seed; }
    public Path path() { return path; }

    private static String join(int[] a) { return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(",")); }

    private static int[] split(String s) {
        s = s.trim();
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
    }

    /** The hyperparameters as strings (model-file metadata). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("latent", Integer.toString(latent));
        m.put("generator_hidden", join(generatorHidden));
        m.put("discriminator_hidden", join(discriminatorHidden));
        m.put("activation", activation.id());
        m.put("output_activation", outputActivation.id());
        m.put("generator_loss", generatorLoss.name().toLowerCase(Locale.ROOT));
        m.put("discriminator_steps", Integer.toString(discriminatorSteps));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("discriminator_learning_rate", Double.toString(discriminatorLearningRate));
        m.put("beta1", Double.toString(beta1));
        m.put("initial_weight_std", Double.toString(initialWeightStd));
        m.put("seed", Long.toString(seed));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Rebuilds a config from {@link #toMap()}'s output; unknown keys are ignored, missing keys keep their defaults. */
    public static GanConfig fromMap(Map<String, String> m) {
        try {
            Builder b = builder(Integer.parseInt(m.getOrDefault("latent", "1")));
            if (m.containsKey("generator_hidden")) b.generatorHidden(split(m.get("generator_hidden")));
            if (m.containsKey("discriminator_hidden")) b.discriminatorHidden(split(m.get("discriminator_hidden")));
            if (m.containsKey("activation")) b.activation(Activation.parse(m.get("activation")));
            if (m.containsKey("output_activation")) b.outputActivation(Activation.parse(m.get("output_activation")));
            if (m.containsKey("generator_loss")) b.generatorLoss(GeneratorLoss.valueOf(m.get("generator_loss").trim().toUpperCase(Locale.ROOT)));
            if (m.containsKey("discriminator_steps")) b.discriminatorSteps(Integer.parseInt(m.get("discriminator_steps")));
            if (m.containsKey("epochs")) b.epochs(Integer.parseInt(m.get("epochs")));
            if (m.containsKey("batch_size")) b.batchSize(Integer.parseInt(m.get("batch_size")));
            if (m.containsKey("learning_rate")) b.learningRate(Double.parseDouble(m.get("learning_rate")));
            if (m.containsKey("discriminator_learning_rate")) b.discriminatorLearningRate(Double.parseDouble(m.get("discriminator_learning_rate")));
            if (m.containsKey("beta1")) b.beta1(Double.parseDouble(m.get("beta1")));
            if (m.containsKey("initial_weight_std")) b.initialWeightStd(Double.parseDouble(m.get("initial_weight_std")));
            if (m.containsKey("seed")) b.seed(Long.parseLong(m.get("seed")));
            if (m.containsKey("path")) b.path(Path.parse(m.get("path")));
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad GAN configuration: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() { return "GanConfig" + toMap(); }

    /** Builder of {@link GanConfig}; {@link #build()} checks every value. */
    public static final class Builder {
        private final int latent;
        private int[] generatorHidden = {64, 64}, discriminatorHidden = {64, 64};
        private Activation activation = Activation.RELU, outputActivation = Activation.LINEAR;
        private GeneratorLoss generatorLoss = GeneratorLoss.NON_SATURATING;
        private int discriminatorSteps = 1, epochs = 100, batchSize = 100;
        private double learningRate = 1e-3, discriminatorLearningRate = 1e-3, beta1 = 0.5, initialWeightStd = 0;
        private long seed = 42;
        private Path path = Path.defaultPath();

        private Builder(int latent) { this.latent = latent; }

        public Builder generatorHidden(int... sizes) { this.generatorHidden = sizes == null ? null : sizes.clone(); return this; }
        public Builder discriminatorHidden(int... sizes) { this.discriminatorHidden = sizes == null ? null : sizes.clone(); return this; }
        /** Hidden activation of both nets: relu, tanh, sigmoid or softplus. */
        public Builder activation(Activation f) { this.activation = f; return this; }
        /** The generator's output activation: linear, sigmoid or tanh. */
        public Builder outputActivation(Activation f) { this.outputActivation = f; return this; }
        public Builder generatorLoss(GeneratorLoss loss) { this.generatorLoss = loss; return this; }
        /** k discriminator steps per generator step. */
        public Builder discriminatorSteps(int k) { this.discriminatorSteps = k; return this; }
        public Builder epochs(int epochs) { this.epochs = epochs; return this; }
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }
        /** Adam learning rate of both nets (then {@link #discriminatorLearningRate} to set D's apart). */
        public Builder learningRate(double lr) { this.learningRate = lr; this.discriminatorLearningRate = lr; return this; }
        public Builder discriminatorLearningRate(double lr) { this.discriminatorLearningRate = lr; return this; }
        /** Adam's β₁ for both nets (0.5 is usual for GANs). */
        public Builder beta1(double beta1) { this.beta1 = beta1; return this; }
        public Builder initialWeightStd(double std) { this.initialWeightStd = std; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder path(Path path) { this.path = path; return this; }

        public GanConfig build() {
            if (latent < 1) throw new IllegalArgumentException("latent dimension must be at least 1, got " + latent);
            if (generatorHidden == null || discriminatorHidden == null) throw new IllegalArgumentException("hidden sizes must not be null");
            for (int h : generatorHidden) if (h < 1) throw new IllegalArgumentException("generator hidden sizes must be at least 1, got " + Arrays.toString(generatorHidden));
            for (int h : discriminatorHidden) if (h < 1) throw new IllegalArgumentException("discriminator hidden sizes must be at least 1, got " + Arrays.toString(discriminatorHidden));
            if (activation == null || outputActivation == null || generatorLoss == null || path == null) {
                throw new IllegalArgumentException("activations, generator loss and path must not be null");
            }
            if (activation == Activation.SOFTMAX || activation == Activation.LINEAR) {
                throw new IllegalArgumentException("hidden activation must be relu, tanh, sigmoid or softplus, got " + activation.id());
            }
            if (outputActivation != Activation.LINEAR && outputActivation != Activation.SIGMOID && outputActivation != Activation.TANH) {
                throw new IllegalArgumentException("generator output activation must be linear, sigmoid or tanh, got " + outputActivation.id());
            }
            if (discriminatorSteps < 1) throw new IllegalArgumentException("discriminator steps must be at least 1, got " + discriminatorSteps);
            if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            if (!(discriminatorLearningRate > 0) || !Double.isFinite(discriminatorLearningRate)) throw new IllegalArgumentException("discriminator learning rate must be positive and finite, got " + discriminatorLearningRate);
            if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must lie in [0, 1), got " + beta1);
            if (!(initialWeightStd >= 0) || !Double.isFinite(initialWeightStd)) throw new IllegalArgumentException("initial weight std must be finite and non-negative, got " + initialWeightStd);
            return new GanConfig(this);
        }
    }
}
