package io.latentj.models.sparse;

import io.latentj.models.sparse.SparseCoder.Solver;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.latentj.models.sparse.SparseCoderTest.gaussian;
import static io.latentj.models.sparse.SparseCoderTest.kktViolation;
import static io.latentj.models.sparse.SparseCoderTest.objective;
import static io.latentj.models.sparse.SparseCoderTest.unitAtoms;
import static org.junit.jupiter.api.Assertions.*;

/** The homotopy solver ({@link LassoHomotopy} through {@link SparseCoder}): exact codes, hard dictionaries, edge cases. */
class LassoHomotopyTest {
    /**
     * k unit atoms sharing a common direction (pairwise cosines around 0.8), like the atoms of natural images: the
     * case where coordinate descent needs hundreds of sweeps.
     */
    static FMatrix coherentAtoms(int k, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] common = new double[d];
        for (int j = 0; j < d; j++) common[j] = r.nextGaussian();
        FMatrix a = FMatrix.zeros(k, d);
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) { double v = 2 * common[j] + r.nextGaussian(); a.set(i, j, (float) v); s += v * v; }
            for (int j = 0; j < d; j++) a.set(i, j, (float) (a.get(i, j) / Math.sqrt(s)));
        }
        return a;
    }

    /** Samples that are sparse combinations of the atoms plus noise. */
    static FMatrix samples(FMatrix dict, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, dict.cols());
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 6; t++) {
                int j = r.nextInt(dict.rows());
                double w = r.nextGaussian() * 2;
                for (int c = 0; c < dict.cols(); c++) x.set(i, c, (float) (x.get(i, c) + w * dict.get(j, c)));
            }
            for (int c = 0; c < dict.cols(); c++) x.set(i, c, (float) (x.get(i, c) + 0.1 * r.nextGaussian()));
        }
        return x;
    }

    @Test
    void exactOnACoherentDictionaryWhereItMatchesConvergedCoordinateDescent() {
        for (int[] size : new int[][] {{37, 61}, {100, 130}, {9, 17}}) {
            int k = size[0], d = size[1];
            FMatrix dict = coherentAtoms(k, d, k), x = samples(dict, 23, d);
            double lambda = 0.2;
            SparseCoder hom = SparseCoder.of(dict, lambda, Solver.HOMOTOPY, 1000, 1e-7, Path.AUTO);
            FMatrix a = hom.transform(x);
            FMatrix ref = hom.withSolver(Solver.COORDINATE_DESCENT, 200_000, 1e-10).transform(x);
            double oh = objective(dict, lambda, x, a), oc = objective(dict, lambda, x, ref);
            double kkt = kktViolation(dict, lambda, x, a);
            System.out.printf("k=%d d=%d: homotopy %.9f, coordinate descent %.9f, KKT %.1e λ%n", k, d, oh, oc, kkt);
            assertTrue(oh <= oc * (1 + 1e-6), "homotopy " + oh + " vs coordinate descent " + oc);
            assertTrue(kkt < 1e-3, "KKT violation " + kkt + " λ");
            // every row's path reached λ without help: steps bounded, certified
            LassoHomotopy h = new LassoHomotopy(k);
            float[] c = new float[k], out = new float[k];
            for (int r = 0; r < x.rows(); r++) {
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int f = 0; f < d; f++) s += (double) dict.get(j, f) * x.get(r, f);
                    c[j] = (float) s;
                }
                int steps = h.solve(Path.AUTO, gram(dict), c, 0, lambda, 10 * k, out, 0);
                assertTrue(steps >= 0, "row " + r + " not certified: " + steps);
            }
        }
    }

    static double[] gram(FMatrix dict) {
        int k = dict.rows();
        double[] g = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int f = 0; f < dict.cols(); f++) s += (double) dict.get(i, f) * dict.get(j, f);
                g[i * k + j] = s;
            }
        }
        return g;
    }

    @Test
    void overcompleteDuplicateAndZeroAtomsStillReachTheOptimum() {
        // 40 atoms in 12 dimensions, atom 5 a copy of atom 3, atom 7 zero: dependent atoms stay out and coordinate
        // descent finishes the rows whose path could not
        FMatrix dict = unitAtoms(40, 12, 4);
        for (int f = 0; f < 12; f++) { dict.set(5, f, dict.get(3, f)); dict.set(7, f, 0f); }
        FMatrix x = gaussian(25, 12, 5);
        for (double lambda : new double[] {0.05, 0.4}) {
            SparseCoder hom = SparseCoder.of(dict, lambda, Solver.HOMOTOPY, 1000, 1e-9, Path.AUTO);
            FMatrix a = hom.transform(x);
            FMatrix ref = hom.withSolver(Solver.COORDINATE_DESCENT, 200_000, 1e-10).transform(x);
            double oh = objective(dict, lambda, x, a), oc = objective(dict, lambda, x, ref);
            System.out.printf("overcomplete, λ=%.2f: homotopy %.9f, coordinate descent %.9f%n", lambda, oh, oc);
            assertTrue(oh <= oc * (1 + 1e-6), "λ=" + lambda + ": homotopy " + oh + " vs coordinate descent " + oc);
            assertTrue(kktViolation(dict, lambda, x, a) < 2e-3, "λ=" + lambda);
            for (int r = 0; r < x.rows(); r++) assertEquals(0f, a.get(r, 7), "a zero atom gets no code");
        }
    }

    @Test
    void largeLambdaGivesZeroAndZeroLambdaGivesLeastSquares() {
        FMatrix dict = unitAtoms(8, 20, 6), x = gaussian(5, 20, 7);
        FMatrix zero = SparseCoder.of(dict, 1e4, Solver.HOMOTOPY, 100, 1e-6, Path.AUTO).transform(x);
        for (float v : zero.toArray()) assertEquals(0f, v);
        FMatrix a = SparseCoder.of(dict, 0, Solver.HOMOTOPY, 100, 1e-6, Path.AUTO).transform(x);
        // normal equations: D·(x − Dᵀa) = 0
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < 8; j++) {
                double s = 0;
                for (int f = 0; f < 20; f++) {
                    double rec = 0;
                    for (int i = 0; i < 8; i++) rec += (double) a.get(r, i) * dict.get(i, f);
                    s += dict.get(j, f) * (x.get(r, f) - rec);
                }
                assertEquals(0, s, 1e-4, "row " + r + " atom " + j);
            }
        }
    }

    @Test
    void pathsThreadsAndSingleSamplesAgree() {
        FMatrix dict = coherentAtoms(33, 50, 8), x = samples(dict, 70, 9);
        SparseCoder auto = SparseCoder.of(dict, 0.3, Solver.HOMOTOPY, 1000, 1e-7, Path.AUTO);
        SparseCoder scalar = SparseCoder.of(dict, 0.3, Solver.HOMOTOPY, 1000, 1e-7, Path.SCALAR);
        int before = Parallelism.threads();
        try {
            // two and three threads (the same kernel paths under AUTO): rows are independent, the split changes nothing
            Parallelism.setThreads(2);
            FMatrix one = auto.transform(x);
            Parallelism.setThreads(3);
            FMatrix three = auto.transform(x);
            assertArrayEquals(one.toArray(), three.toArray(), "rows are independent: the split does not change them");
            Parallelism.setThreads(2);
            FMatrix ref = scalar.transform(x);
            double scale = 0;
            for (float v : ref.toArray()) scale = Math.max(scale, Math.abs(v));
            assertArrayEquals(ref.toArray(), one.toArray(), (float) (1e-4 * scale), "scalar path vs auto");
            float[] single = new float[33];
            for (int r = 0; r < x.rows(); r++) {
                auto.transformInto(x.data(), x.rowOffset(r), single, 0);
                for (int j = 0; j < 33; j++) assertEquals(one.get(r, j), single[j], "row " + r + ": batch and single are the same computation");
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
