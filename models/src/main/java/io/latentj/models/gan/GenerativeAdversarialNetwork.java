package io.latentj.models.gan;

import io.latentj.models.EpochReport;
import io.latentj.models.Inputs;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.nn.Activation;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained generative adversarial network (Goodfellow et al. 2014): the generator G(z), z ~ N(0, I), and the
 * discriminator D(x) that was trained against it. {@link #sample} draws from the generator; {@link #discriminate}
 * gives D's probability that rows are data. The training curve (losses, mean D(x) and D(G(z)) per epoch) is kept in
 * {@link #history()}.
 *
 * <p>Immutable: every method may be called from any number of threads at once.
 *
 * <p>Model file (safetensors, F32): {@code generator.k.weight} [units, inputs] and {@code generator.k.bias}
 * [units] for k = 0 … (the last is the output layer, [visible, ·]), likewise {@code discriminator.k.*} (the last
 * layer has one unit, D's logit); metadata {@code model=GenerativeAdversarialNetwork}, {@code format_version=1},
 * {@link GanConfig#toMap()} as {@code config.*}, provenance as {@code provenance.*}. The history is not saved.
 */
public final class GenerativeAdversarialNetwork {
    static final String TYPE = "GenerativeAdversarialNetwork";
    static final String FORMAT_VERSION = "1";
    private static final int CHUNK = 512;

    private final List<FMatrix[]> generator, discriminator;
    private final int nx;
    private final GanConfig config;
    private final Map<String, String> provenance;
    private final List<EpochReport> history;

    GenerativeAdversarialNetwork(List<FMatrix[]> generator, List<FMatrix[]> discriminator, int visible, GanConfig config,
                                 Map<String, String> provenance, List<EpochReport> history) {
        this.generator = copy(generator);
        this.discriminator = copy(discriminator);
        this.nx = visible;
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        this.history = List.copyOf(history);
        // shape check against the config
        generatorNet(1);
        discriminatorNet(1);
    }

    private static List<FMatrix[]> copy(List<FMatrix[]> l) {
        List<FMatrix[]> c = new ArrayList<>();
        for (FMatrix[] wb : l) c.add(new FMatrix[] {wb[0].copy(), wb[1].copy()});
        return List.copyOf(c);
    }

    /** Trains on the rows of {@code data} as {@code config} says. */
    public static GenerativeAdversarialNetwork fit(GanConfig config, FMatrix data) {
        return new GanTrainer(config, data, TrainingListener.NONE, null).train();
    }

    /**
     * Trains on {@code data}, reporting each epoch to {@code listener} with metrics {@code discriminator_loss}
     * (−[log D(x) + log(1 − D(G(z)))] per minibatch), {@code generator_loss} (the configured generator loss),
     * {@code d_real} (mean D(x)) and {@code d_fake} (mean D(G(z)) in the discriminator's steps).
     */
    public static GenerativeAdversarialNetwork fit(GanConfig config, FMatrix data, TrainingListener listener) {
        return new GanTrainer(config, data, listener, null).train();
    }

    /**
     * Trains on {@code data} as {@link #fit(GanConfig, FMatrix, TrainingListener)} does, saving the full training state
     * (both nets, both Adam optimisers' moments and step counts, the count of discriminator steps, the order and noise
     * streams) where and as often as {@code checkpointing} says, and resuming from it when asked: a resumed run ends with
     * exactly the weights of an uninterrupted one. The history then holds the epochs after the resumed one.
     */
    public static GenerativeAdversarialNetwork fit(GanConfig config, FMatrix data, TrainingListener listener, io.latentj.models.Checkpointing checkpointing) {
        return new GanTrainer(config, data, listener, checkpointing).train();
    }

    public int visible() { return nx; }
    public int latent() { return config.latent(); }
    public GanConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    /** One report per training epoch (empty for a loaded model). */
    public List<EpochReport> history() { return history; }

    private Mlp generatorNet(int rows) {
        return new Mlp(config.path(), config.latent(), config.generatorHidden(), nx, config.activation(), config.outputActivation(), rows, generator);
    }

    private Mlp discriminatorNet(int rows) {
        return new Mlp(config.path(), nx, config.discriminatorHidden(), 1, config.activation(), Activation.LINEAR, rows, discriminator);
    }

    /** G(z) for every row of z (latent columns). */
    public FMatrix generate(FMatrix z) {
        Inputs.requireMatrix(config.path(), "noise", z, latent());
        int n = z.rows();
        FMatrix out = FMatrix.zeros(n, nx);
        Mlp g = generatorNet(Math.max(1, Math.min(n, CHUNK)));
        for (int r0 = 0; r0 < n; r0 += CHUNK) {
            int r1 = Math.min(n, r0 + CHUNK);
            out.rowRange(r0, r1).copyFrom(g.forward(z.rowRange(r0, r1)));
        }
        return out;
    }

    /** {@code n} samples G(z), z ~ N(0, I) from {@code rng}. */
    public FMatrix sample(int n, Rng rng) {
        if (n < 0) throw new IllegalArgumentException("sample count must not be negative, got " + n);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        FMatrix z = FMatrix.zeros(n, latent());
        Sampling.gaussian(config.path(), rng, 0f, 1f, z);
        return generate(z);
    }

    /** {@code n} samples G(z), z ~ N(0, I), seeded. */
    public FMatrix sample(int n, long seed) {
        return sample(n, Rng.of(seed));
    }

    /** D(x) = σ(logit) for every row: the discriminator's probability that the row is data. */
    public float[] discriminate(FMatrix x) {
        Inputs.requireMatrix(config.path(), "input", x, nx);
        int n = x.rows();
        float[] out = new float[n];
        Mlp d = discriminatorNet(Math.max(1, Math.min(n, CHUNK)));
        for (int r0 = 0; r0 < n; r0 += CHUNK) {
            int r1 = Math.min(n, r0 + CHUNK);
            FMatrix l = d.forward(x.rowRange(r0, r1));
            Elementwise.sigmoid(config.path(), l.data(), l.offset(), out, r0, r1 - r0);
        }
        return out;
    }

    /** Copies of the generator's [weight, bias] per layer, input side first. */
    public List<FMatrix[]> generatorParameters() { return copy(generator); }

    /** Copies of the discriminator's [weight, bias] per layer, input side first. */
    public List<FMatrix[]> discriminatorParameters() { return copy(discriminator); }

    /** Writes generator and discriminator as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        put(t, "generator", generator);
        put(t, "discriminator", discriminator);
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    private static void put(Map<String, Tensor> t, String prefix, List<FMatrix[]> layers) {
        for (int i = 0; i < layers.size(); i++) {
            FMatrix w = layers.get(i)[0];
            t.put(prefix + "." + i + ".weight", Tensor.matrix(w.rows(), w.cols(), w.toArray()));
            t.put(prefix + "." + i + ".bias", Tensor.vector(layers.get(i)[1].toArray()));
        }
    }

    /** Reads a model written by {@link #save}. */
    public static GenerativeAdversarialNetwork load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static GenerativeAdversarialNetwork load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static GenerativeAdversarialNetwork load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        GanConfig config;
        try {
            config = GanConfig.fromMap(mf.config());
        } catch (IllegalArgumentException e) {
            throw mf.badConfig(e);
        }
        int[] gh = config.generatorHidden(), dh = config.discriminatorHidden();
        int[] last = mf.shape("generator." + gh.length + ".weight");
        if (last.length != 2 || last[0] < 1) throw new FormatException(file, "tensor generator." + gh.length + ".weight", "must be a matrix [visible, units]");
        int nx = last[0];
        List<FMatrix[]> g = read(mf, "generator", config.latent(), gh, nx), d = read(mf, "discriminator", nx, dh, 1);
        return new GenerativeAdversarialNetwork(g, d, nx, config, mf.provenance(), List.of());
    }

    private static List<FMatrix[]> read(ModelFile mf, String prefix, int inputs, int[] hidden, int outputs) throws FormatException {
        List<FMatrix[]> l = new ArrayList<>();
        for (int i = 0; i <= hidden.length; i++) {
            int in = i == 0 ? inputs : hidden[i - 1], out = i == hidden.length ? outputs : hidden[i];
            float[] w = mf.tensor(prefix + "." + i + ".weight", out, in), b = mf.tensor(prefix + "." + i + ".bias", out);
            l.add(new FMatrix[] {FMatrix.wrap(w, out, in), FMatrix.wrap(b, 1, out)});
        }
        return l;
    }

    @Override
    public String toString() {
        return "GenerativeAdversarialNetwork[" + latent() + " latent → " + nx + " visible, generator " + java.util.Arrays.toString(config.generatorHidden())
                + ", discriminator " + java.util.Arrays.toString(config.discriminatorHidden()) + "]";
    }
}
