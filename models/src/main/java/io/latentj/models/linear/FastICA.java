package io.latentj.models.linear;

import io.latentj.simd.SymmetricEigen;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.Reconstructor;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Contrasts;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Independent component analysis by FastICA (Hyvärinen and Oja 2000; Hyvärinen 1999): the data x = A·s + μ are taken
 * to mix k statistically independent non-Gaussian sources s, and FastICA finds an unmixing matrix W with W·(x − μ) ≈ s
 * up to the order, sign and scale of the sources.
 *
 * <p>Fitting: the data are centred and PCA-whitened onto the k leading principal directions — z = D^(−1/2)Eᵀ(x − μ),
 * with E, D the eigenvectors and eigenvalues of the covariance with divisor n, so z has unit covariance over the
 * training rows (scikit-learn's {@code whiten='unit-variance'}). Then the rows w of an orthogonal k×k matrix follow the
 * fixed-point update w ← E[z·g(wᵀz)] − E[g'(wᵀz)]·w ({@link FastIcaConfig.Contrast} gives g), either all at once with
 * symmetric decorrelation W ← (WWᵀ)^(−1/2)·W (through an eigen-decomposition) or one by one with Gram–Schmidt
 * deflation ({@link FastIcaConfig.Algorithm}); from a seeded Gaussian start, until max |⟨wₙ, wₒ⟩| − 1 falls below
 * the tolerance. The batch update is two GEMMs (W·Z and g(WZ)·Zᵀ/n) and one contrast kernel
 * ({@link io.latentj.simd.Contrasts}) per iteration.
 *
 * <p>Results: the <b>unmixing</b> matrix (k×d, W times the whitening: sources = unmixing·(x − μ)) and the
 * <b>mixing</b> matrix (d×k, its pseudo-inverse: x ≈ mixing·s + μ). Sign convention: each unmixing row is flipped so
 * that its entry of largest magnitude is positive (and the matching mixing column with it). {@link #transform} gives
 * the recovered sources (unit variance over the training rows), {@link #inverseTransform} maps sources back.
 *
 * <p>Immutable and thread-safe; {@link #transformInto} allocates nothing (one GEMV). Model file (safetensors):
 * {@code unmixing} [k, d], {@code mixing} [d, k], {@code mean} [d], metadata {@code model=FastICA},
 * {@code format_version=1}, {@code config.*}, {@code provenance.*} (rows, iterations, converged).
 */
public final class FastICA implements Encoder, Reconstructor {
    static final String TYPE = "FastICA";
    private static final String FORMAT_VERSION = "1";
    private static final System.Logger LOG = System.getLogger(FastICA.class.getName());

    private final FastIcaConfig config;
    private final float[] mean;
    private final FMatrix unmixing; // k×d
    private final FMatrix mixing;   // d×k
    private final Map<String, String> provenance;
    private final AffineCode code;

    FastICA(FastIcaConfig config, float[] mean, FMatrix unmixing, FMatrix mixing, Map<String, String> provenance) {
        int k = unmixing.rows(), d = unmixing.cols();
        if (mean.length != d || mixing.rows() != d || mixing.cols() != k) {
            throw new IllegalArgumentException("unmixing " + unmixing.shape() + " needs a mean of length " + d + " and a mixing matrix "
                    + d + "x" + k + ", got " + mean.length + " and " + mixing.shape());
        }
        this.config = config;
        this.mean = mean.clone();
        this.unmixing = unmixing.copy();
        this.mixing = mixing.copy();
        this.provenance = Map.copyOf(provenance);
        this.code = AffineCode.of(config.path(), this.unmixing, this.mean);
    }

    /** How many iterations ran, and whether the tolerance was met. */
    record Iterations(int count, boolean converged) {}

    /** Fits FastICA to the rows of {@code data} (at least 2 rows). */
    public static FastICA fit(FastIcaConfig config, FMatrix data) {
        return fit(config, data, null, null);
    }

    /**
     * As {@link #fit(FastIcaConfig, FMatrix)}, telling {@code listener} the change of the unmixing rows after every
     * fixed-point iteration (one "epoch"), saving the state every {@code checkpointing.everyEpochs()} iterations and
     * resuming from it ({@link IcaCheckpoints}; null: none): a resumed fit ends with exactly the matrices of an
     * uninterrupted one.
     */
    public static FastICA fit(FastIcaConfig config, FMatrix data, io.latentj.models.TrainingListener listener,
                              io.latentj.models.Checkpointing checkpointing) {
        Path p = config.path();
        Inputs.requireTrainingData(p, data, 2);
        int n = data.rows(), d = data.cols();
        int maxK = Math.min(n - 1, d);
        int k = config.components() > 0 ? config.components() : maxK;
        if (k > maxK) {
            throw new IllegalArgumentException(k + " components requested but " + n + " rows of " + d + " columns span at most " + maxK
                    + " dimensions after centring");
        }
        float[] mean = Moments.mean(p, data);
        FMatrix xc = Moments.centred(p, data, mean);
        SymmetricEigen e = SymmetricEigen.of(Path.AUTO, Small.toDouble(Moments.covariance(p, xc, n)), d);
        double top = e.values()[0];
        float[] whiten = new float[k * d], dewhiten = new float[d * k];
        for (int j = 0; j < k; j++) {
            double v = e.values()[j];
            if (!(v > 1e-6 * top)) {
                throw new IllegalArgumentException("the data span only " + j + " dimensions (variance " + v + " along principal axis " + j
                        + "): ask for at most " + j + " components");
            }
            double s = Math.sqrt(v);
            for (int i = 0; i < d; i++) {
                whiten[j * d + i] = (float) (e.vectors()[j * d + i] / s);
                dewhiten[i * k + j] = (float) (e.vectors()[j * d + i] * s);
            }
        }
        FMatrix whitening = FMatrix.wrap(whiten, k, d), dewhitening = FMatrix.wrap(dewhiten, d, k);
        FMatrix z = FMatrix.zeros(k, n); // whitened data, one row per component: GEMMs run along the samples
        Linalg.gemm(p, Trans.N, Trans.T, 1f, whitening, xc, 0f, z);

        FMatrix w = FMatrix.zeros(k, k);
        Rng.of(config.seed()).fillGaussian(w.data(), 0, k * k, 0f, 1f);
        IcaCheckpoints ck = new IcaCheckpoints(config, k, data, listener, checkpointing);
        Iterations it = config.algorithm() == FastIcaConfig.Algorithm.SYMMETRIC ? symmetric(config, z, w, ck) : deflation(config, z, w, ck);
        if (!it.converged()) {
            LOG.log(System.Logger.Level.WARNING, "FastICA did not converge in {0} iterations (tolerance {1}); raise maxIterations or the tolerance",
                    config.maxIterations(), Double.toString(config.tolerance()));
        }
        FMatrix unmixing = FMatrix.zeros(k, d), mixing = FMatrix.zeros(d, k);
        Linalg.gemm(p, Trans.N, Trans.N, 1f, w, whitening, 0f, unmixing);
        Linalg.gemm(p, Trans.N, Trans.T, 1f, dewhitening, w, 0f, mixing); // pinv(W·K) = K⁺·Wᵀ: W orthogonal, K full row rank
        fixSigns(unmixing, mixing);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("rows", Integer.toString(n));
        prov.put("iterations", Integer.toString(it.count()));
        prov.put("converged", Boolean.toString(it.converged()));
        prov.put("whitening", e.usedLapack() ? "dsyevd" : "jacobi");
        return new FastICA(config, mean, unmixing, mixing, prov);
    }

    /** Symmetric FastICA on whitened z (k×n), starting from and overwriting w (k×k) (or from ck's checkpoint). */
    static Iterations symmetric(FastIcaConfig config, FMatrix z, FMatrix w, IcaCheckpoints ck) {
        Path p = config.path();
        int k = z.rows(), n = z.cols();
        int done = ck.resuming() ? ck.restoreSymmetric(w) : 0;
        if (done == 0) decorrelate(p, w);
        FMatrix u = FMatrix.zeros(k, n), w1 = FMatrix.zeros(k, k);
        float[] gp = new float[k];
        for (int it = done + 1; it <= config.maxIterations(); it++) {
            Linalg.gemm(p, Trans.N, Trans.N, 1f, w, z, 0f, u);
            contrast(config, u, gp);                                  // u ← g(WZ), gp = row sums of g'
            Linalg.gemm(p, Trans.N, Trans.T, 1f / n, u, z, 0f, w1);  // E[z g(wᵀz)] for every row
            for (int i = 0; i < k; i++) Linalg.axpy(p, k, -gp[i] / n, w.data(), w.rowOffset(i), w1.data(), w1.rowOffset(i));
            decorrelate(p, w1);
            double lim = 0;
            for (int i = 0; i < k; i++) {
                lim = Math.max(lim, Math.abs(Math.abs(Linalg.dot(p, k, w1.data(), w1.rowOffset(i), w.data(), w.rowOffset(i))) - 1));
            }
            w.copyFrom(w1);
            ck.afterSymmetric(it, w, lim, lim < config.tolerance());
            if (lim < config.tolerance()) return new Iterations(it, true);
        }
        return new Iterations(config.maxIterations(), false);
    }

    /**
     * Deflation FastICA on whitened z (k×n): row c of w is the start of component c and is overwritten by its result
     * (or from ck's checkpoint: the components before the saved one done, the saved one part way).
     */
    static Iterations deflation(FastIcaConfig config, FMatrix z, FMatrix w, IcaCheckpoints ck) {
        Path p = config.path();
        int k = z.rows(), n = z.cols();
        float[] u = new float[n], wc = new float[k], w1 = new float[k];
        IcaCheckpoints.Deflation resumed = ck.resuming() ? ck.restoreDeflation(w, wc) : null;
        int most = resumed == null ? 0 : resumed.most(), done = resumed == null ? 0 : resumed.done();
        boolean all = resumed == null || resumed.all();
        for (int c = resumed == null ? 0 : resumed.component(); c < k; c++) {
            int it = 1;
            if (resumed != null && c == resumed.component()) {
                it = resumed.iteration() + 1; // wc is the saved iterate
            } else {
                System.arraycopy(w.data(), w.rowOffset(c), wc, 0, k);
                orthonormalise(p, wc, w, c);
            }
            boolean converged = false;
            for (; it <= config.maxIterations(); it++) {
                Linalg.gemv(p, Trans.T, 1f, z, wc, 0, 0f, u, 0);      // u = wᵀZ
                float gp = contrast(config, u);                       // u ← g(u)
                Linalg.gemv(p, Trans.N, 1f / n, z, u, 0, 0f, w1, 0); // E[z g(wᵀz)]
                Linalg.axpy(p, k, -gp / n, wc, 0, w1, 0);
                orthonormalise(p, w1, w, c);
                double lim = Math.abs(Math.abs(Linalg.dot(p, k, w1, 0, wc, 0)) - 1);
                System.arraycopy(w1, 0, wc, 0, k);
                ck.afterDeflation(new IcaCheckpoints.Deflation(++done, c, it, most, all), w, wc, lim, lim < config.tolerance());
                if (lim < config.tolerance()) {
                    converged = true;
                    break;
                }
            }
            most = Math.max(most, Math.min(it, config.maxIterations()));
            all &= converged;
            System.arraycopy(wc, 0, w.data(), w.rowOffset(c), k);
        }
        return new Iterations(most, all);
    }

    /** v ← v − Σ_{j<c} (v·w_j) w_j, then v / ‖v‖ (rows w_j already orthonormal). */
    private static void orthonormalise(Path p, float[] v, FMatrix w, int c) {
        int k = v.length;
        for (int j = 0; j < c; j++) Linalg.axpy(p, k, -Linalg.dot(p, k, v, 0, w.data(), w.rowOffset(j)), w.data(), w.rowOffset(j), v, 0);
        float norm = Linalg.nrm2(p, k, v, 0);
        if (!(norm > 0)) throw new ArithmeticException("FastICA deflation: component " + c + " collapsed onto the ones before it");
        Linalg.scal(p, k, 1f / norm, v, 0);
    }

    /** Symmetric decorrelation W ← (WWᵀ)^(−1/2)·W, from the eigen-decomposition WWᵀ = E·diag(s)·Eᵀ. */
    static void decorrelate(Path p, FMatrix w) {
        int k = w.rows();
        FMatrix m = FMatrix.zeros(k, k);
        Linalg.syrk(p, Trans.N, 1f, w, 0f, m);
        SymmetricEigen e = SymmetricEigen.of(Path.AUTO, Small.toDouble(m), k);
        float[] f = new float[k * k]; // rows s_j^(−1/4)·e_j, so FᵀF = Σ_j s_j^(−1/2) e_j e_jᵀ
        for (int j = 0; j < k; j++) {
            double s = e.values()[j];
            if (!(s > 0)) throw new ArithmeticException("FastICA: the unmixing matrix became singular (eigenvalue " + s + " of WWᵀ)");
            double scale = Math.pow(s, -0.25);
            for (int i = 0; i < k; i++) f[j * k + i] = (float) (e.vectors()[j * k + i] * scale);
        }
        FMatrix inverseRoot = FMatrix.zeros(k, k), out = FMatrix.zeros(k, k);
        Linalg.syrk(p, Trans.T, 1f, FMatrix.wrap(f, k, k), 0f, inverseRoot);
        Linalg.gemm(p, Trans.N, Trans.N, 1f, inverseRoot, w, 0f, out);
        w.copyFrom(out);
    }

    private static void contrast(FastIcaConfig c, FMatrix u, float[] gp) {
        switch (c.contrast()) {
            case LOGCOSH -> Contrasts.logcosh(c.path(), (float) c.alpha(), u, u, gp, 0);
            case EXP -> Contrasts.exp(c.path(), u, u, gp, 0);
            case CUBE -> Contrasts.cube(c.path(), u, u, gp, 0);
        }
    }

    private static float contrast(FastIcaConfig c, float[] u) {
        return switch (c.contrast()) {
            case LOGCOSH -> Contrasts.logcosh(c.path(), (float) c.alpha(), u, 0, u, 0, u.length);
            case EXP -> Contrasts.exp(c.path(), u, 0, u, 0, u.length);
            case CUBE -> Contrasts.cube(c.path(), u, 0, u, 0, u.length);
        };
    }

    /** The sign convention: the largest-magnitude entry of each unmixing row positive, the mixing column flipped with it. */
    private static void fixSigns(FMatrix unmixing, FMatrix mixing) {
        int k = unmixing.rows(), d = unmixing.cols();
        for (int j = 0; j < k; j++) {
            int best = 0;
            for (int i = 1; i < d; i++) if (Math.abs(unmixing.get(j, i)) > Math.abs(unmixing.get(j, best))) best = i;
            if (unmixing.get(j, best) < 0) {
                Linalg.scal(Path.SCALAR, d, -1f, unmixing.data(), unmixing.rowOffset(j));
                for (int i = 0; i < d; i++) mixing.set(i, j, -mixing.get(i, j));
            }
        }
    }

    /**
     * The Amari distance (Amari, Cichocki and Yang 1996) of P = unmixing·mixing (k×k) from a scaled permutation,
     * normalised to [0, 1]: [Σ_i (Σ_j |p_ij| / max_j |p_ij| − 1) + Σ_j (Σ_i |p_ij| / max_i |p_ij| − 1)] / (2k(k − 1)).
     * Zero exactly when the unmixing matrix undoes the mixing up to order, sign and scale; computed in double.
     */
    public static double amariDistance(FMatrix unmixing, FMatrix mixing) {
        int k = unmixing.rows(), d = unmixing.cols();
        if (mixing.rows() != d || mixing.cols() != k) {
            throw new IllegalArgumentException("unmixing " + unmixing.shape() + " needs a mixing matrix " + d + "x" + k + ", got " + mixing.shape());
        }
        if (k < 2) return 0;
        double[] a = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) s += (double) unmixing.get(i, t) * mixing.get(t, j);
                a[i * k + j] = Math.abs(s);
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double max = 0, row = 0;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, a[i * k + j]);
                row += a[i * k + j];
            }
            sum += row / max - 1;
        }
        for (int j = 0; j < k; j++) {
            double max = 0, col = 0;
            for (int i = 0; i < k; i++) {
                max = Math.max(max, a[i * k + j]);
                col += a[i * k + j];
            }
            sum += col / max - 1;
        }
        return sum / (2.0 * k * (k - 1));
    }

    public FastIcaConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    @Override public int inputSize() { return unmixing.cols(); }
    @Override public int outputSize() { return unmixing.rows(); }
    /** Number of independent components k. */
    public int components() { return unmixing.rows(); }
    /** A copy of the k×d unmixing matrix: sources = unmixing·(x − μ). */
    public FMatrix unmixingMatrix() { return unmixing.copy(); }
    /** A copy of the d×k mixing matrix (the pseudo-inverse of the unmixing matrix): x ≈ mixing·s + μ. */
    public FMatrix mixingMatrix() { return mixing.copy(); }
    public float[] mean() { return mean.clone(); }
    /** Iterations the fit ran (for deflation, the most any component needed); −1 for a model not fitted here. */
    public int iterations() { return Integer.parseInt(provenance.getOrDefault("iterations", "-1")); }

    /** The recovered sources of every row: (x − μ)·unmixingᵀ. */
    @Override
    public FMatrix transform(FMatrix x) {
        Inputs.requireMatrix(config.path(), "input", x, inputSize());
        return code.apply(config.path(), x);
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(config.path(), x, xOff, inputSize(), out, outOff, outputSize());
        code.applyInto(config.path(), x, xOff, out, outOff);
    }

    /** Maps sources (rows × k) back to the input space: sources·mixingᵀ + μ. */
    public FMatrix inverseTransform(FMatrix sources) {
        Inputs.requireMatrix(config.path(), "sources", sources, outputSize());
        FMatrix out = FMatrix.zeros(sources.rows(), inputSize());
        if (sources.rows() == 0) return out;
        out.fillRows(mean, 0);
        Linalg.gemm(config.path(), Trans.N, Trans.T, 1f, sources, mixing, 1f, out);
        return out;
    }

    /** inverseTransform(transform(x)): the projection of every row onto the k-dimensional subspace of the components. */
    @Override
    public FMatrix reconstruct(FMatrix x) {
        return inverseTransform(transform(x));
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("unmixing", Tensor.matrix(components(), inputSize(), unmixing.toArray()));
        t.put("mixing", Tensor.matrix(inputSize(), components(), mixing.toArray()));
        t.put("mean", Tensor.vector(mean.clone()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static FastICA load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static FastICA load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static FastICA load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile r = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        int[] shape = r.shape("unmixing");
        if (shape.length != 2) throw new FormatException(file, "tensor unmixing", "must be a matrix [k, d]");
        int k = shape[0], d = shape[1];
        float[] unmixing = r.tensor("unmixing", k, d), mixing = r.tensor("mixing", d, k), mean = r.tensor("mean", d);
        try {
            return new FastICA(FastIcaConfig.fromMap(r.config()), mean, FMatrix.wrap(unmixing, k, d), FMatrix.wrap(mixing, d, k), r.provenance());
        } catch (IllegalArgumentException e) {
            throw r.badConfig(e);
        }
    }

    @Override
    public String toString() {
        return "FastICA[" + inputSize() + " → " + outputSize() + ", " + config.algorithm().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + config.contrast().name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
