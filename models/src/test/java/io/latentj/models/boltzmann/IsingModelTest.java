package io.latentj.models.boltzmann;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class IsingModelTest {
    @Test
    void exactLogPartitionMatchesBruteForce() {
        for (int n : new int[] {0, 1, 2, 5, 9, 12}) {
            IsingModel m = Reference.ising(n, 0.9, 10 + n);
            assertEquals(Reference.logZ(m), m.exactLogPartition(), 1e-4 * Math.max(1, Math.abs(Reference.logZ(m))), "n = " + n);
        }
        IsingModel simd = IsingModel.of(Reference.ising(11, 1.2, 3).couplings(), Reference.ising(11, 1.2, 3).fields(), Path.SIMD);
        assertEquals(Reference.logZ(simd), simd.exactLogPartition(), 1e-4 * Math.abs(Reference.logZ(simd)));
    }

    @Test
    void energyMatchesTheDefinition() {
        IsingModel m = Reference.ising(7, 1.0, 4);
        FMatrix s = Reference.binary(20, 7, 0.5, 5);
        float[] e = m.energy(s);
        for (int r = 0; r < 20; r++) {
            double[] st = new double[7];
            for (int i = 0; i < 7; i++) st[i] = s.get(r, i);
            assertEquals(-Reference.negEnergy(m.couplings(), m.fields(), st), e[r], 1e-5);
        }
    }

    @Test
    void badModelsAreRefused() {
        SplittableRandom r = new SplittableRandom(1);
        FMatrix a = Reference.symmetric(4, 1, r);
        float[] theta = Reference.gaussian(4, 1, r);
        FMatrix asym = a.copy();
        asym.set(0, 1, asym.get(0, 1) + 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IsingModel.of(asym, theta, Path.SCALAR));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
        FMatrix diag = a.copy();
        diag.set(2, 2, 0.5f);
        e = assertThrows(IllegalArgumentException.class, () -> IsingModel.of(diag, theta, Path.SCALAR));
        assertTrue(e.getMessage().contains("diagonal"), e.getMessage());
        float[] nan = theta.clone();
        nan[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> IsingModel.of(a, nan, Path.SCALAR));
        assertThrows(IllegalArgumentException.class, () -> IsingModel.of(a, new float[5], Path.SCALAR));
        IsingModel big = IsingModel.of(FMatrix.zeros(27, 27), new float[27], Path.SCALAR);
        e = assertThrows(IllegalArgumentException.class, big::exactLogPartition);
        assertTrue(e.getMessage().contains("26"), e.getMessage());
        IsingModel m = IsingModel.of(a, theta, Path.SCALAR);
        FMatrix half = FMatrix.zeros(2, 4);
        half.fill(0.5f);
        assertThrows(IllegalArgumentException.class, () -> m.gibbs(half, 1, io.latentj.simd.Rng.of(1)));
    }

    @Test
    void logZOfIndependentUnitsIsTheSumOfSoftplus() {
        float[] theta = {0.3f, -1.2f, 2.5f, 0f, -0.7f};
        IsingModel m = IsingModel.of(FMatrix.zeros(5, 5), theta, Path.SCALAR);
        double expected = 0;
        for (float t : theta) expected += Math.log1p(Math.exp(t));
        assertEquals(expected, m.exactLogPartition(), 1e-5);
        MeanField.Result r = m.meanField(MeanField.builder().build());
        assertEquals(expected, r.elbo(), 1e-6, "without couplings mean field is exact");
    }
}
