package io.latentj.models.linear;

import io.latentj.simd.SymmetricEigen;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Trans;

/**
 * Factor analysis by the scaled-eigen iteration (Barber 2012, BRML §21.2, Algorithm 21.1; the method of
 * scikit-learn's FactorAnalysis) on the sample covariance S (divisor n). For fixed Ψ the likelihood is maximised
 * over W exactly by W = Ψ^½·U·(Λ − I)₊^½, where Λ, U are the q leading eigenpairs of S̃ = Ψ^−½·S·Ψ^−½; then
 * Ψ ← max(diag(S − WWᵀ), floor). The eigenpairs come from subspace iteration with q + 10 vectors (rows of a
 * matrix Q, so each step is one d×d GEMM), Rayleigh–Ritz on the small projected matrix in double, and a warm start
 * from the previous iteration's Ritz vectors (Ψ changes little between iterations). Each iterate's mean
 * log-likelihood is computed in double (as {@link LatentEm} does); the fit stops when it has risen by less than the
 * tolerance per iteration on average over the last {@link #WINDOW} iterations and returns the best iterate seen.
 */
final class ScaledEigenIteration {
    private ScaledEigenIteration() {}

    /** Extra subspace vectors beyond q: the gap λ_q / λ_{q+10+1} sets the convergence rate. */
    private static final int OVERSAMPLE = 10;
    /** Subspace steps before the first Rayleigh–Ritz, and per iteration after it (warm start). */
    private static final int FIRST_STEPS = 8, STEPS = 2;
    /**
     * Iterations over which the average gain must fall below the tolerance ({@link LatentEm#settled}): the gains
     * shrink geometrically (about sevenfold per iteration on Fashion-MNIST), so a short window suffices, but one flat
     * step never ends the fit.
     */
    private static final int WINDOW = 3;

    static LatentEm.Result run(Path path, FMatrix s, int q, float[] psi0, int maxIter, double tol, float floor, Rng rng,
                               LatentEm.Listener listener) {
        int d = s.rows(), l = Math.min(d, q + OVERSAMPLE);
        float[] diagS = Moments.diagonal(s);
        float[] psi = psi0.clone(), sq = new float[d], inv = new float[d], explained = new float[d];
        FMatrix scaled = FMatrix.zeros(d, d), basis = FMatrix.zeros(l, d), next = FMatrix.zeros(l, d);
        FMatrix small = FMatrix.zeros(l, l), load = FMatrix.zeros(q, d);
        rng.fillGaussian(basis.data(), 0, l * d, 0f, 1f);
        orthonormalizeRows(path, basis, rng);
        double[] trace = new double[maxIter + 1];
        FMatrix bestLoad = null;
        float[] bestPsi = null;
        double bestLl = Double.NEGATIVE_INFINITY;
        int count = 0;
        boolean converged = false;
        for (int it = 0; ; it++) {
            for (int i = 0; i < d; i++) {
                sq[i] = (float) Math.sqrt(psi[i]);
                inv[i] = 1f / sq[i];
            }
            // S̃ = Ψ^−½ S Ψ^−½: scale the columns, then each row
            Elementwise.scaleColumns(path, s, inv, 0, scaled);
            for (int i = 0; i < d; i++) Linalg.scal(path, d, inv[i], scaled.data(), scaled.rowOffset(i));
            for (int step = 0; step < (it == 0 ? FIRST_STEPS : STEPS); step++) {
                Linalg.gemm(path, Trans.N, Trans.N, 1f, basis, scaled, 0f, next); // rows: (S̃·q_i)ᵀ, S̃ symmetric
                FMatrix t = basis; basis = next; next = t;
                orthonormalizeRows(path, basis, rng);
            }
            // Rayleigh–Ritz: B = Q·S̃·Qᵀ (l×l), its eigenvectors rotate Q into Ritz vectors
            Linalg.gemm(path, Trans.N, Trans.N, 1f, basis, scaled, 0f, next);
            Linalg.gemm(path, Trans.N, Trans.T, 1f, next, basis, 0f, small);
            double[] b = Small.toDouble(small);
            for (int i = 0; i < l; i++) for (int j = 0; j < i; j++) b[i * l + j] = b[j * l + i] = 0.5 * (b[i * l + j] + b[j * l + i]);
            SymmetricEigen e = SymmetricEigen.of(Path.SCALAR, b, l);
            FMatrix rotation = Small.toFloat(e.vectors(), l, l);
            Linalg.gemm(path, Trans.N, Trans.N, 1f, rotation, basis, 0f, next);
            FMatrix t = basis; basis = next; next = t;
            // W rows: sqrt(max(λ_i − 1, 0)) · (u_i ∘ Ψ^½)
            Elementwise.scaleColumns(path, basis.rowRange(0, q), sq, 0, load);
            for (int i = 0; i < q; i++) {
                Linalg.scal(path, d, (float) Math.sqrt(Math.max(e.values()[i] - 1, 0)), load.data(), load.rowOffset(i));
            }
            double ll = LatentEm.meanLogLikelihood(path, s, diagS, load, psi);
            trace[count++] = ll;
            listener.iteration(it, ll);
            if (ll > bestLl) {
                bestLl = ll;
                bestLoad = load.copy();
                bestPsi = psi.clone();
            }
            if (LatentEm.settled(trace, count, WINDOW, tol)) {
                converged = true;
                break;
            }
            if (it == maxIter) break;
            Linalg.colDots(path, load, load, explained, 0);
            for (int i = 0; i < d; i++) psi[i] = Math.max(floor, diagS[i] - explained[i]);
        }
        return new LatentEm.Result(bestLoad, bestPsi, java.util.Arrays.copyOf(trace, count), converged);
    }

    /**
     * Modified Gram–Schmidt on the rows of {@code a}, twice (one pass loses orthogonality when the rows are nearly
     * dependent, as power steps make them); a row that vanishes is replaced by a random one and orthogonalised again.
     */
    static void orthonormalizeRows(Path path, FMatrix a, Rng rng) {
        int l = a.rows(), d = a.cols();
        float[] x = a.data();
        for (int i = 0; i < l; i++) {
            int oi = a.rowOffset(i);
            for (int attempt = 0; ; attempt++) {
                float before = Linalg.nrm2(path, d, x, oi);
                for (int pass = 0; pass < 2; pass++) {
                    for (int j = 0; j < i; j++) {
                        int oj = a.rowOffset(j);
                        Linalg.axpy(path, d, -Linalg.dot(path, d, x, oj, x, oi), x, oj, x, oi);
                    }
                }
                float norm = Linalg.nrm2(path, d, x, oi);
                if (norm > 1e-6f * before && norm > 0 || attempt == 3) {
                    if (norm > 0) Linalg.scal(path, d, 1f / norm, x, oi);
                    break;
                }
                rng.fillGaussian(x, oi, d, 0f, 1f);
            }
        }
    }
}
