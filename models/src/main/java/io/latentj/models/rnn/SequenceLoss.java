package io.latentj.models.rnn;

import io.latentj.models.nn.Loss;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;

/**
 * The output loss of a recurrent net over a block of rows (one row per sequence and step with a target), summed over
 * the rows: softmax cross-entropy Σ_r [logΣ_j e^(z_rj) − Σ_j t_rj z_rj] with gradient softmax(z) − t, or squared
 * error Σ_r ½‖y_r − t_r‖² with gradient y − t (the same forms as {@link Loss}, but summed and into caller-owned
 * buffers, so a training step allocates nothing). Gradients are multiplied by {@code scale} (1/batch: the loss is
 * averaged over sequences and summed over steps).
 */
final class SequenceLoss {
    private SequenceLoss() {}

    /**
     * The summed loss of {@code z} (logits or linear outputs) against {@code t}; {@code grad} (may be null) receives
     * scale·dL/dz. {@code lse} needs z.rows() entries for the cross-entropy. z, t and grad must be contiguous.
     */
    static double evaluate(Path path, Loss loss, FMatrix z, FMatrix t, FMatrix grad, float[] lse, float scale) {
        int n = z.rows(), o = z.cols();
        if (n == 0) return 0;
        double sum = 0;
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            Elementwise.logSumExpRows(path, z, lse, 0);
            for (int r = 0; r < n; r++) sum += lse[r] - Linalg.dot(path, o, t.data(), t.rowOffset(r), z.data(), z.rowOffset(r));
            if (grad != null) Elementwise.softmaxRows(path, z, grad);
        } else {
            sum = 0.5 * Linalg.squaredDistance(path, z, t);
            if (grad != null) grad.copyFrom(z);
        }
        if (grad != null) {
            int size = n * o;
            Linalg.axpy(path, size, -1f, t.data(), t.offset(), grad.data(), grad.offset());
            Linalg.scal(path, size, scale, grad.data(), grad.offset());
        }
        return sum;
    }

    /** Outputs from logits in place: the softmax for the cross-entropy, unchanged (linear) for squared error. */
    static void activate(Path path, Loss loss, FMatrix z) {
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) Elementwise.softmaxRows(path, z, z);
    }

    /**
     * Copies {@code steps} steps of {@code width} values, starting at step {@code firstStep}, of rows
     * order[from .. from+rows) of {@code data} (batch-major: a row is step after step) into {@code out} time-major
     * (row t·rows + r is step t of sequence r).
     */
    static void gatherTimeMajor(FMatrix data, int[] order, int from, int rows, int firstStep, int steps, int width, FMatrix out) {
        float[] src = data.data(), dst = out.data();
        for (int r = 0; r < rows; r++) {
            int base = data.rowOffset(order == null ? from + r : order[from + r]) + firstStep * width;
            for (int t = 0; t < steps; t++) System.arraycopy(src, base + t * width, dst, out.rowOffset(t * rows + r), width);
        }
    }
}
