package io.latentj.models.rbm;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;

/**
 * Annealed importance sampling estimate of an RBM's log partition function (Neal 2001; Salakhutdinov and Murray
 * 2008). The base distribution has no weights and visible biases b_A, so log Z_A is known in closed form; the
 * intermediate distributions p_β(v) ∝ exp((1−β)b_Aᵀv + βbᵀv) · Π_j (1 + exp(β(c_j + W_j·v))) are bridged by Gibbs
 * transitions that leave each p_β invariant. All runs advance together as a batch (two GEMMs per temperature).
 */
public final class AnnealedImportanceSampling {
    private AnnealedImportanceSampling() {}

    /** log Ẑ with its standard error (delta method over the importance weights); the bounds are log(Ẑ ± 3·se(Ẑ)). */
    public record Estimate(double logPartition, double standardError, double lower, double upper, int runs, int temperatures) {}

    /** The schedule of Salakhutdinov and Murray: steps of 1e-3 to 0.5, 1e-4 to 0.9, 1e-5 to 1 (14,500 temperatures). */
    public static double[] standardSchedule() {
        return schedule(500, 4000, 10000);
    }

    /** 0 = β₀ < … < β_K = 1 with the given counts of steps in [0, 0.5], [0.5, 0.9] and [0.9, 1]. */
    public static double[] schedule(int toHalf, int toNineTenths, int toOne) {
        if (toHalf < 1 || toNineTenths < 1 || toOne < 1) throw new IllegalArgumentException("every segment needs at least one step");
        double[] betas = new double[toHalf + toNineTenths + toOne + 1];
        int k = 0;
        for (int i = 0; i < toHalf; i++) betas[k++] = 0.5 * i / toHalf;
        for (int i = 0; i < toNineTenths; i++) betas[k++] = 0.5 + 0.4 * i / toNineTenths;
        for (int i = 0; i < toOne; i++) betas[k++] = 0.9 + 0.1 * i / toOne;
        betas[k] = 1.0;
        return betas;
    }

    /**
     * Estimates log Z of {@code rbm} with {@code runs} independent annealing runs over {@code betas}, from a base
     * model with visible biases {@code baseVisibleBias} (null: the RBM's own visible biases; the data's
     * log-odds are a better choice when the data are at hand).
     */
    public static Estimate logPartition(BernoulliRBM rbm, int runs, double[] betas, float[] baseVisibleBias, Rng rng) {
        if (runs < 2) throw new IllegalArgumentException("need at least 2 runs for a standard error, got " + runs);
        if (betas == null || betas.length < 2 || betas[0] != 0 || betas[betas.length - 1] != 1) {
            throw new IllegalArgumentException("the schedule must run from 0 to 1");
        }
        for (int k = 1; k < betas.length; k++) {
            if (!(betas[k] > betas[k - 1])) throw new IllegalArgumentException("the schedule must increase strictly (at index " + k + ")");
        }
        int nv = rbm.visible(), nh = rbm.hidden();
        float[] bA = baseVisibleBias == null ? rbm.b().clone() : baseVisibleBias.clone();
        if (bA.length != nv) throw new IllegalArgumentException("base visible bias has " + bA.length + " entries, the RBM " + nv + " visible units");
        Path p = rbm.path();
        FMatrix w = rbm.w();
        float[] b = rbm.b(), c = rbm.c();

        double logZA = nh * Math.log(2);
        for (float v : bA) logZA += Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));

        FMatrix v = FMatrix.zeros(runs, nv), pv = FMatrix.zeros(runs, nv);
        FMatrix x = FMatrix.zeros(runs, nh), t = FMatrix.zeros(runs, nh), hs = FMatrix.zeros(runs, nh);
        float[] visBias = new float[nv], rowTerm = new float[runs];
        double[] lw = new double[runs];
        // v ~ p_0 = Bernoulli(σ(b_A))
        pv.fillRows(bA, 0);
        Elementwise.sigmoid(p, pv, pv);
        Sampling.bernoulli(p, rng, pv, v);
        for (int k = 1; k < betas.length; k++) {
            x.fillRows(c, 0);
            Linalg.gemm(p, Trans.N, Trans.T, 1f, v, w, 1f, x); // x = V·Wᵀ + c
            logUnnormalised(p, betas[k], x, t, v, bA, b, visBias, rowTerm);
            for (int r = 0; r < runs; r++) lw[r] += rowTerm[r];
            logUnnormalised(p, betas[k - 1], x, t, v, bA, b, visBias, rowTerm);
            for (int r = 0; r < runs; r++) lw[r] -= rowTerm[r];
            if (k == betas.length - 1) break;
            // Gibbs transition at β_k: h ~ σ(β x), v ~ σ((1−β) b_A + β (b + hW))
            float beta = (float) betas[k];
            t.copyFrom(x);
            Linalg.scal(p, beta, t);
            Elementwise.sigmoid(p, t, t);
            Sampling.bernoulli(p, rng, t, hs);
            mixBias(beta, bA, b, visBias);
            pv.fillRows(visBias, 0);
            Linalg.gemm(p, Trans.N, Trans.N, beta, hs, w, 1f, pv);
            Elementwise.sigmoid(p, pv, pv);
            Sampling.bernoulli(p, rng, pv, v);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : lw) max = Math.max(max, l);
        double mean = 0, sq = 0;
        for (double l : lw) {
            double e = Math.exp(l - max);
            mean += e;
            sq += e * e;
        }
        mean /= runs;
        double var = Math.max(0, (sq / runs - mean * mean) * runs / (runs - 1));
        double seMean = Math.sqrt(var / runs);
        double logZ = logZA + max + Math.log(mean);
        double se = seMean / mean;
        double lower = mean - 3 * seMean > 0 ? logZA + max + Math.log(mean - 3 * seMean) : Double.NEGATIVE_INFINITY;
        double upper = logZA + max + Math.log(mean + 3 * seMean);
        return new Estimate(logZ, se, lower, upper, runs, betas.length - 1);
    }

    private static void mixBias(float beta, float[] bA, float[] b, float[] out) {
        System.arraycopy(bA, 0, out, 0, bA.length);
        Linalg.scal(Path.SCALAR, out.length, 1f - beta, out, 0);
        Linalg.axpy(Path.SCALAR, out.length, beta, b, 0, out, 0);
    }

    /** log p*_β(v) = Σ_j softplus(β x_j) + ((1−β) b_A + β b)ᵀ v for every row, given x = V·Wᵀ + c. */
    private static void logUnnormalised(Path p, double betaD, FMatrix x, FMatrix t, FMatrix v, float[] bA, float[] b,
                                        float[] visBias, float[] out) {
        float beta = (float) betaD;
        t.copyFrom(x);
        Linalg.scal(p, beta, t);
        Elementwise.softplus(p, t, t);
        Linalg.rowSums(p, t, out, 0);
        mixBias(beta, bA, b, visBias);
        Linalg.gemv(p, Trans.N, 1f, v, visBias, 0, 1f, out, 0);
    }
}
