package io.latentj.models.boltzmann;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class GibbsSamplerTest {
    /** The 0.999 quantile of chi-square with k degrees of freedom (Wilson–Hilferty). */
    private static double chiSquare999(int k) {
        double z = 3.0902, c = 2.0 / (9 * k);
        return k * Math.pow(1 - c + z * Math.sqrt(c), 3);
    }

    /** Pearson's statistic of observed state counts against exact probabilities, bins with expected count below 5 pooled. */
    private static double[] pearson(long[] counts, double[] p, long n) {
        double stat = 0, pooledObs = 0, pooledExp = 0;
        int bins = 0;
        for (int s = 0; s < p.length; s++) {
            double e = n * p[s];
            if (e < 5) {
                pooledObs += counts[s];
                pooledExp += e;
            } else {
                stat += (counts[s] - e) * (counts[s] - e) / e;
                bins++;
            }
        }
        if (pooledExp > 0) {
            stat += (pooledObs - pooledExp) * (pooledObs - pooledExp) / pooledExp;
            bins++;
        }
        return new double[] {stat, bins - 1};
    }

    private static long[] histogram(FMatrix s) {
        long[] counts = new long[1 << s.cols()];
        for (int r = 0; r < s.rows(); r++) {
            int idx = 0;
            for (int i = 0; i < s.cols(); i++) if (s.get(r, i) != 0f) idx |= 1 << i;
            counts[idx]++;
        }
        return counts;
    }

    @Test
    void sampleFrequenciesMatchExactProbabilitiesOfATinyMachineWithAllCouplings() {
        for (Path path : new Path[] {Path.SCALAR, Path.SIMD}) {
            BoltzmannMachine bm = Reference.machine(3, 2, 1.0, 7, path); // W, L and J all non-zero
            double[] p = Reference.probabilities(bm.joint());
            int chains = 20_000;
            FMatrix start = FMatrix.zeros(chains, 5);
            FMatrix s = bm.gibbs(start, 30, Rng.of(11)); // one sample per independent chain
            double[] chi = pearson(histogram(s), p, chains);
            assertTrue(chi[0] < chiSquare999((int) chi[1]), path + ": chi-square " + chi[0] + " with " + chi[1] + " dof");
            // and the statistic is not blind: the RBM with the same W and biases (L = J = 0) has another distribution
            BoltzmannMachine rbm = BoltzmannMachine.of(bm.weights(), FMatrix.zeros(3, 3), FMatrix.zeros(2, 2), bm.visibleBias(), bm.hiddenBias(), bm.config());
            double[] wrong = pearson(histogram(rbm.gibbs(start, 30, Rng.of(11))), p, chains);
            assertTrue(wrong[0] > chiSquare999((int) wrong[1]), "the test cannot tell the RBM apart: " + wrong[0]);
        }
    }

    @Test
    void oneLongChainVisitsStatesInProportion() {
        IsingModel m = Reference.ising(4, 1.0, 3);
        double[] p = Reference.probabilities(m);
        FMatrix s = FMatrix.zeros(1, 4);
        Rng rng = Rng.of(5);
        long[] counts = new long[16];
        int samples = 40_000;
        for (int t = 0; t < samples; t++) {
            GibbsSampler.sweeps(Path.SCALAR, m.couplings(), m.fields(), 0, s, 1, rng);
            counts[(int) (s.get(0, 0) + 2 * s.get(0, 1) + 4 * s.get(0, 2) + 8 * s.get(0, 3))]++;
        }
        for (int k = 0; k < 16; k++) {
            // a Markov chain's samples are correlated: a loose band, several standard errors wide
            double se = Math.sqrt(p[k] * (1 - p[k]) / samples) * 4;
            assertEquals(p[k], counts[k] / (double) samples, 5 * se + 1e-3, "state " + k);
        }
    }

    @Test
    void sameSeedSameChains() {
        BoltzmannMachine bm = Reference.machine(6, 4, 0.5, 2, Path.SIMD);
        FMatrix a = bm.sample(50, 5, Rng.of(3), false), b = bm.sample(50, 5, Rng.of(3), false);
        assertArrayEquals(a.data(), b.data());
        FMatrix mean = bm.sample(50, 5, Rng.of(3), true);
        for (float x : mean.data()) assertTrue(x > 0 && x < 1);
    }
}
