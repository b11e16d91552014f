package io.latentj.models.nn;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;

import java.util.ArrayList;
import java.util.List;

/**
 * The training objective of a multilayer perceptron classifier on one minibatch and its exact gradient by
 * backpropagation, every product a GEMM:
 * <pre>
 *   A₀ = X,  A_l = f(A_{l−1}W_lᵀ + 1b_lᵀ) for the hidden layers l = 1..L,  Z = A_L·Uᵀ + 1cᵀ (the logits)
 *   J = (1/N) Σ_r [logΣ_k e^(Z_rk) − Z_r,y_r],   dJ/dZ = (softmax(Z) − onehot(y)) / N
 * </pre>
 * Mutable training state for one thread: the layers (whose parameters hold the gradients) and the minibatch
 * buffers, allocated once for {@code maxRows} rows.
 */
final class MlpObjective {
    final Path path;
    final Dense[] layers; // hidden layers, then the softmax layer (linear: it outputs the logits)
    final List<Parameter> params;
    private final FMatrix[] z, a, d; // per layer: pre-activation, activation, gradient (dA, turned into dZ in place)
    private final float[] lse;

    MlpObjective(Path path, Dense[] layers, int maxRows) {
        this.path = path;
        this.layers = layers.clone();
        List<Parameter> ps = new ArrayList<>();
        for (Dense l : layers) {
            ps.add(l.weight());
            ps.add(l.bias());
        }
        params = List.copyOf(ps);
        int n = layers.length;
        z = new FMatrix[n];
        a = new FMatrix[n];
        d = new FMatrix[n];
        for (int l = 0; l < n; l++) {
            int out = layers[l].outputs();
            z[l] = FMatrix.zeros(maxRows, out);
            a[l] = l == n - 1 ? z[l] : FMatrix.zeros(maxRows, out);
            d[l] = FMatrix.zeros(maxRows, out);
        }
        lse = new float[maxRows];
    }

    private static FMatrix rows(FMatrix m, int n) {
        return n == m.rows() ? m : m.rowRange(0, n);
    }

    /** The logits of the last {@link #evaluate} (rows as given). */
    FMatrix logits(int n) {
        return rows(z[layers.length - 1], n);
    }

    /**
     * The mean cross-entropy J of the rows of {@code x} against {@code labels[labelsOff ..]}; when {@code gradient},
     * the parameters' gradients are zeroed and set to dJ/dθ.
     */
    double evaluate(FMatrix x, int[] labels, int labelsOff, boolean gradient) {
        int n = x.rows(), top = layers.length - 1;
        FMatrix in = x;
        for (int l = 0; l < top; l++) {
            layers[l].forward(path, in, rows(z[l], n), rows(a[l], n));
            in = rows(a[l], n);
        }
        FMatrix logits = rows(z[top], n);
        layers[top].preActivation(path, in, logits);
        Elementwise.logSumExpRows(path, logits, lse, 0);
        double loss = 0;
        for (int r = 0; r < n; r++) loss += lse[r] - logits.get(r, labels[labelsOff + r]);
        loss /= n;
        if (!gradient) return loss;

        for (Parameter p : params) p.zeroGrad();
        FMatrix dTop = rows(d[top], n);
        Elementwise.softmaxRows(path, logits, dTop);
        for (int r = 0; r < n; r++) dTop.data()[dTop.rowOffset(r) + labels[labelsOff + r]] -= 1f;
        Linalg.scal(path, 1f / n, dTop);
        for (int l = top; l >= 0; l--) {
            FMatrix input = l == 0 ? x : rows(a[l - 1], n), dInput = l == 0 ? null : rows(d[l - 1], n);
            FMatrix dl = rows(d[l], n);
            if (l == top) layers[l].backwardPreActivation(path, input, dl, dInput);
            else layers[l].backward(path, input, rows(z[l], n), rows(a[l], n), dl, dl, dInput);
        }
        return loss;
    }
}
