package io.latentj.models.rbm;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * Exact likelihood of a {@link GaussianBernoulliRBM} with few hidden units. For each hidden configuration h the
 * integral over v is Gaussian: with a = Wᵀh, ∫ exp(−E(v,h)) dv = exp(cᵀh + Σ_i [(b_i + σ_i a_i)² − b_i²]/(2σ_i²))
 * · Π_i √(2πσ_i²), and [(b_i + σ_i a_i)² − b_i²]/(2σ_i²) = a_i b_i/σ_i + a_i²/2, so
 * log Z = logsumexp_h [cᵀh + (b/σ)ᵀWᵀh + ½‖Wᵀh‖²] + Σ_i ½ log(2πσ_i²), enumerating 2^hidden configurations.
 */
public final class GaussianLikelihood {
    /** Most hidden units {@link #exactLogPartition} accepts (2^22 terms). */
    public static final int MAX_HIDDEN = 22;
    /** Hidden layers up to this size are cheap enough to monitor every epoch. */
    public static final int CHEAP_HIDDEN = 12;
    private static final int CHUNK = 4096;

    private GaussianLikelihood() {}

    /** The exact gradient of the average log-likelihood with respect to W, b, c and z = log σ². */
    public record Gradient(FMatrix weight, float[] visibleBias, float[] hiddenBias, float[] logVariance) {}

    private static void requireSmall(GaussianBernoulliRBM rbm) {
        if (rbm.hidden() > MAX_HIDDEN) {
            throw new IllegalArgumentException("exact enumeration needs at most " + MAX_HIDDEN + " hidden units, this RBM has " + rbm.hidden());
        }
    }

    /** Unnormalised log p(h) − Σ_i ½ log(2πσ_i²) of a chunk of hidden configurations; {@code a} receives H·W. */
    private static void logTerms(GaussianBernoulliRBM rbm, FMatrix conf, FMatrix a, float[] bOverSigma, float[] out) {
        Path p = rbm.path();
        Linalg.gemm(p, Trans.N, Trans.N, 1f, conf, rbm.w(), 0f, a);
        Linalg.gemv(p, Trans.N, 1f, a, bOverSigma, 0, 0f, out, 0);
        Linalg.gemv(p, Trans.N, 1f, conf, rbm.c(), 0, 1f, out, 0);
        for (int r = 0; r < conf.rows(); r++) {
            int o = a.rowOffset(r);
            out[r] += 0.5f * Linalg.dot(p, a.cols(), a.data(), o, a.data(), o);
        }
    }

    private static float[] bOverSigma(GaussianBernoulliRBM rbm) {
        float[] x = new float[rbm.visible()];
        Elementwise.mul(rbm.config().path(), rbm.b(), 0, rbm.invSigma(), 0, x, 0, x.length);
        return x;
    }

    private static double gaussianConstant(GaussianBernoulliRBM rbm) {
        double s = 0;
        for (float z : rbm.logVar()) s += 0.5 * (Math.log(2 * Math.PI) + z);
        return s;
    }

    /** log Z, exactly (by enumerating the hidden layer). */
    public static double exactLogPartition(GaussianBernoulliRBM rbm) {
        requireSmall(rbm);
        int nh = rbm.hidden();
        long total = 1L << nh;
        int chunk = (int) Math.min(CHUNK, total);
        FMatrix conf = FMatrix.zeros(chunk, nh), a = FMatrix.zeros(chunk, rbm.visible());
        float[] lp = new float[chunk], bs = bOverSigma(rbm);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (long first = 0; first < total; first += chunk) {
            int rows = (int) Math.min(chunk, total - first);
            FMatrix cf = conf.rowRange(0, rows);
            RbmLikelihood.configurations(first, cf);
            logTerms(rbm, cf, a.rowRange(0, rows), bs, lp);
            for (int r = 0; r < rows; r++) {
                double v = lp[r];
                if (v > max) {
                    sum = sum * Math.exp(max - v) + 1;
                    max = v;
                } else {
                    sum += Math.exp(v - max);
                }
            }
        }
        return max + Math.log(sum) + gaussianConstant(rbm);
    }

    /** Average log p(v) = −F(v) − log Z over the rows of {@code data}. */
    public static double averageLogLikelihood(GaussianBernoulliRBM rbm, FMatrix data, double logPartition) {
        float[] fe = rbm.freeEnergy(data);
        double s = 0;
        for (float f : fe) s -= f;
        return s / fe.length - logPartition;
    }

    /**
     * The exact gradient of the average log-likelihood of {@code data}: the data statistics of
     * {@link GaussianStatistics} minus their exact model expectations. Under the model, with m = E[h] and
     * C = E[hhᵀ] (by enumeration) and E[v|h] = b + σ ⊙ Wᵀh, E[(v_i − b_i)²|h] = σ_i²((Wᵀh)_i² + 1):
     * S_W = m (b/σ)ᵀ + C·W, S_b = (Wᵀm)/σ, S_c = m, S_z = ½ − ½ (b/σ) ⊙ Wᵀm.
     */
    public static Gradient exactGradient(GaussianBernoulliRBM rbm, FMatrix data) {
        requireSmall(rbm);
        Path p = rbm.path();
        int nv = rbm.visible(), nh = rbm.hidden();
        GaussianStatistics s = new GaussianStatistics(nh, nv, data.rows());
        s.add(p, rbm.w(), rbm.b(), rbm.invSigma(), true, data, rbm.transform(data), 1f);

        double logZ = exactLogPartition(rbm) - gaussianConstant(rbm);
        long total = 1L << nh;
        int chunk = (int) Math.min(CHUNK, total);
        FMatrix conf = FMatrix.zeros(chunk, nh), weighted = FMatrix.zeros(chunk, nh), a = FMatrix.zeros(chunk, nv);
        FMatrix cov = FMatrix.zeros(nh, nh);
        float[] lp = new float[chunk], bs = bOverSigma(rbm), m = new float[nh], part = new float[nh];
        for (long first = 0; first < total; first += chunk) {
            int rows = (int) Math.min(chunk, total - first);
            FMatrix cf = conf.rowRange(0, rows), wf = weighted.rowRange(0, rows);
            RbmLikelihood.configurations(first, cf);
            logTerms(rbm, cf, a.rowRange(0, rows), bs, lp);
            wf.copyFrom(cf);
            for (int r = 0; r < rows; r++) Linalg.scal(p, nh, (float) Math.exp(lp[r] - logZ), wf.data(), wf.rowOffset(r));
            Linalg.colSums(p, wf, part, 0);
            Linalg.axpy(p, nh, 1f, part, 0, m, 0);
            Linalg.gemm(p, Trans.T, Trans.N, 1f, wf, cf, 1f, cov);
        }
        FMatrix gw = FMatrix.zeros(nh, nv);
        Linalg.ger(p, 1f, m, 0, bs, 0, gw);
        Linalg.gemm(p, Trans.N, Trans.N, 1f, cov, rbm.w(), 1f, gw);
        float[] wtm = new float[nv], gb = new float[nv], gz = new float[nv];
        Linalg.gemv(p, Trans.T, 1f, rbm.w(), m, 0, 0f, wtm, 0);
        Elementwise.mul(p, wtm, 0, rbm.invSigma(), 0, gb, 0, nv);
        Elementwise.mul(p, wtm, 0, bs, 0, gz, 0, nv);
        Linalg.scal(p, nv, -0.5f, gz, 0);
        for (int i = 0; i < nv; i++) gz[i] += 0.5f;

        Linalg.axpy(p, nh * nv, -1f, gw.data(), 0, s.w.data(), 0);
        Linalg.axpy(p, nv, -1f, gb, 0, s.b, 0);
        Linalg.axpy(p, nh, -1f, m, 0, s.c, 0);
        Linalg.axpy(p, nv, -1f, gz, 0, s.z, 0);
        return new Gradient(s.w.copy(), s.b.clone(), s.c.clone(), s.z.clone());
    }
}
