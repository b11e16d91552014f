package io.latentj.models.rnn;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.PackedMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Recurrent;
import io.latentj.simd.Trans;

/**
 * A recurrent layer unrolled over {@code steps} steps of a minibatch of {@code batch} sequences, with every buffer
 * the forward pass and backpropagation through time need, allocated once. Matrices are <em>time-major</em>: the rows
 * of step t are rows [t·batch, (t+1)·batch). The states and inputs share one matrix {@link #hx} whose row block t is
 * [h_{t−1} | x_t], the operand W = [W_h | W_x] multiplies, so the products that do not depend on the recurrence are
 * one GEMM each:
 * <ul>
 * <li>forward: Z = X·W_xᵀ + 1bᵀ for all steps at once, then per step Z_t += H_{t−1}·W_hᵀ (one GEMM for all four
 * LSTM gates; skipped at t = 0 from a zero state) and the cell's pointwise update ({@link Recurrent#lstmForward}, or
 * tanh/ReLU);</li>
 * <li>backward: per step the pointwise backward (dZ_t written over Z_t) and dH_{t−1} += dZ_t·W_h; then
 * dW += dZᵀ·[H_prev | X] and db += colSums(dZ) over all steps at once (no gradient of the inputs is formed).</li>
 * </ul>
 * The per-step products take W_hᵀ and W_h {@linkplain PackedMatrix packed} once per update when the caller has them,
 * else they are plain GEMMs. W is (gates·hidden) × (hidden + features). A training (or per-call inference) object,
 * for one thread.
 */
final class RecurrentLayer {
    final Cell cell;
    final int features, hidden, batch, steps;
    /** (steps·batch) × (gates·hidden): pre-activations; after forward the LSTM's gate activations (Elman: z); after backward dZ. */
    final FMatrix gates;
    /**
     * ((steps+1)·batch) × (hidden + features): row block t is [h_{t−1} | x_t] (block 0 holds the initial state h_{−1},
     * the last block h_{steps−1} and unused inputs).
     */
    final FMatrix hx;
    /** The LSTM's cell states, laid out like the state columns of {@link #hx}; null for an Elman cell. */
    final FMatrix cs;
    /** The LSTM's tanh(c_t) of steps 0 … steps−1, kept by forward for backward; null for an Elman cell. */
    private final FMatrix tanhCs;
    private final FMatrix dc;
    private boolean zeroStart;

    RecurrentLayer(Cell cell, int features, int hidden, int batch, int steps) {
        this.cell = cell;
        this.features = features;
        this.hidden = hidden;
        this.batch = batch;
        this.steps = steps;
        this.gates = FMatrix.zeros(Math.multiplyExact(steps, batch), Math.multiplyExact(cell.gates(), hidden));
        this.hx = FMatrix.zeros(Math.multiplyExact(steps + 1, batch), hidden + features);
        this.cs = cell == Cell.LSTM ? FMatrix.zeros((steps + 1) * batch, hidden) : null;
        this.tanhCs = cell == Cell.LSTM ? FMatrix.zeros(steps * batch, hidden) : null;
        this.dc = cell == Cell.LSTM ? FMatrix.zeros(batch, hidden) : null;
    }

    /** h_t (t = −1: the initial state), batch × hidden (a view with the row stride of {@link #hx}). */
    FMatrix h(int t) { return hx.block((t + 1) * batch, 0, batch, hidden); }

    /** c_t of the LSTM (t = −1: the initial state). */
    FMatrix c(int t) { return cs.rowRange((t + 1) * batch, (t + 2) * batch); }

    /** The inputs x_0 … x_{steps−1}, time-major, (steps·batch) × features: the caller writes them here. */
    FMatrix x() { return hx.block(0, hidden, steps * batch, features); }

    /** h_0 … h_{steps−1}, time-major, (steps·batch) × hidden. */
    FMatrix outputs() { return hx.block(batch, 0, steps * batch, hidden); }

    /** Zero initial state. */
    void resetState() {
        h(-1).fill(0f);
        if (cs != null) c(-1).fill(0f);
        zeroStart = true;
    }

    /** The initial state taken from another layer's last state (truncated BPTT: the next window continues). */
    void continueFrom(RecurrentLayer previous) {
        h(-1).copyFrom(previous.h(previous.steps - 1));
        if (cs != null) c(-1).copyFrom(previous.c(previous.steps - 1));
        zeroStart = false;
    }

    /**
     * Forward over all steps of {@link #x()} from the current initial state. {@code whT} is W_hᵀ packed (hidden ×
     * gates·hidden), or null to multiply by W_h's columns of {@code w} directly.
     */
    void forward(Path path, FMatrix w, float[] b, PackedMatrix whT) {
        FMatrix wh = w.colRange(0, hidden), wx = w.colRange(hidden, hidden + features);
        gates.fillRows(b, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, x(), wx, 1f, gates);
        for (int t = 0; t < steps; t++) {
            FMatrix z = gates.rowRange(t * batch, (t + 1) * batch);
            if (t > 0 || !zeroStart) {
                if (whT != null) whT.multiply(1f, h(t - 1), 1f, z);
                else Linalg.gemm(path, Trans.N, Trans.T, 1f, h(t - 1), wh, 1f, z);
            }
            if (cell == Cell.LSTM) Recurrent.lstmForward(path, z, c(t - 1), c(t), tanhCs.rowRange(t * batch, (t + 1) * batch), h(t));
            else cell.activation().forward(path, z, h(t));
        }
    }

    /**
     * Backpropagation through the steps of the last {@link #forward}. {@code dh} ((steps·batch) × hidden, time-major)
     * holds the loss's gradient with respect to each h_t from the outputs and is used as workspace (it receives the
     * total gradient of each h_t). {@code wh} is W_h packed (gates·hidden × hidden), or null to use {@code w}.
     * Accumulates into {@code dW} and {@code db}; {@code dbScratch} has gates·hidden entries. The gradient of the
     * initial state is not formed (truncation).
     */
    void backward(Path path, FMatrix w, PackedMatrix wh, FMatrix dh, FMatrix dW, float[] db, float[] dbScratch) {
        FMatrix whPlain = w.colRange(0, hidden);
        if (dc != null) dc.fill(0f);
        for (int t = steps - 1; t >= 0; t--) {
            FMatrix z = gates.rowRange(t * batch, (t + 1) * batch), dht = dh.rowRange(t * batch, (t + 1) * batch);
            if (cell == Cell.LSTM) Recurrent.lstmBackwardWithTanh(path, z, c(t - 1), tanhCs.rowRange(t * batch, (t + 1) * batch), dht, dc, z);
            else cell.activation().backward(path, z, h(t), dht, z);
            if (t > 0) {
                FMatrix prev = dh.rowRange((t - 1) * batch, t * batch);
                if (wh != null) wh.multiply(1f, z, 1f, prev);
                else Linalg.gemm(path, Trans.N, Trans.N, 1f, z, whPlain, 1f, prev);
            }
        }
        // dW_h and dW_x in one product: [h_{t−1} | x_t] are the rows of hx
        Linalg.gemm(path, Trans.T, Trans.N, 1f, gates, hx.rowRange(0, steps * batch), 1f, dW);
        Linalg.colSums(path, gates, dbScratch, 0);
        Linalg.axpy(path, dbScratch.length, 1f, dbScratch, 0, db, 0);
    }
}
