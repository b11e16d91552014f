package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The samplers against distributions whose moments are known. Many independent chains, each run past burn-in, give
 * independent draws (one per chain), so the Monte Carlo error of a mean is exactly σ/√chains: moments are checked
 * to 4.5 standard errors. Plus: leapfrog reversibility, acceptance near the adaptation target, and detailed balance
 * of one HMC transition (a symmetric joint histogram of (x, x′) under x ~ q).
 */
class SamplerTest {
    private static final Path PATH = Path.defaultPath();

    /** Correlated 2-D Gaussian: σ₁ = 1, σ₂ = 2, ρ = 0.9. */
    private static final double S1 = 1, S2 = 2, RHO = 0.9;

    private static GaussianEnergy correlated() {
        double c12 = RHO * S1 * S2, det = S1 * S1 * S2 * S2 - c12 * c12;
        FMatrix p = FMatrix.wrap(new float[] {(float) (S2 * S2 / det), (float) (-c12 / det), (float) (-c12 / det), (float) (S1 * S1 / det)}, 2, 2);
        return GaussianEnergy.of(new float[] {1f, -2f}, p, PATH);
    }

    private static FMatrix noise(int n, int d, long seed, double std) {
        FMatrix x = FMatrix.zeros(n, d);
        Rng r = Rng.of(seed);
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x.set(i, j, (float) (std * r.nextGaussian()));
        return x;
    }

    /** Checks means, variances and the covariance of 2-D draws (one per row) to 4.5 standard errors. */
    private static void checkMoments(FMatrix x, double m1, double m2, double v1, double v2, double c12, String what) {
        int n = x.rows();
        double a = 0, b = 0;
        for (int r = 0; r < n; r++) { a += x.get(r, 0); b += x.get(r, 1); }
        a /= n;
        b /= n;
        double saa = 0, sbb = 0, sab = 0;
        for (int r = 0; r < n; r++) {
            double da = x.get(r, 0) - a, db = x.get(r, 1) - b;
            saa += da * da;
            sbb += db * db;
            sab += da * db;
        }
        saa /= n - 1;
        sbb /= n - 1;
        sab /= n - 1;
        double z = 4.5;
        assertEquals(m1, a, z * Math.sqrt(v1 / n), what + " mean x1");
        assertEquals(m2, b, z * Math.sqrt(v2 / n), what + " mean x2");
        // standard errors of sample (co)variances of a Gaussian; the banana's x2 is heavier-tailed: callers widen v
        assertEquals(v1, saa, z * v1 * Math.sqrt(2.0 / n), what + " var x1");
        assertEquals(v2, sbb, z * v2 * Math.sqrt(2.0 / n) * 1.6, what + " var x2");
        assertEquals(c12, sab, z * Math.sqrt((v1 * v2 + c12 * c12) / n) * 1.3, what + " cov");
    }

    @Test
    void hmcSamplesACorrelatedGaussianAndHitsTheTargetAcceptance() {
        GaussianEnergy q = correlated();
        FMatrix x = noise(4000, 2, 1, 1);
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(0.05, 10, 0.65, 0.2);
        Rng rng = Rng.of(2);
        hmc.burnIn(q, x, rng, 200);
        double acc = 0;
        for (int s = 0; s < 50; s++) acc += hmc.step(q, x, rng);
        acc /= 50;
        assertEquals(0.65, acc, 0.07, "acceptance after adaptation, ε = " + hmc.stepSize());
        checkMoments(x, 1, -2, S1 * S1, S2 * S2, RHO * S1 * S2, "HMC Gaussian");
    }

    /**
     * The banana (Haario's twisted Gaussian): x1 ~ N(0, s²), x2 | x1 ~ N(b(x1² − s²), 1), so E = x1²/2s² +
     * (x2 − b(x1² − s²))²/2, with E[x2] = 0, Var x2 = 2b²s⁴ + 1, Cov(x1, x2) = 0.
     */
    static final class Banana implements EnergyModel {
        static final float S = 2f, B = 0.25f;

        public int dimension() { return 2; }
        public int parameterCount() { return 0; }
        public float[] parameters() { return new float[0]; }
        public Path path() { return PATH; }

        public void energy(FMatrix x, float[] out, int off) {
            for (int r = 0; r < x.rows(); r++) {
                float a = x.get(r, 0), t = x.get(r, 1) - B * (a * a - S * S);
                out[off + r] = a * a / (2 * S * S) + 0.5f * t * t;
            }
        }

        public void gradient(FMatrix x, FMatrix g, float[] energy) {
            for (int r = 0; r < x.rows(); r++) {
                float a = x.get(r, 0), t = x.get(r, 1) - B * (a * a - S * S);
                g.set(r, 0, a / (S * S) - 2 * B * a * t);
                g.set(r, 1, t);
                if (energy != null) energy[r] = a * a / (2 * S * S) + 0.5f * t * t;
            }
        }

        public void accumulateParameterGradient(FMatrix x, float scale, float[] g) {}
    }

    @Test
    void hmcSamplesTheBanana() {
        Banana q = new Banana();
        FMatrix x = noise(4000, 2, 3, 1);
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(0.1, 15, 0.7, 0.2);
        Rng rng = Rng.of(4);
        hmc.burnIn(q, x, rng, 300);
        double acc = 0;
        for (int s = 0; s < 100; s++) acc += hmc.step(q, x, rng);
        assertEquals(0.7, acc / 100, 0.08, "acceptance after adaptation");
        double s2 = Banana.S * Banana.S, b = Banana.B;
        checkMoments(x, 0, 0, s2, 2 * b * b * s2 * s2 + 1, 0, "HMC banana");
    }

    @Test
    void malaAndSmallStepUnadjustedLangevinSampleTheGaussian() {
        GaussianEnergy q = correlated();
        FMatrix x = noise(4000, 2, 5, 1);
        Langevin mala = Langevin.metropolisAdjusted(0.05, 0.574);
        Rng rng = Rng.of(6);
        mala.burnIn(q, x, rng, 300);
        double acc = 0;
        for (int s = 0; s < 300; s++) acc += mala.step(q, x, rng);
        assertEquals(0.574, acc / 300, 0.08, "MALA acceptance, τ = " + mala.stepSize());
        checkMoments(x, 1, -2, S1 * S1, S2 * S2, RHO * S1 * S2, "MALA");
        // ULA with a small step: its stationary law is within O(τ) of the target (here ~0.5% in the variances)
        FMatrix y = noise(4000, 2, 7, 1);
        Langevin ula = Langevin.unadjusted(0.002);
        for (int s = 0; s < 6000; s++) ula.step(q, y, rng);
        checkMoments(y, 1, -2, S1 * S1, S2 * S2, RHO * S1 * S2, "ULA");
    }

    @Test
    void leapfrogIsReversible() {
        GaussianEnergy q = GaussianEnergy.scoreMatchingEstimate(noise(50, 5, 8, 1.5), PATH);
        FMatrix x = noise(3, 5, 9, 1), p = noise(3, 5, 10, 1), g = FMatrix.zeros(3, 5);
        FMatrix x0 = x.copy(), p0 = p.copy();
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(0.1, 20);
        q.gradient(x, g, null);
        hmc.leapfrog(q, x, p, g, null);
        assertTrue(io.latentj.simd.Linalg.squaredDistance(PATH, x, x0) > 0.1, "the integrator moved");
        io.latentj.simd.Linalg.scal(PATH, -1f, p);
        hmc.leapfrog(q, x, p, g, null);
        io.latentj.simd.Linalg.scal(PATH, -1f, p);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 5; j++) {
            assertEquals(x0.get(i, j), x.get(i, j), 2e-4, "x back at the start");
            assertEquals(p0.get(i, j), p.get(i, j), 2e-4, "p back at the start");
        }
    }

    /**
     * Detailed balance q(x)K(x → x′) = q(x′)K(x′ → x) of one HMC transition on N(0, 1), with a step large enough
     * that a third of proposals are rejected: x drawn exactly from q, one transition, and the joint histogram of
     * (x, x′) over 8 bins must be symmetric: Σ_{a&lt;b} (N_ab − N_ba)²/(N_ab + N_ba) is χ² with 28 degrees of freedom
     * (p = 0.001 at 56.9). Unadjusted Langevin with a large step, which is not reversible with respect to q, fails
     * the same check by far (the check has power).
     */
    @Test
    void oneHmcTransitionSatisfiesDetailedBalance() {
        GaussianEnergy q = GaussianEnergy.standard(1, PATH);
        int n = 200_000;
        double hmcStat = asymmetry(q, new HamiltonianMonteCarlo(1.9, 1), n, 11);
        assertTrue(hmcStat < 56.9, "HMC asymmetry χ²(28) = " + hmcStat);
        double ulaStat = asymmetry(q, Langevin.unadjusted(0.8), n, 12);
        assertTrue(ulaStat > 200, "unadjusted Langevin should break detailed balance: χ²(28) = " + ulaStat);
    }

    private static double asymmetry(GaussianEnergy q, TransitionOperator op, int n, long seed) {
        FMatrix x = noise(n, 1, seed, 1), x0 = x.copy();
        double acc = op.step(q, x, Rng.of(seed + 100));
        if (op instanceof HamiltonianMonteCarlo) assertTrue(acc > 0.3 && acc < 0.9, "a test with rejections: acceptance " + acc);
        double[] edges = {-1.5, -0.8, -0.3, 0, 0.3, 0.8, 1.5};
        long[][] c = new long[8][8];
        for (int r = 0; r < n; r++) c[bin(x0.get(r, 0), edges)][bin(x.get(r, 0), edges)]++;
        double stat = 0;
        for (int a = 0; a < 8; a++) for (int b = a + 1; b < 8; b++) {
            long s = c[a][b] + c[b][a];
            if (s > 0) stat += Math.pow(c[a][b] - c[b][a], 2) / s;
        }
        return stat;
    }

    private static int bin(float v, double[] edges) {
        int k = 0;
        while (k < edges.length && v >= edges[k]) k++;
        return k;
    }

    /** E(x) = −bᵀx − Σ_{i<j} J_ij x_i x_j on {0, 1}⁴: a fully visible Boltzmann distribution known by enumeration. */
    static final class Ising implements EnergyModel {
        final double[] b = {0.5, -0.3, 0.2, -1.0};
        final double[][] j = {{0, 1.2, -0.5, 0.3}, {0, 0, 0.8, -0.7}, {0, 0, 0, 0.4}, {0, 0, 0, 0}};

        public int dimension() { return 4; }
        public int parameterCount() { return 0; }
        public float[] parameters() { return new float[0]; }
        public Path path() { return PATH; }

        double energy(int[] s) {
            double e = 0;
            for (int i = 0; i < 4; i++) {
                e -= b[i] * s[i];
                for (int k = i + 1; k < 4; k++) e -= j[i][k] * s[i] * s[k];
            }
            return e;
        }

        public void energy(FMatrix x, float[] out, int off) {
            int[] s = new int[4];
            for (int r = 0; r < x.rows(); r++) {
                for (int i = 0; i < 4; i++) s[i] = (int) x.get(r, i);
                out[off + r] = (float) energy(s);
            }
        }

        public void gradient(FMatrix x, FMatrix g, float[] e) { throw new UnsupportedOperationException("discrete"); }
        public void accumulateParameterGradient(FMatrix x, float scale, float[] g) {}
    }

    @Test
    void gibbsSamplesADiscreteBoltzmannDistribution() {
        Ising q = new Ising();
        double[] p = new double[16];
        double z = 0;
        for (int k = 0; k < 16; k++) {
            p[k] = Math.exp(-q.energy(new int[] {k & 1, (k >> 1) & 1, (k >> 2) & 1, (k >> 3) & 1}));
            z += p[k];
        }
        int n = 20_000;
        FMatrix x = FMatrix.zeros(n, 4);
        GibbsSampler gibbs = new GibbsSampler();
        Rng rng = Rng.of(13);
        for (int s = 0; s < 20; s++) gibbs.step(q, x, rng);
        long[] count = new long[16];
        for (int r = 0; r < n; r++) {
            int k = 0;
            for (int i = 0; i < 4; i++) k |= ((int) x.get(r, i)) << i;
            count[k]++;
        }
        for (int k = 0; k < 16; k++) {
            double pk = p[k] / z;
            assertEquals(pk, count[k] / (double) n, 4.5 * Math.sqrt(pk * (1 - pk) / n), "state " + k);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        GaussianEnergy q = correlated();
        assertThrows(IllegalArgumentException.class, () -> new HamiltonianMonteCarlo(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new HamiltonianMonteCarlo(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new HamiltonianMonteCarlo(0.1, 5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Langevin.unadjusted(-1));
        assertThrows(IllegalArgumentException.class, () -> new HamiltonianMonteCarlo(0.1, 5).step(q, FMatrix.zeros(3, 3), Rng.of(1)));
    }
}
