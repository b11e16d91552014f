package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SymmetricEigenTest {
    /** Q·diag(λ)·Qᵀ for a random orthogonal Q (Gram–Schmidt of Gaussian rows). */
    private static double[] known(int d, double[] lambda, long seed) {
        Random r = new Random(seed);
        double[][] q = new double[d][d];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) q[k][i] = r.nextGaussian();
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < d; i++) dot += q[k][i] * q[j][i];
                for (int i = 0; i < d; i++) q[k][i] -= dot * q[j][i];
            }
            double norm = 0;
            for (int i = 0; i < d; i++) norm += q[k][i] * q[k][i];
            for (int i = 0; i < d; i++) q[k][i] /= Math.sqrt(norm);
        }
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) for (int k = 0; k < d; k++) a[i * d + j] += q[k][i] * lambda[k] * q[k][j];
        return a;
    }

    private static void assertDecomposes(double[] a, int d, SymmetricEigen e, double tol) {
        for (int k = 0; k < e.count(); k++) {
            if (k > 0) assertTrue(e.values()[k] <= e.values()[k - 1], "descending");
            double norm = 0;
            for (int i = 0; i < d; i++) {
                double av = 0;
                for (int j = 0; j < d; j++) av += a[i * d + j] * e.vectors()[k * d + j];
                assertEquals(e.values()[k] * e.vectors()[k * d + i], av, tol, "A v = λ v, pair " + k);
                norm += e.vectors()[k * d + i] * e.vectors()[k * d + i];
            }
            assertEquals(1, norm, 1e-10, "unit vector " + k);
        }
    }

    @Test
    void jacobiFindsTheKnownEigenvaluesOfAMatrixWithCloseAndNegativeOnes() {
        for (int d : new int[] {1, 2, 7, 30}) {
            double[] lambda = new double[d];
            for (int k = 0; k < d; k++) lambda[k] = (k % 3 == 0 ? -1 : 1) * (1 + k * 0.01); // near-degenerate, mixed signs
            double[] a = known(d, lambda, d);
            SymmetricEigen e = SymmetricEigen.of(Path.SCALAR, a, d);
            assertFalse(e.usedLapack());
            double[] want = lambda.clone();
            Arrays.sort(want);
            for (int k = 0; k < d; k++) assertEquals(want[d - 1 - k], e.values()[k], 1e-12);
            assertDecomposes(a, d, e, 1e-12);
        }
    }

    @Test
    void lapackAgreesWithTheJavaReferenceAndTopIsTheLeadingPairs() {
        int d = 41;
        double[] lambda = new double[d];
        for (int k = 0; k < d; k++) lambda[k] = Math.exp(-0.2 * k) + (k == 3 ? 0.5 : 0);
        double[] a = known(d, lambda, 9);
        SymmetricEigen ref = SymmetricEigen.of(Path.SCALAR, a, d);
        SymmetricEigen topRef = SymmetricEigen.top(Path.SCALAR, a, d, 5);
        assertEquals(5, topRef.count());
        for (int k = 0; k < 5; k++) assertEquals(ref.values()[k], topRef.values()[k]);
        assertDecomposes(a, d, topRef, 1e-10);
        assumeTrue(Capabilities.blas(), "OpenBLAS not loaded");
        for (SymmetricEigen e : new SymmetricEigen[] {SymmetricEigen.of(Path.BLAS, a, d), SymmetricEigen.top(Path.BLAS, a, d, 5),
                SymmetricEigen.of(Path.AUTO, a, d)}) {
            assertTrue(e.usedLapack());
            for (int k = 0; k < e.count(); k++) assertEquals(ref.values()[k], e.values()[k], 1e-12);
            assertDecomposes(a, d, e, 1e-10);
        }
    }

    @Test
    void withoutOpenBlasAutoFallsBackAndBlasIsRefused() {
        assumeTrue(!Capabilities.blas(), "OpenBLAS is loaded (the build's no-openblas run covers this)");
        double[] a = {2, 1, 1, 3};
        assertFalse(SymmetricEigen.of(Path.AUTO, a, 2).usedLapack());
        assertFalse(SymmetricEigen.top(Path.AUTO, a, 2, 1).usedLapack());
        assertThrows(UnsupportedOperationException.class, () -> SymmetricEigen.of(Path.BLAS, a, 2));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(Path.SCALAR, new double[3], 2));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(Path.SCALAR, new double[0], 0));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(Path.AUTO, new double[] {1, Double.NaN, Double.NaN, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.top(Path.SCALAR, new double[4], 2, 3));
    }
}
