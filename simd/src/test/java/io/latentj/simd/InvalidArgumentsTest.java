package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Thousands of random argument combinations, most of them wrong (mismatched shapes, offsets and lengths past the
 * array, negative lengths, nulls, outputs overlapping inputs), on every path including BLAS: each wrong one must be an
 * {@link IllegalArgumentException} before any kernel runs, each right one must run. The expected verdict comes
 * from an oracle written from the API's contract, independently of {@link Checks}.
 */
class InvalidArgumentsTest {
    private static final int CASES = 4000;

    private static List<Path> paths() {
        List<Path> l = new ArrayList<>();
        for (Path p : Path.values()) if (p.isAvailable()) l.add(p);
        return l;
    }

    private static int pick(SplittableRandom r, int... options) {
        return options[r.nextInt(options.length)];
    }

    @Test
    void gemmShapeMismatchesAreRefused() {
        SplittableRandom r = new SplittableRandom(1);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            int m = pick(r, 0, 1, 3, 17), n = pick(r, 0, 1, 3, 17), k = pick(r, 0, 1, 3, 17);
            Trans ta = r.nextBoolean() ? Trans.N : Trans.T, tb = r.nextBoolean() ? Trans.N : Trans.T;
            // perturb one dimension of one operand half of the time
            int[] d = {m, k, k, n, m, n};
            if (r.nextBoolean()) d[r.nextInt(6)] += 1 + r.nextInt(2);
            FMatrix a = ta == Trans.N ? FMatrix.zeros(d[0], d[1]) : FMatrix.zeros(d[1], d[0]);
            FMatrix b = tb == Trans.N ? FMatrix.zeros(d[2], d[3]) : FMatrix.zeros(d[3], d[2]);
            FMatrix c = FMatrix.zeros(d[4], d[5]);
            boolean valid = d[0] == d[4] && d[1] == d[2] && d[3] == d[5];
            Path p = paths().get(r.nextInt(paths().size()));
            if (valid) {
                assertDoesNotThrow(() -> Linalg.gemm(p, ta, tb, 1f, a, b, 0f, c));
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linalg.gemm(p, ta, tb, 1f, a, b, 0f, c));
                assertTrue(e.getMessage().contains(a.shape()) && e.getMessage().contains(c.shape()), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > CASES / 3, "the generator must mostly produce bad shapes, got " + refused);
    }

    @Test
    void vectorRangesAreChecked() {
        SplittableRandom r = new SplittableRandom(2);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            int rows = pick(r, 1, 3, 16, 17), cols = pick(r, 1, 3, 16, 17);
            FMatrix a = FMatrix.zeros(rows, cols);
            Trans t = r.nextBoolean() ? Trans.N : Trans.T;
            int in = t == Trans.N ? cols : rows, out = t == Trans.N ? rows : cols;
            float[] x = r.nextInt(20) == 0 ? null : new float[Math.max(0, in + r.nextInt(5) - 2)];
            float[] y = r.nextInt(20) == 0 ? null : new float[Math.max(0, out + r.nextInt(5) - 2)];
            int xOff = r.nextInt(4) - 1, yOff = r.nextInt(4) - 1;
            boolean valid = x != null && y != null && xOff >= 0 && yOff >= 0 && xOff + in <= x.length && yOff + out <= y.length;
            Path p = paths().get(r.nextInt(paths().size()));
            int which = r.nextInt(4);
            Runnable call = switch (which) {
                case 0 -> () -> Linalg.gemv(p, t, 1f, a, x, xOff, 0f, y, yOff);
                case 1 -> () -> Fused.sigmoidAffine(p, t, a, x, xOff, y, yOff, new float[out], 0);
                case 2 -> () -> Fused.softThresholdAffine(p, t, a, x, xOff, 0.1f, y, yOff);
                default -> () -> Linalg.ger(p, 1f, y, yOff, x, xOff, t == Trans.N ? FMatrix.zeros(out, in) : FMatrix.zeros(out, in));
            };
            if (valid) {
                assertDoesNotThrow(call::run, "case " + i);
            } else {
                assertThrows(IllegalArgumentException.class, call::run, "case " + i);
                refused++;
            }
        }
        assertTrue(refused > CASES / 3, "refused only " + refused);
    }

    @Test
    void level1AndElementwiseRangesAreChecked() {
        SplittableRandom r = new SplittableRandom(3);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            int n = pick(r, -1, 0, 1, 15, 16, 17);
            float[] x = new float[pick(r, 0, 1, 15, 16, 17, 20)];
            float[] y = new float[pick(r, 0, 1, 15, 16, 17, 20)];
            int xOff = r.nextInt(5) - 1, yOff = r.nextInt(5) - 1;
            boolean xOk = n >= 0 && xOff >= 0 && xOff + n <= x.length;
            boolean yOk = n >= 0 && yOff >= 0 && yOff + n <= y.length;
            Path p = paths().get(r.nextInt(paths().size()));
            int which = r.nextInt(6);
            boolean valid = which == 5 ? xOk : xOk && yOk; // scal reads x only
            Runnable call = switch (which) {
                case 0 -> () -> Linalg.axpy(p, n, 2f, x, xOff, y, yOff);
                case 1 -> () -> Linalg.dot(p, n, x, xOff, y, yOff);
                case 2 -> () -> Elementwise.sigmoid(p, x, xOff, y, yOff, n);
                case 3 -> () -> Elementwise.shrink(p, 0.5f, x, xOff, y, yOff, n);
                case 4 -> () -> Elementwise.exp(p, x, xOff, y, yOff, n);
                default -> () -> Linalg.scal(p, n, 2f, x, xOff);
            };
            if (valid) {
                assertDoesNotThrow(call::run, "case " + i);
            } else {
                assertThrows(IllegalArgumentException.class, call::run, "case " + i);
                refused++;
            }
        }
        assertTrue(refused > CASES / 3, "refused only " + refused);
    }

    @Test
    void outputsOverlappingInputsAreRefused() {
        float[] buf = new float[64];
        FMatrix a = FMatrix.view(buf, 0, 4, 4, 4);
        FMatrix c = FMatrix.view(buf, 8, 4, 4, 4);
        for (Path p : paths()) {
            assertThrows(IllegalArgumentException.class, () -> Linalg.gemm(p, Trans.N, Trans.N, 1f, a, FMatrix.zeros(4, 4), 0f, c));
            assertThrows(IllegalArgumentException.class, () -> Linalg.gemv(p, Trans.N, 1f, a, buf, 20, 0f, buf, 2));
            assertThrows(IllegalArgumentException.class, () -> Linalg.axpy(p, 8, 1f, buf, 0, buf, 4));
            assertThrows(IllegalArgumentException.class, () -> Elementwise.sigmoid(p, buf, 0, buf, 3, 10));
            assertDoesNotThrow(() -> Elementwise.sigmoid(p, buf, 0, buf, 0, 10), "in place is allowed");
            assertThrows(IllegalArgumentException.class, () -> Linalg.syrk(p, Trans.N, 1f, a, 0f, FMatrix.view(buf, 2, 4, 4, 4)));
        }
    }

    @Test
    void nullsAndNonFiniteParametersAreRefused() {
        FMatrix a = FMatrix.zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> Linalg.gemm(null, Trans.N, Trans.N, 1f, a, a.copy(), 0f, FMatrix.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> Linalg.gemm(Path.SCALAR, null, Trans.N, 1f, a, a.copy(), 0f, FMatrix.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> Linalg.gemm(Path.SCALAR, Trans.N, Trans.N, 1f, null, a, 0f, FMatrix.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.softThreshold(Path.SCALAR, Float.NaN, new float[2], 0, new float[2], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Fused.softThresholdAffine(Path.SCALAR, Trans.N, a, new float[2], 0, Float.POSITIVE_INFINITY, new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> Path.parse("gpu"));
    }
}
