package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.util.Arrays;

/**
 * The multivariate Gaussian as an energy model: E(x) = ½ (x − μ)ᵀ Π (x − μ) with precision Π (symmetric positive
 * definite) and mean μ. θ = [Π (d × d, row-major), μ (d)]; the energy uses the symmetric part ½(Π + Πᵀ), and
 * {@link #project()} symmetrises Π after an update.
 *
 * <p>Derivatives: ∇ₓE = Π(x − μ); ∂E/∂Π = ½ (x − μ)(x − μ)ᵀ; ∂E/∂μ = −Π(x − μ); ΔₓE = tr Π (the same for
 * every x), so ∂ΔₓE/∂Π = I; ∇_θ vᵀ∇ₓE = (½(v(x − μ)ᵀ + (x − μ)vᵀ), −Πv).
 *
 * <p>Score matching in closed form: J(μ, Π) = E_data[−tr Π + ½ (x − μ)ᵀ Π² (x − μ)]. Setting ∂J/∂μ = −Π² E[x − μ]
 * to zero gives μ = the sample mean; then ∂J/∂Π = −I + ½(ΠC + CΠ) with C the sample covariance (divisor n), whose
 * only solution (a Lyapunov equation with C positive definite) is Π = C⁻¹ — exactly the maximum-likelihood
 * estimates, for any sample. {@link #scoreMatchingEstimate} computes them in double.
 */
public final class GaussianEnergy implements EnergyModel {
    private final int d;
    private final float[] theta;
    private final Path path;

    private GaussianEnergy(int d, float[] theta, Path path) {
        this.d = d;
        this.theta = theta;
        this.path = path;
    }

    /** The Gaussian with this mean and precision (copied). */
    public static GaussianEnergy of(float[] mean, FMatrix precision, Path path) {
        if (mean == null || precision == null || path == null) throw new IllegalArgumentException("mean, precision and path must not be null");
        int d = mean.length;
        if (d < 1) throw new IllegalArgumentException("the mean must have at least one entry");
        if (precision.rows() != d || precision.cols() != d) {
            throw new IllegalArgumentException("precision is " + precision.shape() + ", the mean has " + d + " entries: need " + d + "x" + d);
        }
        float[] theta = new float[d * d + d];
        System.arraycopy(precision.toArray(), 0, theta, 0, d * d);
        System.arraycopy(mean, 0, theta, d * d, d);
        if (io.latentj.simd.Elementwise.firstNonFinite(path, theta, 0, theta.length) >= 0) {
            throw new IllegalArgumentException("mean and precision must be finite");
        }
        return new GaussianEnergy(d, theta, path);
    }

    /** N(0, I) in d dimensions. */
    public static GaussianEnergy standard(int d, Path path) {
        FMatrix eye = FMatrix.zeros(d, d);
        for (int i = 0; i < d; i++) eye.set(i, i, 1f);
        return of(new float[d], eye, path);
    }

    /**
     * The score-matching estimate of a Gaussian from {@code data} (rows are samples), in closed form (see the class
     * comment): μ = the sample mean, Π = C⁻¹ with C = (1/n) Σ (x − μ)(x − μ)ᵀ, computed in double. It equals the
     * maximum-likelihood estimate. Needs at least d + 1 rows in general position (C positive definite).
     */
    public static GaussianEnergy scoreMatchingEstimate(FMatrix data, Path path) {
        io.latentj.models.Inputs.requireTrainingData(path, data, 2);
        int n = data.rows(), d = data.cols();
        double[] mean = new double[d];
        for (int r = 0; r < n; r++) for (int j = 0; j < d; j++) mean[j] += data.get(r, j);
        for (int j = 0; j < d; j++) mean[j] /= n;
        double[] c = new double[d * d];
        double[] dev = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) dev[j] = data.get(r, j) - mean[j];
            for (int i = 0; i < d; i++) for (int j = 0; j <= i; j++) c[i * d + j] += dev[i] * dev[j];
        }
        for (int i = 0; i < d; i++) for (int j = 0; j <= i; j++) c[j * d + i] = c[i * d + j] /= n;
        double[] p = inverseSpd(c, d);
        FMatrix precision = FMatrix.zeros(d, d);
        for (int i = 0; i < d * d; i++) precision.data()[i] = (float) p[i];
        float[] mu = new float[d];
        for (int j = 0; j < d; j++) mu[j] = (float) mean[j];
        return of(mu, precision, path);
    }

    /** Inverse of a symmetric positive definite matrix by Cholesky, in double. */
    private static double[] inverseSpd(double[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalArgumentException("the sample covariance is singular (rank < " + n + "): need more samples in general position");
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        double[] inv = new double[n * n], col = new double[n];
        for (int c = 0; c < n; c++) {
            Arrays.fill(col, 0);
            col[c] = 1;
            for (int i = 0; i < n; i++) { // L y = e_c
                double s = col[i];
                for (int k = 0; k < i; k++) s -= l[i * n + k] * col[k];
                col[i] = s / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) { // Lᵀ z = y
                double s = col[i];
                for (int k = i + 1; k < n; k++) s -= l[k * n + i] * col[k];
                col[i] = s / l[i * n + i];
            }
            for (int i = 0; i < n; i++) inv[i * n + c] = col[i];
        }
        return inv;
    }

    @Override public int dimension() { return d; }
    @Override public int parameterCount() { return theta.length; }
    @Override public float[] parameters() { return theta; }
    @Override public Path path() { return path; }

    /** A copy of μ. */
    public float[] mean() { return Arrays.copyOfRange(theta, d * d, d * d + d); }

    /** A copy of Π. */
    public FMatrix precision() { return Batches.block(theta, 0, d, d).copy(); }

    private FMatrix pi() { return Batches.block(theta, 0, d, d); }

    /** D = x − μ. */
    private FMatrix deviations(FMatrix x) {
        FMatrix dev = FMatrix.zeros(x.rows(), d);
        Batches.subtractRow(path, x, theta, d * d, dev);
        return dev;
    }

    /** Y = D · ½(Π + Πᵀ), i.e. the rows Π_s(x − μ). */
    private void symmetricProduct(FMatrix dev, FMatrix y) {
        Linalg.gemm(path, Trans.N, Trans.N, 0.5f, dev, pi(), 0f, y);
        Linalg.gemm(path, Trans.N, Trans.T, 0.5f, dev, pi(), 1f, y);
    }

    @Override
    public void energy(FMatrix x, float[] out, int off) {
        Batches.requirePoints("x", x, d);
        Batches.requireVector("out", out, off, x.rows());
        if (x.rows() == 0) return;
        FMatrix dev = deviations(x), y = FMatrix.zeros(x.rows(), d);
        symmetricProduct(dev, y);
        Batches.rowDots(path, dev, y, out, off);
        for (int r = 0; r < x.rows(); r++) out[off + r] *= 0.5f;
    }

    @Override
    public void gradient(FMatrix x, FMatrix grad, float[] energy) {
        Batches.requirePoints("x", x, d);
        Batches.requireSameShape("grad", grad, x);
        if (energy != null) Batches.requireVector("energy", energy, 0, x.rows());
        if (x.rows() == 0) return;
        FMatrix dev = deviations(x);
        symmetricProduct(dev, grad);
        if (energy != null) {
            Batches.rowDots(path, dev, grad, energy, 0);
            for (int r = 0; r < x.rows(); r++) energy[r] *= 0.5f;
        }
    }

    @Override
    public void accumulateParameterGradient(FMatrix x, float scale, float[] g) {
        Batches.requirePoints("x", x, d);
        Batches.requireVector("g", g, 0, theta.length);
        if (x.rows() == 0) return;
        FMatrix dev = deviations(x), y = FMatrix.zeros(x.rows(), d);
        Linalg.gemm(path, Trans.T, Trans.N, 0.5f * scale, dev, dev, 1f, Batches.block(g, 0, d, d));
        symmetricProduct(dev, y);
        float[] sums = new float[d];
        Linalg.colSums(path, y, sums, 0);
        Linalg.axpy(path, d, -scale, sums, 0, g, d * d);
    }

    @Override public boolean hasLaplacian() { return true; }

    @Override
    public void laplacian(FMatrix x, float[] out, int off) {
        Batches.requirePoints("x", x, d);
        Batches.requireVector("out", out, off, x.rows());
        float trace = 0;
        for (int i = 0; i < d; i++) trace += theta[i * d + i];
        Arrays.fill(out, off, off + x.rows(), trace);
    }

    @Override
    public void accumulateLaplacianGradient(FMatrix x, float scale, float[] g) {
        Batches.requirePoints("x", x, d);
        Batches.requireVector("g", g, 0, theta.length);
        for (int i = 0; i < d; i++) g[i * d + i] += scale * x.rows();
    }

    @Override
    public void accumulateMixedGradient(FMatrix x, FMatrix v, float scale, float[] g) {
        Batches.requirePoints("x", x, d);
        Batches.requireSameShape("v", v, x);
        Batches.requireVector("g", g, 0, theta.length);
        if (x.rows() == 0) return;
        FMatrix dev = deviations(x), gp = Batches.block(g, 0, d, d);
        Linalg.gemm(path, Trans.T, Trans.N, 0.5f * scale, v, dev, 1f, gp);
        Linalg.gemm(path, Trans.T, Trans.N, 0.5f * scale, dev, v, 1f, gp);
        float[] sums = new float[d];
        Linalg.colSums(path, v, sums, 0);
        Linalg.gemv(path, Trans.N, -0.5f * scale, pi(), sums, 0, 1f, g, d * d);
        Linalg.gemv(path, Trans.T, -0.5f * scale, pi(), sums, 0, 1f, g, d * d);
    }

    /** Π ← ½(Π + Πᵀ). */
    @Override
    public void project() {
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) {
            float s = 0.5f * (theta[i * d + j] + theta[j * d + i]);
            theta[i * d + j] = s;
            theta[j * d + i] = s;
        }
    }

    @Override
    public String toString() {
        return "GaussianEnergy[d=" + d + "]";
    }
}
