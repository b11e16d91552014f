package io.latentj.models.rbm;

import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;

import io.latentj.models.Inputs;
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
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained restricted Boltzmann machine with real-valued Gaussian visible units and binary hidden units: energy
 * E(v, h) = Σ_i (v_i − b_i)²/(2σ_i²) − cᵀh − Σ_ij (v_i/σ_i) W_ji h_j (W stored hidden × visible), conditionals
 * p(h_j = 1 | v) = sigmoid(c_j + Σ_i W_ji v_i/σ_i) and p(v_i | h) = N(b_i + σ_i Σ_j W_ji h_j, σ_i²), free energy
 * F(v) = Σ_i (v_i − b_i)²/(2σ_i²) − Σ_j softplus(c_j + W_j·(v/σ)).
 *
 * <p><b>Variances.</b> By default every σ_i is 1 and stays 1: the data should be standardised per column (zero
 * mean, unit variance), e.g. with {@link GaussianStandardizer}. Training with {@code learnVariance} also learns
 * z_i = log σ_i² by its contrastive-divergence gradient (Cho, Ilin & Raiko 2011 learn the same parameter; the gradient
 * here is derived for this energy, see {@link GaussianStatistics}), starting from σ = 1, with σ kept ≥ 0.01.
 *
 * <p><b>Training</b> ({@link #fit}) uses {@link RbmConfig}: CD-k or PCD over minibatches, momentum, L2 weight cost.
 * Real-valued visible units need a smaller learning rate than binary ones: 0.001–0.01 is typical (the config's
 * default 0.05 is for binary data and may diverge here). In the negative phase the visible units take the mean of
 * p(v|h), or a sample of it when {@link RbmConfig#sampleVisible()} or when variances are learned (means bias σ
 * downwards, see {@link GaussianContrastiveDivergence}; PCD chains always hold samples); the sparsity
 * settings of the config are not used by this model.
 *
 * <p>Immutable and safe to share across threads. {@link #transformInto} is one fused GEMV + sigmoid, no allocation.
 *
 * <p>Model file (safetensors): {@code weight} [hidden, visible], {@code visible_bias} [visible],
 * {@code hidden_bias} [hidden], {@code log_variance} [visible] (z_i = log σ_i²), all F32; metadata
 * {@code model=GaussianBernoulliRBM}, {@code format_version=1}, {@code config.*} from {@link RbmConfig#toMap()} plus
 * {@code config.learn_variance}, and {@code provenance.*}.
 */
public final class GaussianBernoulliRBM implements Encoder, Reconstructor, Sampler {
    static final String TYPE = "GaussianBernoulliRBM";
    static final String FORMAT_VERSION = "1";
    /** Smallest standard deviation training lets a unit reach (log σ² ≥ 2 ln 0.01). */
    public static final float MIN_SIGMA = 0.01f;

    private final FMatrix w, wIn, wOut;
    private final float[] b, c, logVar, sigma, invSigma;
    private final boolean unitVariance;
    private final boolean learnVariance;
    private final RbmConfig config;
    private final Map<String, String> provenance;

    GaussianBernoulliRBM(FMatrix w, float[] b, float[] c, float[] logVar, RbmConfig config, boolean learnVariance,
                         Map<String, String> provenance) {
        if (w.rows() != c.length || w.cols() != b.length || logVar.length != b.length) {
            throw new IllegalArgumentException("weights " + w.shape() + " need " + w.rows() + " hidden biases and " + w.cols()
                    + " visible biases and log-variances, got " + c.length + ", " + b.length + " and " + logVar.length);
        }
        this.w = w.copy();
        this.b = b.clone();
        this.c = c.clone();
        this.logVar = logVar.clone();
        this.config = config;
        this.learnVariance = learnVariance;
        this.provenance = Map.copyOf(provenance);
        boolean unit = true;
        for (float z : logVar) unit &= z == 0f;
        unitVariance = unit;
        sigma = new float[b.length];
        invSigma = new float[b.length];
        sigmas(config.path(), logVar, sigma, invSigma);
        if (unit) {
            wIn = this.w;
            wOut = this.w;
        } else {
            wIn = FMatrix.zeros(w.rows(), w.cols());
            wOut = FMatrix.zeros(w.rows(), w.cols());
            Elementwise.scaleColumns(config.path(), this.w, invSigma, 0, wIn);
            Elementwise.scaleColumns(config.path(), this.w, sigma, 0, wOut);
        }
    }

    /** σ = exp(z/2) and 1/σ = exp(−z/2). */
    static void sigmas(Path path, float[] logVar, float[] sigma, float[] invSigma) {
        int n = logVar.length;
        System.arraycopy(logVar, 0, sigma, 0, n);
        Linalg.scal(path, n, 0.5f, sigma, 0);
        Elementwise.exp(path, sigma, 0, sigma, 0, n);
        System.arraycopy(logVar, 0, invSigma, 0, n);
        Linalg.scal(path, n, -0.5f, invSigma, 0);
        Elementwise.exp(path, invSigma, 0, invSigma, 0, n);
    }

    /**
     * A model with the given parameters (copied): weight hidden × visible, visible bias, hidden bias and per-unit
     * log-variance log σ_i² (null: all σ_i = 1).
     */
    public static GaussianBernoulliRBM of(FMatrix weight, float[] visibleBias, float[] hiddenBias, float[] logVariance, RbmConfig config) {
        float[] z = logVariance == null ? new float[visibleBias.length] : logVariance;
        Elementwise.requireFinite(Path.SCALAR, "weight", weight);
        Elementwise.requireFinite(Path.SCALAR, "visible bias", FMatrix.wrap(visibleBias, 1, visibleBias.length));
        Elementwise.requireFinite(Path.SCALAR, "hidden bias", FMatrix.wrap(hiddenBias, 1, hiddenBias.length));
        Elementwise.requireWithin(Path.SCALAR, "log variance", FMatrix.wrap(z, 1, z.length), -80f, 80f);
        return new GaussianBernoulliRBM(weight, visibleBias, hiddenBias, z, config, logVariance != null, Map.of());
    }

    /** Trains with unit variances on {@code data} (which should be standardised per column). */
    public static GaussianBernoulliRBM fit(RbmConfig config, FMatrix data) {
        return fit(config, false, data, null, TrainingListener.NONE);
    }

    /**
     * Trains on the rows of {@code data}; {@code learnVariance} also learns each visible unit's variance. Each epoch
     * is reported to {@code listener} with the reconstruction error, the free-energy gap to {@code heldOut} (when
     * given), the mean σ (when learned) and, for at most {@link GaussianLikelihood#CHEAP_HIDDEN} hidden units, the
     * exact average log-likelihood.
     */
    public static GaussianBernoulliRBM fit(RbmConfig config, boolean learnVariance, FMatrix data, FMatrix heldOut, TrainingListener listener) {
        return fit(config, learnVariance, data, heldOut, listener, null);
    }

    /**
     * As above, saving the full training state (parameters, velocities, PCD chains, random-stream positions) as
     * {@code checkpointing} says and resuming from it: a resumed run ends with exactly the weights of an
     * uninterrupted one. A diverging run stops before overwriting the last good checkpoint.
     */
    public static GaussianBernoulliRBM fit(RbmConfig config, boolean learnVariance, FMatrix data, FMatrix heldOut, TrainingListener listener,
                                           io.latentj.models.Checkpointing checkpointing) {
        return new GaussianContrastiveDivergence(config, learnVariance, data, heldOut, listener, checkpointing).train();
    }

    public int visible() { return w.cols(); }
    public int hidden() { return w.rows(); }
    @Override public int inputSize() { return visible(); }
    @Override public int outputSize() { return hidden(); }
    public RbmConfig config() { return config; }
    /** Whether training learned the variances (else they were fixed). */
    public boolean learnsVariance() { return learnVariance; }
    public Map<String, String> provenance() { return provenance; }
    /** A copy of W (hidden × visible). */
    public FMatrix weights() { return w.copy(); }
    public float[] visibleBias() { return b.clone(); }
    public float[] hiddenBias() { return c.clone(); }
    /** log σ_i² per visible unit. */
    public float[] logVariance() { return logVar.clone(); }
    /** σ_i per visible unit. */
    public float[] sigma() { return sigma.clone(); }
    Path path() { return config.path(); }
    FMatrix w() { return w; }
    FMatrix wIn() { return wIn; }
    FMatrix wOut() { return wOut; }
    float[] b() { return b; }
    float[] c() { return c; }
    float[] logVar() { return logVar; }
    /** 1/σ, or null when every σ is 1. */
    float[] invSigmaOrNull() { return unitVariance ? null : invSigma; }
    float[] invSigma() { return invSigma; }
    float[] sigmaOrNull() { return unitVariance ? null : sigma; }

    private void requireInput(String what, FMatrix x, int cols) {
        Inputs.requireMatrix(config.path(), what, x, cols);
    }

    /** Hidden probabilities p(h = 1 | v) of every row. */
    @Override
    public FMatrix transform(FMatrix v) {
        requireInput("input", v, visible());
        FMatrix h = FMatrix.zeros(v.rows(), hidden());
        GaussianConditionals.hidden(config.path(), wIn, c, v, h);
        return h;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(config.path(), x, xOff, visible(), out, outOff, hidden());
        Fused.sigmoidAffine(config.path(), Trans.N, wIn, x, xOff, c, 0, out, outOff);
    }

    /** The means E[v | h] = b + σ ⊙ Wᵀh of every row of hidden states or probabilities. */
    public FMatrix visibleMean(FMatrix h) {
        requireInput("hidden states", h, hidden());
        FMatrix v = FMatrix.zeros(h.rows(), visible());
        GaussianConditionals.visibleMean(config.path(), wOut, b, h, v);
        return v;
    }

    /** One mean-field up-down pass: E[v | p(h | v)]. */
    @Override
    public FMatrix reconstruct(FMatrix v) {
        return visibleMean(transform(v));
    }

    /** Free energy F(v) of every row (log p(v) = −F(v) − log Z). */
    public float[] freeEnergy(FMatrix v) {
        requireInput("input", v, visible());
        float[] out = new float[v.rows()];
        GaussianConditionals.freeEnergy(config.path(), wIn, b, c, invSigmaOrNull(), v, FMatrix.zeros(v.rows(), hidden()),
                FMatrix.zeros(v.rows(), visible()), new float[v.rows()], out);
        return out;
    }

    /**
     * Runs {@code steps} rounds of alternating Gibbs sampling (h ~ p(h|v), v ~ p(v|h)) from the rows of
     * {@code start}; returns the last means E[v|h] ({@code means}) or the last samples.
     */
    public FMatrix gibbs(FMatrix start, int steps, Rng rng, boolean means) {
        requireInput("start", start, visible());
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        Path p = config.path();
        FMatrix v = start.copy(), mean = FMatrix.zeros(v.rows(), visible());
        FMatrix ph = FMatrix.zeros(v.rows(), hidden()), h = FMatrix.zeros(v.rows(), hidden());
        for (int s = 0; s < steps; s++) {
            GaussianConditionals.hidden(p, wIn, c, v, ph);
            io.latentj.simd.Sampling.bernoulli(p, rng, ph, h);
            GaussianConditionals.visibleMean(p, wOut, b, h, mean);
            GaussianConditionals.sampleVisible(p, rng, mean, sigmaOrNull(), v);
        }
        return means ? mean : v;
    }

    /** {@code n} samples after {@code steps} Gibbs rounds started from N(b, σ²) noise: means or samples. */
    @Override
    public FMatrix sample(int n, int steps, Rng rng, boolean means) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative, got " + n);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        FMatrix mean = FMatrix.zeros(n, visible()), start = FMatrix.zeros(n, visible());
        mean.fillRows(b, 0);
        GaussianConditionals.sampleVisible(config.path(), rng, mean, sigmaOrNull(), start);
        return gibbs(start, steps, rng, means);
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(hidden(), visible(), w.toArray()));
        t.put("visible_bias", Tensor.vector(b.clone()));
        t.put("hidden_bias", Tensor.vector(c.clone()));
        t.put("log_variance", Tensor.vector(logVar.clone()));
        Map<String, String> meta = BernoulliRBM.metadata(TYPE, config, Map.of());
        meta.put("format_version", FORMAT_VERSION);
        meta.put("config.learn_variance", Boolean.toString(learnVariance));
        provenance.forEach((k, v) -> meta.put("provenance." + k, v));
        SafeTensors.write(file, t, meta);
    }

    /** Reads a model written by {@link #save} (or by any tool that follows the documented tensor names). */
    public static GaussianBernoulliRBM load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static GaussianBernoulliRBM load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static GaussianBernoulliRBM load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        SafeTensors.Contents contents = mf.contents();
        Tensor wt = contents.tensor(file, "weight"), bt = contents.tensor(file, "visible_bias"), ct = contents.tensor(file, "hidden_bias");
        Tensor zt = contents.tensor(file, "log_variance");
        if (wt.shape().length != 2 || bt.shape().length != 1 || ct.shape().length != 1 || zt.shape().length != 1
                || wt.shape()[0] != ct.shape()[0] || wt.shape()[1] != bt.shape()[0] || zt.shape()[0] != bt.shape()[0]) {
            throw new FormatException(file, "tensors", "shapes weight " + Arrays.toString(wt.shape()) + ", visible_bias "
                    + Arrays.toString(bt.shape()) + ", hidden_bias " + Arrays.toString(ct.shape()) + ", log_variance "
                    + Arrays.toString(zt.shape()) + " do not fit together (weight is [hidden, visible])");
        }
        Map<String, String> cfg = mf.config(), prov = mf.provenance();
        cfg.put("hidden", Integer.toString(wt.shape()[0]));
        RbmConfig config;
        try {
            config = RbmConfig.fromMap(cfg);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "__metadata__ config", e.getMessage());
        }
        boolean learn = Boolean.parseBoolean(cfg.getOrDefault("learn_variance", "false"));
        FMatrix w = FMatrix.wrap(wt.data(), wt.shape()[0], wt.shape()[1]);
        try {
            Elementwise.requireFinite(Path.SCALAR, "weight", w);
            Elementwise.requireFinite(Path.SCALAR, "visible_bias", FMatrix.wrap(bt.data(), 1, bt.data().length));
            Elementwise.requireFinite(Path.SCALAR, "hidden_bias", FMatrix.wrap(ct.data(), 1, ct.data().length));
            Elementwise.requireWithin(Path.SCALAR, "log_variance", FMatrix.wrap(zt.data(), 1, zt.data().length), -80f, 80f);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "tensors", e.getMessage());
        }
        return new GaussianBernoulliRBM(w, bt.data(), ct.data(), zt.data(), config, learn, prov);
    }

    @Override
    public String toString() {
        return "GaussianBernoulliRBM[" + visible() + " visible, " + hidden() + " hidden" + (learnVariance ? ", learned variances" : "") + "]";
    }
}
