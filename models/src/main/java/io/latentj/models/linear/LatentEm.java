package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

/**
 * EM for the linear-Gaussian latent model on the sufficient statistics (sample covariance S with divisor n), so each
 * iteration costs O(q·d²) whatever the number of samples. With V = WᵀΨ⁻¹, K = I + V·W and the posterior-mean map
 * P = K⁻¹V (q×d): E[z]E[z]ᵀ averages to P·S·Pᵀ, E[zzᵀ] to A = K⁻¹ + P·S·Pᵀ and (x−μ)E[z]ᵀ to S·Pᵀ; the M-step
 * (Bishop, PRML §12.2.4; Rubin &amp; Thayer 1982) is W_new = S·Pᵀ·A⁻¹ and Ψ_new = diag(S − W_new·P·S). With
 * {@code isotropic} Ψ is tied to σ²I and σ²_new is the mean of that diagonal, which is Tipping and Bishop's
 * (1999) EM for probabilistic PCA (their eqs. 29–30 rewritten in these terms). Each iteration also yields the
 * log-likelihood of the current parameters, which exact EM never lowers.
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

    /** Iterations over which the average gain is measured ({@link #settled}). */
    static final int WINDOW = 10;

    /**
     * Whether the trace (its first {@code count} entries) has settled: the mean log-likelihood per sample rose by
     * less than {@code window}·{@code tol} over the last {@code window} iterations, i.e. by less than {@code tol} per
     * iteration on average. One small or negative step never ends a fit (rounding, or an M-step that zigzags, can
     * make a single step look flat while the fit is still climbing); the window cannot end before {@code window}
     * steps have been taken. Nats per sample are independent of the units of the data, unlike a gain relative to
     * |log-likelihood|.
     */
    static boolean settled(double[] trace, int count, int window, double tol) {
        if (count <= window) return false;
        return trace[count - 1] - trace[count - 1 - window] < window * tol;
    }

    /**
     * Runs EM from (load0, psi0) until the mean log-likelihood per sample rises by less than {@code tol} per
     * iteration on average over the last {@link #WINDOW} iterations ({@link #settled}), or {@code maxIter} M-steps
     * have been taken (then {@code converged} is false). Noise variances are kept at or above {@code floor}. The
     * parameters are held in float between iterations (so a checkpoint holds the whole state), but every E-step,
     * log-likelihood and M-step is computed in double from them: in float32 the rounding of P·S and of the
     * log-likelihood is of the size of the tolerance and makes the gains zigzag, so a fit stopped at the first flat
     * step is still far from the maximum. All of it is plain Java in a fixed order, so the trajectory does not
     * depend on the kernel path or the thread count (only S, computed once, does, by rounding). The trace holds
     * the log-likelihood of every parameter set visited, the returned one last.
     */
    static Result run(Path path, FMatrix s, FMatrix load0, float[] psi0, boolean isotropic, int maxIter, double tol,
                      float floor, Listener listener, Checkpoints checkpoints) {
        int q = load0.rows(), d = load0.cols();
        double[] sd = Small.toDouble(s);
        FMatrix load = load0.copy();
        float[] psi = psi0.clone();
        Estep e = new Estep(q, d);
        double[] a = new double[q * q], wNew = new double[q * d], explained = new double[d];
        double[] trace = new double[maxIter + 1];
        int count = checkpoints.resume(load, psi, trace);
        boolean converged = false;
        for (int it = count; ; it++) {
            double ll = e.run(sd, load, psi);
            trace[count++] = ll;
            listener.iteration(it, ll);
            if (settled(trace, count, WINDOW, tol)) {
                converged = true;
                break;
            }
            if (it == maxIter) break;
            // M-step: A = K⁻¹ + P·S·Pᵀ, W_new = A⁻¹·(P·S), Ψ_new = diag(S − W_new·P·S)
            for (int j = 0; j < q; j++) {
                for (int k = 0; k <= j; k++) {
                    double sum = e.kInv[j * q + k];
                    for (int i = 0; i < d; i++) sum += e.ps[j * d + i] * e.p[k * d + i];
                    a[j * q + k] = sum;
                    a[k * q + j] = sum;
                }
            }
            double[] chol = Small.cholesky(a, q);
            if (chol == null) throw new ArithmeticException("E[zzᵀ] lost positive definiteness at EM iteration " + it);
            double[] aInv = Small.inverseFromCholesky(chol, q);
            multiply(aInv, e.ps, wNew, q, q, d);
            java.util.Arrays.fill(explained, 0);
            for (int j = 0; j < q; j++) {
                for (int i = 0; i < d; i++) explained[i] += wNew[j * d + i] * e.ps[j * d + i];
            }
            float[] w = load.data();
            for (int j = 0; j < q; j++) {
                int o = load.rowOffset(j);
                for (int i = 0; i < d; i++) w[o + i] = (float) wNew[j * d + i];
            }
            if (isotropic) {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += sd[i * d + i] - explained[i];
                java.util.Arrays.fill(psi, Math.max(floor, (float) (sum / d)));
            } else {
                for (int i = 0; i < d; i++) psi[i] = Math.max(floor, (float) (sd[i * d + i] - explained[i]));
            }
            checkpoints.after(it + 1, load, psi, trace);
        }
        return new Result(load, psi, java.util.Arrays.copyOf(trace, count), converged);
    }

    /** c (m×n) = a (m×k) · b (k×n), row-major double, in a fixed order. */
    private static void multiply(double[] a, double[] b, double[] c, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, m * n, 0);
        for (int r = 0; r < m; r++) {
            for (int t = 0; t < k; t++) {
                double x = a[r * k + t];
                if (x == 0) continue;
                int bo = t * n, co = r * n;
                for (int c0 = 0; c0 < n; c0++) c[co + c0] += x * b[bo + c0];
            }
        }
    }

    /**
     * The E-step in double from float parameters: V = WᵀΨ⁻¹, K = I + V·W, P = K⁻¹V, P·S, and the mean
     * log-likelihood −½ [d log 2π + Σ log ψ_i + log|K| + Σ S_ii/ψ_i − Σ (P·S)∘V].
     */
    private static final class Estep {
        private static final double LOG_2PI = Math.log(2 * Math.PI);
        final int q, d;
        final double[] w, v, k, p, ps;
        double[] kInv;

        Estep(int q, int d) {
            this.q = q;
            this.d = d;
            w = new double[q * d];
            v = new double[q * d];
            k = new double[q * q];
            p = new double[q * d];
            ps = new double[q * d];
        }

        double run(double[] sd, FMatrix load, float[] psi) {
            double sumLogPsi = 0, tr = 0;
            for (int j = 0; j < q; j++) {
                for (int i = 0; i < d; i++) {
                    double x = load.get(j, i);
                    w[j * d + i] = x;
                    v[j * d + i] = x / psi[i];
                }
            }
            for (int i = 0; i < d; i++) {
                sumLogPsi += Math.log(psi[i]);
                tr += sd[i * d + i] / psi[i];
            }
            for (int j = 0; j < q; j++) {
                for (int l = 0; l <= j; l++) {
                    double sum = j == l ? 1 : 0;
                    for (int i = 0; i < d; i++) sum += v[j * d + i] * w[l * d + i];
                    k[j * q + l] = sum;
                    k[l * q + j] = sum;
                }
            }
            double[] chol = Small.cholesky(k, q);
            if (chol == null) throw new ArithmeticException("I + WᵀΨ⁻¹W is not positive definite (non-finite loadings?)");
            kInv = Small.inverseFromCholesky(chol, q);
            multiply(kInv, v, p, q, q, d);
            multiply(p, sd, ps, q, d, d);
            for (int i = 0; i < q * d; i++) tr -= ps[i] * v[i];
            return -0.5 * (d * LOG_2PI + sumLogPsi + Small.logDet(chol, q) + tr);
        }
    }

    /**
     * The mean log-likelihood per sample of data with covariance S (divisor n) under loadings Wᵀ and noise Ψ,
     * computed in double.
     */
    static double meanLogLikelihood(Path path, FMatrix s, float[] diagS, FMatrix load, float[] psi) {
        return new Estep(load.rows(), load.cols()).run(Small.toDouble(s), load, psi);
    }
}
