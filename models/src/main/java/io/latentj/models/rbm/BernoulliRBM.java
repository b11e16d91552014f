package io.latentj.models.rbm;

import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;

import io.latentj.models.Inputs;
import io.latentj.models.Checkpointing;
import io.latentj.models.Encoder;
import io.latentj.models.Sampler;
import io.latentj.models.Reconstructor;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained restricted Boltzmann machine with binary visible and hidden units: energy
 * E(v, h) = −bᵀv − cᵀh − hᵀWv, conditionals p(h_j = 1 | v) = σ(c_j + W_j·v) and p(v_i = 1 | h) = σ(b_i + W_{·i}ᵀh),
 * free energy F(v) = −bᵀv − Σ_j softplus(c_j + W_j·v). W is stored hidden × visible.
 *
 * <p>Immutable: every method may be called from any number of threads at once. {@link #transformInto} is the
 * single-sample inference call (one fused GEMV + sigmoid, no allocation).
 *
 * <p>Model file (safetensors): tensors {@code weight} [hidden, visible], {@code visible_bias} [visible],
 * {@code hidden_bias} [hidden], all F32; metadata {@code model=BernoulliRBM}, {@code format_version=1}, the
 * hyperparameters of {@link RbmConfig#toMap()} prefixed {@code config.}, and provenance entries.
 */
public final class BernoulliRBM implements Encoder, Reconstructor, Sampler {
    static final String TYPE = "BernoulliRBM";
    static final String FORMAT_VERSION = "1";

    private final FMatrix w;
    private final float[] b;
    private final float[] c;
    private final RbmConfig config;
    private final Map<String, String> provenance;

    BernoulliRBM(FMatrix w, float[] b, float[] c, RbmConfig config, Map<String, String> provenance) {
        if (w.rows() != c.length || w.cols() != b.length) {
            throw new IllegalArgumentException("weights " + w.shape() + " need " + w.rows() + " hidden and " + w.cols()
                    + " visible biases, got " + c.length + " and " + b.length);
        }
        this.w = w.copy();
        this.b = b.clone();
        this.c = c.clone();
        this.config = config;
        this.provenance = Map.copyOf(provenance);
    }

    /** An RBM with the given parameters (copied): weight hidden × visible, visible bias, hidden bias. */
    public static BernoulliRBM of(FMatrix weight, float[] visibleBias, float[] hiddenBias, RbmConfig config) {
        Elementwise.requireFinite(Path.SCALAR, "weight", weight);
        Elementwise.requireFinite(Path.SCALAR, "visible bias", FMatrix.wrap(visibleBias, 1, visibleBias.length));
        Elementwise.requireFinite(Path.SCALAR, "hidden bias", FMatrix.wrap(hiddenBias, 1, hiddenBias.length));
        return new BernoulliRBM(weight, visibleBias, hiddenBias, config, Map.of());
    }

    /** Trains on the rows of {@code data} (values in [0, 1]) with contrastive divergence as {@code config} says. */
    public static BernoulliRBM fit(RbmConfig config, FMatrix data) {
        return new ContrastiveDivergence(config, data, null, TrainingListener.NONE).train();
    }

    /**
     * Trains on {@code data}, reporting each epoch to {@code listener}; when {@code heldOut} is given the reports
     * include the free-energy gap between training and held-out rows (a rising gap signals overfitting).
     */
    public static BernoulliRBM fit(RbmConfig config, FMatrix data, FMatrix heldOut, TrainingListener listener) {
        return new ContrastiveDivergence(config, data, heldOut, listener).train();
    }

    /**
     * Trains as {@link #fit(RbmConfig, FMatrix, FMatrix, TrainingListener)}, saving the full training state to
     * {@code checkpointing.file()} every {@code everyEpochs} epochs (and after the last), and resuming from it when
     * {@code resume} is set and the file exists: the resumed run ends with exactly the weights of an uninterrupted one.
     */
    public static BernoulliRBM fit(RbmConfig config, FMatrix data, FMatrix heldOut, TrainingListener listener, Checkpointing checkpointing) {
        return new ContrastiveDivergence(config, data, heldOut, listener, checkpointing).train();
    }

    public int visible() { return w.cols(); }
    public int hidden() { return w.rows(); }
    @Override public int inputSize() { return visible(); }
    @Override public int outputSize() { return hidden(); }
    public RbmConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    /** A copy of W (hidden × visible). */
    public FMatrix weights() { return w.copy(); }
    public float[] visibleBias() { return b.clone(); }
    public float[] hiddenBias() { return c.clone(); }
    Path path() { return config.path(); }
    FMatrix w() { return w; }
    float[] b() { return b; }
    float[] c() { return c; }

    private void requireInput(String what, FMatrix x, int cols) {
        Inputs.requireMatrix(config.path(), what, x, cols);
    }

    /** Hidden probabilities p(h = 1 | v) of every row. */
    @Override
    public FMatrix transform(FMatrix v) {
        requireInput("input", v, visible());
        FMatrix h = FMatrix.zeros(v.rows(), hidden());
        BernoulliConditionals.hidden(config.path(), w, c, v, h);
        return h;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(config.path(), x, xOff, visible(), out, outOff, hidden());
        Fused.sigmoidAffine(config.path(), Trans.N, w, x, xOff, c, 0, out, outOff);
    }

    /** Visible probabilities p(v = 1 | h) of every row of hidden states or probabilities. */
    public FMatrix visibleProbabilities(FMatrix h) {
        requireInput("hidden states", h, hidden());
        FMatrix v = FMatrix.zeros(h.rows(), visible());
        BernoulliConditionals.visible(config.path(), w, b, h, v);
        return v;
    }

    /** One mean-field up-down pass: p(v | p(h | v)). */
    @Override
    public FMatrix reconstruct(FMatrix v) {
        return visibleProbabilities(transform(v));
    }

    /** Free energy F(v) of every row. */
    public float[] freeEnergy(FMatrix v) {
        requireInput("input", v, visible());
        float[] out = new float[v.rows()];
        BernoulliConditionals.freeEnergy(config.path(), w, b, c, v, FMatrix.zeros(v.rows(), hidden()), out);
        return out;
    }

    /**
     * Pseudo-likelihood of every row as scikit-learn's {@code score_samples} defines it: for one visible unit i
     * chosen at random per row, n_visible · log σ(F(ṽ) − F(v)), where ṽ is v with unit i flipped (1 − v_i).
     */
    public float[] pseudoLikelihood(FMatrix v, Rng rng) {
        requireInput("input", v, visible());
        FMatrix flipped = v.copy();
        for (int r = 0; r < v.rows(); r++) {
            int i = rng.nextInt(visible());
            flipped.set(r, i, 1f - flipped.get(r, i));
        }
        float[] fe = freeEnergy(v), feFlipped = freeEnergy(flipped);
        float[] out = new float[v.rows()];
        for (int r = 0; r < out.length; r++) out[r] = fe[r] - feFlipped[r];
        // log σ(F(ṽ) − F(v)) = −softplus(F(v) − F(ṽ))
        Elementwise.softplus(config.path(), out, 0, out, 0, out.length);
        for (int r = 0; r < out.length; r++) out[r] *= -visible();
        return out;
    }

    /**
     * Runs {@code steps} rounds of alternating Gibbs sampling (h ~ p(h|v), v ~ p(v|h)) from the rows of {@code start}
     * and returns the last visible probabilities ({@code probabilities}) or binary states.
     */
    public FMatrix gibbs(FMatrix start, int steps, Rng rng, boolean probabilities) {
        requireInput("start", start, visible());
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        Path p = config.path();
        FMatrix v = start.copy(), pv = FMatrix.zeros(v.rows(), visible());
        FMatrix ph = FMatrix.zeros(v.rows(), hidden()), h = FMatrix.zeros(v.rows(), hidden());
        for (int s = 0; s < steps; s++) {
            BernoulliConditionals.hidden(p, w, c, v, ph);
            Sampling.bernoulli(p, rng, ph, h);
            BernoulliConditionals.visible(p, w, b, h, pv);
            Sampling.bernoulli(p, rng, pv, v);
        }
        return probabilities ? pv : v;
    }

    /** {@code n} samples after {@code steps} Gibbs rounds from uniform noise: visible probabilities or binary states. */
    @Override
    public FMatrix sample(int n, int steps, Rng rng, boolean probabilities) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative, got " + n);
        FMatrix noise = FMatrix.zeros(n, visible());
        Sampling.uniform(config.path(), rng, noise);
        FMatrix half = FMatrix.zeros(n, visible());
        half.fill(0.5f);
        Sampling.bernoulli(config.path(), rng, half, noise);
        return gibbs(noise, steps, rng, probabilities);
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(hidden(), visible(), w.toArray()));
        t.put("visible_bias", Tensor.vector(b.clone()));
        t.put("hidden_bias", Tensor.vector(c.clone()));
        SafeTensors.write(file, t, metadata(TYPE, config, provenance));
    }

    static Map<String, String> metadata(String type, RbmConfig config, Map<String, String> provenance) {
        return ModelFile.metadata(type, FORMAT_VERSION, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save} (or by any tool that follows the documented tensor names). */
    public static BernoulliRBM load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static BernoulliRBM load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static BernoulliRBM load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        SafeTensors.Contents contents = mf.contents();
        Tensor wt = contents.tensor(file, "weight"), bt = contents.tensor(file, "visible_bias"), ct = contents.tensor(file, "hidden_bias");
        if (wt.shape().length != 2 || bt.shape().length != 1 || ct.shape().length != 1
                || wt.shape()[0] != ct.shape()[0] || wt.shape()[1] != bt.shape()[0]) {
            throw new FormatException(file, "tensors", "shapes weight " + java.util.Arrays.toString(wt.shape()) + ", visible_bias "
                    + java.util.Arrays.toString(bt.shape()) + ", hidden_bias " + java.util.Arrays.toString(ct.shape())
                    + " do not fit together (weight is [hidden, visible])");
        }
        Map<String, String> cfg = mf.config(), prov = mf.provenance();
        cfg.put("hidden", Integer.toString(wt.shape()[0]));
        RbmConfig config;
        try {
            config = RbmConfig.fromMap(cfg);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "__metadata__ config", e.getMessage());
        }
        FMatrix w = FMatrix.wrap(wt.data(), wt.shape()[0], wt.shape()[1]);
        try {
            Elementwise.requireFinite(Path.SCALAR, "weight", w);
            Elementwise.requireFinite(Path.SCALAR, "visible_bias", FMatrix.wrap(bt.data(), 1, bt.data().length));
            Elementwise.requireFinite(Path.SCALAR, "hidden_bias", FMatrix.wrap(ct.data(), 1, ct.data().length));
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "tensors", e.getMessage());
        }
        return new BernoulliRBM(w, bt.data(), ct.data(), config, prov);
    }

    @Override
    public String toString() {
        return "BernoulliRBM[" + visible() + " visible, " + hidden() + " hidden]";
    }
}
