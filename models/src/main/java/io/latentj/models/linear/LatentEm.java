package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * EM for the linear-Gaussian latent model on the sufficient statistics (sample covariance S with divisor n), so each
 * iteration costs O(q·d²) whatever the number of samples. With V = WᵀΨ⁻¹, K = I + V·W and the posterior-mean map
 * P = K⁻¹V (q×d): E[z]E[z]ᵀ averages to P·S·Pᵀ, E[zzᵀ] to A = K⁻¹ + P·S·Pᵀ and (x−μ)E[z]ᵀ to S·Pᵀ; the M-step
 * (Bishop, PRML §12.2.4; Rubin &amp; Thayer 1982) is W_new = S·Pᵀ·A⁻¹ and Ψ_new = diag(S − W_new·P·S). With
 * {@code isotropic} Ψ is tied to σ²I and σ²_new is the mean of that diagonal, which is Tipping and Bishop's
 * (1999) EM for probabilistic PCA (their eqs. 29–30 rewritten in these terms). Each iteration also yields the
 * log-likelihood of the current parameters, which EM never lowers.
 */
final class LatentEm {
    private LatentEm() {}

    /** Hears each iteration: 0-based index and the mean log-likelihood per sample of the parameters entering it. */
    interface Listener {
        void iteration(int iteration, double logLikelihood);
    }

    record Result(FMatrix load, float[] psi, double[] trace, boolean converged) {}

    /** Saves and restores the state between M-steps ({@link EmCheckpoints}); {@link #NONE} does nothing. */
    interface Checkpoints {
        Checkpoints NONE = new Checkpoints() {
            @Override public int resume(FMatrix load, float[] psi, double[] trace) { return 0; }
            @Override public void after(int done, FMatrix load, float[] psi, double[] trace) {}
        };

        /**
         * Before the first iteration: overwrites load, psi and the first entries of trace from a checkpoint and
         * returns the M-steps it had taken (0: start afresh).
         */
        int resume(FMatrix load, float[] psi, double[] trace);

        /** After M-step number {@code done}, with the log-likelihoods of the {@code done} parameter sets before it in trace. */
        void after(int done, FMatrix load, float[] psi, double[] trace);
    }

    static Result run(Path path, FMatrix s, FMatrix load0, float[] psi0, boolean isotropic, int maxIter, double tol,
                      float floor, Listener listener) {
        return run(path, s, load0, psi0, isotropic, maxIter, tol, floor, listener, Checkpoints.NONE);
    }

    /**
     * Runs EM from (load0, psi0) until the mean log-likelihood per sample rises by less than {@code tol} (or falls,
     * which exact EM never does: float rounding, of the order of 1e-7 relative, has then taken over) or
     * {@code maxIter} M-steps have been taken. Noise variances are kept at or above {@code floor}. The trace holds
     * the log-likelihood of every parameter set visited, the returned one last.
     */
    static Result run(Path path, FMatrix s, FMatrix load0, float[] psi0, boolean isotropic, int maxIter, double tol,
                      float floor, Listener listener, Checkpoints checkpoints) {
        int q = load0.rows(), d = load0.cols();
        float[] diagS = Moments.diagonal(s);
        FMatrix load = load0.copy();
        float[] psi = psi0.clone(), invPsi = new float[d];
        FMatrix p = FMatrix.zeros(q, d), ps = FMatrix.zeros(q, d), a = FMatrix.zeros(q, q);
        float[] explained = new float[d];
        double[] trace = new double[maxIter + 1];
        int count = checkpoints.resume(load, psi, trace);
        boolean converged = false;
        for (int it = count; ; it++) {
            double sumLogPsi = 0;
            for (int i = 0; i < d; i++) {
                invPsi[i] = 1f / psi[i];
                sumLogPsi += Math.log(psi[i]);
            }
            LatentGaussian.Factor f = LatentGaussian.factor(path, load, invPsi);
            Linalg.gemm(path, Trans.N, Trans.N, 1f, f.kInv(), f.v(), 0f, p);
            Linalg.gemm(path, Trans.N, Trans.N, 1f, p, s, 0f, ps);
            double ll = LatentGaussian.meanLogLikelihood(path, s, diagS, sumLogPsi + f.logDetK(), invPsi, ps, f.v());
            trace[count++] = ll;
            listener.iteration(it, ll);
            if (it > 0 && ll - trace[count - 2] < tol) { // a fall can only be float rounding: the noise floor is reached
                converged = true;
                break;
            }
            if (it == maxIter) break;
            // M-step
            a.copyFrom(f.kInv());
            Linalg.gemm(path, Trans.N, Trans.T, 1f, ps, p, 1f, a);
            double[] ad = Small.toDouble(a);
            double[] chol = Small.cholesky(ad, q);
            if (chol == null) throw new ArithmeticException("E[zzᵀ] lost positive definiteness at EM iteration " + it);
            FMatrix aInv = Small.toFloat(Small.inverseFromCholesky(chol, q), q, q);
            Linalg.gemm(path, Trans.N, Trans.N, 1f, aInv, ps, 0f, load);
            Linalg.colDots(path, load, ps, explained, 0);
            if (isotropic) {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += (double) diagS[i] - explained[i];
                java.util.Arrays.fill(psi, Math.max(floor, (float) (sum / d)));
            } else {
                for (int i = 0; i < d; i++) psi[i] = Math.max(floor, diagS[i] - explained[i]);
            }
            checkpoints.after(it + 1, load, psi, trace);
        }
        return new Result(load, psi, java.util.Arrays.copyOf(trace, count), converged);
    }

    /** The mean log-likelihood per sample of data with covariance S (divisor n) under loadings Wᵀ and noise Ψ. */
    static double meanLogLikelihood(Path path, FMatrix s, float[] diagS, FMatrix load, float[] psi) {
        int q = load.rows(), d = load.cols();
        float[] invPsi = new float[d];
        double sumLogPsi = 0;
        for (int i = 0; i < d; i++) {
            invPsi[i] = 1f / psi[i];
            sumLogPsi += Math.log(psi[i]);
        }
        LatentGaussian.Factor f = LatentGaussian.factor(path, load, invPsi);
        FMatrix p = FMatrix.zeros(q, d), ps = FMatrix.zeros(q, d);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, f.kInv(), f.v(), 0f, p);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, p, s, 0f, ps);
        return LatentGaussian.meanLogLikelihood(path, s, diagS, sumLogPsi + f.logDetK(), invPsi, ps, f.v());
    }
}
