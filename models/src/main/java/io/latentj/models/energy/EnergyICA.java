package io.latentj.models.energy;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Independent component analysis as an energy model estimated by score matching (Hyvärinen 2005): the data are
 * centred and whitened (PCA), then the super-Gaussian energy E(z) = Σ_j log cosh(w_jᵀz) ({@link FilterExperts},
 * {@link FilterExperts.Potential#LOG_COSH}) is fitted to the whitened data z by {@link ScoreMatching} — no
 * normalising constant, no orthogonality constraint. The code of x is its estimated sources s = B(x − μ), with
 * B = W·K the product of the learned filters and the whitening matrix.
 *
 * <p>Immutable and thread-safe; {@link #transformInto} allocates nothing. Model file (safetensors): {@code unmixing}
 * [k, d] (B), {@code mean} [d]; metadata {@code model=EnergyICA}, {@code format_version=1}, {@code config.*} (the
 * training config and path), {@code provenance.*}.
 */
public final class EnergyICA implements Encoder {
    static final String TYPE = "EnergyICA";
    private static final String FORMAT_VERSION = "1";

    private final FMatrix unmixing;
    private final float[] mean, offset; // offset = −Bμ
    private final EnergyTrainingConfig config;
    private final Path path;
    private final Map<String, String> provenance;

    private EnergyICA(FMatrix unmixing, float[] mean, EnergyTrainingConfig config, Path path, Map<String, String> provenance) {
        this.unmixing = unmixing;
        this.mean = mean;
        this.config = config;
        this.path = path;
        this.provenance = Map.copyOf(provenance);
        offset = new float[unmixing.rows()];
        Linalg.gemv(path, Trans.N, -1f, unmixing, mean, 0, 0f, offset, 0);
    }

    /** Fits as many sources as the data has columns. */
    public static EnergyICA fit(EnergyTrainingConfig config, Path path, FMatrix data) {
        return fit(config, path, data, TrainingListener.NONE);
    }

    public static EnergyICA fit(EnergyTrainingConfig config, Path path, FMatrix data, TrainingListener listener) {
        return fit(config, path, data, listener, null);
    }

    /**
     * Fits with checkpoints of the score-matching training (filters, optimiser state, order stream; see
     * {@link EnergyTrainer}); the whitening is recomputed from the same data on resume, so a resumed fit ends with
     * exactly the filters of an uninterrupted one. {@code checkpointing} may be null.
     */
    public static EnergyICA fit(EnergyTrainingConfig config, Path path, FMatrix data, TrainingListener listener,
                                io.latentj.models.Checkpointing checkpointing) {
        if (config == null || path == null) throw new IllegalArgumentException("config and path must not be null");
        Inputs.requireTrainingData(path, data, 2);
        int d = data.cols();
        PCA pca = PCA.fit(PcaConfig.components(d).whiten(true).path(path).build(), data);
        FMatrix z = pca.transform(data);
        int k = pca.components();
        Rng rng = Rng.of(config.seed()).stream(7);
        FMatrix w0 = FMatrix.zeros(k, k);
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) w0.set(i, j, (i == j ? 1f : 0f) + 0.3f * rng.nextGaussian());
        FilterExperts energy = FilterExperts.logCosh(w0, path);
        double[] j = EnergyTrainer.fit(energy, z, new ScoreMatching(), config, listener, checkpointing);
        // B = W · diag(1/√variance) · C: the filters applied to the whitened code
        FMatrix c = pca.componentMatrix();
        float[] ev = pca.explainedVariance();
        for (int i = 0; i < k; i++) Linalg.scal(path, d, (float) (1 / Math.sqrt(ev[i])), c.data(), c.rowOffset(i));
        FMatrix b = FMatrix.zeros(k, d);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, energy.filters(), c, 0f, b);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("seed", Long.toString(config.seed()));
        prov.put("epochs", Integer.toString(config.epochs()));
        prov.put("data_rows", Integer.toString(data.rows()));
        prov.put("data_fingerprint", Minibatches.fingerprint(data));
        prov.put("score_matching", Double.toString(j[j.length - 1]));
        return new EnergyICA(b, pca.mean(), config, path, prov);
    }

    public EnergyTrainingConfig config() { return config; }
    public Path path() { return path; }
    public Map<String, String> provenance() { return provenance; }
    /** A copy of the unmixing matrix B (sources × inputs). */
    public FMatrix unmixing() { return unmixing.copy(); }
    public float[] mean() { return mean.clone(); }
    @Override public int inputSize() { return unmixing.cols(); }
    @Override public int outputSize() { return unmixing.rows(); }

    @Override
    public FMatrix transform(FMatrix x) {
        Inputs.requireMatrix(path, "input", x, inputSize());
        FMatrix s = FMatrix.zeros(x.rows(), outputSize());
        if (x.rows() == 0) return s;
        s.fillRows(offset, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, x, unmixing, 1f, s);
        return s;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(path, x, xOff, inputSize(), out, outOff, outputSize());
        System.arraycopy(offset, 0, out, outOff, offset.length);
        Linalg.gemv(path, Trans.N, 1f, unmixing, x, xOff, 1f, out, outOff);
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("unmixing", Tensor.matrix(outputSize(), inputSize(), unmixing.toArray()));
        t.put("mean", Tensor.vector(mean.clone()));
        Map<String, String> cfg = new LinkedHashMap<>(config.toMap());
        cfg.put("path", path.name().toLowerCase(java.util.Locale.ROOT));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, cfg, provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static EnergyICA load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static EnergyICA load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static EnergyICA load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile r = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        int[] shape = r.shape("unmixing");
        if (shape.length != 2) throw new FormatException(file, "tensor unmixing", "must be a matrix [k, d]");
        int k = shape[0], d = shape[1];
        float[] b = r.tensor("unmixing", k, d), mean = r.tensor("mean", d);
        try {
            Map<String, String> cfg = r.config();
            return new EnergyICA(FMatrix.wrap(b, k, d), mean, EnergyTrainingConfig.fromMap(cfg), r.kernelPath(), r.provenance());
        } catch (IllegalArgumentException e) {
            throw r.badConfig(e);
        }
    }

    @Override
    public String toString() {
        return "EnergyICA[" + inputSize() + " → " + outputSize() + "]";
    }
}
