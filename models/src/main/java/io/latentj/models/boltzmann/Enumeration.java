package io.latentj.models.boltzmann;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.util.Arrays;

/**
 * Exact sums over every configuration of a few binary units, in chunks, each chunk one GEMM: the partition function
 * of a small Ising model for many fields at once, log Σ_y exp(θ_rᵀy + ½ yᵀAy) for each row θ_r. The per-configuration
 * log-sum-exp is taken in float per chunk and the chunks are combined in double.
 */
final class Enumeration {
    /** Configurations per chunk of the enumerated units. */
    private static final int CHUNK = 2048;
    /** Elements of one chunk of scores (rows × configurations). */
    private static final int SCORES = 1 << 20;

    private Enumeration() {}

    /** Rows {@code first .. first+rows-1} of the enumeration of {0,1}^units: bit u of index i is unit u. */
    static void configurations(long first, FMatrix out) {
        for (int r = 0; r < out.rows(); r++) {
            long idx = first + r;
            int o = out.rowOffset(r);
            for (int u = 0; u < out.cols(); u++) out.data()[o + u] = (idx >>> u & 1L) != 0 ? 1f : 0f;
        }
    }

    /** log(eˣ + eʸ) in double, with −∞ as the empty sum. */
    static double logAddExp(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY) return y;
        if (y == Double.NEGATIVE_INFINITY) return x;
        double max = Math.max(x, y);
        return max + Math.log1p(Math.exp(-Math.abs(x - y)));
    }

    /**
     * {@code out[r] = log Σ_{y ∈ {0,1}^m} exp(fields_r · y + ½ yᵀ A y)} for every row r of {@code fields}
     * (rows × m), A m × m symmetric with zero diagonal (any view). Costs 2^m · (rows + m) · m multiply-adds.
     */
    static void logPartitions(Path path, FMatrix a, FMatrix fields, double[] out) {
        int m = a.rows(), rows = fields.rows();
        Arrays.fill(out, 0, rows, Double.NEGATIVE_INFINITY);
        if (rows == 0) return;
        long total = 1L << m;
        int chunk = (int) Math.min(CHUNK, total);
        int rowChunk = Math.max(1, Math.min(rows, SCORES / chunk));
        FMatrix y = FMatrix.zeros(chunk, m), ya = FMatrix.zeros(chunk, m), scores = FMatrix.zeros(rowChunk, chunk);
        float[] half = new float[chunk], lse = new float[rowChunk];
        for (long first = 0; first < total; first += chunk) {
            int ny = (int) Math.min(chunk, total - first);
            FMatrix yc = y.rowRange(0, ny), yac = ya.rowRange(0, ny);
            configurations(first, yc);
            if (m > 0) Linalg.gemm(path, Trans.N, Trans.N, 1f, yc, a, 0f, yac);
            for (int k = 0; k < ny; k++) half[k] = m == 0 ? 0f : 0.5f * Linalg.dot(path, m, yac.data(), yac.rowOffset(k), yc.data(), yc.rowOffset(k));
            for (int r0 = 0; r0 < rows; r0 += rowChunk) {
                int nr = Math.min(rowChunk, rows - r0);
                FMatrix s = scores.block(0, 0, nr, ny);
                s.fillRows(half, 0);
                if (m > 0) Linalg.gemm(path, Trans.N, Trans.T, 1f, fields.rowRange(r0, r0 + nr), yc, 1f, s);
                Elementwise.logSumExpRows(path, s, lse, 0);
                for (int r = 0; r < nr; r++) out[r0 + r] = logAddExp(out[r0 + r], lse[r]);
            }
        }
    }
}
