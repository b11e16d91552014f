package io.latentj.models.rbm;

import io.latentj.simd.FMatrix;

import java.util.LinkedHashSet;
import java.util.Set;

/** The bars-and-stripes patterns of a side × side grid: every set of full rows, or every set of full columns. */
final class BarsAndStripes {
    private BarsAndStripes() {}

    static FMatrix patterns(int side) {
        Set<String> seen = new LinkedHashSet<>();
        java.util.List<float[]> rows = new java.util.ArrayList<>();
        for (int mask = 0; mask < 1 << side; mask++) {
            for (int orient = 0; orient < 2; orient++) {
                float[] p = new float[side * side];
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        int line = orient == 0 ? r : c;
                        p[r * side + c] = (mask >> line & 1) != 0 ? 1f : 0f;
                    }
                }
                if (seen.add(java.util.Arrays.toString(p))) rows.add(p);
            }
        }
        FMatrix m = FMatrix.zeros(rows.size(), side * side);
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, m.data(), i * side * side, side * side);
        return m;
    }

    /** The patterns repeated {@code times} times (a training set where each pattern is equally frequent). */
    static FMatrix repeated(int side, int times) {
        FMatrix p = patterns(side);
        FMatrix m = FMatrix.zeros(p.rows() * times, p.cols());
        for (int t = 0; t < times; t++) System.arraycopy(p.data(), 0, m.data(), t * p.data().length, p.data().length);
        return m;
    }

    static boolean isValid(float[] v, int off, int side) {
        boolean rowsUniform = true, colsUniform = true;
        for (int r = 0; r < side; r++) {
            for (int c = 1; c < side; c++) {
                if (v[off + r * side + c] != v[off + r * side]) rowsUniform = false;
                if (v[off + c * side + r] != v[off + r]) colsUniform = false;
            }
        }
        return rowsUniform || colsUniform;
    }
}
