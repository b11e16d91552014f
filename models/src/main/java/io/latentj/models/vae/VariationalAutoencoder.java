package io.latentj.models.vae;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.Reconstructor;
import io.latentj.models.Sampler;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.nn.Activation;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.ScratchPool;
import io.latentj.simd.Trans;
import io.latentj.simd.Variational;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained variational autoencoder (Kingma and Welling 2014): a Gaussian encoder q(z | x) = N(μ(x), diag σ²(x)), a
 * Bernoulli or Gaussian decoder p(x | z) and the prior N(0, I). As an {@link Encoder} it maps x to μ(x). It also
 * scores data by the ELBO and by the importance-weighted bound on log p(x) (Burda et al. 2016), reconstructs,
 * samples from the prior and interpolates in latent space.
 *
 * <p>Immutable: every method may be called from any number of threads at once. {@link #transformInto} runs the
 * encoder's GEMVs on the caller's thread through pooled scratch vectors, allocating nothing once warm (on any
 * thread, new or not).
 *
 * <p>Model file (safetensors, all F32): for each encoder hidden layer k = 0, 1, … {@code encoder.k.weight}
 * [units, inputs] and {@code encoder.k.bias} [units]; {@code encoder.stats.weight} [2·latent, units] whose first
 * {@code latent} rows give μ and the others log σ², and {@code encoder.stats.bias} [2·latent]; the decoder's hidden
 * layers {@code decoder.k.weight} / {@code decoder.k.bias} (latent side first), then {@code decoder.output.weight}
 * [visible, units] and {@code decoder.output.bias} [visible] (Bernoulli logits or Gaussian means). Metadata
 * {@code model=VariationalAutoencoder}, {@code format_version=1}, {@link VaeConfig#toMap()} as {@code config.*},
 * provenance as {@code provenance.*}.
 */
public final class VariationalAutoencoder implements Encoder, Reconstructor, Sampler {
    static final String TYPE = "VariationalAutoencoder";
    static final String FORMAT_VERSION = "1";

    private final List<FMatrix[]> layers; // [weight, bias] per layer, in VaeNetwork.layers() order
    private final int nv;
    private final VaeConfig config;
    private final Map<String, String> provenance;
    private final FMatrix muWeight; // the first `latent` rows of the stats layer's weight (a view)
    private final ScratchPool<float[][]> scratch;

    VariationalAutoencoder(List<FMatrix[]> layers, int visible, VaeConfig config, Map<String, String> provenance) {
        this.nv = visible;
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        List<FMatrix[]> copy = new ArrayList<>();
        for (FMatrix[] wb : layers) copy.add(new FMatrix[] {wb[0].copy(), wb[1].copy()});
        this.layers = List.copyOf(copy);
        int[] h = config.hidden();
        if (layers.size() != 2 * h.length + 2) throw new IllegalArgumentException("expected " + (2 * h.length + 2) + " layers, got " + layers.size());
        // check every shape against the config
        new VaeNetwork(config, visible, 1, this.layers).layers().forEach(d -> { });
        this.muWeight = this.layers.get(h.length)[0].rowRange(0, config.latent());
        this.scratch = ScratchPool.of(() -> {
            float[][] s = new float[h.length][];
            for (int i = 0; i < h.length; i++) s[i] = new float[h[i]];
            return s;
        });
    }

    /** Trains on the rows of {@code data} as {@code config} says. */
    public static VariationalAutoencoder fit(VaeConfig config, FMatrix data) {
        return new VaeTrainer(config, data, null, TrainingListener.NONE, null).train();
    }

    /**
     * Trains on {@code data}, reporting each epoch to {@code listener}: metrics {@code elbo}, {@code reconstruction_nll}
     * and {@code kl} (means per row over the epoch's minibatches, one noise draw each), and {@code train_elbo} /
     * {@code held_out_elbo} on the first {@link VaeConfig#monitorSamples()} rows after the epoch.
     */
    public static VariationalAutoencoder fit(VaeConfig config, FMatrix data, FMatrix heldOut, TrainingListener listener) {
        return new VaeTrainer(config, data, heldOut, listener, null).train();
    }

    /**
     * As above, saving the full training state (weights, Adam moments, random-stream positions) as
     * {@code checkpointing} says and resuming from it: a resumed run ends with exactly the weights of an
     * uninterrupted one.
     */
    public static VariationalAutoencoder fit(VaeConfig config, FMatrix data, FMatrix heldOut, TrainingListener listener,
                                             io.latentj.models.Checkpointing checkpointing) {
        return new VaeTrainer(config, data, heldOut, listener, checkpointing).train();
    }

    public int visible() { return nv; }
    public int latent() { return config.latent(); }
    @Override public int inputSize() { return nv; }
    @Override public int outputSize() { return config.latent(); }
    public VaeConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    private Path path() { return config.path(); }

    /** Copies of the weight and bias of every layer, in the model file's order (encoder, μ/log σ², decoder, output). */
    public List<FMatrix[]> parameters() {
        List<FMatrix[]> l = new ArrayList<>();
        for (FMatrix[] wb : layers) l.add(new FMatrix[] {wb[0].copy(), wb[1].copy()});
        return l;
    }

    /** A network over this model's weights (shared, read only) with buffers for {@code rows} rows. */
    private VaeNetwork network(int rows) {
        return new VaeNetwork(config, nv, Math.max(rows, 1), layers);
    }

    private static final int CHUNK = 256;

    /** μ(x) of every row. */
    @Override
    public FMatrix transform(FMatrix x) {
        return encoderStat(x, 0);
    }

    /** log σ²(x) of every row: the log variances of q(z | x). */
    public FMatrix logVariance(FMatrix x) {
        return encoderStat(x, latent());
    }

    private FMatrix encoderStat(FMatrix x, int from) {
        Inputs.requireMatrix(path(), "input", x, nv);
        int n = x.rows(), nz = latent();
        FMatrix out = FMatrix.zeros(n, nz);
        VaeNetwork net = network(Math.min(n, CHUNK));
        for (int r0 = 0; r0 < n; r0 += CHUNK) {
            int r1 = Math.min(n, r0 + CHUNK);
            out.rowRange(r0, r1).copyFrom(net.encode(x.rowRange(r0, r1)).colRange(from, from + nz));
        }
        return out;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(path(), x, xOff, nv, out, outOff, latent());
        Path p = path();
        float[][] s = scratch.borrow();
        try {
            float[] in = x;
            int inOff = xOff;
            for (int i = 0; i < s.length; i++) {
                FMatrix w = layers.get(i)[0];
                float[] b = layers.get(i)[1].data(), h = s[i];
                if (config.activation() == Activation.SIGMOID) {
                    Fused.sigmoidAffine(p, Trans.N, w, in, inOff, b, 0, h, 0);
                } else {
                    System.arraycopy(b, 0, h, 0, h.length);
                    Linalg.gemv(p, Trans.N, 1f, w, in, inOff, 1f, h, 0);
                    switch (config.activation()) {
                        case RELU -> Elementwise.relu(p, h, 0, h, 0, h.length);
                        case TANH -> Elementwise.tanh(p, h, 0, h, 0, h.length);
                        case SOFTPLUS -> Elementwise.softplus(p, h, 0, h, 0, h.length);
                        default -> throw new IllegalStateException("activation " + config.activation());
                    }
                }
                in = h;
                inOff = 0;
            }
            System.arraycopy(layers.get(s.length)[1].data(), 0, out, outOff, latent());
            Linalg.gemv(p, Trans.N, 1f, muWeight, in, inOff, 1f, out, outOff);
        } finally {
            scratch.release(s);
        }
    }

    /** The decoder's means of p(x | z) for every row of codes: Bernoulli probabilities σ(logits), or Gaussian means. */
    public FMatrix decode(FMatrix z) {
        Inputs.requireMatrix(path(), "codes", z, latent());
        int n = z.rows();
        FMatrix out = FMatrix.zeros(n, nv);
        VaeNetwork net = network(Math.min(n, CHUNK));
        for (int r0 = 0; r0 < n; r0 += CHUNK) {
            int r1 = Math.min(n, r0 + CHUNK);
            FMatrix o = out.rowRange(r0, r1);
            o.copyFrom(net.decode(z.rowRange(r0, r1)));
            if (config.likelihood() == VaeConfig.Likelihood.BERNOULLI) Elementwise.sigmoid(path(), o, o);
        }
        return out;
    }

    /** decode(μ(x)) of every row: the decoder's means at the posterior mean. */
    @Override
    public FMatrix reconstruct(FMatrix x) {
        return decode(transform(x));
    }

    /** {@code n} samples: z ~ N(0, I) from {@code rng}, then the decoder's means (the usual pictures of a VAE). */
    public FMatrix sample(int n, Rng rng) {
        return sample(n, 0, rng, true);
    }

    /** {@code n} decoder means at z ~ N(0, I), seeded. */
    public FMatrix sample(int n, long seed) {
        return sample(n, Rng.of(seed));
    }

    /**
     * {@code n} samples from the model: z ~ N(0, I), then the decoder's means ({@code mean}) or a draw from p(x | z)
     * (Bernoulli pixels, or the means plus Gaussian noise of the decoder's std). {@code steps} is ignored: ancestral
     * sampling needs no chain.
     */
    @Override
    public FMatrix sample(int n, int steps, Rng rng, boolean mean) {
        if (n < 0) throw new IllegalArgumentException("sample count must not be negative, got " + n);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        FMatrix z = FMatrix.zeros(n, latent());
        Sampling.gaussian(path(), rng, 0f, 1f, z);
        FMatrix x = decode(z);
        if (mean || n == 0) return x;
        if (config.likelihood() == VaeConfig.Likelihood.BERNOULLI) {
            Sampling.bernoulli(path(), rng, x, x);
        } else {
            FMatrix noise = FMatrix.zeros(n, nv);
            Sampling.gaussian(path(), rng, 0f, (float) config.decoderStd(), noise);
            Linalg.axpy(path(), n * nv, 1f, noise.data(), 0, x.data(), 0);
        }
        return x;
    }

    /**
     * The decoder's means along the straight line between μ(a) and μ(b): {@code steps} rows, the first at μ(a), the
     * last at μ(b). {@code a} and {@code b} are single inputs of {@link #visible()} values.
     */
    public FMatrix interpolate(float[] a, float[] b, int steps) {
        if (steps < 2) throw new IllegalArgumentException("interpolation needs at least 2 steps, got " + steps);
        int nz = latent();
        float[] za = new float[nz], zb = new float[nz];
        transformInto(a, 0, za, 0);
        transformInto(b, 0, zb, 0);
        FMatrix z = FMatrix.zeros(steps, nz);
        for (int i = 0; i < steps; i++) {
            float t = (float) i / (steps - 1);
            int o = z.rowOffset(i);
            System.arraycopy(za, 0, z.data(), o, nz);
            Linalg.scal(path(), nz, 1f - t, z.data(), o);
            Linalg.axpy(path(), nz, t, zb, 0, z.data(), o);
        }
        return decode(z);
    }

    /**
     * The mean over rows of the evidence lower bound log p(x | z) − KL(q(z | x) ‖ p(z)) in nats, with one z ~ q(z | x)
     * per row drawn from {@code rng} and the KL in closed form. Bernoulli decoders accept grey levels in [0, 1] as
     * targets (the usual "grey-level BCE"; not a normalised density then).
     */
    public double elbo(FMatrix x, Rng rng) {
        Inputs.requireMatrix(path(), "input", x, nv);
        VaeTrainer.requireData(config, "input", x);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        int n = x.rows();
        if (n == 0) return Double.NaN;
        VaeNetwork net = network(Math.min(n, CHUNK));
        double s = 0;
        for (int r0 = 0; r0 < n; r0 += CHUNK) {
            int r1 = Math.min(n, r0 + CHUNK);
            Sampling.gaussian(path(), rng, 0f, 1f, net.noise(r1 - r0));
            s -= net.evaluate(x.rowRange(r0, r1), false) * (r1 - r0);
        }
        return s / n;
    }

    /** {@link #elbo(FMatrix, Rng)} with a seeded stream. */
    public double elbo(FMatrix x, long seed) {
        return elbo(x, Rng.of(seed));
    }

    /**
     * The importance-weighted estimate of log p(x) with {@code k} samples (Burda, Grosse and Salakhutdinov), averaged
     * over rows: log (1/k) Σ_i p(x | z_i) p(z_i) / q(z_i | x), z_i ~ q(z | x). A lower bound in expectation that
     * rises with k towards log p(x); k = 1 is the ELBO with a sampled KL.
     */
    public double logLikelihood(FMatrix x, int k, Rng rng) {
        double[] rows = logLikelihoodRows(x, k, rng);
        double s = 0;
        for (double v : rows) s += v;
        return rows.length == 0 ? Double.NaN : s / rows.length;
    }

    /** The importance-weighted estimate of log p(x_r) for every row. */
    public double[] logLikelihoodRows(FMatrix x, int k, Rng rng) {
        Inputs.requireMatrix(path(), "input", x, nv);
        VaeTrainer.requireData(config, "input", x);
        if (k < 1) throw new IllegalArgumentException("importance samples must be at least 1, got " + k);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        int n = x.rows(), nz = latent();
        double[] out = new double[n];
        VaeNetwork net = network(Math.min(n, CHUNK));
        Path p = path();
        for (int r0 = 0; r0 < n; r0 += CHUNK) {
            int r1 = Math.min(n, r0 + CHUNK), m = r1 - r0;
            FMatrix xb = x.rowRange(r0, r1);
            double[][] logw = new double[m][k];
            FMatrix stats = net.encode(xb), z = net.latent(m), e = net.noise(m);
            for (int s = 0; s < k; s++) {
                Sampling.gaussian(p, rng, 0f, 1f, e);
                net.evaluateEncoded(xb, stats, false);
                for (int r = 0; r < m; r++) {
                    int so = stats.rowOffset(r);
                    logw[r][s] = -net.rowNll[r] + Variational.logPriorOverPosterior(p, nz, z.data(), z.rowOffset(r), e.data(), e.rowOffset(r), stats.data(), so + nz);
                }
            }
            for (int r = 0; r < m; r++) out[r0 + r] = logMeanExp(logw[r]);
        }
        return out;
    }

    private static double logMeanExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) max = Math.max(max, v);
        if (Double.isInfinite(max)) return max;
        double s = 0;
        for (double v : a) s += Math.exp(v - max);
        return max + Math.log(s / a.length);
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        List<String> names = tensorNames(config.hidden().length);
        for (int i = 0; i < layers.size(); i++) {
            FMatrix w = layers.get(i)[0];
            t.put(names.get(i) + ".weight", Tensor.matrix(w.rows(), w.cols(), w.toArray()));
            t.put(names.get(i) + ".bias", Tensor.vector(layers.get(i)[1].toArray()));
        }
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Layer names in file order: encoder.0 …, encoder.stats, decoder.0 …, decoder.output. */
    static List<String> tensorNames(int hiddenLayers) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < hiddenLayers; i++) n.add("encoder." + i);
        n.add("encoder.stats");
        for (int i = 0; i < hiddenLayers; i++) n.add("decoder." + i);
        n.add("decoder.output");
        return n;
    }

    /** Reads a model written by {@link #save}. */
    public static VariationalAutoencoder load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static VariationalAutoencoder load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static VariationalAutoencoder load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        VaeConfig config;
        try {
            config = VaeConfig.fromMap(mf.config());
        } catch (IllegalArgumentException e) {
            throw mf.badConfig(e);
        }
        int[] h = config.hidden();
        int nz = config.latent();
        String first = "encoder." + (h.length == 0 ? "stats" : "0") + ".weight";
        int[] firstShape = mf.shape(first);
        if (firstShape.length != 2 || firstShape[1] < 1) throw new FormatException(file, "tensor " + first, "must be a matrix [units, visible]");
        int nv = firstShape[1];
        // expected [units, inputs] of each layer, in file order
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < h.length; i++) shapes.add(new int[] {h[i], i == 0 ? nv : h[i - 1]});
        shapes.add(new int[] {2 * nz, h.length == 0 ? nv : h[h.length - 1]});
        for (int i = 0; i < h.length; i++) shapes.add(new int[] {h[h.length - 1 - i], i == 0 ? nz : h[h.length - i]});
        shapes.add(new int[] {nv, h.length == 0 ? nz : h[0]});
        List<String> names = tensorNames(h.length);
        List<FMatrix[]> layers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int[] s = shapes.get(i);
            float[] w = mf.tensor(names.get(i) + ".weight", s[0], s[1]);
            float[] b = mf.tensor(names.get(i) + ".bias", s[0]);
            layers.add(new FMatrix[] {FMatrix.wrap(w, s[0], s[1]), FMatrix.wrap(b, 1, s[0])});
        }
        return new VariationalAutoencoder(layers, nv, config, mf.provenance());
    }

    @Override
    public String toString() {
        return "VariationalAutoencoder[" + nv + " visible, hidden " + java.util.Arrays.toString(config.hidden()) + ", " + latent() + " latent, "
                + config.likelihood().name().toLowerCase(java.util.Locale.ROOT) + " decoder]";
    }
}
