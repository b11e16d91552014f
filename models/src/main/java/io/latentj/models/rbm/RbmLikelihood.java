package io.latentj.models.rbm;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * Exact likelihood of small Bernoulli RBMs, by enumerating every configuration of the smaller layer
 * (2^min(visible, hidden) terms, in chunks, each chunk one GEMM), and the exact gradient of the average
 * log-likelihood, whose model term is the CD-∞ statistic ⟨h vᵀ⟩ under the model.
 */
public final class RbmLikelihood {
    /** Largest smaller layer {@link #exactLogPartition} accepts (2^25 ≈ 34 million terms). */
    public static final int MAX_UNITS = 25;
    /** Smaller layers up to this size are cheap enough to monitor every epoch. */
    public static final int CHEAP_UNITS = 16;
    private static final int CHUNK = 4096;

    private RbmLikelihood() {}

    /** The exact gradient of the average log-likelihood with respect to W (hidden × visible), b and c. */
    public record Gradient(FMatrix weight, float[] visibleBias, float[] hiddenBias) {}

    private static void requireSmall(BernoulliRBM rbm) {
        int units = Math.min(rbm.visible(), rbm.hidden());
        if (units > MAX_UNITS) {
            throw new IllegalArgumentException("exact enumeration needs min(visible, hidden) <= " + MAX_UNITS + ", this RBM has "
                    + rbm.visible() + " visible and " + rbm.hidden() + " hidden units; use AnnealedImportanceSampling");
        }
    }

    /** Rows {@code first .. first+rows-1} of the enumeration of {0,1}^units: bit u of index i is unit u. */
    static void configurations(long first, FMatrix out) {
        for (int r = 0; r < out.rows(); r++) {
            long idx = first + r;
            int o = out.rowOffset(r);
            for (int u = 0; u < out.cols(); u++) out.data()[o + u] = (idx >>> u & 1L) != 0 ? 1f : 0f;
        }
    }

    /**
     * Unnormalised log-probabilities of a chunk of configurations of the enumerated layer, marginalising the other:
     * by hidden h: cᵀh + Σ_i softplus(b_i + (hᵀW)_i); by visible v: −F(v) = bᵀv + Σ_j softplus(c_j + W_j·v).
     * {@code other} (rows × other layer) receives the other layer's pre-activation, softplus'ed.
     */
    private static void logUnnormalised(BernoulliRBM rbm, boolean byHidden, FMatrix conf, FMatrix other, float[] out) {
        Path p = rbm.path();
        if (byHidden) {
            other.fillRows(rbm.b(), 0);
            Linalg.gemm(p, Trans.N, Trans.N, 1f, conf, rbm.w(), 1f, other);
        } else {
            other.fillRows(rbm.c(), 0);
            Linalg.gemm(p, Trans.N, Trans.T, 1f, conf, rbm.w(), 1f, other);
        }
        Elementwise.softplus(p, other, other);
        Linalg.rowSums(p, other, out, 0);
        FMatrix biasRow = FMatrix.wrap(byHidden ? rbm.c() : rbm.b(), 1, conf.cols());
        Linalg.gemv(p, Trans.N, 1f, conf, biasRow.data(), 0, 1f, out, 0);
    }

    /** log Z, exactly. */
    public static double exactLogPartition(BernoulliRBM rbm) {
        requireSmall(rbm);
        boolean byHidden = rbm.hidden() <= rbm.visible();
        int units = byHidden ? rbm.hidden() : rbm.visible(), others = byHidden ? rbm.visible() : rbm.hidden();
        long total = 1L << units;
        int chunk = (int) Math.min(CHUNK, total);
        FMatrix conf = FMatrix.zeros(chunk, units), other = FMatrix.zeros(chunk, others);
        float[] lp = new float[chunk];
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (long first = 0; first < total; first += chunk) {
            int rows = (int) Math.min(chunk, total - first);
            FMatrix cf = conf.rowRange(0, rows), ot = other.rowRange(0, rows);
            configurations(first, cf);
            logUnnormalised(rbm, byHidden, cf, ot, lp);
            for (int r = 0; r < rows; r++) { // streaming log-sum-exp in double
                double v = lp[r];
                if (v > max) {
                    sum = sum * Math.exp(max - v) + 1;
                    max = v;
                } else {
                    sum += Math.exp(v - max);
                }
            }
        }
        return max + Math.log(sum);
    }

    /** Average log p(v) = −F(v) − log Z over the rows of {@code data}. */
    public static double averageLogLikelihood(BernoulliRBM rbm, FMatrix data, double logPartition) {
        float[] fe = rbm.freeEnergy(data);
        double s = 0;
        for (float f : fe) s -= f;
        return s / fe.length - logPartition;
    }

    /**
     * The exact gradient of the average log-likelihood of {@code data}: ⟨p(h|v) vᵀ⟩_data − ⟨h vᵀ⟩_model for W,
     * ⟨v⟩_data − ⟨v⟩_model for b, ⟨p(h|v)⟩_data − ⟨h⟩_model for c; model expectations by enumeration.
     */
    public static Gradient exactGradient(BernoulliRBM rbm, FMatrix data) {
        requireSmall(rbm);
        Path p = rbm.path();
        int nv = rbm.visible(), nh = rbm.hidden(), n = data.rows();
        FMatrix gw = FMatrix.zeros(nh, nv);
        float[] gb = new float[nv], gc = new float[nh];
        // data term
        FMatrix ph = rbm.transform(data);
        Linalg.gemm(p, Trans.T, Trans.N, 1f / n, ph, data, 0f, gw);
        Linalg.colMeans(p, data, gb, 0);
        Linalg.colMeans(p, ph, gc, 0);
        // model term, by enumeration of the smaller layer with weights p(config) = exp(logp* − log Z)
        double logZ = exactLogPartition(rbm);
        boolean byHidden = nh <= nv;
        int units = byHidden ? nh : nv, others = byHidden ? nv : nh;
        long total = 1L << units;
        int chunk = (int) Math.min(CHUNK, total);
        FMatrix conf = FMatrix.zeros(chunk, units), other = FMatrix.zeros(chunk, others);
        float[] lp = new float[chunk];
        for (long first = 0; first < total; first += chunk) {
            int rows = (int) Math.min(chunk, total - first);
            FMatrix cf = conf.rowRange(0, rows), ot = other.rowRange(0, rows);
            configurations(first, cf);
            logUnnormalised(rbm, byHidden, cf, ot, lp);
            // conditional means of the other layer, then weight both by p(config)
            if (byHidden) BernoulliConditionals.visible(p, rbm.w(), rbm.b(), cf, ot);
            else BernoulliConditionals.hidden(p, rbm.w(), rbm.c(), cf, ot);
            for (int r = 0; r < rows; r++) {
                float prob = (float) Math.exp(lp[r] - logZ);
                Linalg.scal(p, others, prob, ot.data(), ot.rowOffset(r));
                Linalg.axpy(p, units, -prob, cf.data(), cf.rowOffset(r), byHidden ? gc : gb, 0);
            }
            float[] otherSums = new float[others];
            Linalg.colSums(p, ot, otherSums, 0);
            Linalg.axpy(p, others, -1f, otherSums, 0, byHidden ? gb : gc, 0);
            if (byHidden) Linalg.gemm(p, Trans.T, Trans.N, -1f, cf, ot, 1f, gw);  // Σ p(h) h E[v|h]ᵀ
            else Linalg.gemm(p, Trans.T, Trans.N, -1f, ot, cf, 1f, gw);          // Σ p(v) E[h|v] vᵀ
        }
        return new Gradient(gw, gb, gc);
    }
}
