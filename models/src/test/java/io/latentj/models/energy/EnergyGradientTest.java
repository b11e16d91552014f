package io.latentj.models.energy;

import io.latentj.models.nn.GradientCheck;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every derivative an energy model reports, against central finite differences of a double-precision reference of
 * its energy (EnergyRef) at the model's own float parameters: ∇ₓE, ∇_θE, the Laplacian ΔₓE, and the two θ-gradients
 * score matching uses (of ΔₓE, and of vᵀ∇ₓE with v fixed). Odd sizes, on the scalar and SIMD paths.
 */
class EnergyGradientTest {
    private static final double TOL = 2e-4;

    record Case(String name, EnergyModel model, EnergyRef ref) {
        @Override public String toString() { return name; }
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Path path : new Path[] {Path.SCALAR, Path.SIMD}) {
            if (!path.isAvailable()) continue;
            SplittableRandom r = new SplittableRandom(7);
            int d = 5;
            FMatrix a = random(r, d, d, 1);
            FMatrix p = FMatrix.zeros(d, d); // AAᵀ/d + I: symmetric positive definite
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < d; k++) s += a.get(i, k) * a.get(j, k) / d;
                p.set(i, j, (float) s);
            }
            float[] mu = random(r, 1, d, 1).toArray();
            b.add(Arguments.of(new Case("Gaussian " + path, GaussianEnergy.of(mu, p, path), EnergyRef.gaussian(d))));
            int j = 7, dx = 19;
            float[] alpha = new float[j];
            for (int k = 0; k < j; k++) alpha[k] = (float) (0.5 + r.nextDouble());
            b.add(Arguments.of(new Case("StudentT " + path, FilterExperts.studentT(random(r, j, dx, 0.5), alpha, path), EnergyRef.experts(j, dx, true))));
            b.add(Arguments.of(new Case("LogCosh " + path, FilterExperts.logCosh(random(r, j, dx, 0.5), path), EnergyRef.experts(j, dx, false))));
        }
        return b.build();
    }

    static FMatrix random(SplittableRandom r, int rows, int cols, double scale) {
        FMatrix m = FMatrix.zeros(rows, cols);
        for (int i = 0; i < rows; i++) for (int c = 0; c < cols; c++) m.set(i, c, (float) (scale * r.nextGaussian()));
        return m;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static double[] row(FMatrix x, int r) {
        return toDouble(x.row(r).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void energyAndGradientInX(Case c) {
        EnergyModel m = c.model();
        FMatrix x = random(new SplittableRandom(3), 6, m.dimension(), 1.2);
        double[] theta = toDouble(m.parameters());
        float[] e = new float[6], e2 = new float[6];
        FMatrix g = FMatrix.zeros(6, m.dimension());
        m.energy(x, e, 0);
        m.gradient(x, g, e2);
        for (int r = 0; r < 6; r++) {
            double[] xr = row(x, r);
            double want = c.ref().energy(theta, xr);
            assertEquals(want, e[r], 1e-5 * Math.max(1, Math.abs(want)), c + " energy row " + r);
            assertEquals(e[r], e2[r], 1e-5f * Math.max(1, Math.abs(e[r])), c + " energy from gradient()");
            double[] num = GradientCheck.numericGradient(v -> c.ref().energy(theta, v), xr, 1e-5);
            double err = GradientCheck.relativeError(g.row(r).toArray(), num);
            assertTrue(err < TOL, c + " ∇ₓE row " + r + " relative error " + err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientInTheta(Case c) {
        EnergyModel m = c.model();
        FMatrix x = random(new SplittableRandom(4), 5, m.dimension(), 1.2);
        float[] g = new float[m.parameterCount()];
        java.util.Arrays.fill(g, 0.25f); // accumulates: the test subtracts what was there
        m.accumulateParameterGradient(x, 0.5f, g);
        for (int i = 0; i < g.length; i++) g[i] = (g[i] - 0.25f) * 2;
        double[] theta = toDouble(m.parameters());
        double[] num = GradientCheck.numericGradient(t -> {
            double s = 0;
            for (int r = 0; r < x.rows(); r++) s += c.ref().energy(t, row(x, r));
            return s;
        }, theta, 1e-5);
        double err = GradientCheck.relativeError(g, num);
        assertTrue(err < TOL, c + " ∇_θE relative error " + err);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void laplacianAndItsThetaGradients(Case c) {
        EnergyModel m = c.model();
        assertTrue(m.hasLaplacian());
        int n = 4, d = m.dimension();
        FMatrix x = random(new SplittableRandom(5), n, d, 1.2), v = random(new SplittableRandom(6), n, d, 1);
        double[] theta = toDouble(m.parameters());
        float[] lap = new float[n + 1];
        m.laplacian(x, lap, 1);
        for (int r = 0; r < n; r++) {
            double[] xr = row(x, r);
            double e0 = c.ref().energy(theta, xr), fd = 0, h = 1e-4;
            for (int i = 0; i < d; i++) {
                double xi = xr[i];
                xr[i] = xi + h;
                double ep = c.ref().energy(theta, xr);
                xr[i] = xi - h;
                double em = c.ref().energy(theta, xr);
                xr[i] = xi;
                fd += (ep - 2 * e0 + em) / (h * h);
            }
            assertEquals(fd, lap[1 + r], 1e-4 * Math.max(1, Math.abs(fd)), c + " Laplacian row " + r);
            assertEquals(c.ref().laplacian(theta, xr), lap[1 + r], 1e-5 * Math.max(1, Math.abs(fd)), c + " Laplacian reference row " + r);
        }
        float[] gl = new float[m.parameterCount()];
        m.accumulateLaplacianGradient(x, 1f, gl);
        double[] numL = GradientCheck.numericGradient(t -> {
            double s = 0;
            for (int r = 0; r < n; r++) s += c.ref().laplacian(t, row(x, r));
            return s;
        }, theta, 1e-5);
        double errL = GradientCheck.relativeError(gl, numL);
        assertTrue(errL < TOL, c + " ∇_θ ΔₓE relative error " + errL);
        float[] gm = new float[m.parameterCount()];
        m.accumulateMixedGradient(x, v, 1f, gm);
        double[] numM = GradientCheck.numericGradient(t -> {
            double s = 0;
            for (int r = 0; r < n; r++) {
                double[] gx = c.ref().gradX(t, row(x, r)), vr = row(v, r);
                for (int i = 0; i < d; i++) s += vr[i] * gx[i];
            }
            return s;
        }, theta, 1e-5);
        double errM = GradientCheck.relativeError(gm, numM);
        assertTrue(errM < TOL, c + " ∇_θ vᵀ∇ₓE relative error " + errM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wrongShapesAreRefused(Case c) {
        EnergyModel m = c.model();
        int d = m.dimension();
        assertThrows(IllegalArgumentException.class, () -> m.energy(FMatrix.zeros(2, d + 1), new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> m.energy(FMatrix.zeros(2, d), new float[1], 0));
        assertThrows(IllegalArgumentException.class, () -> m.gradient(FMatrix.zeros(2, d), FMatrix.zeros(3, d), null));
        assertThrows(IllegalArgumentException.class, () -> m.accumulateParameterGradient(FMatrix.zeros(2, d), 1f, new float[m.parameterCount() - 1]));
        assertThrows(IllegalArgumentException.class, () -> m.accumulateMixedGradient(FMatrix.zeros(2, d), FMatrix.zeros(2, d + 1), 1f, new float[m.parameterCount()]));
    }
}
