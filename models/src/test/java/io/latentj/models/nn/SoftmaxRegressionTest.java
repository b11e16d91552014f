package io.latentj.models.nn;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SoftmaxRegressionTest {
    /** Three Gaussian blobs in 5 dimensions. */
    private static FMatrix blobs(int n, int[] labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, 5);
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(3);
            for (int j = 0; j < 5; j++) x.set(i, j, (float) (r.nextGaussian() * 0.7 + (j == labels[i] ? 2.5 : 0)));
        }
        return x;
    }

    @Test
    void separatesBlobsAndProbabilitiesSumToOne() {
        int[] y = new int[600], yt = new int[300];
        FMatrix x = blobs(600, y, 1), xt = blobs(300, yt, 2);
        SoftmaxRegression clf = SoftmaxRegression.fit(x, y, 3, 1e-3, 200, Path.AUTO);
        assertTrue(clf.accuracy(xt, yt) > 0.95, "accuracy " + clf.accuracy(xt, yt));
        FMatrix p = clf.probabilities(xt);
        for (int i = 0; i < p.rows(); i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) s += p.get(i, j);
            assertEquals(1.0, s, 1e-5);
        }
    }

    @Test
    void l2ShrinksTheWeights() {
        int[] y = new int[300];
        FMatrix x = blobs(300, y, 3);
        SoftmaxRegression weak = SoftmaxRegression.fit(x, y, 3, 1e-4, 200, Path.SCALAR);
        SoftmaxRegression strong = SoftmaxRegression.fit(x, y, 3, 1.0, 200, Path.SCALAR);
        double pw = 0, ps = 0;
        FMatrix one = FMatrix.zeros(1, 5);
        one.set(0, 0, 3f);
        pw = weak.probabilities(one).get(0, 0);
        ps = strong.probabilities(one).get(0, 0);
        assertTrue(pw > ps && ps > 1.0 / 3, "strong L2 must give less confident predictions: " + pw + " vs " + ps);
    }

    @Test
    void badLabelsAndShapesAreRefused() {
        FMatrix x = FMatrix.zeros(3, 2);
        assertThrows(IllegalArgumentException.class, () -> SoftmaxRegression.fit(x, new int[] {0, 1, 3}, 3, 0, 10, Path.AUTO));
        assertThrows(IllegalArgumentException.class, () -> SoftmaxRegression.fit(x, new int[] {0, 1}, 3, 0, 10, Path.AUTO));
        x.set(1, 1, Float.NaN);
        assertThrows(IllegalArgumentException.class, () -> SoftmaxRegression.fit(x, new int[] {0, 1, 2}, 3, 0, 10, Path.AUTO));
    }

    @Test
    void reportsWhetherLbfgsConverged() {
        int[] y = new int[300];
        FMatrix x = blobs(300, y, 3);
        SoftmaxRegression capped = SoftmaxRegression.fit(x, y, 3, 1.0, 2, Path.SCALAR);
        assertFalse(capped.converged());
        assertEquals(2, capped.iterations());
        SoftmaxRegression free = SoftmaxRegression.fit(x, y, 3, 1.0, 500, Path.SCALAR);
        assertTrue(free.converged(), free.iterations() + " iterations");
        assertTrue(free.iterations() < 500);
    }
}
