package io.latentj.models.mixture;

import io.latentj.models.Checkpointing;
import io.latentj.models.Encoder;
import io.latentj.models.FitCheckpoints;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.mixture.GaussianMixtureConfig.CovarianceType;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.ScratchPool;
import io.latentj.simd.Team;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mixture of K Gaussians p(x) = Σ_k π_k N(x; μ_k, Σ_k) with spherical, diagonal or full covariances
 * ({@link GaussianMixtureConfig.CovarianceType}), fitted by EM from a seeded k-means++ (or k-means) start until the
 * mean log-likelihood per sample changes by less than the tolerance per iteration on average over the last three
 * iterations (one flat step does not end the fit; reaching the iteration cap reports {@code converged=false}); soft
 * k-means is the spherical case with a fixed
 * shared variance and equal weights ({@link GaussianMixtureConfig#softKMeans}). The E-step and M-step are GEMM work
 * (see {@link Gaussians} and {@link ExpectationMaximization}); the log-likelihood is a stable log-sum-exp.
 *
 * <p>The code of x ({@link #transform}) is its vector of responsibilities p(k | x) (K entries summing to 1);
 * {@link #predict} the most probable component; {@link #score} the mean log-likelihood, {@link #bic} and {@link #aic}
 * the information criteria; {@link #sample} draws from the mixture. The log-likelihood of the start and after every
 * M-step is kept in {@link #logLikelihoodTrace()} (it never decreases, up to float rounding).
 *
 * <p>Immutable and thread-safe; {@link #transformInto} allocates nothing (a pooled scratch vector of d floats).
 * Model file (safetensors), in scikit-learn's layout: {@code weights} [K], {@code means} [K, d], {@code covariances}
 * ([K] spherical, [K, d] diagonal, [K, d, d] full), metadata {@code model=GaussianMixture}, {@code format_version=1},
 * {@code config.*}, {@code provenance.*}.
 */
public final class GaussianMixture implements Encoder {
    static final String TYPE = "GaussianMixture";
    private static final String FORMAT_VERSION = "1";
    private static final System.Logger LOG = System.getLogger(GaussianMixture.class.getName());

    private final GaussianMixtureConfig config;
    private final Gaussians gaussians;
    private final double[] trace;
    private final Map<String, String> provenance;
    private final ScratchPool<float[][]> workspace;

    GaussianMixture(GaussianMixtureConfig config, Gaussians fitted, double[] trace, Map<String, String> provenance) {
        if (fitted.type != config.covariance()) {
            throw new IllegalArgumentException("the config says " + config.covariance() + " covariances, the parameters are " + fitted.type);
        }
        if (fitted.k != config.components()) {
            throw new IllegalArgumentException("the config says " + config.components() + " components, the parameters have " + fitted.k);
        }
        this.config = config;
        // a trained model shifts inputs by the mixture mean Σ π_k μ_k (the data mean at an EM fixed point)
        this.gaussians = new Gaussians(fitted.type, fitted.weights, fitted.means, fitted.covariances, Gaussians.mixtureMean(fitted.weights, fitted.means));
        this.trace = trace.clone();
        this.provenance = Map.copyOf(provenance);
        int d = fitted.d;
        this.workspace = ScratchPool.of(() -> new float[][] {new float[d], new float[d]});
    }

    /**
     * A mixture with the given parameters (copied) in {@link #covariances()}'s layout; the weights are used as given
     * (each in [0, 1]).
     */
    public static GaussianMixture of(GaussianMixtureConfig config, float[] weights, FMatrix means, float[] covariances) {
        if (weights == null || means == null || covariances == null) throw new IllegalArgumentException("weights, means and covariances must not be null");
        Inputs.requireMatrix(config.path(), "means", means, means.cols());
        Inputs.requireMatrix(config.path(), "weights", FMatrix.wrap(weights, 1, weights.length), weights.length);
        Inputs.requireMatrix(config.path(), "covariances", FMatrix.wrap(covariances, 1, covariances.length), covariances.length);
        return new GaussianMixture(config, new Gaussians(config.covariance(), weights, means, covariances, new float[means.cols()]), new double[0], Map.of());
    }

    /** Fits by EM to the rows of {@code data} (at least max(2, K) rows). */
    public static GaussianMixture fit(GaussianMixtureConfig config, FMatrix data) {
        return fit(config, data, null);
    }

    static final String CHECKPOINT_TYPE = "GaussianMixture-checkpoint";

    /**
     * As {@link #fit(GaussianMixtureConfig, FMatrix)}, telling {@code listener} the mean log-likelihood after every EM
     * iteration (one "epoch"), saving the state every {@code checkpointing.everyEpochs()} iterations and resuming from
     * it ({@link FitCheckpoints}; null: none): a resumed fit ends with exactly the parameters, trace and iteration
     * count of an uninterrupted one. Checkpoint tensors {@code weights}, {@code means}, {@code covariances} (as in the
     * model file), metadata {@code log_likelihood_trace}.
     */
    public static GaussianMixture fit(GaussianMixtureConfig config, FMatrix data, TrainingListener listener, Checkpointing checkpointing) {
        return fit(config, data, null, listener, checkpointing);
    }

    /**
     * EM from a given start ({@code start} parameters in {@link #covariances()}'s layout; null: the configured
     * k-means++ / k-means initialisation).
     */
    static GaussianMixture fit(GaussianMixtureConfig config, FMatrix data, GaussianMixture start) {
        return fit(config, data, start, null, null);
    }

    /**
     * Below this much work per E-step product (rows × features × components) the fit runs on one thread
     * ({@link Team#serial}): its GEMMs of a few MFLOP gain nothing from OpenBLAS's threads and become erratic.
     */
    static final long SERIAL_WORK = 1L << 24;

    private static GaussianMixture fit(GaussianMixtureConfig config, FMatrix data, GaussianMixture start, TrainingListener listener,
                                       Checkpointing checkpointing) {
        if (data != null && (long) data.rows() * data.cols() * config.components() < SERIAL_WORK) {
            return Team.serial(() -> fitHere(config, data, start, listener, checkpointing));
        }
        return fitHere(config, data, start, listener, checkpointing);
    }

    private static GaussianMixture fitHere(GaussianMixtureConfig config, FMatrix data, GaussianMixture start, TrainingListener listener,
                                           Checkpointing checkpointing) {
        Path p = config.path();
        int k = config.components();
        Inputs.requireTrainingData(p, data, Math.max(2, k));
        int n = data.rows(), d = data.cols();
        float[] shift = new float[d];
        Linalg.colMeans(p, data, shift, 0);
        FMatrix xs = Gaussians.shifted(p, data, shift), xs2 = Gaussians.squares(p, xs);
        FitCheckpoints ck = FitCheckpoints.of(CHECKPOINT_TYPE, config.toMap(), "max_iterations", config.maxIterations(), data, p,
                listener, checkpointing);
        Gaussians g;
        if (ck.resuming()) {
            g = null; // run restores the components
        } else if (start == null) {
            int[] labels = KMeansInit.labels(p, xs, xs2, k, config.init() == GaussianMixtureConfig.Init.KMEANS, Rng.of(config.seed()));
            g = ExpectationMaximization.mStep(config, xs, xs2, KMeansInit.oneHot(labels, k), shift);
        } else {
            if (start.inputSize() != d || start.components() != k || start.covarianceType() != config.covariance()) {
                throw new IllegalArgumentException("the start " + start + " does not fit " + config + " on " + d + " columns");
            }
            g = new Gaussians(config.covariance(), start.gaussians.weights, start.gaussians.means, start.gaussians.covariances, shift);
        }
        return run(config, g, xs, xs2, n, shift, ck);
    }

    /**
     * EM from the components {@code start} (shifted data xs, squares xs2, shift): the loop every fit runs; with
     * {@code ck} resuming, from its checkpoint instead (start unused).
     */
    static GaussianMixture run(GaussianMixtureConfig config, Gaussians start, FMatrix xs, FMatrix xs2, int n, float[] shift, FitCheckpoints ck) {
        Path p = config.path();
        int k = config.components();
        FMatrix logProb = FMatrix.zeros(n, k), resp = FMatrix.zeros(n, k);
        float[] rowLl = new float[n];
        java.util.List<Double> trace = new java.util.ArrayList<>();
        Gaussians g = start;
        boolean converged = false;
        int iterations = 0;
        if (ck.resuming()) {
            int d = xs.cols();
            float[] weights = new float[k], covariances = new float[switch (config.covariance()) {
                case SPHERICAL -> k;
                case DIAGONAL -> k * d;
                case FULL -> k * d * d;
            }];
            FMatrix means = FMatrix.zeros(k, d);
            TrainingState.Restored r = ck.restore(ck.layout().vector("weights", weights).matrix("means", means).vector("covariances", covariances));
            g = new Gaussians(config.covariance(), weights, means, covariances, shift);
            for (double ll : r.values("log_likelihood_trace")) trace.add(ll);
            iterations = r.epochsDone();
            if (trace.size() != iterations) throw new IllegalArgumentException("checkpoint " + r.file() + ": " + trace.size() + " log-likelihoods for " + iterations + " iterations");
        }
        while (iterations < config.maxIterations()) {
            double ll = ExpectationMaximization.eStep(p, g, xs, xs2, logProb, resp, rowLl);
            trace.add(ll);
            g = ExpectationMaximization.mStep(config, xs, xs2, resp, shift);
            iterations++;
            ck.iteration(iterations, Map.of("log_likelihood", ll));
            if (settled(trace, config.tolerance())) {
                converged = true;
                break;
            }
            if (ck.due(iterations)) checkpoint(ck, g, trace, iterations);
        }
        trace.add(ExpectationMaximization.eStep(p, g, xs, xs2, logProb, resp, rowLl));
        if (config.tolerance() > 0 && !converged) {
            LOG.log(System.Logger.Level.WARNING, "GaussianMixture EM did not converge in {0} iterations (tolerance {1}); raise maxIterations or the tolerance",
                    config.maxIterations(), Double.toString(config.tolerance()));
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("rows", Integer.toString(n));
        prov.put("iterations", Integer.toString(iterations));
        prov.put("converged", Boolean.toString(converged));
        prov.put("log_likelihood", Double.toString(trace.get(trace.size() - 1)));
        double[] t = new double[trace.size()];
        for (int i = 0; i < t.length; i++) t[i] = trace.get(i);
        return new GaussianMixture(config, g, t, prov);
    }

    /** Iterations over which the change of the log-likelihood is measured ({@link #settled}). */
    static final int WINDOW = 3;

    /**
     * Whether the mean log-likelihood per sample changed by less than {@code tol} per iteration on average over the
     * last {@link #WINDOW} iterations. One small (or falling) step, which float rounding of the E-step can produce
     * while the fit is still climbing, never ends a fit.
     */
    static boolean settled(java.util.List<Double> trace, double tol) {
        int last = trace.size() - 1;
        return last >= WINDOW && Math.abs(trace.get(last) - trace.get(last - WINDOW)) < WINDOW * tol;
    }

    /** Saves the components after {@code done} iterations (the fit goes on from them) and the trace so far. */
    private static void checkpoint(FitCheckpoints ck, Gaussians g, java.util.List<Double> trace, int done) {
        double[] t = new double[trace.size()];
        for (int i = 0; i < t.length; i++) t[i] = trace.get(i);
        TrainingState s = ck.layout().vector("weights", g.weights).matrix("means", g.means).vector("covariances", g.covariances)
                .state(done).putValues("log_likelihood_trace", t, t.length);
        ck.save(s, "Gaussian mixture", "raise regCovar", g.weights, g.means.data(), g.covariances);
    }

    public GaussianMixtureConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    @Override public int inputSize() { return gaussians.d; }
    @Override public int outputSize() { return gaussians.k; }
    /** Number of components K. */
    public int components() { return gaussians.k; }
    public CovarianceType covarianceType() { return gaussians.type; }
    /** The mixing weights π (K). */
    public float[] weights() { return gaussians.weights.clone(); }
    /** A copy of the K×d means. */
    public FMatrix means() { return gaussians.means.copy(); }
    /** The covariances in scikit-learn's layout: K variances (spherical), K×d (diagonal) or K×d×d (full), row-major. */
    public float[] covariances() { return gaussians.covariances.clone(); }
    /** Mean log-likelihood per sample of the start and after each M-step (empty for a model not fitted here). */
    public double[] logLikelihoodTrace() { return trace.clone(); }
    /** EM iterations (M-steps) the fit ran; −1 for a model not fitted here. */
    public int iterations() { return Integer.parseInt(provenance.getOrDefault("iterations", "-1")); }
    public boolean converged() { return Boolean.parseBoolean(provenance.getOrDefault("converged", "false")); }
    /** Free parameters: K − 1 weights, K·d means, the covariances (none of these but the means for soft k-means). */
    public long parameterCount() { return gaussians.parameterCount(config.isSoftKMeans()); }

    /** log π_k + log N(x; μ_k, Σ_k) of every row (n×K). */
    public FMatrix logProbabilities(FMatrix x) {
        Inputs.requireMatrix(config.path(), "input", x, inputSize());
        Path p = config.path();
        FMatrix xs = Gaussians.shifted(p, x, gaussians.shift);
        FMatrix out = FMatrix.zeros(x.rows(), outputSize());
        gaussians.logProbabilities(p, xs, gaussians.needsSquares() ? Gaussians.squares(p, xs) : null, out);
        return out;
    }

    /** The responsibilities p(k | x) of every row (n×K, rows sum to 1). */
    @Override
    public FMatrix transform(FMatrix x) {
        FMatrix lp = logProbabilities(x);
        Elementwise.softmaxRows(config.path(), lp, lp);
        return lp;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(config.path(), x, xOff, inputSize(), out, outOff, outputSize());
        Path p = config.path();
        float[][] w = workspace.borrow();
        try {
            float[] xs = w[0];
            System.arraycopy(x, xOff, xs, 0, xs.length);
            Linalg.axpy(p, xs.length, -1f, gaussians.shift, 0, xs, 0);
            gaussians.logProbabilitiesInto(p, xs, w[1], out, outOff);
            int k = outputSize();
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) max = Math.max(max, out[outOff + c]);
            for (int c = 0; c < k; c++) out[outOff + c] -= max;
            Elementwise.exp(p, out, outOff, out, outOff, k);
            float sum = 0;
            for (int c = 0; c < k; c++) sum += out[outOff + c];
            Linalg.scal(p, k, 1f / sum, out, outOff);
        } finally {
            workspace.release(w);
        }
    }

    /** The most probable component of every row. */
    public int[] predict(FMatrix x) {
        FMatrix lp = logProbabilities(x);
        int[] labels = new int[x.rows()];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < lp.cols(); c++) if (lp.get(i, c) > lp.get(i, best)) best = c;
            labels[i] = best;
        }
        return labels;
    }

    /** log p(x) of every row (stable log-sum-exp over the components). */
    public float[] scoreSamples(FMatrix x) {
        FMatrix lp = logProbabilities(x);
        float[] out = new float[x.rows()];
        Elementwise.logSumExpRows(config.path(), lp, out, 0);
        return out;
    }

    /** The mean log-likelihood per row (accumulated in double); NaN for no rows. */
    public double score(FMatrix x) {
        float[] s = scoreSamples(x);
        return s.length == 0 ? Double.NaN : Minibatches.mean(s);
    }

    /** Bayesian information criterion −2·log L + p·ln n (lower is better). */
    public double bic(FMatrix x) {
        return -2 * score(x) * x.rows() + parameterCount() * Math.log(x.rows());
    }

    /** Akaike information criterion −2·log L + 2p (lower is better). */
    public double aic(FMatrix x) {
        return -2 * score(x) * x.rows() + 2.0 * parameterCount();
    }

    /** {@code n} samples from the mixture: a component drawn by weight, then μ_k + L_k·z with z ~ N(0, I). */
    public FMatrix sample(int n, Rng rng) {
        if (n < 0) throw new IllegalArgumentException("sample count must not be negative, got " + n);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        int d = inputSize(), k = components();
        Path p = config.path();
        FMatrix out = FMatrix.zeros(n, d);
        float[] z = new float[d];
        double total = 0;
        for (float wt : gaussians.weights) total += wt;
        for (int i = 0; i < n; i++) {
            double u = rng.nextFloat() * total, cum = 0;
            int c = k - 1;
            for (int j = 0; j < k; j++) {
                cum += gaussians.weights[j];
                if (u < cum) {
                    c = j;
                    break;
                }
            }
            rng.fillGaussian(z, 0, d, 0f, 1f);
            int o = out.rowOffset(i);
            System.arraycopy(gaussians.means.data(), gaussians.means.rowOffset(c), out.data(), o, d);
            switch (gaussians.type) {
                case FULL -> Linalg.gemv(p, Trans.N, 1f, gaussians.choleskyFactor(c), z, 0, 1f, out.data(), o);
                case DIAGONAL -> {
                    for (int j = 0; j < d; j++) out.data()[o + j] += (float) Math.sqrt(gaussians.covariances[c * d + j]) * z[j];
                }
                case SPHERICAL -> Linalg.axpy(p, d, (float) Math.sqrt(gaussians.covariances[c]), z, 0, out.data(), o);
            }
        }
        return out;
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        int k = components(), d = inputSize();
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weights", Tensor.vector(weights()));
        t.put("means", Tensor.matrix(k, d, gaussians.means.toArray()));
        t.put("covariances", new Tensor(covarianceShape(gaussians.type, k, d), covariances()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    private static int[] covarianceShape(CovarianceType type, int k, int d) {
        return switch (type) {
            case SPHERICAL -> new int[] {k};
            case DIAGONAL -> new int[] {k, d};
            case FULL -> new int[] {k, d, d};
        };
    }

    /** Reads a model written by {@link #save}. */
    public static GaussianMixture load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static GaussianMixture load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static GaussianMixture load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile r = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        GaussianMixtureConfig cfg;
        try {
            cfg = GaussianMixtureConfig.fromMap(r.config());
        } catch (IllegalArgumentException e) {
            throw r.badConfig(e);
        }
        int[] shape = r.shape("means");
        if (shape.length != 2) throw new FormatException(file, "tensor means", "must be a matrix [K, d]");
        int k = shape[0], d = shape[1];
        if (k != cfg.components()) throw new FormatException(file, "tensor means", "has " + k + " rows but the config says " + cfg.components() + " components");
        float[] weights = r.tensor("weights", k), means = r.tensor("means", k, d);
        float[] cov = r.tensor("covariances", covarianceShape(cfg.covariance(), k, d));
        try {
            Gaussians g = new Gaussians(cfg.covariance(), weights, FMatrix.wrap(means, k, d), cov, new float[d]);
            double ll = Double.parseDouble(r.provenance().getOrDefault("log_likelihood", "NaN"));
            return new GaussianMixture(cfg, g, Double.isNaN(ll) ? new double[0] : new double[] {ll}, r.provenance());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FormatException(file, "model", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "GaussianMixture[" + components() + " × " + gaussians.type.name().toLowerCase(java.util.Locale.ROOT) + ", d = " + inputSize()
                + (config.isSoftKMeans() ? ", soft k-means" : "") + "]";
    }
}
