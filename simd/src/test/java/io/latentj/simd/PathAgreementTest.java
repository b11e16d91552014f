package io.latentj.simd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every public kernel, through the dispatcher, on every path this JVM has, against the scalar reference — over the
 * sizes the issue names (1, 3, 15, 16, 17, 31, 100, 500, 784), every transpose case, views with offsets and
 * padded rows. The path-specific tests next to each kernel go deeper; this one proves the wiring.
 *
 * <p>Tolerances, relative to the magnitude of the result: GEMM/GEMV/SYRK elements within
 * {@code 2·eps·(k+2)·(|A||B|)_ij} (the classic bound for a k-term float dot product, any summation order);
 * transcendental elementwise functions within 16 ulps of the reference; thresholds and ReLU bit-exact.
 */
class PathAgreementTest {
    private static final float EPS = Math.ulp(1f);
    private static final int[] SIZES = {1, 3, 15, 16, 17, 31, 100, 500, 784};

    static List<Path> fastPaths() {
        List<Path> paths = new ArrayList<>();
        for (Path p : new Path[] {Path.SIMD, Path.BLAS, Path.AUTO}) if (p.isAvailable()) paths.add(p);
        return paths;
    }

    @Test
    void onCiEveryPathIsAvailable() {
        // CI installs OpenBLAS and runs with the Vector API: a path that silently vanished would skip its checks.
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Path.SIMD.isAvailable(), "Vector API missing on CI");
            // the build's no-openblas run switches it off on purpose (TestConfigurationTest checks each run's state)
            if (!"none".equals(System.getProperty("latentj.test.expect.openblas", ""))) {
                assertTrue(Path.BLAS.isAvailable(), "OpenBLAS missing on CI: " + io.latentj.bindings.OpenBlas.unavailableReason());
            }
        }
        assertTrue(Path.SCALAR.isAvailable() && Path.AUTO.isAvailable());
    }

    static Stream<Arguments> gemmShapes() {
        List<Arguments> out = new ArrayList<>();
        int[] small = {1, 3, 16, 17, 31};
        for (int m : small) for (int n : small) for (int k : small) out.add(Arguments.of(m, n, k));
        int[][] big = {{100, 256, 784}, {500, 17, 784}, {31, 784, 100}, {784, 100, 3}, {15, 500, 16}, {100, 500, 784}, {16, 15, 500}};
        for (int[] s : big) out.add(Arguments.of(s[0], s[1], s[2]));
        return out.stream();
    }

    @ParameterizedTest(name = "gemm m={0} n={1} k={2}")
    @MethodSource("gemmShapes")
    void gemmAgreesWithScalar(int m, int n, int k) {
        SplittableRandom rnd = new SplittableRandom(31L * m + 17L * n + k);
        for (Trans ta : Trans.values()) {
            for (Trans tb : Trans.values()) {
                FMatrix a = ta == Trans.N ? TestData.matrix(rnd, m, k, true) : TestData.matrix(rnd, k, m, true);
                FMatrix b = tb == Trans.N ? TestData.matrix(rnd, k, n, true) : TestData.matrix(rnd, n, k, false);
                FMatrix c0 = TestData.matrix(rnd, m, n, true);
                float alpha = 0.75f, beta = -0.5f;
                FMatrix ref = c0.copy();
                Linalg.gemm(Path.SCALAR, ta, tb, alpha, a, b, beta, ref);
                FMatrix bound = FMatrix.zeros(m, n);
                Linalg.gemm(Path.SCALAR, ta, tb, Math.abs(alpha), abs(a), abs(b), 0f, bound);
                for (Path p : fastPaths()) {
                    FMatrix c = c0.copy();
                    Linalg.gemm(p, ta, tb, alpha, a, b, beta, c);
                    assertWithin(ref, c, bound, k, c0, beta, p + " gemm " + ta + tb + " " + m + "x" + n + "x" + k);
                }
            }
        }
    }

    @Test
    void gemmWithZeroBetaIgnoresNaNInC() {
        SplittableRandom rnd = new SplittableRandom(5);
        FMatrix a = TestData.matrix(rnd, 17, 31, false), b = TestData.matrix(rnd, 31, 19, false);
        for (Path p : allPaths()) {
            FMatrix c = FMatrix.zeros(17, 19);
            c.fill(Float.NaN);
            Linalg.gemm(p, Trans.N, Trans.N, 1f, a, b, 0f, c);
            for (float v : c.data()) assertTrue(Float.isFinite(v), p + ": NaN leaked from C with beta = 0");
        }
    }

    @Test
    void nanInAPropagatesToItsRowOnly() {
        SplittableRandom rnd = new SplittableRandom(6);
        FMatrix a = TestData.matrix(rnd, 20, 33, false), b = TestData.matrix(rnd, 33, 18, false);
        a.set(7, 4, Float.NaN);
        for (Path p : allPaths()) {
            FMatrix c = FMatrix.zeros(20, 18);
            Linalg.gemm(p, Trans.N, Trans.N, 1f, a, b, 0f, c);
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 18; j++) {
                    assertEquals(i == 7, Float.isNaN(c.get(i, j)), p + " element (" + i + "," + j + ")");
                }
            }
        }
    }

    static Stream<Arguments> gemvShapes() {
        List<Arguments> out = new ArrayList<>();
        for (int m : SIZES) for (int n : SIZES) out.add(Arguments.of(m, n));
        return out.stream();
    }

    @ParameterizedTest(name = "gemv/fused m={0} n={1}")
    @MethodSource("gemvShapes")
    void gemvAndFusedAgreeWithScalar(int m, int n) {
        SplittableRandom rnd = new SplittableRandom(1000L * m + n);
        FMatrix a = TestData.matrix(rnd, m, n, true);
        FMatrix absA = abs(a);
        for (Trans t : Trans.values()) {
            int in = t == Trans.N ? n : m, out = t == Trans.N ? m : n;
            float[] x = TestData.vector(rnd, in + 3, 1);
            float[] y0 = TestData.vector(rnd, out + 2, 1);
            float[] bias = TestData.vector(rnd, out, 1);
            float[] ref = y0.clone();
            Linalg.gemv(Path.SCALAR, t, 1.5f, a, x, 2, 0.25f, ref, 1);
            float[] absX = new float[x.length];
            for (int i = 0; i < x.length; i++) absX[i] = Math.abs(x[i]);
            float[] bound = new float[y0.length];
            Linalg.gemv(Path.SCALAR, t, 1.5f, absA, absX, 2, 0f, bound, 1);
            float[] sigRef = new float[out], thrRef = new float[out];
            Fused.sigmoidAffine(Path.SCALAR, t, a, x, 2, bias, 0, sigRef, 0);
            Fused.softThresholdAffine(Path.SCALAR, t, a, x, 2, 0.3f, thrRef, 0);
            for (Path p : fastPaths()) {
                float[] y = y0.clone();
                Linalg.gemv(p, t, 1.5f, a, x, 2, 0.25f, y, 1);
                for (int i = 1; i <= out; i++) {
                    double tol = 2 * EPS * (in + 2) * (bound[i] + 0.25 * Math.abs(y0[i])) + 1e-30;
                    assertTrue(Math.abs(ref[i] - y[i]) <= tol, p + " gemv " + t + " " + m + "x" + n + " y[" + i + "]: "
                            + ref[i] + " vs " + y[i] + " (tolerance " + tol + ")");
                }
                assertEquals(y0[0], y[0], "gemv wrote before its offset");
                float[] sig = new float[out], thr = new float[out];
                Fused.sigmoidAffine(p, t, a, x, 2, bias, 0, sig, 0);
                Fused.softThresholdAffine(p, t, a, x, 2, 0.3f, thr, 0);
                for (int i = 0; i < out; i++) {
                    double tol = 2 * EPS * (in + 2) * bound[i + 1] / 1.5 + 32 * EPS;
                    assertEquals(sigRef[i], sig[i], tol, p + " sigmoidAffine " + t + " [" + i + "]");
                    assertEquals(thrRef[i], thr[i], tol, p + " softThresholdAffine " + t + " [" + i + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "level1 n={0}")
    @MethodSource("level1Sizes")
    void level1AndSumsAgreeWithScalar(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        float[] x = TestData.vector(rnd, n + 4, 3), y0 = TestData.vector(rnd, n + 4, 3);
        double absDot = 0;
        for (int i = 0; i < n; i++) absDot += Math.abs(x[i + 1] * y0[i + 2]);
        float dotRef = Linalg.dot(Path.SCALAR, n, x, 1, y0, 2);
        float nrmRef = Linalg.nrm2(Path.SCALAR, n, x, 1);
        float[] axpyRef = y0.clone(), scalRef = x.clone();
        Linalg.axpy(Path.SCALAR, n, -0.7f, x, 1, axpyRef, 2);
        Linalg.scal(Path.SCALAR, n, 1.3f, scalRef, 1);
        FMatrix a = TestData.matrix(rnd, 7, n, true);
        FMatrix g0 = TestData.matrix(rnd, 5, n, false);
        float[] rs = new float[7], cs = new float[n];
        Linalg.rowSums(Path.SCALAR, a, rs, 0);
        Linalg.colSums(Path.SCALAR, a, cs, 0);
        FMatrix gRef = g0.copy();
        Linalg.ger(Path.SCALAR, 0.5f, x, 0, y0, 1, gRef);
        for (Path p : fastPaths()) {
            assertEquals(dotRef, Linalg.dot(p, n, x, 1, y0, 2), 2 * EPS * (n + 2) * absDot, p + " dot");
            assertEquals(nrmRef, Linalg.nrm2(p, n, x, 1), 4 * EPS * nrmRef, p + " nrm2");
            float[] ax = y0.clone(), sc = x.clone();
            Linalg.axpy(p, n, -0.7f, x, 1, ax, 2);
            Linalg.scal(p, n, 1.3f, sc, 1);
            assertTrue(TestData.relErr(axpyRef, ax, 1) <= 4 * 3 * EPS, p + " axpy");
            assertTrue(TestData.relErr(scalRef, sc, 1) <= 4 * 3 * EPS, p + " scal");
            float[] r2 = new float[7], c2 = new float[n];
            Linalg.rowSums(p, a, r2, 0);
            Linalg.colSums(p, a, c2, 0);
            assertTrue(TestData.relErr(rs, r2, 1) <= 2 * EPS * (n + 2), p + " rowSums");
            assertTrue(TestData.relErr(cs, c2, 1) <= 2 * EPS * 9, p + " colSums");
            FMatrix g = g0.copy();
            Linalg.ger(p, 0.5f, x, 0, y0, 1, g);
            assertTrue(TestData.relErr(gRef.data(), g.data(), 1) <= 4 * 9 * EPS, p + " ger");
        }
    }

    static Stream<Integer> level1Sizes() {
        return Stream.of(1, 3, 15, 16, 17, 31, 100, 500, 784, 4099);
    }

    @ParameterizedTest(name = "reductions n={0}")
    @MethodSource("level1Sizes")
    void squaredDistanceAndRangeScanAgreeWithScalar(int n) {
        SplittableRandom rnd = new SplittableRandom(50 + n);
        FMatrix a = TestData.matrix(rnd, 5, n, true), b = TestData.matrix(rnd, 5, n, true);
        double ref = Linalg.squaredDistance(Path.SCALAR, a, b);
        float[] x = TestData.vector(rnd, n + 1, 1);
        for (Path p : fastPaths()) {
            assertEquals(ref, Linalg.squaredDistance(p, a, b), 4 * EPS * (n + 2) * ref, p + " squaredDistance");
            assertEquals(-1, Elementwise.firstOutside(p, -1f, 1f, x, 1, n), p + " all inside");
            for (int at : new int[] {0, n / 2, n - 1}) {
                for (float bad : new float[] {Float.NaN, 1.5f, -2f, Float.NEGATIVE_INFINITY}) {
                    float[] y = x.clone();
                    y[1 + at] = bad;
                    assertEquals(at, Elementwise.firstOutside(p, -1f, 1f, y, 1, n), p + " " + bad + " at " + at);
                    assertEquals(Elementwise.firstOutside(Path.SCALAR, -1f, 1f, y, 1, n), Elementwise.firstOutside(p, -1f, 1f, y, 1, n));
                }
            }
            FMatrix scRef = FMatrix.zeros(5, n), scGot = FMatrix.zeros(5, n);
            Elementwise.scaleColumns(Path.SCALAR, a, x, 1, scRef);
            Elementwise.scaleColumns(p, a, x, 1, scGot);
            assertArrayEquals(scRef.data(), scGot.data(), p + " scaleColumns (exact)");
            float[] cdRef = new float[n], cdGot = new float[n];
            Linalg.colDots(Path.SCALAR, a, b, cdRef, 0);
            Linalg.colDots(p, a, b, cdGot, 0);
            assertTrue(TestData.relErr(cdRef, cdGot, 1) <= 2 * EPS * 7, p + " colDots");
            float[] sh = TestData.vector(rnd, n + 2, 1), afRef = new float[n + 3], afGot = new float[n + 3];
            Elementwise.affine(Path.SCALAR, a.data(), 1, x, 1, sh, 2, afRef, 3, n);
            Elementwise.affine(p, a.data(), 1, x, 1, sh, 2, afGot, 3, n);
            assertArrayEquals(afRef, afGot, p + " affine (exact: both fused)");
            float[] biRef = new float[n], biGot = new float[n];
            Elementwise.binarize(Path.SCALAR, 0.1f, x, 1, biRef, 0, n);
            Elementwise.binarize(p, 0.1f, x, 1, biGot, 0, n);
            assertArrayEquals(biRef, biGot, p + " binarize");
            for (int i = 0; i < n; i++) assertEquals(x[1 + i] > 0.1f ? 1f : 0f, biRef[i]);
            float[] clRef = new float[n], clGot = new float[n];
            Elementwise.clamp(Path.SCALAR, -0.3f, 0.2f, x, 1, clRef, 0, n);
            Elementwise.clamp(p, -0.3f, 0.2f, x, 1, clGot, 0, n);
            assertArrayEquals(clRef, clGot, p + " clamp");
            for (int i = 0; i < n; i++) assertEquals(Math.min(Math.max(x[1 + i], -0.3f), 0.2f), clRef[i]);
            float[] tail = x.clone();
            tail[n] = Float.NaN; // just past the range: must not be seen
            assertEquals(-1, Elementwise.firstOutside(p, -1f, 1f, tail, 0, n), p + " read past the range");
        }
    }

    @ParameterizedTest(name = "momentum n={0}")
    @MethodSource("level1Sizes")
    void momentumUpdateIsBitIdenticalToScalar(int n) {
        SplittableRandom rnd = new SplittableRandom(90 + n);
        float[] g = TestData.vector(rnd, n + 1, 1), v0 = TestData.vector(rnd, n + 2, 1), w0 = TestData.vector(rnd, n + 3, 1);
        float[] vRef = v0.clone(), wRef = w0.clone();
        Updates.momentum(Path.SCALAR, n, 0.9f, 0.05f, 1e-3f, g, 1, vRef, 2, wRef, 3);
        for (int i = 0; i < n; i++) {
            float v = 0.9f * v0[2 + i] + 0.05f * (g[1 + i] - 1e-3f * w0[3 + i]);
            assertEquals(v, vRef[2 + i], "reference velocity " + i);
            assertEquals(w0[3 + i] + v, wRef[3 + i], "reference weight " + i);
        }
        assertEquals(v0[0], vRef[0]);
        assertEquals(w0[2], wRef[2]);
        for (Path p : fastPaths()) {
            float[] v = v0.clone(), w = w0.clone();
            Updates.momentum(p, n, 0.9f, 0.05f, 1e-3f, g, 1, v, 2, w, 3);
            assertArrayEquals(vRef, v, p + " velocity");
            assertArrayEquals(wRef, w, p + " weights");
        }
        assertThrows(IllegalArgumentException.class, () -> Updates.momentum(Path.AUTO, n, 0.9f, 0.1f, 0f, g, 0, g, 0, w0, 0));
    }

    @Test
    void syrkAgreesWithScalarAndIsSymmetric() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int[] s : new int[][] {{1, 1}, {3, 17}, {17, 3}, {31, 100}, {100, 784}, {50, 16}}) {
            int n = s[0], k = s[1];
            for (Trans t : Trans.values()) {
                FMatrix a = t == Trans.N ? TestData.matrix(rnd, n, k, true) : TestData.matrix(rnd, k, n, true);
                FMatrix c0 = TestData.matrix(rnd, n, n, false);
                FMatrix ref = c0.copy();
                Linalg.syrk(Path.SCALAR, t, 0.5f, a, 0f, ref);
                for (Path p : fastPaths()) {
                    FMatrix c = c0.copy();
                    Linalg.syrk(p, t, 0.5f, a, 0f, c);
                    assertTrue(TestData.relErr(ref.data(), c.data(), 3.0 * k) <= 2 * EPS * (k + 2), p + " syrk " + t + " " + n + "x" + k);
                    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) assertEquals(c.get(i, j), c.get(j, i), p + " syrk symmetry");
                }
            }
        }
    }

    @ParameterizedTest(name = "elementwise n={0}")
    @MethodSource("level1Sizes")
    void elementwiseAgreesWithScalar(int n) {
        SplittableRandom rnd = new SplittableRandom(77 + n);
        float[] x = TestData.vector(rnd, n + 2, 12);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 88.8f, -104f, 1e-30f, 1000f, -1000f};
        for (int i = 0; i < Math.min(n, special.length); i++) x[1 + (i * 7919) % n] = special[i];
        float[] pos = new float[x.length];
        for (int i = 0; i < x.length; i++) pos[i] = Math.abs(x[i]) + 1e-3f;
        for (Path p : fastPaths()) {
            check(n, "sigmoid", 16, x, (pp, in, out) -> Elementwise.sigmoid(pp, in, 1, out, 0, n), p);
            check(n, "tanh", 16, x, (pp, in, out) -> Elementwise.tanh(pp, in, 1, out, 0, n), p);
            check(n, "softplus", 16, x, (pp, in, out) -> Elementwise.softplus(pp, in, 1, out, 0, n), p);
            check(n, "exp", 16, x, (pp, in, out) -> Elementwise.exp(pp, in, 1, out, 0, n), p);
            check(n, "log", 16, pos, (pp, in, out) -> Elementwise.log(pp, in, 1, out, 0, n), p);
            check(n, "relu", 0, x, (pp, in, out) -> Elementwise.relu(pp, in, 1, out, 0, n), p);
            check(n, "softThreshold", 0, x, (pp, in, out) -> Elementwise.softThreshold(pp, 0.5f, in, 1, out, 0, n), p);
            check(n, "shrink", 0, x, (pp, in, out) -> Elementwise.shrink(pp, 0.5f, in, 1, out, 0, n), p);
        }
    }

    @Test
    void softmaxAndLogSumExpAgreeWithScalar() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int cols : new int[] {1, 3, 16, 17, 100, 784}) {
            FMatrix a = TestData.matrix(rnd, 9, cols, true);
            Linalg.scal(Path.SCALAR, 40f, a);
            a.set(2, 0, 1e30f);
            FMatrix ref = FMatrix.zeros(9, cols);
            float[] lseRef = new float[9];
            Elementwise.softmaxRows(Path.SCALAR, a, ref);
            Elementwise.logSumExpRows(Path.SCALAR, a, lseRef, 0);
            for (Path p : fastPaths()) {
                FMatrix o = FMatrix.zeros(9, cols);
                float[] lse = new float[9];
                Elementwise.softmaxRows(p, a, o);
                Elementwise.logSumExpRows(p, a, lse, 0);
                assertTrue(TestData.relErr(ref.data(), o.data(), 1) <= 32 * EPS, p + " softmax " + cols);
                for (int i = 0; i < 9; i++) {
                    assertEquals(lseRef[i], lse[i], 32 * EPS * Math.max(1, Math.abs(lseRef[i])), p + " logSumExp row " + i);
                }
            }
        }
    }

    private interface Op {
        void apply(Path p, float[] in, float[] out);
    }

    private static void check(int n, String name, int ulps, float[] x, Op op, Path p) {
        float[] ref = new float[n], got = new float[n];
        op.apply(Path.SCALAR, x, ref);
        op.apply(p, x, got);
        for (int i = 0; i < n; i++) {
            float r = ref[i], g = got[i];
            if (Float.isNaN(r) || Float.isInfinite(r) || Float.isNaN(g) || Float.isInfinite(g)) {
                assertEquals(r, g, p + " " + name + "(" + x[i + 1] + ")");
            } else {
                double tol = ulps * Math.ulp(Math.max(Math.abs(r), Float.MIN_NORMAL));
                assertEquals(r, g, tol, p + " " + name + "(" + x[i + 1] + ") at " + i);
            }
        }
    }

    private static List<Path> allPaths() {
        List<Path> l = new ArrayList<>(fastPaths());
        l.add(Path.SCALAR);
        return l;
    }

    private static FMatrix abs(FMatrix m) {
        FMatrix r = FMatrix.zeros(m.rows(), m.cols());
        for (int i = 0; i < m.rows(); i++) for (int j = 0; j < m.cols(); j++) r.set(i, j, Math.abs(m.get(i, j)));
        return r;
    }

    private static void assertWithin(FMatrix ref, FMatrix got, FMatrix bound, int k, FMatrix c0, float beta, String what) {
        for (int i = 0; i < ref.rows(); i++) {
            for (int j = 0; j < ref.cols(); j++) {
                double tol = 2 * EPS * (k + 2) * (bound.get(i, j) + Math.abs(beta * c0.get(i, j))) + 1e-30;
                float r = ref.get(i, j), g = got.get(i, j);
                if (!(Math.abs(r - g) <= tol)) fail(what + " at (" + i + "," + j + "): " + r + " vs " + g + ", tolerance " + tol);
            }
        }
    }
}
