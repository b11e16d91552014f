package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Vector API shifted block copy of {@code io.latentj.simd.Scatter} (same contract as {@code ScalarScatter}). */
public final class VectorScatter {
    private VectorScatter() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    public static void shiftRows(int m, int d, float[] x, int xOff, int ldx, float[] c, int cOff, MemorySegment dst, float[] sums) {
        int ub = S.loopBound(d);
        for (int i = 0; i < m; i++) {
            int row = xOff + i * ldx;
            long out = (long) i * d * Float.BYTES;
            int j = 0;
            for (; j < ub; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, row + j).sub(FloatVector.fromArray(S, c, cOff + j));
                v.intoMemorySegment(dst, out + (long) j * Float.BYTES, ORDER);
                v.add(FloatVector.fromArray(S, sums, j)).intoArray(sums, j);
            }
            for (; j < d; j++) {
                float v = x[row + j] - c[cOff + j];
                dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED, out + (long) j * Float.BYTES, v);
                sums[j] += v;
            }
        }
    }
}
