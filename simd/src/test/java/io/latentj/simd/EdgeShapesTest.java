package io.latentj.simd;

import io.latentj.simd.vector.VectorGemm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Shapes at the edges: sizes whose element count does not fit a Java array (refused with an
 * {@link IllegalArgumentException} that names the shape and the limit, never a hang or an exception from deep inside),
 * and matrices with no rows or no columns, valid for every {@link FMatrix} operation and every BLAS-like kernel on
 * every path, where they do what BLAS defines (k = 0: C = beta·C; an empty output: nothing).
 */
class EdgeShapesTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    static List<Path> paths() {
        List<Path> out = new ArrayList<>();
        for (Path p : Path.values()) if (p.isAvailable()) out.add(p);
        return out;
    }

    private static void refused(String shape, Runnable r) {
        IllegalArgumentException e = assertTimeoutPreemptively(SOON, () -> assertThrows(IllegalArgumentException.class, r::run));
        assertTrue(e.getMessage().contains(shape), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(FMatrix.MAX_ELEMENTS)), e.getMessage());
    }

    @Test
    void packedMatricesTooLargeForAnArrayAreRefused() {
        int max = Integer.MAX_VALUE;
        for (Path p : Path.values()) {
            refused("1x" + max, () -> PackedMatrix.of(p, 1, max));
            refused(max + "x1", () -> PackedMatrix.of(p, max, 1));
            refused("50000x50000", () -> PackedMatrix.of(p, 50000, 50000));
            refused(max + "x" + max, () -> PackedMatrix.of(p, max, max));
            refused("2x" + (max - 9), () -> PackedMatrix.of(p, 2, max - 9));
            // an empty dimension holds nothing, however large the other
            assertEquals(max, PackedMatrix.of(p, 0, max).cols());
            assertEquals(max, PackedMatrix.of(p, max, 0).rows());
        }
        refused("50000x50000", () -> FMatrix.zeros(50000, 50000));
        refused("1x" + max, () -> FMatrix.zeros(1, max));
        assertEquals(0, FMatrix.zeros(max, 0).size());
    }

    @Test
    void packedSizeIsTheSumOfItsBlocks() {
        for (int k : new int[] {1, 7, 513}) {
            for (int n = 0; n < 5000; n += 37) {
                long want = 0;
                int nr = 2 * jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
                int nc = Math.max(nr, Integer.getInteger("latentj.gemm.nc", 2048) / nr * nr);
                for (int jc = 0; jc < n; jc += nc) want += (long) ((Math.min(nc, n - jc) + nr - 1) / nr * nr) * k;
                assertEquals(want, VectorGemm.packedSize(k, n), "k=" + k + " n=" + n);
            }
        }
        assertTrue(VectorGemm.packedSize(Integer.MAX_VALUE, Integer.MAX_VALUE) > Integer.MAX_VALUE);
        assertTrue(VectorGemm.packedSize(1, Integer.MAX_VALUE) >= Integer.MAX_VALUE);
    }

    /** r×0 and 0×c matrices: empty arrays, views at the end of an array, column and row ranges of nothing. */
    static List<FMatrix> empties(int r, int c) {
        List<FMatrix> out = new ArrayList<>();
        out.add(FMatrix.zeros(r, c));
        out.add(FMatrix.wrap(new float[0], r, c));
        float[] d = new float[12];
        Arrays.fill(d, 7f);
        if (c == 0) {
            out.add(FMatrix.view(d, 12, r, 0, 5));
            if (r <= 4) out.add(FMatrix.view(d, 0, 4, 3, 3).colRange(3, 3).rowRange(0, r));
        } else if (c <= 4) {
            out.add(FMatrix.view(d, 12, 0, c, 4));
            out.add(FMatrix.view(d, 0, 3, 4, 4).rowRange(3, 3).colRange(4 - c, 4));
        }
        return out;
    }

    @Test
    void emptyMatricesSupportEveryFMatrixOperation() {
        for (int[] s : new int[][] {{5, 0}, {0, 4}, {0, 0}, {1, 0}, {3, 0}}) {
            for (FMatrix m : empties(s[0], s[1])) {
                String what = m + " at " + m.offset() + " of " + m.data().length;
                assertEquals(s[0], m.rows(), what);
                assertEquals(s[1], m.cols(), what);
                assertTrue(m.offset() >= 0 && m.offset() <= m.data().length, what);
                assertEquals(0, m.toArray().length, what);
                FMatrix copy = m.copy();
                assertEquals(m.shape(), copy.shape(), what);
                m.fill(3f);
                m.copyFrom(copy);
                copy.copyFrom(m);
                m.fillRows(new float[s[1]], 0);
                m.fillRows(new float[s[1] + 2], 2);
                for (int r = 0; r < m.rows(); r++) {
                    assertTrue(m.rowOffset(r) <= m.data().length, what);
                    assertEquals(0, m.row(r).size());
                }
                assertEquals(0, m.rowRange(0, m.rows()).size());
                assertEquals(0, m.colRange(0, m.cols()).size());
                for (float v : m.data()) assertTrue(v == 0f || v == 7f, what + " wrote " + v);
                for (Path p : paths()) {
                    Elementwise.requireFinite(p, "x", m);
                    Linalg.scal(p, Float.NaN, m);
                    Elementwise.sigmoid(p, m, FMatrix.zeros(s[0], s[1]));
                    assertEquals(0, Linalg.squaredDistance(p, m, copy), what);
                }
                for (float v : m.data()) assertTrue(v == 0f || v == 7f, what + " wrote " + v);
            }
        }
    }

    /** The same call on every path must leave the same outputs as on the scalar path. */
    private static void agree(String what, Consumer<Path> call, Consumer<Path> reset, float[] out) {
        reset.accept(Path.SCALAR);
        call.accept(Path.SCALAR);
        float[] want = out.clone();
        for (Path p : paths()) {
            reset.accept(p);
            call.accept(p);
            for (int i = 0; i < want.length; i++) {
                assertTrue(SpecialScalarsTest.sameClass(want[i], out[i], 1e-6f * (1 + Math.abs(want[i]))),
                        what + " on " + p + " at " + i + ": want " + want[i] + ", got " + out[i]);
            }
        }
    }

    @Test
    void emptyProductsDoWhatBlasDefinesOnEveryPath() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] dims = {0, 1, 3, 17};
        float[][] scalars = {{0.7f, 0.5f}, {1f, 0f}, {-2f, 1f}, {0f, 3f}};
        for (int m : dims) for (int n : dims) for (int k : dims) {
            if (m * n * k != 0) continue;
            for (float[] ab : scalars) {
                float alpha = ab[0], beta = ab[1];
                for (Trans ta : Trans.values()) for (Trans tb : Trans.values()) {
                    FMatrix a = ta.transposed() ? TestData.matrix(rnd, k, m, true) : TestData.matrix(rnd, m, k, k > 0);
                    FMatrix b = tb.transposed() ? TestData.matrix(rnd, n, k, true) : TestData.matrix(rnd, k, n, n > 0);
                    FMatrix c0 = TestData.matrix(rnd, m, n, true);
                    FMatrix c = FMatrix.view(c0.data().clone(), c0.offset(), m, n, c0.rowStride());
                    String what = "gemm " + m + "x" + n + "x" + k + " " + ta + tb + " alpha=" + alpha + " beta=" + beta;
                    agree(what, p -> Linalg.gemm(p, ta, tb, alpha, a, b, beta, c),
                            p -> System.arraycopy(c0.data(), 0, c.data(), 0, c0.data().length), c.data());
                    if (k == 0 && m > 0 && n > 0) { // C = beta·C exactly
                        System.arraycopy(c0.data(), 0, c.data(), 0, c0.data().length);
                        Linalg.gemm(Path.SCALAR, ta, tb, alpha, a, b, beta, c);
                        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) assertEquals(beta * c0.get(i, j) + 0f, c.get(i, j), what);
                    }
                }
                // packed products: B is k x n
                FMatrix a = TestData.matrix(rnd, m, k, true);
                FMatrix b = TestData.matrix(rnd, k, n, true);
                FMatrix c0 = TestData.matrix(rnd, m, n, true);
                FMatrix c = FMatrix.view(c0.data().clone(), c0.offset(), m, n, c0.rowStride());
                agree("packed " + m + "x" + n + "x" + k, p -> PackedMatrix.of(p, k, n).pack(Trans.N, b).multiply(alpha, a, beta, c),
                        p -> System.arraycopy(c0.data(), 0, c.data(), 0, c0.data().length), c.data());
                // gemv, ger, syrk on A m x n (with n or m possibly 0)
                FMatrix am = TestData.matrix(rnd, m, n, true);
                for (Trans t : Trans.values()) {
                    int in = t.transposed() ? m : n, outLen = t.transposed() ? n : m;
                    float[] x = TestData.vector(rnd, in + 2, 1);
                    float[] y0 = TestData.vector(rnd, outLen + 3, 1);
                    float[] y = y0.clone();
                    agree("gemv " + m + "x" + n + " " + t, p -> Linalg.gemv(p, t, alpha, am, x, 2, beta, y, 1),
                            p -> System.arraycopy(y0, 0, y, 0, y0.length), y);
                    int sz = t.transposed() ? n : m;
                    FMatrix s0 = TestData.matrix(rnd, sz, sz, true);
                    FMatrix sc = FMatrix.view(s0.data().clone(), s0.offset(), sz, sz, s0.rowStride());
                    agree("syrk " + m + "x" + n + " " + t, p -> Linalg.syrk(p, t, alpha, am, beta, sc),
                            p -> System.arraycopy(s0.data(), 0, sc.data(), 0, s0.data().length), sc.data());
                }
                float[] x = TestData.vector(rnd, m, 1), yv = TestData.vector(rnd, n, 1);
                FMatrix g = FMatrix.view(am.data().clone(), am.offset(), m, n, am.rowStride());
                agree("ger " + m + "x" + n, p -> Linalg.ger(p, alpha, x, 0, yv, 0, g),
                        p -> System.arraycopy(am.data(), 0, g.data(), 0, am.data().length), g.data());
                float[] sums = new float[m + n + 2];
                agree("rowSums/colSums " + m + "x" + n, p -> {
                    Linalg.rowSums(p, am, sums, 0);
                    Linalg.colSums(p, am, sums, m);
                }, p -> Arrays.fill(sums, 5f), sums);
                agree("colDots " + m + "x" + n, p -> Linalg.colDots(p, am, am, sums, 1), p -> Arrays.fill(sums, 5f), sums);
            }
        }
    }

    @Test
    void gemmWithNoDepthScalesC() {
        for (Path p : paths()) {
            FMatrix a = FMatrix.zeros(3, 0), b = FMatrix.zeros(0, 4);
            FMatrix c = FMatrix.zeros(3, 4);
            c.fill(2f);
            c.set(1, 1, Float.NaN);
            Linalg.gemm(p, Trans.N, Trans.N, 1f, a, b, 0.5f, c);
            assertEquals(1f, c.get(0, 0), p.toString());
            assertTrue(Float.isNaN(c.get(1, 1)), p.toString());
            Linalg.gemm(p, Trans.N, Trans.N, 1f, a, b, 0f, c); // beta == 0: C overwritten, NaN gone
            for (float v : c.toArray()) assertEquals(0f, v, p.toString());
            float[] y = {2f, Float.NaN, -4f};
            Linalg.gemv(p, Trans.N, 1f, a, new float[0], 0, 0.5f, y, 0);
            assertArrayEquals(new float[] {1f, Float.NaN, -2f}, y, p.toString());
            y[1] = Float.NaN;
            Linalg.gemv(p, Trans.T, 1f, FMatrix.zeros(0, 3), new float[0], 0, 0f, y, 0);
            assertArrayEquals(new float[] {0f, 0f, 0f}, y, p.toString());
        }
    }

    /** Runs {@code call} (which fills and returns its outputs) on every path and compares with the scalar path's. */
    private static void sameOnEveryPath(String what, java.util.function.Function<Path, float[]> call) {
        float[] want;
        try {
            want = call.apply(Path.SCALAR);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " on SCALAR threw " + e, e);
        }
        for (Path p : paths()) {
            float[] got;
            try {
                got = call.apply(p);
            } catch (RuntimeException e) {
                throw new AssertionError(what + " on " + p + " threw " + e, e);
            }
            assertEquals(want.length, got.length, what);
            for (int i = 0; i < want.length; i++) {
                assertTrue(SpecialScalarsTest.sameClass(want[i], got[i], 1e-5f * (1 + Math.abs(want[i]))),
                        what + " on " + p + " at " + i + ": want " + want[i] + ", got " + got[i]);
            }
        }
    }

    @Test
    void emptyMatricesOnTheOtherFacades() {
        for (int[] s : new int[][] {{3, 0}, {0, 4}, {0, 0}, {1, 0}}) {
            int r = s[0], c = s[1];
            for (FMatrix x : empties(r, c)) {
                String sh = " " + x + " at " + x.offset() + " of " + x.data().length;
                sameOnEveryPath("sigmoid/tanh/softplus/relu/exp/log" + sh, p -> {
                    FMatrix o = FMatrix.zeros(r, c);
                    Elementwise.sigmoid(p, x, o);
                    Elementwise.tanh(p, x, o);
                    Elementwise.softplus(p, x, o);
                    Elementwise.relu(p, x, o);
                    Elementwise.exp(p, x, o);
                    Elementwise.log(p, x, o);
                    Elementwise.softThreshold(p, 0.1f, x, o);
                    Elementwise.shrink(p, 0.1f, x, o);
                    Elementwise.softmaxRows(p, x, o);
                    Elementwise.scaleColumns(p, x, new float[c], 0, o);
                    Elementwise.requireWithin(p, "x", x, -1f, 1f);
                    return o.toArray();
                });
                sameOnEveryPath("logSumExpRows" + sh, p -> {
                    float[] o = new float[r + 1];
                    Elementwise.logSumExpRows(p, x, o, 1);
                    return o;
                });
                sameOnEveryPath("derivatives" + sh, p -> {
                    FMatrix o = FMatrix.zeros(r, c);
                    Derivatives.sigmoid(p, x, x, o);
                    Derivatives.tanh(p, x, x, o);
                    Derivatives.relu(p, x, x, o);
                    Derivatives.softmaxRows(p, x, x, o);
                    return o.toArray();
                });
                sameOnEveryPath("losses" + sh, p -> {
                    FMatrix o = FMatrix.zeros(r, c);
                    double l1 = Losses.squaredErrorSigmoid(p, x, x, 1f, o);
                    double l2 = Losses.sigmoidCrossEntropy(p, x, x, 1f, o);
                    return new float[] {(float) l1, (float) l2};
                });
                if (c == 0 && r > 0) { // an arg-max over no columns has no answer: refused alike on every path
                    for (Path p : paths()) {
                        assertThrows(IllegalArgumentException.class, () -> Argmax.rows(p, x, null, 0, new int[r], 0, null, 0), p + sh);
                    }
                } else sameOnEveryPath("argmax" + sh, p -> {
                    int[] idx = new int[r + 1];
                    float[] max = new float[r + 1];
                    java.util.Arrays.fill(idx, -7);
                    Argmax.rows(p, x, c == 0 ? null : new float[c], 0, idx, 0, max, 0);
                    float[] out = new float[2 * r + 2];
                    for (int i = 0; i <= r; i++) { out[i] = idx[i]; out[r + 1 + i] = max[i]; }
                    return out;
                });
                sameOnEveryPath("rowDots" + sh, p -> {
                    FMatrix o = FMatrix.zeros(r, 5);
                    o.fill(9f);
                    RowDots.of(p, x, FMatrix.zeros(5, c), o);
                    FMatrix o2 = FMatrix.zeros(r, r);
                    RowDots.of(p, x, x, o2);
                    float[] a = o.toArray(), b = o2.toArray();
                    float[] all = java.util.Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, all, a.length, b.length);
                    return all;
                });
                sameOnEveryPath("fused" + sh, p -> {
                    float[] y = new float[Math.max(r, c) + 1];
                    java.util.Arrays.fill(y, 9f);
                    Fused.sigmoidAffine(p, Trans.N, x, new float[c], 0, new float[r], 0, y, 0);
                    Fused.softThresholdAffine(p, Trans.T, x, new float[r], 0, 0.1f, y, 1);
                    return y;
                });
                sameOnEveryPath("sampling" + sh, p -> {
                    FMatrix o = FMatrix.zeros(r, c);
                    Sampling.uniform(p, Rng.of(1), o);
                    Sampling.bernoulli(p, Rng.of(1), x, o);
                    Sampling.gaussian(p, Rng.of(1), 0f, 1f, o);
                    return o.toArray();
                });
                sameOnEveryPath("scatter" + sh, p -> {
                    FMatrix sc = FMatrix.zeros(c, c);
                    double[] sums = new double[c + 1];
                    Scatter.shifted(p, x, new float[c], 0, sc, sums, 1);
                    float[] out = java.util.Arrays.copyOf(sc.toArray(), c * c + c + 1);
                    for (int i = 0; i <= c; i++) out[c * c + i] = (float) sums[i];
                    return out;
                });
            }
        }
    }
}
