package io.latentj.models.linear;

import io.latentj.simd.SymmetricEigen;

import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;

import io.latentj.models.Inputs;
import io.latentj.models.Encoder;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Probabilistic PCA (Tipping and Bishop, "Probabilistic principal component analysis", JRSS B 1999): z ~ N(0, I_q),
 * x = Wz + μ + ε with ε ~ N(0, σ²I), so x ~ N(μ, WWᵀ + σ²I). Maximum likelihood, from the sample covariance S
 * (divisor n) with eigenvalues λ₁ ≥ … ≥ λ_d and eigenvectors U: σ² = mean of the d − q discarded eigenvalues,
 * W = U_q (Λ_q − σ²I)^{1/2} (the closed form, with the rotation R = I and the sign convention of {@link PCA}), or
 * the same optimum up to a rotation by EM ({@link PpcaConfig.Method}).
 *
 * <p>The code of x is the posterior mean E[z | x] = M⁻¹Wᵀ(x − μ), M = WᵀW + σ²I. {@link #logLikelihood} gives
 * log N(x; μ, WWᵀ + σ²I) per row through the Woodbury identity and the determinant lemma (q×q work per row).
 *
 * <p>Immutable and thread-safe; {@link #transformInto} allocates nothing. Model file (safetensors): {@code weight}
 * [q, d] (Wᵀ: one row per latent dimension), {@code mean} [d], {@code noise_variance} (scalar σ²), metadata
 * {@code model=ProbabilisticPCA}, {@code format_version=1}, {@code config.*}, {@code provenance.*}. The EM
 * log-likelihood trace is not saved.
 */
public final class ProbabilisticPCA implements Encoder {
    static final String TYPE = "ProbabilisticPCA";
    private static final System.Logger LOG = System.getLogger(ProbabilisticPCA.class.getName());
    private static final String FORMAT_VERSION = "1";

    private final PpcaConfig config;
    private final LatentGaussian model;
    private final double[] trace;
    private final Map<String, String> provenance;

    ProbabilisticPCA(PpcaConfig config, float[] mean, FMatrix weight, float sigma2, double[] trace, Map<String, String> provenance) {
        if (!(sigma2 > 0) || !Float.isFinite(sigma2)) throw new IllegalArgumentException("noise variance must be positive and finite, got " + sigma2);
        float[] psi = new float[weight.cols()];
        java.util.Arrays.fill(psi, sigma2);
        this.config = config;
        this.model = new LatentGaussian(config.path(), mean, weight, psi);
        this.trace = trace.clone();
        this.provenance = Map.copyOf(provenance);
    }

    /** A model with the given parameters (copied): Wᵀ (q×d), mean (d), σ² &gt; 0. */
    public static ProbabilisticPCA of(FMatrix weight, float[] mean, float sigma2, PpcaConfig config) {
        if (weight == null || mean == null) throw new IllegalArgumentException("weight and mean must not be null");
        Inputs.requireMatrix(config.path(), "weight", weight, weight.cols());
        Inputs.requireMatrix(config.path(), "mean", FMatrix.wrap(mean, 1, mean.length), mean.length);
        return new ProbabilisticPCA(config, mean, weight, sigma2, new double[0], Map.of());
    }

    /** Fits by maximum likelihood to the rows of {@code data} (at least 2 rows, more columns than components). */
    public static ProbabilisticPCA fit(PpcaConfig config, FMatrix data) {
        return fit(config, data, (it, ll) -> {});
    }

    /** As {@link #fit(PpcaConfig, FMatrix)}, telling {@code listener} the mean log-likelihood of each EM iterate. */
    public static ProbabilisticPCA fit(PpcaConfig config, FMatrix data, LikelihoodListener listener) {
        return fit(config, data, listener, null);
    }

    static final String CHECKPOINT_TYPE = "ProbabilisticPCA-checkpoint";

    /**
     * As {@link #fit(PpcaConfig, FMatrix, LikelihoodListener)}, for the EM method saving its state every
     * {@code checkpointing.everyEpochs()} EM iterations and resuming from it (see {@link io.latentj.models.FitCheckpoints}):
     * a resumed fit ends with exactly the parameters of an uninterrupted one. The closed form has nothing to
     * checkpoint (null: none).
     */
    public static ProbabilisticPCA fit(PpcaConfig config, FMatrix data, LikelihoodListener listener, io.latentj.models.Checkpointing checkpointing) {
        if (checkpointing != null && config.method() != PpcaConfig.Method.EM) {
            throw new IllegalArgumentException("checkpoints are made by the EM method only, not by " + config.method());
        }
        Path path = config.path();
        Inputs.requireTrainingData(path, data, 2);
        int n = data.rows(), d = data.cols(), q = config.components();
        if (q >= d) throw new IllegalArgumentException(q + " components need more than " + q + " columns, the data has " + d);
        float[] mean = Moments.mean(path, data);
        FMatrix s = Moments.covariance(path, Moments.centred(path, data, mean), n);
        float[] diag = Moments.diagonal(s);
        double meanVar = 0;
        for (float v : diag) meanVar += v;
        meanVar /= d;
        float floor = (float) Math.max(1e-6 * meanVar, 1e-30);
        FMatrix w;
        float sigma2;
        LatentEm.Result result;
        if (config.method() == PpcaConfig.Method.CLOSED_FORM) {
            SymmetricEigen e = SymmetricEigen.of(Path.AUTO, Small.toDouble(s), d);
            double rest = 0;
            for (int j = q; j < d; j++) rest += Math.max(0, e.values()[j]);
            sigma2 = Math.max(floor, (float) (rest / (d - q)));
            float[] u = new float[q * d];
            for (int i = 0; i < u.length; i++) u[i] = (float) e.vectors()[i];
            EigenSigns.fix(u, q, d);
            w = FMatrix.wrap(u, q, d);
            for (int j = 0; j < q; j++) {
                float scale = (float) Math.sqrt(Math.max(0, e.values()[j] - sigma2));
                io.latentj.simd.Linalg.scal(path, d, scale, u, j * d);
            }
            float[] psi = new float[d];
            java.util.Arrays.fill(psi, sigma2);
            result = LatentEm.run(path, s, w, psi, true, 0, 0, floor, listener::iteration);
        } else {
            FMatrix w0 = FMatrix.zeros(q, d);
            Rng.of(config.seed()).fillGaussian(w0.data(), 0, q * d, 0f, (float) Math.sqrt(meanVar / q));
            float[] psi0 = new float[d];
            java.util.Arrays.fill(psi0, (float) meanVar);
            io.latentj.models.FitCheckpoints ck = io.latentj.models.FitCheckpoints.of(CHECKPOINT_TYPE, config.toMap(), "max_iterations",
                    config.maxIterations(), data, path, null, checkpointing);
            result = LatentEm.run(path, s, w0, psi0, true, config.maxIterations(), config.tolerance(), floor, listener::iteration,
                    new EmCheckpoints(ck, "probabilistic PCA"));
            w = result.load();
            sigma2 = result.psi()[0];
        }
        boolean converged = (config.method() == PpcaConfig.Method.CLOSED_FORM || result.converged());
        int iterations = result.trace().length - 1;
        if (!converged) {
            LOG.log(System.Logger.Level.WARNING, "ProbabilisticPCA EM did not converge in {0} iterations (tolerance {1}); raise maxIterations or the tolerance",
                    iterations, Double.toString(config.tolerance()));
        }
        listener.finished(iterations, converged);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("rows", Integer.toString(n));
        prov.put("iterations", Integer.toString(iterations));
        prov.put("converged", Boolean.toString(converged));
        prov.put("log_likelihood", Double.toString(result.trace()[result.trace().length - 1]));
        return new ProbabilisticPCA(config, mean, w, sigma2, result.trace(), prov);
    }

    public PpcaConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    @Override public int inputSize() { return model.features(); }
    @Override public int outputSize() { return model.latent(); }
    /** A copy of Wᵀ (q×d). */
    public FMatrix weight() { return model.load.copy(); }
    public float[] mean() { return model.mean.clone(); }
    /** The isotropic noise variance σ². */
    public float noiseVariance() { return model.psi[0]; }
    /**
     * Mean log-likelihood per training sample of every parameter set the fit visited, the final one last (one entry
     * for the closed form); empty for a loaded model.
     */
    public double[] logLikelihoodTrace() { return trace.clone(); }

    /** log N(x; μ, WWᵀ + σ²I) of every row. */
    public double[] logLikelihood(FMatrix x) {
        return model.checkedLogLikelihood(x);
    }

    /** Mean log-likelihood of the rows of x. */
    public double score(FMatrix x) {
        return model.score(x);
    }

    /** Posterior means E[z | x] of every row. */
    @Override
    public FMatrix transform(FMatrix x) {
        return model.encode(x);
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        model.encodeInto(x, xOff, out, outOff);
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(outputSize(), inputSize(), model.load.toArray()));
        t.put("mean", Tensor.vector(model.mean.clone()));
        t.put("noise_variance", Tensor.scalar(noiseVariance()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static ProbabilisticPCA load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static ProbabilisticPCA load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static ProbabilisticPCA load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile r = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        int[] shape = r.shape("weight");
        if (shape.length != 2) throw new FormatException(file, "tensor weight", "must be a matrix [q, d]");
        int q = shape[0], d = shape[1];
        float[] w = r.tensor("weight", q, d), mean = r.tensor("mean", d);
        float sigma2 = r.tensor("noise_variance")[0];
        try {
            Map<String, String> cfg = new LinkedHashMap<>(r.config());
            cfg.put("components", Integer.toString(q));
            return new ProbabilisticPCA(PpcaConfig.fromMap(cfg), mean, FMatrix.wrap(w, q, d), sigma2, new double[0], r.provenance());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FormatException(file, "model", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ProbabilisticPCA[" + inputSize() + " → " + outputSize() + ", σ²=" + noiseVariance() + "]";
    }
}
