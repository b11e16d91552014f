package io.latentj.simd.scalar;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The reference of the shifted block copy of {@code io.latentj.simd.Scatter}. */
public final class ScalarScatter {
    private ScalarScatter() {}

    /**
     * dst[i·d + j] = x[xOff + i·ldx + j] − c[cOff + j] (floats of the segment, compact rows) and
     * sums[j] += that value, for i &lt; m, j &lt; d.
     */
    public static void shiftRows(int m, int d, float[] x, int xOff, int ldx, float[] c, int cOff, MemorySegment dst, float[] sums) {
        for (int i = 0; i < m; i++) {
            int row = xOff + i * ldx;
            long out = (long) i * d;
            for (int j = 0; j < d; j++) {
                float v = x[row + j] - c[cOff + j];
                dst.setAtIndex(ValueLayout.JAVA_FLOAT, out + j, v);
                sums[j] += v;
            }
        }
    }
}
