package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Products with a pre-packed right operand: on every path against the products of the scalar reference GEMM, on odd
 * sizes (tails of the 12-row and 32-column register blocks, depths cut into several slices), padded views and
 * both orientations of B; and the parallel task runner the recurrent trainer uses.
 */
class PackedMatrixTest {
    private static final int[][] SHAPES = {{1, 1, 1}, {2, 3, 5}, {13, 33, 17}, {50, 512, 128}, {50, 128, 512}, {7, 100, 600}, {25, 2100, 9}, {12, 32, 8}};

    @Test
    void packedProductsAgreeWithTheScalarGemm() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            for (Trans tb : Trans.values()) {
                FMatrix a = TestData.matrix(rnd, m, k, true);
                FMatrix b = tb.transposed() ? TestData.matrix(rnd, n, k, true) : TestData.matrix(rnd, k, n, true);
                FMatrix c0 = TestData.matrix(rnd, m, n, true);
                FMatrix want = c0.copy();
                Linalg.gemm(Path.SCALAR, Trans.N, tb, 0.7f, a, b, 0.5f, want);
                for (Path p : Path.values()) {
                    FMatrix got = c0.copy();
                    PackedMatrix.of(p, k, n).pack(tb, b).multiply(0.7f, a, 0.5f, got);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(want.get(i, j), got.get(i, j), 1e-4 * Math.sqrt(k) * (1 + Math.abs(want.get(i, j))),
                                    p + " " + m + "x" + n + "x" + k + " " + tb + " at " + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void betaZeroOverwritesAndRepackingReplaces() {
        SplittableRandom rnd = new SplittableRandom(4);
        FMatrix a = TestData.matrix(rnd, 9, 20, false), b1 = TestData.matrix(rnd, 20, 40, false), b2 = TestData.matrix(rnd, 20, 40, false);
        PackedMatrix pm = PackedMatrix.of(Path.SIMD, 20, 40).pack(Trans.N, b1);
        pm.pack(Trans.N, b2);
        FMatrix got = FMatrix.zeros(9, 40), want = FMatrix.zeros(9, 40);
        got.fill(Float.NaN);
        pm.multiply(1f, a, 0f, got);
        Linalg.gemm(Path.SCALAR, Trans.N, Trans.N, 1f, a, b2, 0f, want);
        for (int i = 0; i < 9; i++) for (int j = 0; j < 40; j++) assertEquals(want.get(i, j), got.get(i, j), 1e-4);
    }

    @Test
    void wrongShapesAreRefused() {
        PackedMatrix pm = PackedMatrix.of(Path.AUTO, 4, 6);
        var e = assertThrows(IllegalArgumentException.class, () -> pm.pack(Trans.N, FMatrix.zeros(6, 4)));
        assertTrue(e.getMessage().contains("4x6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pm.multiply(1f, FMatrix.zeros(3, 5), 0f, FMatrix.zeros(3, 6)));
        assertThrows(IllegalArgumentException.class, () -> pm.multiply(1f, FMatrix.zeros(3, 4), 0f, FMatrix.zeros(2, 6)));
        assertThrows(IllegalArgumentException.class, () -> PackedMatrix.of(Path.SIMD, -1, 3));
    }
}
