package io.latentj.simd.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latentj.simd.Parallelism;
import io.latentj.simd.scalar.ScalarBlas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * VectorGemm against ScalarBlas. Tolerance: |got − want| ≤ C·eps·(k + 2)·|alpha|·Σ_p |a_ip||b_pj| +
 * C·eps·|beta·c_ij| + tiny, with C = 2 (both sides round each of their k additions once; the two errors add).
 */
class VectorGemmTest {
    private static final double C_TOL = 2.0;
    private static final double EPS = Math.ulp(1.0f);

    /** One problem laid out with offsets and padded leading dimensions. */
    private static final class Problem {
        final boolean ta, tb;
        final int m, n, k, aOff, bOff, cOff, lda, ldb, ldc;
        final float[] a, b, c;

        Problem(SplittableRandom r, boolean ta, boolean tb, int m, int n, int k, boolean padded) {
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
            int aRows = ta ? k : m, aCols = ta ? m : k;
            int bRows = tb ? n : k, bCols = tb ? k : n;
            aOff = padded ? 5 : 0;
            bOff = padded ? 3 : 0;
            cOff = padded ? 7 : 0;
            lda = aCols + (padded ? 3 : 0);
            ldb = bCols + (padded ? 5 : 0);
            ldc = n + (padded ? 2 : 0);
            a = random(r, aOff + aRows * lda + 4);
            b = random(r, bOff + bRows * ldb + 4);
            c = random(r, cOff + m * ldc + 4);
        }

        float aAt(int i, int p) {
            return ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        }

        float bAt(int p, int j) {
            return tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }

        float[] scalar(float alpha, float beta) {
            float[] want = c.clone();
            ScalarBlas.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, want, cOff, ldc);
            return want;
        }

        float[] vector(float alpha, float beta, float[] cIn) {
            float[] got = cIn.clone();
            VectorGemm.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);
            return got;
        }

        void check(float alpha, float beta) {
            float[] want = scalar(alpha, beta);
            float[] got = vector(alpha, beta, c);
            String what = "ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta;
            for (int idx = 0; idx < got.length; idx++) {
                int rel = idx - cOff;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside) {
                    if (Float.floatToRawIntBits(got[idx]) != Float.floatToRawIntBits(c[idx])) fail(what + ": wrote outside C at " + idx);
                    continue;
                }
                int i = rel / ldc, j = rel % ldc;
                double mag = 0;
                if (alpha != 0f) for (int p = 0; p < k; p++) mag += Math.abs((double) aAt(i, p) * bAt(p, j));
                double tol = C_TOL * EPS * ((k + 2) * Math.abs(alpha) * mag + Math.abs(beta * c[idx])) + 1e-30;
                double diff = Math.abs((double) got[idx] - want[idx]);
                if (!(diff <= tol)) fail(what + ": C[" + i + "][" + j + "] = " + got[idx] + ", want " + want[idx] + " (tol " + tol + ")");
            }
        }
    }

    private static float[] random(SplittableRandom r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    private static final float[][] ALPHA_BETA = {{1f, 0f}, {0.5f, -2f}, {0f, 1f}};
    private static final boolean[][] TRANS = {{false, false}, {true, false}, {false, true}, {true, true}};

    @Test
    void agreesWithScalarOnSmallShapesAndTileEdges() {
        // MR = 12 rows and NR = 2·lanes columns on AVX-512 (32): these sizes hit full tiles, every kind of tail
        // (m = 16, 20 and 100 end on the exact 4- and 8-row kernels, 3, 17, 23 and 31 on padded ones).
        // The MC (192 rows) and KC (512 deep) blocks are crossed in agreesOnLibraryShapes, NC (2048) below.
        int[] ms = {1, 3, 16, 17, 20, 23, 31, 100};
        int[] ns = {1, 3, 15, 16, 17, 31, 100};
        int[] ks = {1, 16, 31, 100};
        SplittableRandom r = new SplittableRandom(42);
        int count = 0;
        for (int m : ms) for (int n : ns) for (int k : ks) {
            boolean[] t = TRANS[count % 4];
            float[] ab = ALPHA_BETA[(count / 4) % 3];
            new Problem(r, t[0], t[1], m, n, k, count % 2 == 0).check(ab[0], ab[1]);
            count++;
        }
    }

    @Test
    void allTransposesAndScalingsOnTailShapes() {
        SplittableRandom r = new SplittableRandom(7);
        int[][] shapes = {{17, 31, 15}, {31, 17, 3}, {3, 100, 17}, {100, 3, 31}, {15, 16, 1}, {16, 15, 784}};
        for (int[] s : shapes) for (boolean[] t : TRANS) for (float[] ab : ALPHA_BETA) {
            new Problem(r, t[0], t[1], s[0], s[1], s[2], true).check(ab[0], ab[1]);
        }
    }

    @Test
    void agreesOnLibraryShapes() {
        SplittableRandom r = new SplittableRandom(3);
        int[][] shapes = {{100, 256, 784}, {100, 500, 784}, {784, 256, 100}, {100, 784, 256}, {500, 784, 256}};
        int count = 0;
        for (int[] s : shapes) for (boolean[] t : TRANS) {
            float[] ab = ALPHA_BETA[count++ % 2];
            new Problem(r, t[0], t[1], s[0], s[1], s[2], count % 2 == 0).check(ab[0], ab[1]);
        }
    }

    @Test
    void crossesTheColumnBlock() {
        SplittableRandom r = new SplittableRandom(11);
        for (boolean[] t : TRANS) new Problem(r, t[0], t[1], 13, 4200, 5, true).check(0.5f, -2f);
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        SplittableRandom r = new SplittableRandom(5);
        for (boolean[] t : TRANS) {
            Problem p = new Problem(r, t[0], t[1], 31, 47, 300, true);
            float[] nanC = p.c.clone();
            Arrays.fill(nanC, Float.NaN);
            float[] got = p.vector(1.5f, 0f, nanC);
            float[] want = p.scalar(1.5f, 0f);
            for (int i = 0; i < p.m; i++) for (int j = 0; j < p.n; j++) {
                int idx = p.cOff + i * p.ldc + j;
                assertTrue(Float.isFinite(got[idx]), "C[" + i + "][" + j + "]");
                assertEquals(want[idx], got[idx], 1e-3f);
            }
        }
    }

    @Test
    void nanAndInfInAPropagateToTheirRowsOnly() {
        SplittableRandom r = new SplittableRandom(9);
        for (boolean[] t : TRANS) {
            Problem p = new Problem(r, t[0], t[1], 30, 40, 20, true);
            int nanRow = 5, infRow = 13;
            int idxNan = p.ta ? p.aOff + 3 * p.lda + nanRow : p.aOff + nanRow * p.lda + 3;
            int idxInf = p.ta ? p.aOff + 7 * p.lda + infRow : p.aOff + infRow * p.lda + 7;
            p.a[idxNan] = Float.NaN;
            p.a[idxInf] = Float.POSITIVE_INFINITY;
            float[] got = p.vector(1f, 0.5f, p.c);
            for (int i = 0; i < p.m; i++) for (int j = 0; j < p.n; j++) {
                float v = got[p.cOff + i * p.ldc + j];
                if (i == nanRow) assertTrue(Float.isNaN(v), "NaN row, col " + j);
                else if (i == infRow) assertFalse(Float.isFinite(v), "Inf row, col " + j);
                else assertTrue(Float.isFinite(v), "row " + i + " col " + j);
            }
        }
    }

    @Test
    void alphaZeroDoesNotReadAOrB() {
        SplittableRandom r = new SplittableRandom(13);
        Problem p = new Problem(r, false, false, 20, 20, 20, false);
        Arrays.fill(p.a, Float.NaN);
        Arrays.fill(p.b, Float.NaN);
        float[] got = p.vector(0f, -2f, p.c);
        int inside = p.m * p.n; // unpadded: C occupies the first m·n entries, then 4 guard entries
        for (int i = 0; i < inside; i++) assertEquals(-2f * p.c[i], got[i]);
        for (int i = inside; i < got.length; i++) assertEquals(p.c[i], got[i], "guard");
        got = p.vector(0f, 0f, p.c);
        for (int i = 0; i < inside; i++) assertEquals(0f, got[i]);
    }

    @Test
    void kZeroScalesC() {
        SplittableRandom r = new SplittableRandom(17);
        for (boolean[] t : TRANS) {
            Problem p = new Problem(r, t[0], t[1], 9, 33, 0, true);
            float[] got = p.vector(1f, 0.5f, p.c);
            float[] want = p.scalar(1f, 0.5f);
            assertArrayEquals(want, got);
            float[] nanC = p.c.clone();
            for (int i = 0; i < p.m; i++) Arrays.fill(nanC, p.cOff + i * p.ldc, p.cOff + i * p.ldc + p.n, Float.NaN);
            got = p.vector(1f, 0f, nanC);
            for (int i = 0; i < p.m; i++) for (int j = 0; j < p.n; j++) assertEquals(0f, got[p.cOff + i * p.ldc + j]);
        }
    }

    @Test
    void emptyOutputIsANoOp() {
        float[] a = {Float.NaN, 1, 2}, b = {3, 4, Float.NaN}, c = {1, 2, 3};
        VectorGemm.gemm(false, false, 0, 3, 1, 1f, a, 0, 1, b, 0, 3, 0f, c, 0, 3);
        VectorGemm.gemm(false, false, 3, 0, 1, 1f, a, 0, 1, b, 0, 1, 0f, c, 0, 1);
        VectorGemm.syrk(false, 0, 3, 1f, a, 0, 3, 0f, c, 0, 1);
        assertArrayEquals(new float[] {1, 2, 3}, c);
    }

    @Test
    void syrkBothTrianglesBothTransposes() {
        SplittableRandom r = new SplittableRandom(21);
        int[][] shapes = {{1, 1}, {1, 5}, {17, 1}, {17, 33}, {100, 31}, {300, 100}, {40, 784}};
        for (int[] s : shapes) for (boolean trans : new boolean[] {false, true}) for (float[] ab : ALPHA_BETA) {
            int n = s[0], k = s[1];
            int rows = trans ? k : n, cols = trans ? n : k;
            int aOff = 3, lda = cols + 2, cOff = 4, ldc = n + 3;
            float[] a = random(r, aOff + rows * lda);
            float[] c = random(r, cOff + n * ldc);
            float[] want = c.clone();
            float[] got = c.clone();
            ScalarBlas.syrk(trans, n, k, ab[0], a, aOff, lda, ab[1], want, cOff, ldc);
            VectorGemm.syrk(trans, n, k, ab[0], a, aOff, lda, ab[1], got, cOff, ldc);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                int idx = cOff + i * ldc + j;
                int lo = cOff + Math.max(i, j) * ldc + Math.min(i, j);
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    float ai = trans ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float aj = trans ? a[aOff + p * lda + j] : a[aOff + j * lda + p];
                    mag += Math.abs((double) ai * aj);
                }
                double tol = C_TOL * EPS * ((k + 2) * Math.abs(ab[0]) * mag + Math.abs(ab[1] * c[lo])) + 1e-30;
                assertTrue(Math.abs(got[idx] - want[idx]) <= tol,
                        "syrk trans=" + trans + " n=" + n + " k=" + k + " C[" + i + "][" + j + "] = " + got[idx] + " want " + want[idx]);
                assertEquals(got[lo], got[idx], "symmetric");
            }
        }
    }

    @Test
    void syrkBetaZeroIgnoresNaN() {
        SplittableRandom r = new SplittableRandom(23);
        int n = 50, k = 20;
        float[] a = random(r, n * k);
        float[] c = new float[n * n];
        Arrays.fill(c, Float.NaN);
        VectorGemm.syrk(false, n, k, 1f, a, 0, k, 0f, c, 0, n);
        for (float v : c) assertTrue(Float.isFinite(v));
    }

    @Test
    void multiThreadedMatchesSingleThreaded() {
        int saved = Parallelism.threads();
        SplittableRandom r = new SplittableRandom(29);
        List<Problem> problems = new ArrayList<>();
        // All above VectorGemm.PARALLEL_FLOPS: split by columns, by rows (few column panels), with tails, all transposes.
        problems.add(new Problem(r, false, false, 300, 500, 200, true));
        problems.add(new Problem(r, true, true, 800, 40, 400, true));
        problems.add(new Problem(r, true, false, 784, 256, 100, false));
        problems.add(new Problem(r, false, true, 100, 784, 256, true));
        try {
            for (Problem p : problems) {
                Parallelism.setThreads(1);
                float[] one = p.vector(0.5f, -2f, p.c);
                for (int threads : new int[] {2, 3}) {
                    Parallelism.setThreads(threads);
                    float[] many = p.vector(0.5f, -2f, p.c);
                    assertArrayEquals(one, many, "threads=" + threads + " m=" + p.m + " n=" + p.n + " k=" + p.k);
                }
                p.check(0.5f, -2f);
            }
            assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("latentj-gemm-")),
                    "the products above are large enough to be split over the pool");
        } finally {
            Parallelism.setThreads(saved);
        }
    }
}
