package io.latentj.simd;

import io.latentj.simd.scalar.ScalarArgmax;
import io.latentj.simd.vector.VectorArgmax;

/**
 * Row-wise arg-max of a matrix plus a bias row, in one pass: for every row i, the column j maximising
 * A[i][j] + bias[j] (the first such j on ties) and that maximum. With A = Z·Dᵀ (one GEMM) and bias = −½‖D_j‖² this
 * is the nearest centroid of every row of Z, the assignment step of Lloyd's k-means, without materialising the
 * distances. NaN entries never win; a row with no entry above −∞ reports column 0 and −∞. BLAS has no such kernel:
 * every path but scalar runs the Vector API when it is there; the scalar path is the reference.
 */
public final class Argmax {
    private Argmax() {}

    /**
     * index[iOff + i] = argmax_j (A[i][j] + bias[bOff + j]), max[mOff + i] = that maximum, for each row i of A.
     * {@code bias} may be null (read as zeros); {@code max} may be null (not written).
     */
    public static void rows(Path path, FMatrix a, float[] bias, int bOff, int[] index, int iOff, float[] max, int mOff) {
        Checks.notNull("path", path);
        Checks.notNull("A", a);
        Checks.notNull("index", index);
        int m = a.rows(), n = a.cols();
        if (bias != null) Checks.vector("bias", bias, bOff, n);
        if (iOff < 0 || iOff > index.length - m) {
            throw new IllegalArgumentException("index needs " + m + " entries from offset " + iOff + ", has length " + index.length);
        }
        if (max != null) {
            Checks.vector("max", max, mOff, m);
            Checks.noOverlap("max", max, mOff, m, "A", a);
        }
        if (m == 0) return;
        if (n == 0) throw new IllegalArgumentException("arg-max of rows with no columns");
        if (path != Path.SCALAR && Capabilities.vectorApi()) {
            VectorArgmax.rows(m, n, a.data(), a.offset(), a.rowStride(), bias, bOff, index, iOff, max, mOff);
        } else {
            ScalarArgmax.rows(m, n, a.data(), a.offset(), a.rowStride(), bias, bOff, index, iOff, max, mOff);
        }
    }
}
