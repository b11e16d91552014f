package io.latentj.simd;

import io.latentj.simd.scalar.ScalarVariational;
import io.latentj.simd.vector.VectorVariational;

/**
 * Fused kernels of variational and adversarial training: a likelihood term and its gradient in one pass, the
 * reparameterised Gaussian latent (Kingma and Welling) forward with its analytic KL, and its backward. BLAS has none
 * of these, so every path but {@link Path#SCALAR} runs the Vector API when it is available. Each kernel works on a
 * run of {@code n} floats; sums come back in double (the scalar reference accumulates in double, the Vector path in
 * float lanes, so the two agree to float rounding, not bit for bit).
 */
public final class Variational {
    private Variational() {}

    private static boolean simd(Path path) {
        Checks.notNull("path", path);
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    /**
     * The Bernoulli negative log-likelihood of targets t ∈ [0, 1] under logits z, Σ_i softplus(z_i) − t_i·z_i (the
     * binary cross-entropy of σ(z) against t, summed); when {@code grad} is not null it receives
     * {@code scale·(σ(z_i) − t_i)}, the gradient times {@code scale} (grad may be z itself: in place).
     */
    public static double bernoulliNll(Path path, int n, float[] z, int zOff, float[] t, int tOff, float[] grad, int gOff, float scale) {
        boolean simd = simd(path);
        Checks.vector("z", z, zOff, n);
        Checks.vector("t", t, tOff, n);
        if (grad != null) {
            Checks.finite("scale", scale);
            Checks.vector("grad", grad, gOff, n);
            Checks.inPlaceOrDisjoint("grad", grad, gOff, "z", z, zOff, n);
            Checks.noOverlap("grad", grad, gOff, n, "t", t, tOff, n);
        }
        if (n == 0) return 0;
        if (grad == null) return simd ? VectorVariational.bernoulliNll(n, z, zOff, t, tOff) : ScalarVariational.bernoulliNll(n, z, zOff, t, tOff);
        return simd ? VectorVariational.bernoulliNllGrad(n, z, zOff, t, tOff, grad, gOff, scale)
                : ScalarVariational.bernoulliNllGrad(n, z, zOff, t, tOff, grad, gOff, scale);
    }

    /**
     * The squared error Σ_i (y_i − t_i)²; when {@code grad} is not null it receives {@code scale·(y_i − t_i)}
     * (grad may be y itself).
     */
    public static double squaredError(Path path, int n, float[] y, int yOff, float[] t, int tOff, float[] grad, int gOff, float scale) {
        boolean simd = simd(path);
        Checks.vector("y", y, yOff, n);
        Checks.vector("t", t, tOff, n);
        if (grad != null) {
            Checks.finite("scale", scale);
            Checks.vector("grad", grad, gOff, n);
            Checks.inPlaceOrDisjoint("grad", grad, gOff, "y", y, yOff, n);
            Checks.noOverlap("grad", grad, gOff, n, "t", t, tOff, n);
        }
        if (n == 0) return 0;
        return simd ? VectorVariational.squaredError(n, y, yOff, t, tOff, grad, gOff, scale)
                : ScalarVariational.squaredError(n, y, yOff, t, tOff, grad, gOff, scale);
    }

    /**
     * The reparameterised sample of a diagonal Gaussian N(μ, diag e^(logVar)): z_i = μ_i + e^(logVar_i/2)·ε_i, and the
     * analytic KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ_i (μ_i² + σ_i² − 1 − log σ_i²), which is returned. z must not overlap the
     * inputs.
     */
    public static double reparameterize(Path path, int n, float[] mu, int muOff, float[] logVar, int lvOff, float[] eps, int eOff, float[] z, int zOff) {
        boolean simd = simd(path);
        Checks.vector("mu", mu, muOff, n);
        Checks.vector("logVar", logVar, lvOff, n);
        Checks.vector("eps", eps, eOff, n);
        Checks.vector("z", z, zOff, n);
        Checks.noOverlap("z", z, zOff, n, "mu", mu, muOff, n);
        Checks.noOverlap("z", z, zOff, n, "logVar", logVar, lvOff, n);
        Checks.noOverlap("z", z, zOff, n, "eps", eps, eOff, n);
        if (n == 0) return 0;
        return simd ? VectorVariational.reparameterize(n, mu, muOff, logVar, lvOff, eps, eOff, z, zOff)
                : ScalarVariational.reparameterize(n, mu, muOff, logVar, lvOff, eps, eOff, z, zOff);
    }

    /**
     * Backward of {@link #reparameterize} plus {@code klScale} × its KL: with σ = e^(logVar/2),
     * dμ_i = dz_i + klScale·μ_i and dLogVar_i = ½(dz_i·ε_i·σ_i + klScale·(σ_i² − 1)). The outputs must not overlap
     * the inputs or each other.
     */
    public static void reparameterizeBackward(Path path, int n, float[] dz, int dzOff, float[] mu, int muOff, float[] logVar, int lvOff,
                                              float[] eps, int eOff, float klScale, float[] dMu, int dmOff, float[] dLogVar, int dlOff) {
        boolean simd = simd(path);
        Checks.finite("klScale", klScale);
        Checks.vector("dz", dz, dzOff, n);
        Checks.vector("mu", mu, muOff, n);
        Checks.vector("logVar", logVar, lvOff, n);
        Checks.vector("eps", eps, eOff, n);
        Checks.vector("dMu", dMu, dmOff, n);
        Checks.vector("dLogVar", dLogVar, dlOff, n);
        Checks.noOverlap("dMu", dMu, dmOff, n, "dLogVar", dLogVar, dlOff, n);
        for (int k = 0; k < 2; k++) {
            String on = k == 0 ? "dMu" : "dLogVar";
            float[] o = k == 0 ? dMu : dLogVar;
            int oo = k == 0 ? dmOff : dlOff;
            Checks.noOverlap(on, o, oo, n, "dz", dz, dzOff, n);
            Checks.noOverlap(on, o, oo, n, "mu", mu, muOff, n);
            Checks.noOverlap(on, o, oo, n, "logVar", logVar, lvOff, n);
            Checks.noOverlap(on, o, oo, n, "eps", eps, eOff, n);
        }
        if (n == 0) return;
        if (simd) VectorVariational.reparameterizeBackward(n, dz, dzOff, mu, muOff, logVar, lvOff, eps, eOff, klScale, dMu, dmOff, dLogVar, dlOff);
        else ScalarVariational.reparameterizeBackward(n, dz, dzOff, mu, muOff, logVar, lvOff, eps, eOff, klScale, dMu, dmOff, dLogVar, dlOff);
    }

    /**
     * log p(z) − log q(z | x) for z = μ + σ·ε drawn from q = N(μ, diag σ²) and the prior p = N(0, I):
     * ½ Σ_i (ε_i² + logVar_i − z_i²) (the 2π terms cancel). The log importance weight of an IWAE bound, less
     * log p(x | z).
     */
    public static double logPriorOverPosterior(Path path, int n, float[] z, int zOff, float[] eps, int eOff, float[] logVar, int lvOff) {
        boolean simd = simd(path);
        Checks.vector("z", z, zOff, n);
        Checks.vector("eps", eps, eOff, n);
        Checks.vector("logVar", logVar, lvOff, n);
        if (n == 0) return 0;
        return simd ? VectorVariational.logPriorOverPosterior(n, z, zOff, eps, eOff, logVar, lvOff)
                : ScalarVariational.logPriorOverPosterior(n, z, zOff, eps, eOff, logVar, lvOff);
    }
}
