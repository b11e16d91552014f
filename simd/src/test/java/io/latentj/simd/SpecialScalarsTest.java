package io.latentj.simd;

import io.latentj.bindings.OpenBlas;
import io.latentj.bindings.LoaderSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * NaN, ±∞, ±0, tiny and huge alpha and beta: random BLAS-like calls on every path this JVM has give what the scalar
 * reference gives — NaN exactly where it has NaN, the same infinities, finite values within rounding (sign of zero
 * aside) — and NaN in C does not leak through beta == 0. Also run in a child JVM on the system's OpenBLAS (Debian's
 * 0.3.21 scaled NaN by 0 and ignored NaN beta), where one is installed.
 */
class SpecialScalarsTest {
    static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            1e-30f, -1e-30f, Float.MIN_VALUE, 1e30f, -1e30f, 1f, -0.75f};
    private static final int[] DIMS = {0, 1, 2, 5, 17, 33};

    /** NaN meets NaN, an infinity the same infinity, a finite value a finite value within {@code tol}. */
    static boolean sameClass(float want, float got, float tol) {
        if (Float.isNaN(want) || Float.isNaN(got)) return Float.isNaN(want) && Float.isNaN(got);
        if (Float.isInfinite(want) || Float.isInfinite(got)) return want == got;
        return Math.abs(want - got) <= tol;
    }

    static List<Path> fastPaths() {
        List<Path> out = new ArrayList<>();
        for (Path p : new Path[] {Path.SIMD, Path.BLAS, Path.AUTO}) if (p.isAvailable()) out.add(p);
        return out;
    }

    private static float scalar(SplittableRandom rnd) {
        return rnd.nextInt(3) == 0 ? (float) (rnd.nextDouble() * 4 - 2) : SPECIAL[rnd.nextInt(SPECIAL.length)];
    }

    private static FMatrix withNaN(SplittableRandom rnd, FMatrix c) {
        if (c.size() > 0 && rnd.nextInt(3) == 0) c.set(rnd.nextInt(c.rows()), rnd.nextInt(c.cols()), Float.NaN);
        return c;
    }

    private static FMatrix copyView(FMatrix m) {
        return FMatrix.view(m.data().clone(), m.offset(), m.rows(), m.cols(), m.rowStride());
    }

    /**
     * Runs {@code call} on the scalar path and on every fast path, each time from the initial contents {@code init}
     * of {@code out}, and compares.
     */
    private static void agree(String what, float tol, float[] out, Consumer<Path> call) {
        float[] init = out.clone();
        call.accept(Path.SCALAR);
        float[] want = out.clone();
        float t = Float.isFinite(tol) ? tol : 0f;
        for (Path p : fastPaths()) {
            System.arraycopy(init, 0, out, 0, init.length);
            call.accept(p);
            for (int i = 0; i < want.length; i++) {
                if (!sameClass(want[i], out[i], t)) {
                    fail(what + " on " + p + " (" + OpenBlas.source().orElse("no OpenBLAS") + ") at " + i + ": scalar reference "
                            + want[i] + ", got " + out[i]);
                }
            }
        }
    }

    /** {@code calls} random calls with special scalars; throws {@link AssertionError} on the first disagreement. */
    static void check(long seed, int calls) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int call = 0; call < calls; call++) {
            int m = DIMS[rnd.nextInt(DIMS.length)], n = DIMS[rnd.nextInt(DIMS.length)], k = DIMS[rnd.nextInt(DIMS.length)];
            float alpha = scalar(rnd), beta = scalar(rnd);
            Trans ta = Trans.values()[rnd.nextInt(2)], tb = Trans.values()[rnd.nextInt(2)];
            // data in [-1, 1]: |sum| <= k, so 1e30 · k never overflows and a finite result is finite on every path
            float tol = (float) (2e-6 * (k + 2) * (Math.abs((double) alpha) * Math.max(k, 1) + Math.abs((double) beta) + 1));
            String s = " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta;
            switch (rnd.nextInt(8)) {
                case 0 -> {
                    FMatrix a = ta.transposed() ? TestData.matrix(rnd, k, m, true) : TestData.matrix(rnd, m, k, true);
                    FMatrix b = tb.transposed() ? TestData.matrix(rnd, n, k, true) : TestData.matrix(rnd, k, n, true);
                    FMatrix c = withNaN(rnd, TestData.matrix(rnd, m, n, true));
                    agree("gemm " + ta + tb + s, tol, c.data(), p -> Linalg.gemm(p, ta, tb, alpha, a, b, beta, c));
                }
                case 1 -> {
                    FMatrix a = TestData.matrix(rnd, m, n, true);
                    int in = ta.transposed() ? m : n, outLen = ta.transposed() ? n : m;
                    float[] x = TestData.vector(rnd, in, 1), y = TestData.vector(rnd, outLen, 1);
                    if (outLen > 0 && rnd.nextBoolean()) y[rnd.nextInt(outLen)] = Float.NaN;
                    agree("gemv " + ta + s, tol, y, p -> Linalg.gemv(p, ta, alpha, a, x, 0, beta, y, 0));
                }
                case 2 -> {
                    FMatrix a = TestData.matrix(rnd, m, n, true);
                    float[] x = TestData.vector(rnd, m, 1), y = TestData.vector(rnd, n, 1);
                    agree("ger" + s, (float) (4e-6 * (Math.abs((double) alpha) + 1)), a.data(), p -> Linalg.ger(p, alpha, x, 0, y, 0, a));
                }
                case 3 -> {
                    FMatrix a = ta.transposed() ? TestData.matrix(rnd, k, n, true) : TestData.matrix(rnd, n, k, true);
                    FMatrix c = withNaN(rnd, TestData.matrix(rnd, n, n, true));
                    agree("syrk " + ta + s, tol, c.data(), p -> Linalg.syrk(p, ta, alpha, a, beta, c));
                }
                case 4 -> {
                    float[] x = TestData.vector(rnd, n, 1), y = TestData.vector(rnd, n, 1);
                    agree("axpy" + s, (float) (4e-6 * (Math.abs((double) alpha) + 1)), y, p -> Linalg.axpy(p, n, alpha, x, 0, y, 0));
                }
                case 5 -> {
                    float[] x = TestData.vector(rnd, n + 1, 1);
                    if (rnd.nextBoolean()) x[rnd.nextInt(n + 1)] = rnd.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
                    agree("scal" + s, 0f, x, p -> Linalg.scal(p, n, alpha, x, 1));
                }
                case 6 -> {
                    FMatrix x = withNaN(rnd, TestData.matrix(rnd, m, n, true));
                    agree("scal matrix" + s, 0f, x.data(), p -> Linalg.scal(p, alpha, x));
                }
                default -> {
                    FMatrix a = TestData.matrix(rnd, m, k, true);
                    FMatrix b = tb.transposed() ? TestData.matrix(rnd, n, k, true) : TestData.matrix(rnd, k, n, true);
                    FMatrix c = withNaN(rnd, TestData.matrix(rnd, m, n, true));
                    agree("packed " + tb + s, tol, c.data(), p -> PackedMatrix.of(p, k, n).pack(tb, b).multiply(alpha, a, beta, c));
                }
            }
        }
    }

    @Test
    void specialScalarsAgreeWithTheScalarReferenceOnEveryPath() {
        check(20261207L, 4000);
    }

    @Test
    void theCasesOldOpenBlasBuildsGotWrong() {
        List<Path> paths = new ArrayList<>(fastPaths());
        paths.add(Path.SCALAR);
        for (Path p : paths) {
            float[] x = {1f, -2f, 0f, 3f};
            Linalg.scal(p, 4, Float.NaN, x, 0);
            for (float v : x) assertTrue(Float.isNaN(v), p + ": scal by NaN gave " + v);

            FMatrix a = FMatrix.wrap(new float[] {1f, 2f, 3f, -4f, 5f, 6f}, 2, 3);
            float[] y = {1f, 1f};
            Linalg.gemv(p, Trans.N, 1f, a, new float[] {1f, 1f, 1f}, 0, Float.NaN, y, 0);
            assertTrue(Float.isNaN(y[0]) && Float.isNaN(y[1]), p + ": gemv with beta = NaN gave finite values");

            FMatrix c = FMatrix.wrap(new float[] {1f, 1f, 1f, 1f}, 2, 2);
            Linalg.syrk(p, Trans.N, 1f, a, Float.NaN, c);
            for (float v : c.toArray()) assertTrue(Float.isNaN(v), p + ": syrk with beta = NaN gave " + v);

            // transposed gemv, alpha = ∞: ∞ · (the sum) is ±∞, never NaN (no ∞·0 term may be formed)
            float[] yt = {0f, 0f, 0f};
            Linalg.gemv(p, Trans.T, Float.POSITIVE_INFINITY, a, new float[] {1f, 0f}, 0, 0f, yt, 0);
            assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, yt, p.toString());
            Linalg.gemv(p, Trans.T, Float.NEGATIVE_INFINITY, a, new float[] {1f, 1f}, 0, 0f, yt, 0);
            assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, yt, p.toString());

            // beta == 0 overwrites C without reading it: NaN there does not propagate
            FMatrix cn = FMatrix.wrap(new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN}, 2, 2);
            Linalg.gemm(p, Trans.N, Trans.T, 1f, a, a, 0f, cn);
            assertArrayEquals(new float[] {14f, 24f, 24f, 77f}, cn.toArray(), p.toString());
        }
    }

    /** The same checks on the system's OpenBLAS, in a child JVM (two builds sharing a soname must not meet in one JVM). */
    @Test
    void systemOpenBlasAgreesToo() throws Exception {
        assumeTrue(LoaderSettings.KNOWN_SYSTEM_PATHS.stream().map(java.nio.file.Path::of).anyMatch(Files::isRegularFile),
                "no system OpenBLAS installed");
        ChildJvm.Result r = ChildJvm.run(SpecialScalarsTest.class, List.of("-Dlatentj.openblas=system", "-Dlatentj.auto.policy=builtin"));
        String out = r.output();
        assertEquals(0, r.exit(), out);
        assertTrue(out.contains("SPECIAL-OK") && out.contains("source=system"), out);
    }

    public static void main(String[] args) {
        if (!Path.BLAS.isAvailable()) {
            System.out.println("no OpenBLAS: " + OpenBlas.unavailableReason());
            System.exit(2);
        }
        check(20261207L, 4000);
        new SpecialScalarsTest().theCasesOldOpenBlasBuildsGotWrong();
        System.out.println("SPECIAL-OK source=" + OpenBlas.source().orElse("?") + " config=" + OpenBlas.config());
    }
}
