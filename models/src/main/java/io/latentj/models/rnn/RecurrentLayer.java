package io.latentj.models.rnn;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Recurrent;
import io.latentj.simd.Trans;

/**
 * A recurrent layer unrolled over {@code steps} steps of a minibatch of {@code batch} sequences, with every buffer
 * the forward pass and backpropagation through time need, allocated once. Matrices are <em>time-major</em>: the rows
 * of step t are rows [t·batch, (t+1)·batch), so the input of all steps is one (steps·batch) × features matrix and
 * the products that do not depend on the recurrence are one GEMM each:
 * <ul>
 * <li>forward: Z = X·W_xᵀ + 1bᵀ for all steps at once, then per step Z_t += H_{t−1}·W_hᵀ (one GEMM for all four
 * LSTM gates) and the cell's pointwise update ({@link Recurrent#lstmForward}, or tanh/ReLU);</li>
 * <li>backward: per step the pointwise backward (dZ_t written over Z_t) and dH_{t−1} += dZ_t·W_h; then
 * dW_h += dZᵀ·H_prev, dW_x += dZᵀ·X and db += colSums(dZ) over all steps at once.</li>
 * </ul>
 * W = [W_h | W_x] is (gates·hidden) × (hidden + features). A training (or per-call inference) object, for one thread.
 */
final class RecurrentLayer {
    final Cell cell;
    final int features, hidden, batch, steps;
    /** (steps·batch) × (gates·hidden): pre-activations; after forward the LSTM's gate activations (Elman: z); after backward dZ. */
    final FMatrix gates;
    /** ((steps+1)·batch) × hidden: rows [0, batch) the initial state h_{−1}, then h_0 … h_{steps−1}. */
    final FMatrix hs;
    /** The LSTM's cell states, laid out like {@link #hs}; null for an Elman cell. */
    final FMatrix cs;
    private final FMatrix dc;

    RecurrentLayer(Cell cell, int features, int hidden, int batch, int steps) {
        this.cell = cell;
        this.features = features;
        this.hidden = hidden;
        this.batch = batch;
        this.steps = steps;
        this.gates = FMatrix.zeros(Math.multiplyExact(steps, batch), Math.multiplyExact(cell.gates(), hidden));
        this.hs = FMatrix.zeros(Math.multiplyExact(steps + 1, batch), hidden);
        this.cs = cell == Cell.LSTM ? FMatrix.zeros((steps + 1) * batch, hidden) : null;
        this.dc = cell == Cell.LSTM ? FMatrix.zeros(batch, hidden) : null;
    }

    /** h_t (t = −1: the initial state), batch × hidden. */
    FMatrix h(int t) { return hs.rowRange((t + 1) * batch, (t + 2) * batch); }

    /** c_t of the LSTM (t = −1: the initial state). */
    FMatrix c(int t) { return cs.rowRange((t + 1) * batch, (t + 2) * batch); }

    /** h_0 … h_{steps−1}, time-major, (steps·batch) × hidden. */
    FMatrix outputs() { return hs.rowRange(batch, (steps + 1) * batch); }

    /** Zero initial state. */
    void resetState() {
        h(-1).fill(0f);
        if (cs != null) c(-1).fill(0f);
    }

    /** The initial state taken from another layer's last state (truncated BPTT: the next window continues). */
    void continueFrom(RecurrentLayer previous) {
        h(-1).copyFrom(previous.h(previous.steps - 1));
        if (cs != null) c(-1).copyFrom(previous.c(previous.steps - 1));
    }

    /** Forward over all steps of {@code x} ((steps·batch) × features, time-major) from the current initial state. */
    void forward(Path path, FMatrix w, float[] b, FMatrix x) {
        FMatrix wh = w.colRange(0, hidden), wx = w.colRange(hidden, hidden + features);
        gates.fillRows(b, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, x, wx, 1f, gates);
        for (int t = 0; t < steps; t++) {
            FMatrix z = gates.rowRange(t * batch, (t + 1) * batch);
            Linalg.gemm(path, Trans.N, Trans.T, 1f, h(t - 1), wh, 1f, z);
            if (cell == Cell.LSTM) Recurrent.lstmForward(path, z, c(t - 1), c(t), h(t));
            else cell.activation().forward(path, z, h(t));
        }
    }

    /**
     * Backpropagation through the steps of the last {@link #forward}. {@code dh} ((steps·batch) × hidden, time-major)
     * holds the loss's gradient with respect to each h_t from the outputs and is used as workspace (it receives the
     * total gradient of each h_t). Accumulates into {@code dW} and {@code db}; {@code dbScratch} has gates·hidden
     * entries. The gradient of the initial state is not formed (truncation).
     */
    void backward(Path path, FMatrix w, FMatrix x, FMatrix dh, FMatrix dW, float[] db, float[] dbScratch) {
        FMatrix wh = w.colRange(0, hidden);
        if (dc != null) dc.fill(0f);
        for (int t = steps - 1; t >= 0; t--) {
            FMatrix z = gates.rowRange(t * batch, (t + 1) * batch), dht = dh.rowRange(t * batch, (t + 1) * batch);
            if (cell == Cell.LSTM) Recurrent.lstmBackward(path, z, c(t - 1), c(t), dht, dc, z);
            else cell.activation().backward(path, z, h(t), dht, z);
            if (t > 0) Linalg.gemm(path, Trans.N, Trans.N, 1f, z, wh, 1f, dh.rowRange((t - 1) * batch, t * batch));
        }
        Linalg.gemm(path, Trans.T, Trans.N, 1f, gates, hs.rowRange(0, steps * batch), 1f, dW.colRange(0, hidden));
        Linalg.gemm(path, Trans.T, Trans.N, 1f, gates, x, 1f, dW.colRange(hidden, hidden + features));
        Linalg.colSums(path, gates, dbScratch, 0);
        Linalg.axpy(path, dbScratch.length, 1f, dbScratch, 0, db, 0);
    }
}
