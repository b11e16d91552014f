package io.latentj.models.boltzmann;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;

/**
 * Gibbs sampling of a Boltzmann machine with arbitrary symmetric couplings (E(s) = −½ sᵀAs − θᵀs): each sweep visits
 * the units in order 0..n−1 and sets s_i ~ Bernoulli(σ(θ_i + Σ_j A_ij s_j)), the exact conditional given all other
 * units. With couplings inside a layer a whole layer cannot be drawn at once, so the updates are sequential; many
 * chains (the rows of a state matrix) are run together.
 *
 * <p>Each sweep starts with the total inputs F = θ + S·A of every chain (one GEMM); a flip of unit i by δ then adds
 * δ·A_i to its chain's inputs (one AXPY), so a sweep costs one GEMM plus O(n) per flip. The uniforms of a sweep are
 * drawn at once (rows × n counters of the {@link Rng}, row-major), with the same convention as
 * {@link Sampling#bernoulli}: s_i = 1 when u &lt; p.
 */
public final class GibbsSampler {
    private GibbsSampler() {}

    /**
     * Runs {@code sweeps} sweeps on every row of {@code states} (rows × n, binary, updated in place) for couplings
     * {@code a} (n × n, symmetric, zero diagonal, any view) and fields {@code fields[fOff .. fOff+n)}.
     */
    public static void sweeps(Path path, FMatrix a, float[] fields, int fOff, FMatrix states, int sweeps, Rng rng) {
        int n = a.rows();
        if (a.cols() != n || states.cols() != n) {
            throw new IllegalArgumentException("couplings " + a.shape() + " and states " + states.shape() + " do not fit");
        }
        if (sweeps < 0) throw new IllegalArgumentException("sweeps must not be negative, got " + sweeps);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        int m = states.rows();
        if (m == 0 || n == 0 || sweeps == 0) return;
        FMatrix f = FMatrix.zeros(m, n), u = FMatrix.zeros(m, n);
        float[] fd = f.data(), ud = u.data(), sd = states.data(), ad = a.data();
        for (int s = 0; s < sweeps; s++) {
            f.fillRows(fields, fOff);
            Linalg.gemm(path, Trans.N, Trans.N, 1f, states, a, 1f, f);
            Sampling.uniform(path, rng, u);
            for (int r = 0; r < m; r++) {
                int fo = r * n, so = states.rowOffset(r);
                for (int i = 0; i < n; i++) {
                    float p = (float) (1 / (1 + Math.exp(-fd[fo + i])));
                    float now = ud[fo + i] < p ? 1f : 0f, before = sd[so + i];
                    if (now != before) {
                        sd[so + i] = now;
                        Linalg.axpy(path, n, now - before, ad, a.rowOffset(i), fd, fo);
                    }
                }
            }
        }
    }
}
