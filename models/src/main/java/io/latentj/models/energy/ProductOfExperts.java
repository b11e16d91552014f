package io.latentj.models.energy;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained Student-t product of experts (Welling, Hinton and Osindero): q(x) ∝ Π_j (1 + ½(w_jᵀx)²)^(−α_j), i.e.
 * the energy Σ_j α_j log(1 + ½(w_jᵀx)²) of {@link FilterExperts}, learned by score matching or by CD-k with HMC
 * ({@link PoeConfig}). Fit it to whitened data (e.g. whitened image patches): its filters then come out localised
 * and oriented. The code of x is its filter responses Wx.
 *
 * <p>Immutable and thread-safe; {@link #transformInto} allocates nothing. Model file (safetensors): {@code filters}
 * [J, d] (W), {@code scales} [J] (α); metadata {@code model=ProductOfExperts}, {@code format_version=1},
 * {@code config.*}, {@code provenance.*}.
 */
public final class ProductOfExperts implements Encoder {
    static final String TYPE = "ProductOfExperts";
    private static final String FORMAT_VERSION = "1";

    private final FMatrix filters;
    private final float[] scales;
    private final PoeConfig config;
    private final Map<String, String> provenance;

    private ProductOfExperts(FMatrix filters, float[] scales, PoeConfig config, Map<String, String> provenance) {
        this.filters = filters;
        this.scales = scales;
        this.config = config;
        this.provenance = Map.copyOf(provenance);
    }

    public static ProductOfExperts fit(PoeConfig config, FMatrix data) {
        return fit(config, data, TrainingListener.NONE);
    }

    /** Trains from random filters (N(0, 1/d)) and unit scales. */
    public static ProductOfExperts fit(PoeConfig config, FMatrix data, TrainingListener listener) {
        return fit(config, data, listener, null);
    }

    /**
     * Trains as {@link #fit(PoeConfig, FMatrix, TrainingListener)}, saving the full training state (filters and
     * scales, optimiser moments and step count, HMC step size, random-stream positions) where and as often as
     * {@code checkpointing} says, and resuming from it: a resumed run ends with exactly the parameters of an
     * uninterrupted one; a diverging run stops before overwriting the last good checkpoint.
     */
    public static ProductOfExperts fit(PoeConfig config, FMatrix data, TrainingListener listener, io.latentj.models.Checkpointing checkpointing) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        Inputs.requireTrainingData(config.path(), data, 1);
        int d = data.cols(), j = config.experts();
        Rng rng = Rng.of(config.training().seed()).stream(9);
        FMatrix w = FMatrix.zeros(j, d);
        float s = (float) (1 / Math.sqrt(d));
        for (int i = 0; i < j; i++) for (int c = 0; c < d; c++) w.set(i, c, s * rng.nextGaussian());
        float[] alpha = new float[j];
        java.util.Arrays.fill(alpha, 1f);
        FilterExperts energy = FilterExperts.studentT(w, alpha, config.path());
        LearningRule rule = config.method() == PoeConfig.Method.SCORE_MATCHING ? new ScoreMatching()
                : ContrastiveDivergence.cd(new HamiltonianMonteCarlo(config.stepSize(), config.leapfrogSteps()), config.cdSteps());
        double[] monitor = EnergyTrainer.fit(energy, data, rule, config.training(), listener, checkpointing);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("seed", Long.toString(config.training().seed()));
        prov.put("epochs", Integer.toString(config.training().epochs()));
        prov.put("data_rows", Integer.toString(data.rows()));
        prov.put("data_fingerprint", Minibatches.fingerprint(data));
        prov.put(rule.monitorName(), Double.toString(monitor[monitor.length - 1]));
        return new ProductOfExperts(energy.filters(), energy.scales(), config, prov);
    }

    public PoeConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    /** A copy of the filters W (experts × inputs). */
    public FMatrix filters() { return filters.copy(); }
    /** A copy of the scales α. */
    public float[] scales() { return scales.clone(); }
    @Override public int inputSize() { return filters.cols(); }
    @Override public int outputSize() { return filters.rows(); }

    /** The model as an {@link EnergyModel} (a fresh copy of its parameters), for sampling, scoring and further training. */
    public FilterExperts energyModel() {
        return FilterExperts.studentT(filters, scales, config.path());
    }

    /** E(x) of every row (the unnormalised negative log-density). */
    public float[] energy(FMatrix x) {
        Inputs.requireMatrix(config.path(), "input", x, inputSize());
        float[] e = new float[x.rows()];
        energyModel().energy(x, e, 0);
        return e;
    }

    @Override
    public FMatrix transform(FMatrix x) {
        Inputs.requireMatrix(config.path(), "input", x, inputSize());
        FMatrix u = FMatrix.zeros(x.rows(), outputSize());
        if (x.rows() > 0) Linalg.gemm(config.path(), Trans.N, Trans.T, 1f, x, filters, 0f, u);
        return u;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(config.path(), x, xOff, inputSize(), out, outOff, outputSize());
        Linalg.gemv(config.path(), Trans.N, 1f, filters, x, xOff, 0f, out, outOff);
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("filters", Tensor.matrix(outputSize(), inputSize(), filters.toArray()));
        t.put("scales", Tensor.vector(scales.clone()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static ProductOfExperts load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static ProductOfExperts load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static ProductOfExperts load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile r = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        int[] shape = r.shape("filters");
        if (shape.length != 2) throw new FormatException(file, "tensor filters", "must be a matrix [J, d]");
        int j = shape[0], d = shape[1];
        float[] w = r.tensor("filters", j, d), a = r.tensor("scales", j);
        for (float v : a) if (!(v > 0)) throw new FormatException(file, "tensor scales", "must be positive, found " + v);
        try {
            Map<String, String> cfg = r.config();
            cfg.putIfAbsent("experts", Integer.toString(j));
            return new ProductOfExperts(FMatrix.wrap(w, j, d), a, PoeConfig.fromMap(cfg), r.provenance());
        } catch (IllegalArgumentException e) {
            throw r.badConfig(e);
        }
    }

    @Override
    public String toString() {
        return "ProductOfExperts[" + inputSize() + " → " + outputSize() + " Student-t experts]";
    }
}
