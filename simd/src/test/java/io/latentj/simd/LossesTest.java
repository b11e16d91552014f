package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fused loss kernels: the scalar reference against the formulas in double, and the Vector path against the
 * scalar one over sizes with masked tails, on views with offsets and padded rows.
 */
class LossesTest {
    private static final int[] SIZES = {1, 3, 7, 15, 16, 17, 31, 100, 784};

    /** A rows × cols view at offset 5 with 3 padding columns, filled uniformly from [lo, hi). */
    private static FMatrix view(SplittableRandom r, int rows, int cols, double lo, double hi) {
        FMatrix m = FMatrix.view(new float[5 + rows * (cols + 3)], 5, rows, cols, cols + 3);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.set(i, j, (float) (lo + (hi - lo) * r.nextDouble()));
        return m;
    }

    @Test
    void scalarMatchesTheFormulas() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : SIZES) {
            FMatrix y = view(r, 3, n, 0, 1), z = view(r, 3, n, -30, 30), t = view(r, 3, n, 0, 1), dz = view(r, 3, n, 0, 0);
            double s = Losses.squaredErrorSigmoid(Path.SCALAR, y, t, 0.25f, dz), ref = 0;
            for (int i = 0; i < 3; i++) for (int j = 0; j < n; j++) {
                double v = y.get(i, j), e = v - t.get(i, j);
                ref += e * e;
                assertEquals(0.25 * e * v * (1 - v), dz.get(i, j), 1e-7);
            }
            assertEquals(ref, s, 1e-6 * Math.max(1, ref)); // e = y − t is rounded to float first
            s = Losses.sigmoidCrossEntropy(Path.SCALAR, z, t, 0.5f, dz);
            ref = 0;
            for (int i = 0; i < 3; i++) for (int j = 0; j < n; j++) {
                double v = z.get(i, j), tv = t.get(i, j), p = 1 / (1 + Math.exp(-v));
                // the textbook form −[t log p + (1 − t) log(1 − p)], written with logs of probabilities on purpose
                double q = Math.abs(v) < 15 ? -(tv * Math.log(p) + (1 - tv) * Math.log1p(-p)) : Math.max(v, 0) - tv * v + Math.exp(-Math.abs(v));
                ref += q;
                assertEquals(0.5 * (p - tv), dz.get(i, j), 1e-7);
            }
            assertEquals(ref, s, 1e-6 * Math.max(1, ref)); // e = y − t is rounded to float first
        }
    }

    @Test
    void vectorPathAgreesWithScalar() {
        if (!Path.SIMD.isAvailable()) return; // NoVectorApiTest covers the JVM without it
        SplittableRandom r = new SplittableRandom(2);
        for (int n : SIZES) {
            FMatrix y = view(r, 4, n, 0, 1), z = view(r, 4, n, -30, 30), t = view(r, 4, n, 0, 1);
            FMatrix a = view(r, 4, n, 0, 0), b = view(r, 4, n, 0, 0);
            double sa = Losses.squaredErrorSigmoid(Path.SCALAR, y, t, 0.01f, a), sb = Losses.squaredErrorSigmoid(Path.SIMD, y, t, 0.01f, b);
            assertEquals(sa, sb, 1e-6 * Math.max(1, sa), "n=" + n);
            for (int i = 0; i < 4; i++) for (int j = 0; j < n; j++) assertEquals(a.get(i, j), b.get(i, j), "n=" + n); // same operations in the same order
            sa = Losses.sigmoidCrossEntropy(Path.SCALAR, z, t, 0.01f, a);
            sb = Losses.sigmoidCrossEntropy(Path.SIMD, z, t, 0.01f, b);
            assertEquals(sa, sb, 1e-5 * Math.max(1, sa), "n=" + n);
            for (int i = 0; i < 4; i++) for (int j = 0; j < n; j++) {
                assertEquals(a.get(i, j), b.get(i, j), 4 * Math.ulp(0.01f), "n=" + n + " (" + i + "," + j + ") z=" + z.get(i, j));
            }
        }
    }

    @Test
    void shapesAreChecked() {
        FMatrix y = FMatrix.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> Losses.squaredErrorSigmoid(Path.SCALAR, y, FMatrix.zeros(2, 4), 1f, FMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Losses.sigmoidCrossEntropy(Path.SCALAR, y, FMatrix.zeros(2, 3), 1f, FMatrix.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> Losses.sigmoidCrossEntropy(Path.SCALAR, y, FMatrix.zeros(2, 3), 1f, y));
    }
}
