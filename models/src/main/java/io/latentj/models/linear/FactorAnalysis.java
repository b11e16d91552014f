package io.latentj.models.linear;

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
 * Factor analysis: z ~ N(0, I_q), x = Wz + μ + ε with ε ~ N(0, Ψ), Ψ diagonal, so x ~ N(μ, WWᵀ + Ψ); fitted by
 * maximum likelihood with EM (Rubin and Thayer 1982; Bishop, PRML §12.2.4) on the sample covariance S (divisor n),
 * from seeded random loadings and Ψ = diag(S) (or, with {@link FactorAnalysisConfig.Method#EIGEN}, by the
 * scaled-eigen iteration of {@link ScaledEigenIteration}, from Ψ = diag(S)). Each iteration costs O(q·d²) and is
 * computed in double from the float parameters; the log-likelihood never decreases (up to that rounding) and the fit
 * stops when it has gained less than the tolerance per sample and iteration on average over the last iterations (see
 * {@link FactorAnalysisConfig#tolerance()}). Provenance {@code iterations} counts the M-steps taken and
 * {@code converged} is false when the iteration cap ended the fit. Noise variances are floored (see
 * {@link FactorAnalysisConfig#noiseFloor()}).
 *
 * <p>The code of x is the posterior mean E[z | x] = (I + WᵀΨ⁻¹W)⁻¹WᵀΨ⁻¹(x − μ); {@link #logLikelihood} gives
 * log N(x; μ, WWᵀ + Ψ) per row through the Woodbury identity and the determinant lemma. W is identified only up to
 * a rotation of the latent space.
 *
 * <p>Immutable and thread-safe; {@link #transformInto} allocates nothing. Model file (safetensors): {@code loadings}
 * [q, d] (Wᵀ), {@code mean} [d], {@code noise_variance} [d] (the diagonal of Ψ), metadata {@code model=FactorAnalysis},
 * {@code format_version=1}, {@code config.*}, {@code provenance.*}. The log-likelihood trace is not saved.
 */
public final class FactorAnalysis implements Encoder {
    static final String TYPE = "FactorAnalysis";
    private static final System.Logger LOG = System.getLogger(FactorAnalysis.class.getName());
    private static final String FORMAT_VERSION = "1";

    private final FactorAnalysisConfig config;
    private final LatentGaussian model;
    private final double[] trace;
    private final Map<String, String> provenance;

    FactorAnalysis(FactorAnalysisConfig config, float[] mean, FMatrix loadings, float[] psi, double[] trace, Map<String, String> provenance) {
        this.config = config;
        this.model = new LatentGaussian(config.path(), mean, loadings, psi);
        this.trace = trace.clone();
        this.provenance = Map.copyOf(provenance);
    }

    /** A model with the given parameters (copied): Wᵀ (q×d), mean (d), noise variances (d, positive). */
    public static FactorAnalysis of(FMatrix loadings, float[] mean, float[] noiseVariance, FactorAnalysisConfig config) {
        if (loadings == null || mean == null) throw new IllegalArgumentException("loadings and mean must not be null");
        Inputs.requireMatrix(config.path(), "loadings", loadings, loadings.cols());
        Inputs.requireMatrix(config.path(), "mean", FMatrix.wrap(mean, 1, mean.length), mean.length);
        return new FactorAnalysis(config, mean, loadings, noiseVariance, new double[0], Map.of());
    }

    /** Fits by EM to the rows of {@code data} (at least 2 rows). */
    public static FactorAnalysis fit(FactorAnalysisConfig config, FMatrix data) {
        return fit(config, data, (it, ll) -> {});
    }

    /** As {@link #fit(FactorAnalysisConfig, FMatrix)}, telling {@code listener} the mean log-likelihood of each iterate. */
    public static FactorAnalysis fit(FactorAnalysisConfig config, FMatrix data, LikelihoodListener listener) {
        return fit(config, data, listener, null);
    }

    static final String CHECKPOINT_TYPE = "FactorAnalysis-checkpoint";

    /**
     * As {@link #fit(FactorAnalysisConfig, FMatrix, LikelihoodListener)}, saving the EM state every
     * {@code checkpointing.everyEpochs()} iterations and resuming from it (see {@link io.latentj.models.FitCheckpoints}):
     * a resumed fit ends with exactly the parameters of an uninterrupted one. Only the EM method checkpoints (null:
     * none).
     */
    public static FactorAnalysis fit(FactorAnalysisConfig config, FMatrix data, LikelihoodListener listener, io.latentj.models.Checkpointing checkpointing) {
        if (checkpointing != null && config.method() != FactorAnalysisConfig.Method.EM) {
            throw new IllegalArgumentException("checkpoints are made by the EM method only, not by " + config.method());
        }
        Path path = config.path();
        Inputs.requireTrainingData(path, data, 2);
        int n = data.rows(), d = data.cols(), q = config.components();
        if (q > d) throw new IllegalArgumentException(q + " factors need at least " + q + " columns, the data has " + d);
        float[] mean = Moments.mean(path, data);
        FMatrix s = Moments.covarianceOf(path, data, mean, n);
        float[] diag = Moments.diagonal(s);
        double meanVar = 0;
        for (float v : diag) meanVar += v;
        meanVar /= d;
        float floor = (float) Math.max(config.noiseFloor() * meanVar, 1e-30);
        FMatrix w0 = FMatrix.zeros(q, d);
        Rng.of(config.seed()).fillGaussian(w0.data(), 0, q * d, 0f, (float) Math.sqrt(meanVar / q));
        float[] psi0 = new float[d];
        for (int i = 0; i < d; i++) psi0[i] = Math.max(floor, diag[i]);
        LatentEm.Result result = config.method() == FactorAnalysisConfig.Method.EIGEN
                ? ScaledEigenIteration.run(path, s, q, psi0, config.maxIterations(), config.tolerance(), floor,
                        Rng.of(config.seed()), listener::iteration)
                : LatentEm.run(path, s, w0, psi0, false, config.maxIterations(), config.tolerance(), floor, listener::iteration,
                        new EmCheckpoints(io.latentj.models.FitCheckpoints.of(CHECKPOINT_TYPE, config.toMap(), "max_iterations",
                                config.maxIterations(), data, path, null, checkpointing), "factor analysis"));
        boolean converged = result.converged();
        int iterations = result.trace().length - 1;
        if (!converged) {
            LOG.log(System.Logger.Level.WARNING, "FactorAnalysis ({2}) did not converge in {0} iterations (tolerance {1}); raise maxIterations or the tolerance",
                    iterations, Double.toString(config.tolerance()), config.method());
        }
        listener.finished(iterations, converged);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("rows", Integer.toString(n));
        prov.put("method", config.method().name().toLowerCase(java.util.Locale.ROOT));
        prov.put("iterations", Integer.toString(iterations));
        prov.put("converged", Boolean.toString(converged));
        prov.put("log_likelihood", Double.toString(result.trace()[result.trace().length - 1]));
        return new FactorAnalysis(config, mean, result.load(), result.psi(), result.trace(), prov);
    }

    public FactorAnalysisConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    @Override public int inputSize() { return model.features(); }
    @Override public int outputSize() { return model.latent(); }
    /** A copy of Wᵀ (q×d). */
    public FMatrix loadings() { return model.load.copy(); }
    public float[] mean() { return model.mean.clone(); }
    /** The diagonal of Ψ. */
    public float[] noiseVariance() { return model.psi.clone(); }
    /**
     * Mean log-likelihood per training sample of every parameter set EM visited (the start first, the returned model
     * last); empty for a loaded model.
     */
    public double[] logLikelihoodTrace() { return trace.clone(); }

    /** log N(x; μ, WWᵀ + Ψ) of every row. */
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
        t.put("loadings", Tensor.matrix(outputSize(), inputSize(), model.load.toArray()));
        t.put("mean", Tensor.vector(model.mean.clone()));
        t.put("noise_variance", Tensor.vector(model.psi.clone()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static FactorAnalysis load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static FactorAnalysis load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static FactorAnalysis load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile r = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        int[] shape = r.shape("loadings");
        if (shape.length != 2) throw new FormatException(file, "tensor loadings", "must be a matrix [q, d]");
        int q = shape[0], d = shape[1];
        float[] w = r.tensor("loadings", q, d), mean = r.tensor("mean", d), psi = r.tensor("noise_variance", d);
        try {
            Map<String, String> cfg = new LinkedHashMap<>(r.config());
            cfg.put("components", Integer.toString(q));
            return new FactorAnalysis(FactorAnalysisConfig.fromMap(cfg), mean, FMatrix.wrap(w, q, d), psi, new double[0], r.provenance());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FormatException(file, "model", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "FactorAnalysis[" + inputSize() + " → " + outputSize() + "]";
    }
}
