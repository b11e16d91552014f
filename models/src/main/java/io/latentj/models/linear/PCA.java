package io.latentj.models.linear;

import io.latentj.simd.SymmetricEigen;

import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;

import io.latentj.models.Inputs;
import io.latentj.bindings.lapack.Lapack;
import io.latentj.models.Encoder;
import io.latentj.models.Reconstructor;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Principal component analysis: the k orthonormal directions of largest variance of the training data, from the
 * eigen-decomposition of its covariance S = XcᵀXc/(n−1) (Xc the centred data) or, equivalently, from the thin SVD
 * Xc = U·diag(s)·Vᵀ (the axes are the rows of Vᵀ and the variances s²/(n−1)); see {@link PcaConfig.Solver}.
 *
 * <p><b>Sign convention:</b> an axis is only defined up to sign; each stored component is flipped so that its entry
 * of largest magnitude is positive (the first such entry on ties), so the eigen and SVD routes, and repeated fits,
 * give the same components.
 *
 * <p>The code of x is C·(x − μ) with C the k×d component matrix (rows ordered by decreasing explained variance),
 * divided component-wise by √(explained variance) when whitening; {@link #inverseTransform} maps codes back.
 * Explained variances use the divisor n − 1 (the unbiased sample covariance).
 *
 * <p>Immutable and thread-safe; {@link #transformInto} allocates nothing. Model file (safetensors): {@code
 * components} [k, d], {@code explained_variance} [k], {@code mean} [d], {@code total_variance} (scalar: the trace of
 * S, the sum of all its eigenvalues, for the ratios), metadata {@code model=PCA}, {@code format_version=1}, {@code config.*},
 * {@code provenance.*}.
 */
public final class PCA implements Encoder, Reconstructor {
    static final String TYPE = "PCA";
    private static final String FORMAT_VERSION = "1";

    private final PcaConfig config;
    private final float[] mean;
    private final FMatrix components;
    private final float[] explainedVariance;
    private final double totalVariance;
    private final Map<String, String> provenance;
    private final AffineCode code;
    private final FMatrix back; // k×d: codes → centred data

    PCA(PcaConfig config, float[] mean, FMatrix components, float[] explainedVariance, double totalVariance, Map<String, String> provenance) {
        int k = components.rows(), d = components.cols();
        if (mean.length != d || explainedVariance.length != k) {
            throw new IllegalArgumentException("components " + components.shape() + " need a mean of length " + d + " and "
                    + k + " explained variances, got " + mean.length + " and " + explainedVariance.length);
        }
        this.config = config;
        this.mean = mean.clone();
        this.components = components.copy();
        this.explainedVariance = explainedVariance.clone();
        this.totalVariance = totalVariance;
        this.provenance = Map.copyOf(provenance);
        Path p = config.path();
        FMatrix forward = this.components.copy(), backward = this.components.copy();
        if (config.whiten()) {
            for (int j = 0; j < k; j++) {
                if (!(explainedVariance[j] > 0)) {
                    throw new IllegalArgumentException("component " + j + " explains variance " + explainedVariance[j] + ": cannot whiten it");
                }
                float sd = (float) Math.sqrt(explainedVariance[j]);
                Linalg.scal(p, d, 1f / sd, forward.data(), forward.rowOffset(j));
                Linalg.scal(p, d, sd, backward.data(), backward.rowOffset(j));
            }
        }
        this.code = AffineCode.of(p, forward, this.mean);
        this.back = backward;
    }

    /**
     * Fits PCA to the rows of {@code data} (at least 2 rows). The eigen route reads the data once for the mean, the
     * covariance and the NaN/±∞ check together ({@code Moments.meanAndCovariance}), then takes only the top k
     * eigenpairs ({@code dsyevr}) when a count is given, all of them ({@code dsyevd}, or Jacobi without LAPACK)
     * when a variance fraction is.
     */
    public static PCA fit(PcaConfig config, FMatrix data) {
        return fit(config, data, false);
    }

    /** As {@link #fit(PcaConfig, FMatrix)}; {@code allEigenpairs} decomposes fully even for a fixed count (tests compare the routes). */
    static PCA fit(PcaConfig config, FMatrix data, boolean allEigenpairs) {
        Path path = config.path();
        if (data == null) throw new IllegalArgumentException("training data must not be null");
        if (data.cols() < 1) throw new IllegalArgumentException("training data has no columns");
        if (data.rows() < 2) throw new IllegalArgumentException("training data has " + data.rows() + " rows, at least 2 are needed");
        int n = data.rows(), d = data.cols();
        int maxK = Math.min(n, d);
        if (config.components() > maxK) {
            throw new IllegalArgumentException(config.components() + " components requested but " + n + " rows of " + d
                    + " columns give at most " + maxK);
        }
        float[] mean;
        double[] values;   // descending: all available, or the top k of the dsyevr route
        float[] axes;      // rows, one per value, each of length d
        double total;      // the trace of the covariance
        String route;
        if (config.solver() == PcaConfig.Solver.SVD) {
            if (!Lapack.isAvailable()) {
                throw new IllegalStateException("the SVD solver needs LAPACK, but OpenBLAS is not loaded ("
                        + io.latentj.bindings.OpenBlas.unavailableReason().orElse("unknown reason") + "); use the EIGEN solver");
            }
            Inputs.requireTrainingData(path, data, 2);
            mean = Moments.mean(path, data);
            FMatrix xc = Moments.centred(path, data, mean);
            float[] s = new float[maxK], u = new float[n * maxK], vt = new float[maxK * d];
            int info = Lapack.sgesdd('S', n, d, xc.data(), 0, d, s, 0, u, 0, maxK, vt, 0, d);
            if (info != 0) throw new ArithmeticException("sgesdd did not converge (info " + info + ")");
            values = new double[maxK];
            total = 0;
            for (int j = 0; j < maxK; j++) {
                values[j] = (double) s[j] * s[j] / (n - 1);
                total += values[j];
            }
            axes = vt;
            route = "svd";
        } else {
            Moments.MeanAndCovariance mc = Moments.meanAndCovariance(path, data, n - 1);
            mean = mc.mean();
            double[] cov = mc.covariance();
            total = 0;
            for (int j = 0; j < d; j++) total += cov[j * d + j];
            boolean jacobi = config.solver() == PcaConfig.Solver.JACOBI || !Lapack.isAvailable();
            SymmetricEigen e = config.components() > 0 && !allEigenpairs && !jacobi
                    ? SymmetricEigen.top(Path.AUTO, cov, d, config.components())
                    : SymmetricEigen.of(jacobi ? Path.SCALAR : Path.AUTO, cov, d);
            values = e.values();
            axes = new float[values.length * d];
            for (int i = 0; i < axes.length; i++) axes[i] = (float) e.vectors()[i];
            route = jacobi ? "jacobi" : config.components() > 0 && !allEigenpairs ? "dsyevr" : "dsyevd";
        }
        for (int j = 0; j < values.length; j++) values[j] = Math.max(0, values[j]); // rounding can leave the null space slightly negative
        int k = config.components() > 0 ? config.components() : countFor(config.varianceFraction(), values, total, maxK);
        float[] comp = java.util.Arrays.copyOf(axes, k * d);
        EigenSigns.fix(comp, k, d);
        float[] ev = new float[k];
        for (int j = 0; j < k; j++) ev[j] = (float) values[j];
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("rows", Integer.toString(n));
        prov.put("decomposition", route);
        return new PCA(config, mean, FMatrix.wrap(comp, k, d), ev, (float) total, prov); // float: as saved
    }

    /**
     * The fewest leading components whose variances sum to at least {@code fraction} of the total, up to a relative
     * slack of 1e-6 (the rounding level of a float covariance), so that a fraction of 1 keeps the components of
     * non-zero variance and not the rounding noise of the null space of rank-deficient data.
     */
    static int countFor(double fraction, double[] values, double total, int maxK) {
        if (!(total > 0)) return 1;
        double cum = 0;
        for (int j = 0; j < Math.min(values.length, maxK); j++) {
            cum += values[j];
            if (cum >= fraction * total * (1 - 1e-6)) return j + 1;
        }
        return Math.min(values.length, maxK);
    }

    public PcaConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    @Override public int inputSize() { return components.cols(); }
    @Override public int outputSize() { return components.rows(); }
    /** Number of components k. */
    public int components() { return components.rows(); }
    /** A copy of the k×d component matrix (unit rows, decreasing variance, sign convention above). */
    public FMatrix componentMatrix() { return components.copy(); }
    public float[] mean() { return mean.clone(); }
    /** Variance of the training data along each component (divisor n − 1). */
    public float[] explainedVariance() { return explainedVariance.clone(); }
    /** Explained variance of each component over the total variance of the training data. */
    public float[] explainedVarianceRatio() {
        float[] r = new float[explainedVariance.length];
        for (int j = 0; j < r.length; j++) r[j] = (float) (explainedVariance[j] / totalVariance);
        return r;
    }
    /** Sum of the variances of all columns of the training data (the trace of S). */
    public double totalVariance() { return totalVariance; }

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

    /** Maps codes (rows × k) back to the input space: codes·C (times √variance when whitening) + μ. */
    /** inverseTransform(transform(x)): the projection of every row onto the kept components, in the data's units. */
    @Override
    public FMatrix reconstruct(FMatrix x) {
        return inverseTransform(transform(x));
    }

    public FMatrix inverseTransform(FMatrix codes) {
        Inputs.requireMatrix(config.path(), "codes", codes, outputSize());
        FMatrix out = FMatrix.zeros(codes.rows(), inputSize());
        if (codes.rows() == 0) return out;
        out.fillRows(mean, 0);
        Linalg.gemm(config.path(), Trans.N, Trans.N, 1f, codes, back, 1f, out);
        return out;
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("components", Tensor.matrix(components(), inputSize(), components.toArray()));
        t.put("explained_variance", Tensor.vector(explainedVariance.clone()));
        t.put("mean", Tensor.vector(mean.clone()));
        t.put("total_variance", Tensor.scalar((float) totalVariance));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static PCA load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static PCA load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static PCA load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile r = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        int[] shape = r.shape("components");
        if (shape.length != 2) throw new FormatException(file, "tensor components", "must be a matrix [k, d]");
        int k = shape[0], d = shape[1];
        float[] comp = r.tensor("components", k, d), ev = r.tensor("explained_variance", k), mean = r.tensor("mean", d);
        float total = r.tensor("total_variance")[0];
        try {
            PcaConfig cfg = PcaConfig.fromMap(r.config());
            return new PCA(cfg, mean, FMatrix.wrap(comp, k, d), ev, total, r.provenance());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "model", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PCA[" + inputSize() + " → " + outputSize() + (config.whiten() ? ", whitened" : "") + "]";
    }
}
