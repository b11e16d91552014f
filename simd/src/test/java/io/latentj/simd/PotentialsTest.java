package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Energy-model potentials: the scalar reference against the formulas in double (and against central differences of
 * one another, so φ′ and φ″ really are the derivatives of φ), and the Vector path against the scalar one on odd
 * sizes and padded views (masked tails, unaligned rows).
 */
class PotentialsTest {
    private static final int[] SIZES = {1, 3, 7, 15, 16, 17, 31, 33, 100};

    private static FMatrix random(SplittableRandom r, int rows, int cols, double scale) {
        float[] buf = new float[rows * (cols + 3) + 1];
        for (int i = 0; i < buf.length; i++) buf[i] = (float) (scale * (2 * r.nextDouble() - 1));
        return FMatrix.view(buf, 1, rows, cols, cols + 3);
    }

    private static void checkFormula(FMatrix u, FMatrix out, DoubleUnaryOperator f, String what) {
        checkFormula(u, out, f, 2e-7, what);
    }

    private static void checkFormula(FMatrix u, FMatrix out, DoubleUnaryOperator f, double tol, String what) {
        for (int i = 0; i < u.rows(); i++) for (int j = 0; j < u.cols(); j++) {
            double want = f.applyAsDouble(u.get(i, j));
            assertEquals(want, out.get(i, j), tol * Math.max(1, Math.abs(want)), what + " at u=" + u.get(i, j));
        }
    }

    @Test
    void scalarMatchesTheFormulasAndTheirDerivatives() {
        SplittableRandom r = new SplittableRandom(1);
        DoubleUnaryOperator st = v -> Math.log(1 + 0.5 * v * v), lc = v -> Math.abs(v) < 1 ? -0.5 * Math.log1p(-Math.tanh(v) * Math.tanh(v)) : Math.abs(v) + Math.log1p(Math.exp(-2 * Math.abs(v))) - Math.log(2);
        for (int n : SIZES) {
            FMatrix u = random(r, 3, n, 6);
            FMatrix a = FMatrix.zeros(3, n), b = FMatrix.zeros(3, n), c = FMatrix.zeros(3, n);
            Potentials.studentT(Path.SCALAR, u, a, b, c);
            checkFormula(u, a, st, "studentT");
            checkFormula(u, b, v -> (st.applyAsDouble(v + 1e-5) - st.applyAsDouble(v - 1e-5)) / 2e-5, "studentT'");
            checkFormula(u, c, v -> (st.applyAsDouble(v + 1e-4) - 2 * st.applyAsDouble(v) + st.applyAsDouble(v - 1e-4)) / 1e-8, "studentT''");
            Potentials.studentTThird(Path.SCALAR, u, a);
            checkFormula(u, a, v -> third(st, v), 1e-5, "studentT third");
            Potentials.logCoshThird(Path.SCALAR, u, a);
            checkFormula(u, a, v -> third(lc, v), 1e-5, "logCosh third");
            Potentials.logCosh(Path.SCALAR, u, a, b, c);
            checkFormula(u, a, lc, "logCosh");
            checkFormula(u, b, v -> (lc.applyAsDouble(v + 1e-5) - lc.applyAsDouble(v - 1e-5)) / 2e-5, "logCosh'");
            checkFormula(u, c, v -> (lc.applyAsDouble(v + 1e-4) - 2 * lc.applyAsDouble(v) + lc.applyAsDouble(v - 1e-4)) / 1e-8, "logCosh''");
        }
        // log cosh never overflows where cosh does
        FMatrix big = FMatrix.wrap(new float[] {200f, -200f}, 1, 2), out = FMatrix.zeros(1, 2);
        Potentials.logCosh(Path.SCALAR, big, out, null, null);
        assertEquals(200 - Math.log(2), out.get(0, 0), 1e-4);
        assertEquals(200 - Math.log(2), out.get(0, 1), 1e-4);
    }

    /**
     * Within 6 ulps of the reference's magnitude (floored at {@code floor}: φ″ of the Student-t crosses zero at
     * u = √2 through the cancellation 2 − a, so its error there is absolute, a few ulps of 1).
     */
    /** Central difference of the third derivative, step 1e-3: truncation O(h²) and rounding ~6ε·|f|/2h³ ≈ 1e-6, so checked to 1e-5. */
    private static double third(DoubleUnaryOperator f, double v) {
        double h = 1e-3;
        return (f.applyAsDouble(v + 2 * h) - 2 * f.applyAsDouble(v + h) + 2 * f.applyAsDouble(v - h) - f.applyAsDouble(v - 2 * h)) / (2 * h * h * h);
    }

    private static void agree(FMatrix a, FMatrix b, float floor, String what) {
        for (int i = 0; i < a.rows(); i++) for (int j = 0; j < a.cols(); j++) {
            float x = a.get(i, j), y = b.get(i, j);
            assertEquals(x, y, 6 * Math.ulp(Math.max(Math.abs(x), floor)), what + " (" + i + ", " + j + ")");
        }
    }

    @Test
    void vectorPathAgreesWithScalar() {
        if (!Path.SIMD.isAvailable()) return; // nothing to compare without the Vector API (NoVectorApiTest covers that JVM)
        SplittableRandom r = new SplittableRandom(2);
        for (int n : SIZES) {
            for (double scale : new double[] {0.3, 3, 40}) {
                FMatrix u = random(r, 4, n, scale);
                u.set(1, 0, 0f);
                FMatrix[] s = {FMatrix.zeros(4, n), FMatrix.zeros(4, n), FMatrix.zeros(4, n)};
                FMatrix[] v = {FMatrix.zeros(4, n), FMatrix.zeros(4, n), FMatrix.zeros(4, n)};
                Potentials.studentT(Path.SCALAR, u, s[0], s[1], s[2]);
                Potentials.studentT(Path.SIMD, u, v[0], v[1], v[2]);
                for (int k = 0; k < 3; k++) agree(s[k], v[k], k == 2 ? 1f : 1e-3f, "studentT[" + k + "] n=" + n + " scale=" + scale);
                Potentials.logCosh(Path.SCALAR, u, s[0], s[1], s[2]);
                Potentials.logCosh(Path.SIMD, u, v[0], v[1], v[2]);
                for (int k = 0; k < 3; k++) agree(s[k], v[k], 1e-3f, "logCosh[" + k + "] n=" + n + " scale=" + scale);
                Potentials.studentTThird(Path.SCALAR, u, s[0]);
                Potentials.studentTThird(Path.SIMD, u, v[0]);
                agree(s[0], v[0], 1f, "studentT third n=" + n);
                Potentials.logCoshThird(Path.SCALAR, u, s[0]);
                Potentials.logCoshThird(Path.SIMD, u, v[0]);
                agree(s[0], v[0], 1e-3f, "logCosh third n=" + n);
                // any subset of outputs: the first derivative alone is the same
                FMatrix only = FMatrix.zeros(4, n);
                Potentials.logCosh(Path.SIMD, u, null, only, null);
                assertArrayEquals(v[1].toArray(), only.toArray());
            }
        }
        FMatrix nan = FMatrix.wrap(new float[] {Float.NaN, 1f, Float.NaN}, 1, 3), o = FMatrix.zeros(1, 3);
        Potentials.logCosh(Path.SIMD, nan, o, null, null);
        assertTrue(Float.isNaN(o.get(0, 0)) && Float.isNaN(o.get(0, 2)));
        Potentials.studentT(Path.SIMD, nan, o, null, null);
        assertTrue(Float.isNaN(o.get(0, 0)));
    }

    @Test
    void badArgumentsAreRefused() {
        FMatrix u = FMatrix.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> Potentials.studentT(Path.SCALAR, u, FMatrix.zeros(2, 4), null, null));
        assertThrows(IllegalArgumentException.class, () -> Potentials.logCosh(Path.SCALAR, u, null, u, null));
        FMatrix out = FMatrix.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> Potentials.studentT(Path.SCALAR, u, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> Potentials.studentTThird(Path.SCALAR, u, FMatrix.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> Potentials.logCosh(Path.SCALAR, u, out, out, null));
        assertThrows(IllegalArgumentException.class, () -> Potentials.studentT(null, u, out, null, null));
        assertThrows(IllegalArgumentException.class, () -> Potentials.studentT(Path.SCALAR, null, out, null, null));
    }
}
