package io.latentj.simd;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FMatrixTest {
    @Test
    void viewsShareTheArrayAndIndexCorrectly() {
        FMatrix m = FMatrix.zeros(4, 5);
        for (int r = 0; r < 4; r++) for (int c = 0; c < 5; c++) m.set(r, c, 10 * r + c);
        FMatrix block = m.block(1, 2, 2, 3);
        assertEquals("2x3", block.shape());
        assertEquals(12f, block.get(0, 0));
        assertEquals(24f, block.get(1, 2));
        assertFalse(block.isContiguous());
        block.set(1, 1, -1f);
        assertEquals(-1f, m.get(2, 3), "a view writes through to its matrix");
        assertArrayEquals(new float[] {30, 31, 32, 33, 34}, m.row(3).toArray());
        assertArrayEquals(new float[] {12, 13, 14, 22, -1, 24}, block.toArray());
        assertTrue(m.rowRange(1, 3).isContiguous());
        assertEquals(0, m.rowRange(2, 2).size());
    }

    @Test
    void badViewsAreRefusedWithTheShapeInTheMessage() {
        float[] d = new float[10];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FMatrix.view(d, 2, 3, 3, 3));
        assertTrue(e.getMessage().contains("3x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FMatrix.view(d, -1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> FMatrix.view(d, 0, 2, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> FMatrix.view(null, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> FMatrix.wrap(d, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> FMatrix.zeros(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> FMatrix.view(d, 0, Integer.MAX_VALUE, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> FMatrix.zeros(2, 2).get(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> FMatrix.zeros(2, 2).colRange(1, 3));
        assertDoesNotThrow(() -> FMatrix.view(d, 1, 3, 3, 3));
        assertDoesNotThrow(() -> FMatrix.view(d, 10, 0, 5, 5));
    }

    @Test
    void copyFromChecksShapes() {
        FMatrix a = FMatrix.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> a.copyFrom(FMatrix.zeros(3, 2)));
        FMatrix b = FMatrix.wrap(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        a.copyFrom(b);
        assertArrayEquals(b.data(), a.data());
    }
}
