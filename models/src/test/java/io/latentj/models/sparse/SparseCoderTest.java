package io.latentj.models.sparse;

import io.latentj.models.sparse.SparseCoder.Solver;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SparseCoderTest {
    @TempDir
    java.nio.file.Path dir;

    /** k random unit-norm atoms in d dimensions (rows). */
    static FMatrix unitAtoms(int k, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix a = FMatrix.zeros(k, d);
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) { float v = (float) r.nextGaussian(); a.set(i, j, v); s += v * v; }
            for (int j = 0; j < d; j++) a.set(i, j, (float) (a.get(i, j) / Math.sqrt(s)));
        }
        return a;
    }

    static FMatrix gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x.set(i, j, (float) r.nextGaussian());
        return x;
    }

    /** Objective in double, computed here independently of the kernels. */
    static double objective(FMatrix d, double lambda, FMatrix x, FMatrix a) {
        double f = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int c = 0; c < d.cols(); c++) {
                double rec = 0;
                for (int j = 0; j < d.rows(); j++) rec += (double) a.get(i, j) * d.get(j, c);
                double e = x.get(i, c) - rec;
                f += 0.5 * e * e;
            }
            for (int j = 0; j < d.rows(); j++) f += lambda * Math.abs(a.get(i, j));
        }
        return f;
    }

    /**
     * Worst KKT violation over all samples and atoms: with the residual r = x − Dᵀa and c_j = D_j·r, a zero code
     * needs |c_j| ≤ λ and a non-zero one c_j = λ·sign(a_j). Returned in units of λ.
     */
    static double kktViolation(FMatrix d, double lambda, FMatrix x, FMatrix a) {
        double worst = 0;
        for (int i = 0; i < x.rows(); i++) {
            double[] res = new double[d.cols()];
            for (int c = 0; c < d.cols(); c++) {
                double rec = 0;
                for (int j = 0; j < d.rows(); j++) rec += (double) a.get(i, j) * d.get(j, c);
                res[c] = x.get(i, c) - rec;
            }
            for (int j = 0; j < d.rows(); j++) {
                double cj = 0;
                for (int c = 0; c < d.cols(); c++) cj += d.get(j, c) * res[c];
                double v = a.get(i, j) == 0 ? Math.max(0, Math.abs(cj) - lambda) : Math.abs(cj - lambda * Math.signum(a.get(i, j)));
                worst = Math.max(worst, v / lambda);
            }
        }
        return worst;
    }

    @Test
    void istaFistaCoordinateDescentAndHomotopyReachTheSameObjectiveAndSatisfyKkt() {
        FMatrix d = unitAtoms(40, 25, 1), x = gaussian(30, 25, 2);
        double lambda = 0.3;
        double[] obj = new double[4];
        Solver[] solvers = Solver.values();
        int[] iters = {20000, 3000, 2000, 1000};
        for (int s = 0; s < 4; s++) {
            SparseCoder coder = SparseCoder.of(d, lambda, solvers[s], iters[s], 1e-7, Path.AUTO);
            FMatrix a = coder.transform(x);
            obj[s] = objective(d, lambda, x, a);
            assertEquals(obj[s], coder.objective(x, a), 1e-4 * obj[s], "the model's objective agrees with a double-precision one");
            double kkt = kktViolation(d, lambda, x, a);
            int nz = 0;
            for (float v : a.toArray()) if (v != 0) nz++;
            System.out.printf("%s: objective %.6f, KKT violation %.2e λ, %d of %d codes non-zero%n", solvers[s], obj[s], kkt, nz, a.size());
            assertTrue(kkt < 2e-3, solvers[s] + " KKT violation " + kkt + " λ");
            assertTrue(nz > 0 && nz < a.size() / 2, "codes are sparse but not all zero: " + nz);
        }
        for (int s = 0; s < 4; s++) {
            assertEquals(obj[2], obj[s], 1e-4 * obj[2], solvers[s] + " vs coordinate descent");
        }
    }

    @Test
    void lipschitzConstantBoundsTheLargestEigenvalue() {
        FMatrix d = unitAtoms(30, 20, 3);
        SparseCoder c = SparseCoder.of(d, 0.1);
        // Rayleigh quotients of D·Dᵀ never exceed λ_max ≤ L / 1.01
        SplittableRandom r = new SplittableRandom(5);
        for (int t = 0; t < 200; t++) {
            double[] v = new double[30];
            double vv = 0;
            for (int i = 0; i < 30; i++) { v[i] = r.nextGaussian(); vv += v[i] * v[i]; }
            double q = 0;
            for (int f = 0; f < 20; f++) {
                double s = 0;
                for (int i = 0; i < 30; i++) s += v[i] * d.get(i, f);
                q += s * s;
            }
            assertTrue(q / vv <= c.lipschitz() / 1.01 * (1 + 1e-4), "Rayleigh quotient " + q / vv + " above L/1.01 = " + c.lipschitz() / 1.01);
        }
        // 30 unit atoms in 20 dimensions: λ_max ≥ trace / rank = 30 / 20
        assertTrue(c.lipschitz() >= 1.5f);
    }

    @Test
    void singleSampleCodesMatchTheBatch() {
        FMatrix d = unitAtoms(24, 17, 7), x = gaussian(9, 17, 8);
        for (Solver s : Solver.values()) {
            SparseCoder coder = SparseCoder.of(d, 0.2, s, 5000, 1e-7, Path.AUTO);
            FMatrix batch = coder.transform(x);
            float[] one = new float[24];
            for (int r = 0; r < 9; r++) {
                coder.transformInto(x.data(), x.rowOffset(r), one, 0);
                for (int j = 0; j < 24; j++) {
                    if (s == Solver.COORDINATE_DESCENT || s == Solver.HOMOTOPY) assertEquals(batch.get(r, j), one[j], s + " row " + r);
                    else assertEquals(batch.get(r, j), one[j], 2e-3f, s + " row " + r);
                }
            }
        }
    }

    @Test
    void largeLambdaGivesZeroCodesAndZeroLambdaSolvesLeastSquares() {
        FMatrix d = unitAtoms(10, 20, 9), x = gaussian(5, 20, 10);
        FMatrix zero = SparseCoder.of(d, 1e3).transform(x);
        for (float v : zero.toArray()) assertEquals(0f, v);
        // λ = 0 and an undercomplete dictionary: the residual is orthogonal to every atom
        FMatrix a = SparseCoder.of(d, 0, Solver.COORDINATE_DESCENT, 5000, 1e-9, Path.AUTO).transform(x);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 10; j++) {
                double cj = 0;
                for (int f = 0; f < 20; f++) {
                    double rec = 0;
                    for (int l = 0; l < 10; l++) rec += a.get(i, l) * d.get(l, f);
                    cj += d.get(j, f) * (x.get(i, f) - rec);
                }
                assertEquals(0, cj, 1e-4);
            }
        }
    }

    @Test
    void saveLoadRoundTripAndBadInput() throws Exception {
        FMatrix d = unitAtoms(12, 9, 11), x = gaussian(6, 9, 12);
        SparseCoder c = SparseCoder.of(d, 0.15, Solver.COORDINATE_DESCENT, 300, 1e-5, Path.AUTO);
        java.nio.file.Path f = dir.resolve("coder.safetensors");
        c.save(f);
        SparseCoder back = SparseCoder.load(f);
        assertArrayEquals(c.transform(x).data(), back.transform(x).data());
        assertEquals(c.solver(), back.solver());
        assertEquals(c.lambda(), back.lambda());
        assertEquals(c.maxIterations(), back.maxIterations());
        assertThrows(IllegalArgumentException.class, () -> c.transform(FMatrix.zeros(2, 8)));
        FMatrix nan = x.copy();
        nan.set(3, 4, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.transform(nan));
        assertTrue(e.getMessage().contains("row 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparseCoder.of(d, -1));
        assertThrows(IllegalArgumentException.class, () -> SparseCoder.of(d, Double.NaN));
        FMatrix bad = d.copy();
        bad.set(0, 0, Float.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> SparseCoder.of(bad, 0.1));
        java.nio.file.Files.write(f, new byte[] {1, 2, 3});
        assertThrows(java.io.IOException.class, () -> SparseCoder.load(f));
    }
}
