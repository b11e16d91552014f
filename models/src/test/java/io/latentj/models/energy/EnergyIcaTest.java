package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** ICA as a log cosh energy estimated by score matching recovers a known mixing of super-Gaussian sources. */
class EnergyIcaTest {
    @TempDir
    java.nio.file.Path dir;

    static final double[][] MIXING = {{1.0, 0.6, -0.4}, {0.3, 1.2, 0.5}, {-0.7, 0.2, 0.9}};

    /** Laplace sources (super-Gaussian, unit variance) mixed by {@link #MIXING}, plus an offset. */
    static FMatrix mixtures(int n, long seed) {
        Rng r = Rng.of(seed);
        FMatrix x = FMatrix.zeros(n, 3);
        double[] s = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                double u = r.nextFloat() - 0.5;
                s[k] = -Math.signum(u) * Math.log(1 - 2 * Math.abs(u)) / Math.sqrt(2);
            }
            for (int a = 0; a < 3; a++) {
                double v = 5 * (a - 1);
                for (int k = 0; k < 3; k++) v += MIXING[a][k] * s[k];
                x.set(i, a, (float) v);
            }
        }
        return x;
    }

    /**
     * Amari's distance of P = BA from a scaled permutation, normalised to [0, 1]:
     * (Σ_i (Σ_j |p_ij| / max_k |p_ik| − 1) + Σ_j (Σ_i |p_ij| / max_k |p_kj| − 1)) / (2m(m − 1)).
     */
    static double amari(FMatrix b, double[][] a) {
        int m = a.length;
        double[][] p = new double[m][m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) for (int k = 0; k < m; k++) p[i][j] += b.get(i, k) * a[k][j];
        double s = 0;
        for (int i = 0; i < m; i++) {
            double max = 0, sum = 0;
            for (int j = 0; j < m; j++) { max = Math.max(max, Math.abs(p[i][j])); sum += Math.abs(p[i][j]); }
            s += sum / max - 1;
        }
        for (int j = 0; j < m; j++) {
            double max = 0, sum = 0;
            for (int i = 0; i < m; i++) { max = Math.max(max, Math.abs(p[i][j])); sum += Math.abs(p[i][j]); }
            s += sum / max - 1;
        }
        return s / (2.0 * m * (m - 1));
    }

    @Test
    void scoreMatchingRecoversTheMixingMatrix() throws Exception {
        FMatrix x = mixtures(5000, 1);
        EnergyICA ica = EnergyICA.fit(EnergyTrainingConfig.builder().epochs(40).batchSize(250).learningRate(0.01)
                .optimizer(EnergyTrainingConfig.Optimizer.ADAM).seed(2).build(), Path.defaultPath(), x);
        double d = amari(ica.unmixing(), MIXING);
        assertTrue(d < 0.1, "Amari distance " + d);
        System.out.println("EnergyICA Amari distance " + d);
        // the estimated sources are decorrelated and centred
        FMatrix s = ica.transform(x);
        for (int j = 0; j < 3; j++) {
            double m = 0;
            for (int r = 0; r < s.rows(); r++) m += s.get(r, j);
            assertEquals(0, m / s.rows(), 0.05, "source " + j + " mean");
        }
        java.nio.file.Path f = dir.resolve("ica.safetensors");
        ica.save(f);
        EnergyICA back = EnergyICA.load(f);
        assertArrayEquals(ica.unmixing().toArray(), back.unmixing().toArray());
        assertEquals("EnergyICA", io.latentj.models.ModelFiles.type(f));
    }

    @Test
    void anUntrainedStartIsFarFromSeparated() {
        // the check has power: the whitening alone (W near I plus noise) does not separate the sources
        FMatrix x = mixtures(5000, 1);
        EnergyICA ica = EnergyICA.fit(EnergyTrainingConfig.builder().epochs(1).batchSize(5000).learningRate(1e-6).seed(2).build(), Path.defaultPath(), x);
        assertTrue(amari(ica.unmixing(), MIXING) > 0.2, "Amari distance " + amari(ica.unmixing(), MIXING));
    }
}
