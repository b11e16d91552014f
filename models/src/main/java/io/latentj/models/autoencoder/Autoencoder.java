package io.latentj.models.autoencoder;

import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;

import io.latentj.models.Inputs;
import io.latentj.models.Encoder;
import io.latentj.models.Reconstructor;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained one-hidden-layer autoencoder: code h = f(Wx + b), reconstruction x' = g(Wᵀh + c) with tied weights or
 * g(Vh + c) with a separate decoder matrix V. W is stored hidden × visible, V visible × hidden. The plain, denoising,
 * sparse and contractive variants differ only in how they were trained ({@link AutoencoderConfig}).
 *
 * <p>Immutable: every method may be called from any number of threads at once. {@link #transformInto} is the
 * single-sample inference call (for a sigmoid encoder one fused GEMV + sigmoid; otherwise a GEMV and an in-place
 * activation), allocating nothing.
 *
 * <p>Model file (safetensors): tensors {@code weight} [hidden, visible], {@code hidden_bias} [hidden],
 * {@code visible_bias} [visible] and, when untied, {@code decoder_weight} [visible, hidden], all F32; metadata
 * {@code model=Autoencoder}, {@code format_version=1}, the hyperparameters of {@link AutoencoderConfig#toMap()}
 * prefixed {@code config.}, and provenance entries.
 */
public final class Autoencoder implements Encoder, Reconstructor {
    static final String TYPE = "Autoencoder";
    static final String FORMAT_VERSION = "1";

    private final FMatrix w;
    private final float[] b, c;
    private final FMatrix v; // null when tied
    private final AutoencoderConfig config;
    private final Map<String, String> provenance;

    Autoencoder(FMatrix w, float[] b, float[] c, FMatrix v, AutoencoderConfig config, Map<String, String> provenance) {
        if (w.rows() != b.length || w.cols() != c.length) {
            throw new IllegalArgumentException("weight " + w.shape() + " needs " + w.rows() + " hidden and " + w.cols()
                    + " visible biases, got " + b.length + " and " + c.length);
        }
        if (v != null && (v.rows() != w.cols() || v.cols() != w.rows())) {
            throw new IllegalArgumentException("decoder weight " + v.shape() + " must be " + w.cols() + "×" + w.rows());
        }
        if (config.hidden() != w.rows()) throw new IllegalArgumentException("config has " + config.hidden() + " hidden units, weight " + w.rows());
        if (config.tied() != (v == null)) throw new IllegalArgumentException("config says tied=" + config.tied() + " but the decoder weight is " + (v == null ? "absent" : "present"));
        this.w = w.copy();
        this.b = b.clone();
        this.c = c.clone();
        this.v = v == null ? null : v.copy();
        this.config = config;
        this.provenance = Map.copyOf(provenance);
    }

    /**
     * An autoencoder with the given parameters (copied): weight hidden × visible, hidden bias, visible bias and, for an
     * untied {@code config}, the decoder weight visible × hidden (null when tied).
     */
    public static Autoencoder of(FMatrix weight, float[] hiddenBias, float[] visibleBias, FMatrix decoderWeight, AutoencoderConfig config) {
        if (weight == null || hiddenBias == null || visibleBias == null || config == null) throw new IllegalArgumentException("parameters and config must not be null");
        Elementwise.requireFinite(Path.SCALAR, "weight", weight);
        Elementwise.requireFinite(Path.SCALAR, "hidden bias", FMatrix.wrap(hiddenBias, 1, hiddenBias.length));
        Elementwise.requireFinite(Path.SCALAR, "visible bias", FMatrix.wrap(visibleBias, 1, visibleBias.length));
        if (decoderWeight != null) Elementwise.requireFinite(Path.SCALAR, "decoder weight", decoderWeight);
        return new Autoencoder(weight, hiddenBias, visibleBias, decoderWeight, config, Map.of());
    }

    /** Trains on the rows of {@code data} as {@code config} says. */
    public static Autoencoder fit(AutoencoderConfig config, FMatrix data) {
        return new AutoencoderTrainer(config, data, null, TrainingListener.NONE, null).train();
    }

    /**
     * Trains on {@code data}, reporting each epoch to {@code listener} (metrics {@code loss}, the penalties, and the
     * mean squared {@code reconstruction_error} per row of training and, when given, {@code heldOut} rows).
     */
    public static Autoencoder fit(AutoencoderConfig config, FMatrix data, FMatrix heldOut, TrainingListener listener) {
        return new AutoencoderTrainer(config, data, heldOut, listener, null).train();
    }

    /**
     * As above, saving the full training state (parameters, optimiser moments, random-stream positions) as
     * {@code checkpointing} says and resuming from it: a resumed run ends with exactly the weights of an
     * uninterrupted one; a diverging run stops before overwriting the last good checkpoint.
     */
    public static Autoencoder fit(AutoencoderConfig config, FMatrix data, FMatrix heldOut, TrainingListener listener,
                                  io.latentj.models.Checkpointing checkpointing) {
        return new AutoencoderTrainer(config, data, heldOut, listener, checkpointing).train();
    }

    public int visible() { return w.cols(); }
    public int hidden() { return w.rows(); }
    @Override public int inputSize() { return visible(); }
    @Override public int outputSize() { return hidden(); }
    public AutoencoderConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    public boolean tied() { return v == null; }
    /** A copy of the encoder weight W (hidden × visible). */
    public FMatrix weights() { return w.copy(); }
    /** A copy of the untied decoder weight V (visible × hidden), or null when the decoder uses Wᵀ. */
    public FMatrix decoderWeights() { return v == null ? null : v.copy(); }
    public float[] hiddenBias() { return b.clone(); }
    public float[] visibleBias() { return c.clone(); }
    private Path path() { return config.path(); }

    private void requireInput(String what, FMatrix x, int cols) {
        Inputs.requireMatrix(path(), what, x, cols);
    }

    /** Codes f(XWᵀ + b) of every row. */
    @Override
    public FMatrix transform(FMatrix x) {
        requireInput("input", x, visible());
        FMatrix h = FMatrix.zeros(x.rows(), hidden());
        encode(x, h);
        return h;
    }

    private void encode(FMatrix x, FMatrix h) {
        h.fillRows(b, 0);
        Linalg.gemm(path(), Trans.N, Trans.T, 1f, x, w, 1f, h);
        config.encoder().forward(path(), h, h);
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(path(), x, xOff, visible(), out, outOff, hidden());
        Path p = path();
        int nh = hidden();
        switch (config.encoder()) {
            case SIGMOID -> Fused.sigmoidAffine(p, Trans.N, w, x, xOff, b, 0, out, outOff);
            default -> {
                System.arraycopy(b, 0, out, outOff, nh);
                Linalg.gemv(p, Trans.N, 1f, w, x, xOff, 1f, out, outOff);
                switch (config.encoder()) {
                    case TANH -> Elementwise.tanh(p, out, outOff, out, outOff, nh);
                    case RELU -> Elementwise.relu(p, out, outOff, out, outOff, nh);
                    case SOFTPLUS -> Elementwise.softplus(p, out, outOff, out, outOff, nh);
                    default -> { } // LINEAR (SOFTMAX is refused by the config)
                }
            }
        }
    }

    /** Decoder outputs g(HW + c) (untied: g(HVᵀ + c)) of every row of codes. */
    public FMatrix decode(FMatrix h) {
        requireInput("codes", h, hidden());
        FMatrix y = FMatrix.zeros(h.rows(), visible());
        decodeInto(h, y);
        return y;
    }

    private void decodeInto(FMatrix h, FMatrix y) {
        y.fillRows(c, 0);
        if (v == null) Linalg.gemm(path(), Trans.N, Trans.N, 1f, h, w, 1f, y);
        else Linalg.gemm(path(), Trans.N, Trans.T, 1f, h, v, 1f, y);
        config.decoder().forward(path(), y, y);
    }

    /** Reconstructions g(decoder(f(encoder(x)))) of every row (no corruption). */
    @Override
    public FMatrix reconstruct(FMatrix x) {
        requireInput("input", x, visible());
        FMatrix h = FMatrix.zeros(x.rows(), hidden()), y = FMatrix.zeros(x.rows(), visible());
        encode(x, h);
        decodeInto(h, y);
        return y;
    }

    /** Mean over rows of the squared reconstruction error ‖x − x'‖² of {@code x} against {@code target} (clean inputs). */
    public double reconstructionError(FMatrix input, FMatrix target) {
        requireInput("target", target, visible());
        if (input == null || input.rows() != target.rows()) throw new IllegalArgumentException("input and target must have the same rows");
        if (target.rows() == 0) return 0;
        return Linalg.squaredDistance(path(), reconstruct(input), target) / target.rows();
    }

    /** Mean over rows of ‖x − x'‖². */
    public double reconstructionError(FMatrix x) {
        return reconstructionError(x, x);
    }

    /**
     * Mean over rows of the squared Frobenius norm of the encoder's Jacobian, ‖∂h/∂x‖²_F = Σ_j f'(z_j)² Σ_i W_ji²
     * (what the contractive penalty minimises).
     */
    public double jacobianNorm(FMatrix x) {
        requireInput("input", x, visible());
        int n = x.rows(), nh = hidden();
        if (n == 0) return 0;
        Path p = path();
        FMatrix z = FMatrix.zeros(n, nh), h = FMatrix.zeros(n, nh), d = FMatrix.zeros(n, nh), ones = FMatrix.zeros(n, nh);
        z.fillRows(b, 0);
        Linalg.gemm(p, Trans.N, Trans.T, 1f, x, w, 1f, z);
        config.encoder().forward(p, z, h);
        ones.fill(1f);
        config.encoder().backward(p, z, h, ones, d); // d = f'(z)
        Elementwise.mul(p, d.data(), 0, d.data(), 0, d.data(), 0, n * nh);
        float[] colSq = new float[nh], omega = new float[nh];
        Linalg.colSums(p, d, colSq, 0);
        for (int j = 0; j < nh; j++) omega[j] = Linalg.dot(p, visible(), w.data(), w.rowOffset(j), w.data(), w.rowOffset(j));
        return (double) Linalg.dot(p, nh, colSq, 0, omega, 0) / n;
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(hidden(), visible(), w.toArray()));
        t.put("hidden_bias", Tensor.vector(b.clone()));
        t.put("visible_bias", Tensor.vector(c.clone()));
        if (v != null) t.put("decoder_weight", Tensor.matrix(visible(), hidden(), v.toArray()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static Autoencoder load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static Autoencoder load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static Autoencoder load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        SafeTensors.Contents contents = mf.contents();
        Tensor wt = contents.tensor(file, "weight"), bt = contents.tensor(file, "hidden_bias"), ct = contents.tensor(file, "visible_bias");
        Tensor vt = contents.tensors().get("decoder_weight");
        if (wt.shape().length != 2 || bt.shape().length != 1 || ct.shape().length != 1
                || wt.shape()[0] != bt.shape()[0] || wt.shape()[1] != ct.shape()[0]
                || (vt != null && (vt.shape().length != 2 || vt.shape()[0] != wt.shape()[1] || vt.shape()[1] != wt.shape()[0]))) {
            throw new FormatException(file, "tensors", "shapes weight " + Arrays.toString(wt.shape()) + ", hidden_bias " + Arrays.toString(bt.shape())
                    + ", visible_bias " + Arrays.toString(ct.shape()) + (vt == null ? "" : ", decoder_weight " + Arrays.toString(vt.shape()))
                    + " do not fit together (weight is [hidden, visible], decoder_weight [visible, hidden])");
        }
        Map<String, String> cfg = mf.config(), prov = mf.provenance();
        cfg.put("hidden", Integer.toString(wt.shape()[0]));
        cfg.put("tied", Boolean.toString(vt == null));
        AutoencoderConfig config;
        try {
            config = AutoencoderConfig.fromMap(cfg);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "__metadata__ config", e.getMessage());
        }
        FMatrix w = FMatrix.wrap(wt.data(), wt.shape()[0], wt.shape()[1]);
        FMatrix v = vt == null ? null : FMatrix.wrap(vt.data(), vt.shape()[0], vt.shape()[1]);
        try {
            Elementwise.requireFinite(Path.SCALAR, "weight", w);
            Elementwise.requireFinite(Path.SCALAR, "hidden_bias", FMatrix.wrap(bt.data(), 1, bt.data().length));
            Elementwise.requireFinite(Path.SCALAR, "visible_bias", FMatrix.wrap(ct.data(), 1, ct.data().length));
            if (v != null) Elementwise.requireFinite(Path.SCALAR, "decoder_weight", v);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "tensors", e.getMessage());
        }
        return new Autoencoder(w, bt.data(), ct.data(), v, config, prov);
    }

    /**
     * The encoder as a fresh training layer (copies of W and b, the encoder activation), for stacking and supervised
     * fine-tuning ({@link io.latentj.models.nn.MlpClassifier#fineTune}).
     */
    public Dense encoderLayer() {
        return Dense.of(new Parameter("weight", w.copy(), true), new Parameter("bias", FMatrix.wrap(b.clone(), 1, b.length), false), config.encoder());
    }

    /** The encoder's activation. */
    public Activation encoderActivation() { return config.encoder(); }

    @Override
    public String toString() {
        return "Autoencoder[" + visible() + " visible, " + hidden() + " hidden, " + config.encoder().id() + "/" + config.decoder().id()
                + (tied() ? ", tied" : "") + "]";
    }
}
