package io.latentj.models.rbm;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class RbmLikelihoodTest {
    private static BernoulliRBM randomRbm(int nv, int nh, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix w = FMatrix.zeros(nh, nv);
        for (int i = 0; i < w.data().length; i++) w.data()[i] = (float) (r.nextGaussian() * scale);
        float[] b = new float[nv], c = new float[nh];
        for (int i = 0; i < nv; i++) b[i] = (float) (r.nextGaussian() * scale);
        for (int j = 0; j < nh; j++) c[j] = (float) (r.nextGaussian() * scale);
        return BernoulliRBM.of(w, b, c, RbmConfig.builder(nh).path(Path.SCALAR).build());
    }

    private static FMatrix randomBinary(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix m = FMatrix.zeros(rows, cols);
        for (int i = 0; i < m.data().length; i++) m.data()[i] = r.nextDouble() < 0.4 ? 1f : 0f;
        return m;
    }

    /** Brute force over every (v, h) pair, in double: the definition of Z. */
    private static double bruteLogZ(BernoulliRBM rbm) {
        int nv = rbm.visible(), nh = rbm.hidden();
        FMatrix w = rbm.weights();
        float[] b = rbm.visibleBias(), c = rbm.hiddenBias();
        double z = 0;
        for (int vm = 0; vm < 1 << nv; vm++) {
            for (int hm = 0; hm < 1 << nh; hm++) {
                double e = 0;
                for (int i = 0; i < nv; i++) if ((vm >> i & 1) != 0) e += b[i];
                for (int j = 0; j < nh; j++) {
                    if ((hm >> j & 1) == 0) continue;
                    e += c[j];
                    for (int i = 0; i < nv; i++) if ((vm >> i & 1) != 0) e += w.get(j, i);
                }
                z += Math.exp(e);
            }
        }
        return Math.log(z);
    }

    @Test
    void logPartitionMatchesBruteForceWhicheverLayerIsEnumerated() {
        for (int[] s : new int[][] {{6, 4}, {4, 6}, {7, 7}}) {
            BernoulliRBM rbm = randomRbm(s[0], s[1], 3, 0.8);
            assertEquals(bruteLogZ(rbm), RbmLikelihood.exactLogPartition(rbm), 1e-4, s[0] + "x" + s[1]);
        }
    }

    @Test
    void exactGradientMatchesFiniteDifferences() {
        BernoulliRBM rbm = randomRbm(6, 4, 7, 0.5);
        FMatrix data = randomBinary(25, 6, 8);
        RbmLikelihood.Gradient g = RbmLikelihood.exactGradient(rbm, data);
        double h = 1e-2;
        int checked = 0;
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 6; i++) {
                FMatrix wp = rbm.weights(), wm = rbm.weights();
                wp.set(j, i, wp.get(j, i) + (float) h);
                wm.set(j, i, wm.get(j, i) - (float) h);
                double fd = (ll(BernoulliRBM.of(wp, rbm.visibleBias(), rbm.hiddenBias(), rbm.config()), data)
                        - ll(BernoulliRBM.of(wm, rbm.visibleBias(), rbm.hiddenBias(), rbm.config()), data)) / (2 * h);
                assertEquals(fd, g.weight().get(j, i), 2e-3 + 1e-2 * Math.abs(fd), "dW[" + j + "][" + i + "]");
                checked++;
            }
        }
        for (int i = 0; i < 6; i++) {
            float[] bp = rbm.visibleBias(), bm = rbm.visibleBias();
            bp[i] += (float) h;
            bm[i] -= (float) h;
            double fd = (ll(BernoulliRBM.of(rbm.weights(), bp, rbm.hiddenBias(), rbm.config()), data)
                    - ll(BernoulliRBM.of(rbm.weights(), bm, rbm.hiddenBias(), rbm.config()), data)) / (2 * h);
            assertEquals(fd, g.visibleBias()[i], 2e-3 + 1e-2 * Math.abs(fd), "db[" + i + "]");
        }
        for (int j = 0; j < 4; j++) {
            float[] cp = rbm.hiddenBias(), cm = rbm.hiddenBias();
            cp[j] += (float) h;
            cm[j] -= (float) h;
            double fd = (ll(BernoulliRBM.of(rbm.weights(), rbm.visibleBias(), cp, rbm.config()), data)
                    - ll(BernoulliRBM.of(rbm.weights(), rbm.visibleBias(), cm, rbm.config()), data)) / (2 * h);
            assertEquals(fd, g.hiddenBias()[j], 2e-3 + 1e-2 * Math.abs(fd), "dc[" + j + "]");
        }
        assertEquals(24, checked);
    }

    private static double ll(BernoulliRBM rbm, FMatrix data) {
        return RbmLikelihood.averageLogLikelihood(rbm, data, RbmLikelihood.exactLogPartition(rbm));
    }

    /**
     * CD-∞: the negative statistic of CD-k with long chains, ⟨p(h|v) vᵀ⟩ at the chains' end, converges to the model
     * expectation that the exact gradient uses. Checked within Monte Carlo error for 20,000 chains after 200 steps.
     */
    @Test
    void longGibbsChainsReproduceTheExactModelStatistics() {
        BernoulliRBM rbm = randomRbm(6, 4, 11, 0.7);
        FMatrix data = randomBinary(20, 6, 12);
        RbmLikelihood.Gradient g = RbmLikelihood.exactGradient(rbm, data);
        // model term = data term − gradient
        FMatrix ph = rbm.transform(data);
        int chains = 20000;
        FMatrix start = FMatrix.zeros(chains, 6);
        for (int r = 0; r < chains; r++) System.arraycopy(data.data(), (r % 20) * 6, start.data(), r * 6, 6);
        FMatrix v = rbm.gibbs(start, 200, Rng.of(5), false);
        FMatrix phv = rbm.transform(v);
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 6; i++) {
                double dataTerm = 0, chainTerm = 0;
                for (int r = 0; r < 20; r++) dataTerm += ph.get(r, j) * data.get(r, i);
                dataTerm /= 20;
                for (int r = 0; r < chains; r++) chainTerm += phv.get(r, j) * v.get(r, i);
                chainTerm /= chains;
                double exactModel = dataTerm - g.weight().get(j, i);
                assertEquals(exactModel, chainTerm, 5 * 0.5 / Math.sqrt(chains), "<h_" + j + " v_" + i + ">_model");
            }
        }
    }

    @Test
    void aisIsWithinHalfANatOfTheExactLogPartition() {
        FMatrix bas = BarsAndStripes.repeated(4, 10);
        BernoulliRBM rbm = BernoulliRBM.fit(RbmConfig.builder(12).learningRate(0.1).epochs(200).batchSize(10)
                .persistent(true).seed(1).monitorSamples(0).build(), bas);
        double exact = RbmLikelihood.exactLogPartition(rbm);
        float[] baseBias = new float[16];
        java.util.Arrays.fill(baseBias, 0f);
        AnnealedImportanceSampling.Estimate est = AnnealedImportanceSampling.logPartition(rbm, 100,
                AnnealedImportanceSampling.schedule(200, 800, 1000), baseBias, Rng.of(3));
        assertEquals(exact, est.logPartition(), 0.5, "AIS " + est + " vs exact " + exact);
        assertTrue(est.standardError() < 0.5, "standard error " + est.standardError());
        assertTrue(est.lower() <= est.logPartition() && est.logPartition() <= est.upper());
    }

    @Test
    void enumerationRefusesLargeModels() {
        BernoulliRBM big = randomRbm(30, 26, 1, 0.01);
        assertThrows(IllegalArgumentException.class, () -> RbmLikelihood.exactLogPartition(big));
    }

    @Test
    void samplingFromAUniformModelIsUniform() {
        BernoulliRBM flat = randomRbm(5, 3, 1, 0);
        FMatrix s = flat.sample(20000, 3, Rng.of(9), false);
        double mean = 0;
        for (float x : s.data()) mean += x;
        mean /= s.data().length;
        assertEquals(0.5, mean, 5 * 0.5 / Math.sqrt(s.data().length));
        assertNotNull(Sampling.class);
    }
}
