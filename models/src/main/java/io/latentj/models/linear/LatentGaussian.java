package io.latentj.models.linear;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * The linear-Gaussian latent model shared by probabilistic PCA and factor analysis: z ~ N(0, I_q),
 * x | z ~ N(Wz + μ, Ψ) with Ψ diagonal, so x ~ N(μ, C) with C = WWᵀ + Ψ. W is stored transposed as the q×d
 * matrix {@code load} (one row per latent dimension). With K = I + WᵀΨ⁻¹W = R·Rᵀ (q×q, Cholesky):
 * <ul>
 * <li>log|C| = Σ log ψ_i + log|K| (matrix determinant lemma);</li>
 * <li>C⁻¹ = Ψ⁻¹ − Ψ⁻¹W K⁻¹ WᵀΨ⁻¹ (Woodbury), so (x−μ)ᵀC⁻¹(x−μ) = Σ (x_i−μ_i)²/ψ_i − ‖B(x−μ)‖² with
 * B = R⁻¹WᵀΨ⁻¹ (q×d);</li>
 * <li>the posterior is z | x ~ N(K⁻¹WᵀΨ⁻¹(x−μ), K⁻¹): the code is its mean.</li>
 * </ul>
 * For PPCA Ψ = σ²I and K⁻¹WᵀΨ⁻¹ = (WᵀW + σ²I)⁻¹Wᵀ = M⁻¹Wᵀ, Tipping and Bishop's posterior mean.
 */
final class LatentGaussian {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    final Path path;
    final float[] mean;
    final FMatrix load;     // q×d: Wᵀ
    final float[] psi;      // d
    final float[] invPsi;
    final FMatrix kInv;     // q×q posterior covariance K⁻¹
    final FMatrix b;        // q×d: R⁻¹WᵀΨ⁻¹
    final double logDetC;
    final AffineCode code;  // posterior mean

    LatentGaussian(Path path, float[] mean, FMatrix load, float[] psi) {
        int q = load.rows(), d = load.cols();
        if (mean.length != d || psi.length != d) {
            throw new IllegalArgumentException("loadings " + load.shape() + " need a mean and noise variances of length " + d
                    + ", got " + mean.length + " and " + psi.length);
        }
        for (int i = 0; i < d; i++) {
            if (!(psi[i] > 0) || !Float.isFinite(psi[i])) throw new IllegalArgumentException("noise variance " + i + " must be positive and finite, got " + psi[i]);
        }
        this.path = path;
        this.mean = mean.clone();
        this.load = load.copy();
        this.psi = psi.clone();
        this.invPsi = new float[d];
        double sumLogPsi = 0;
        for (int i = 0; i < d; i++) {
            invPsi[i] = 1f / psi[i];
            sumLogPsi += Math.log(psi[i]);
        }
        Factor f = factor(path, this.load, invPsi);
        this.kInv = f.kInv;
        FMatrix rInv = Small.toFloat(Small.invertLower(f.chol, q), q, q);
        this.b = FMatrix.zeros(q, d);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, rInv, f.v, 0f, b);
        this.logDetC = sumLogPsi + Small.logDet(f.chol, q);
        FMatrix p = FMatrix.zeros(q, d);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, kInv, f.v, 0f, p);
        this.code = AffineCode.of(path, p, this.mean);
    }

    /** V = WᵀΨ⁻¹ (q×d), the Cholesky factor of K = I + V·W and K⁻¹. */
    record Factor(FMatrix v, double[] chol, FMatrix kInv, double logDetK) {}

    static Factor factor(Path path, FMatrix load, float[] invPsi) {
        int q = load.rows(), d = load.cols();
        FMatrix v = FMatrix.zeros(q, d);
        Elementwise.scaleColumns(path, load, invPsi, 0, v);
        FMatrix k = FMatrix.zeros(q, q);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, v, load, 0f, k);
        double[] kd = Small.toDouble(k);
        for (int i = 0; i < q; i++) kd[i * q + i] += 1;
        double[] chol = Small.cholesky(kd, q);
        if (chol == null) throw new ArithmeticException("I + WᵀΨ⁻¹W is not positive definite (non-finite loadings?)");
        return new Factor(v, chol, Small.toFloat(Small.inverseFromCholesky(chol, q), q, q), Small.logDet(chol, q));
    }

    int latent() { return load.rows(); }
    int features() { return load.cols(); }

    /** log p(x) of every row of x (already checked). */
    double[] logLikelihood(FMatrix x) {
        int n = x.rows(), q = latent(), d = features();
        double[] out = new double[n];
        if (n == 0) return out;
        FMatrix xc = Moments.centred(path, x, mean);
        FMatrix y = FMatrix.zeros(n, q);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, xc, b, 0f, y);
        Elementwise.mul(path, xc.data(), 0, xc.data(), 0, xc.data(), 0, n * d);
        float[] quad = new float[n], explained = new float[n];
        Linalg.gemv(path, Trans.N, 1f, xc, invPsi, 0, 0f, quad, 0);
        Elementwise.mul(path, y.data(), 0, y.data(), 0, y.data(), 0, n * q);
        Linalg.rowSums(path, y, explained, 0);
        for (int r = 0; r < n; r++) out[r] = -0.5 * (d * LOG_2PI + logDetC + quad[r] - explained[r]);
        return out;
    }

    /**
     * Mean log-likelihood per sample of data with sample mean μ and covariance S (divisor n):
     * −½ [d log 2π + log|C| + tr(C⁻¹S)], tr(C⁻¹S) = Σ S_ii/ψ_i − tr(B S Bᵀ).
     */
    static double meanLogLikelihood(Path path, FMatrix s, float[] diagS, double logDetC, float[] invPsi, FMatrix ps, FMatrix v) {
        int d = s.rows();
        double tr = 0;
        for (int i = 0; i < d; i++) tr += (double) diagS[i] * invPsi[i];
        float[] cd = new float[d];
        Linalg.colDots(path, ps, v, cd, 0);
        for (int i = 0; i < d; i++) tr -= cd[i];
        return -0.5 * (d * LOG_2PI + logDetC + tr);
    }

    /** {@link #logLikelihood} of input rows checked for width and finite values. */
    double[] checkedLogLikelihood(FMatrix x) {
        io.latentj.models.Inputs.requireMatrix(path, "input", x, features());
        return logLikelihood(x);
    }

    /** Mean log-likelihood of the rows of x. */
    double score(FMatrix x) {
        double[] ll = checkedLogLikelihood(x);
        double s = 0;
        for (double v : ll) s += v;
        return s / ll.length;
    }

    /** Posterior means E[z | x] of the rows of x (checked). */
    FMatrix encode(FMatrix x) {
        io.latentj.models.Inputs.requireMatrix(path, "input", x, features());
        return code.apply(path, x);
    }

    /** The posterior mean of one sample, checked, allocating nothing. */
    void encodeInto(float[] x, int xOff, float[] out, int outOff) {
        io.latentj.models.Inputs.requireSample(path, x, xOff, features(), out, outOff, latent());
        code.applyInto(path, x, xOff, out, outOff);
    }
}
