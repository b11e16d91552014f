package io.latentj.models.dbn;

import io.latentj.models.Inputs;
import io.latentj.models.rbm.AnnealedImportanceSampling;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.models.rbm.RbmLikelihood;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;

/**
 * The variational lower bound on log p(v) of a deep belief net under its factorial recognition posterior
 * q(h¹, …, h^{L−1} | v) = Π_l q(hˡ | h^{l−1}) (Hinton, Osindero &amp; Teh 2006, section 4):
 * <pre>
 *   log p(v) ≥ E_q[ log p(h^{L−1}) + Σ_l log p(h^{l−1} | hˡ) ] + Σ_l E_q[ H(q(hˡ | h^{l−1})) ]
 * </pre>
 * with h⁰ = v, p(h^{L−1}) the marginal of the top RBM, −F_top(h^{L−1}) − log Z (labels summed out when the top has
 * label units). The expectation is estimated by drawing {@code samples} binary chains from q per data row; the
 * entropy of each factorial layer is taken in closed form (Σ_j softplus(a_j) − q_j a_j for pre-activations a), so
 * the estimate is unbiased. For a one-layer net it is the exact log-likelihood. log Z comes from
 * {@link #exactTopLogPartition} (small top RBMs) or {@link #topLogPartition} (annealed importance sampling).
 * Adding a layer initialised as the transpose of the one below leaves the bound equal to the smaller net's, and
 * training that layer raises it (the claim of section 4 this class lets one check).
 */
public final class VariationalBound {
    private static final int CHUNK_ROWS = 4096;

    private VariationalBound() {}

    /**
     * The bound averaged over the data rows; {@code standardError} is the Monte Carlo error of that mean for the
     * given rows (it does not include the uncertainty of {@code logPartition}).
     */
    public record Estimate(double bound, double standardError, double logPartition, int samples) {}

    /** The top RBM (no labels) or its slice for one label (visible = penultimate, hidden bias c + W_{·,y}). */
    private static BernoulliRBM topRbm(DeepBeliefNet dbn, int label) {
        RbmLayer top = dbn.top();
        int nf = top.features(), nh = top.hidden();
        FMatrix w = top.w().colRange(0, nf).copy();
        float[] b = java.util.Arrays.copyOf(top.b(), nf), c = top.c().clone();
        if (label >= 0) {
            FMatrix col = top.w().colRange(nf + label, nf + label + 1);
            for (int j = 0; j < nh; j++) c[j] += col.get(j, 0);
        }
        return BernoulliRBM.of(w, b, c, RbmConfig.builder(nh).path(dbn.path()).build());
    }

    /** log Z of the top RBM by enumeration (needs min(penultimate, top hidden) ≤ {@link RbmLikelihood#MAX_UNITS}). */
    public static double exactTopLogPartition(DeepBeliefNet dbn) {
        int k = dbn.classes();
        if (k == 0) return RbmLikelihood.exactLogPartition(topRbm(dbn, -1));
        double[] terms = new double[k];
        for (int y = 0; y < k; y++) terms[y] = dbn.top().b()[dbn.top().features() + y] + RbmLikelihood.exactLogPartition(topRbm(dbn, y));
        return logSumExp(terms);
    }

    /**
     * log Z of the top RBM by annealed importance sampling ({@code runs} runs over {@code betas}, base model with
     * the RBM's own visible biases); with label units, one estimate per label combined as log Σ_y e^{b_y} Z_y (its
     * standard error by the delta method, the bounds widened accordingly).
     */
    public static AnnealedImportanceSampling.Estimate topLogPartition(DeepBeliefNet dbn, int runs, double[] betas, Rng rng) {
        int k = dbn.classes();
        if (k == 0) return AnnealedImportanceSampling.logPartition(topRbm(dbn, -1), runs, betas, null, rng);
        double[] terms = new double[k], se = new double[k];
        for (int y = 0; y < k; y++) {
            AnnealedImportanceSampling.Estimate e = AnnealedImportanceSampling.logPartition(topRbm(dbn, y), runs, betas, null, rng);
            terms[y] = dbn.top().b()[dbn.top().features() + y] + e.logPartition();
            se[y] = e.standardError();
        }
        double logZ = logSumExp(terms), var = 0;
        for (int y = 0; y < k; y++) {
            double wgt = Math.exp(terms[y] - logZ);
            var += wgt * wgt * se[y] * se[y];
        }
        double s = Math.sqrt(var);
        return new AnnealedImportanceSampling.Estimate(logZ, s, logZ - 3 * s, logZ + 3 * s, runs, betas.length - 1);
    }

    /** The bound of {@code data} (rows × visible), with {@code samples} recognition chains per row. */
    public static Estimate estimate(DeepBeliefNet dbn, FMatrix data, int samples, double logPartition, Rng rng) {
        if (samples < 1) throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        if (!Double.isFinite(logPartition)) throw new IllegalArgumentException("log partition must be finite, got " + logPartition);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        Path p = dbn.path();
        Inputs.requireMatrix(p, "data", data, dbn.inputSize());
        if (!dbn.gaussianVisible()) Elementwise.requireWithin(p, "data", data, 0f, 1f);
        int n = data.rows();
        if (n == 0) throw new IllegalArgumentException("data has no rows");
        int chunk = Math.max(1, CHUNK_ROWS / samples);
        double sum = 0, mcVar = 0;
        for (int from = 0; from < n; from += chunk) {
            int rows = Math.min(chunk, n - from), m = rows * samples;
            FMatrix x = FMatrix.zeros(m, data.cols());
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < samples; s++) x.row(r * samples + s).copyFrom(data.row(from + r));
            }
            double[] terms = chainTerms(dbn, x, logPartition, rng);
            for (int r = 0; r < rows; r++) {
                double mean = 0, sq = 0;
                for (int s = 0; s < samples; s++) mean += terms[r * samples + s];
                mean /= samples;
                for (int s = 0; s < samples; s++) sq += (terms[r * samples + s] - mean) * (terms[r * samples + s] - mean);
                sum += mean;
                if (samples > 1) mcVar += sq / (samples - 1) / samples; // variance of this row's mean
            }
        }
        return new Estimate(sum / n, Math.sqrt(mcVar) / n, logPartition, samples);
    }

    /** The bound's integrand for one sampled recognition chain per row of {@code x}. */
    private static double[] chainTerms(DeepBeliefNet dbn, FMatrix x, double logZ, Rng rng) {
        Path p = dbn.path();
        int m = x.rows();
        double[] total = new double[m];
        float[] rowSum = new float[m];
        FMatrix cur = x;
        for (int l = 0; l < dbn.directed().size(); l++) {
            DirectedLayer d = dbn.directed().get(l);
            boolean gaussian = l == 0 && dbn.gaussianVisible();
            FMatrix a = FMatrix.zeros(m, d.upper()), q = FMatrix.zeros(m, d.upper()), sp = FMatrix.zeros(m, d.upper());
            a.fillRows(d.recognitionBias(), 0);
            Linalg.gemm(p, Trans.N, Trans.T, 1f, cur, d.recognition(), 1f, a);
            Elementwise.sigmoid(p, a, q);
            Elementwise.softplus(p, a, sp);
            Linalg.rowSums(p, sp, rowSum, 0); // entropy: Σ softplus(a) − q·a
            for (int r = 0; r < m; r++) total[r] += rowSum[r] - Linalg.dot(p, d.upper(), q.data(), q.rowOffset(r), a.data(), a.rowOffset(r));
            FMatrix h = q;
            Sampling.bernoulli(p, rng, q, h);
            FMatrix g = FMatrix.zeros(m, d.lower());
            d.generativePreActivation(p, h, g);
            if (gaussian) { // log N(x; g, 1) = −½‖x − g‖² − ½ n log 2π
                double c = 0.5 * d.lower() * Math.log(2 * Math.PI);
                for (int r = 0; r < m; r++) {
                    Linalg.axpy(p, d.lower(), -1f, cur.data(), cur.rowOffset(r), g.data(), g.rowOffset(r));
                    float nrm = Linalg.nrm2(p, d.lower(), g.data(), g.rowOffset(r));
                    total[r] += -0.5 * (double) nrm * nrm - c;
                }
            } else { // log Bernoulli(x; σ(g)) = x·g − Σ softplus(g)
                for (int r = 0; r < m; r++) total[r] += Linalg.dot(p, d.lower(), cur.data(), cur.rowOffset(r), g.data(), g.rowOffset(r));
                Elementwise.softplus(p, g, g);
                Linalg.rowSums(p, g, rowSum, 0);
                for (int r = 0; r < m; r++) total[r] -= rowSum[r];
            }
            cur = h;
        }
        RbmLayer top = dbn.top();
        if (top.classes() == 0) {
            float[] fe = new float[m];
            top.freeEnergy(p, cur, FMatrix.zeros(m, top.hidden()), fe);
            for (int r = 0; r < m; r++) total[r] += -fe[r] - logZ;
        } else {
            FMatrix f = dbn.labelFreeEnergiesOfPenultimate(cur);
            Linalg.scal(p, -1f, f);
            float[] lse = new float[m];
            Elementwise.logSumExpRows(p, f, lse, 0);
            for (int r = 0; r < m; r++) total[r] += lse[r] - logZ;
        }
        return total;
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY, s = 0;
        for (double x : v) max = Math.max(max, x);
        for (double x : v) s += Math.exp(x - max);
        return max + Math.log(s);
    }
}
