package io.latentj.models.words;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.HingeRanking;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;

import java.util.List;

/**
 * The window scorer during training: lookup table L (|V| × n), hidden layer a = f(W x + b) over the concatenated
 * window x (n·w), score s = uᵀa + u₀, and the ranking hinge loss max(0, 1 − s + s_c) of each true window against its
 * corruptions. One minibatch is one pass of GEMMs over all windows, true and corrupted, stacked as rows; the
 * gradient with respect to x flows back into the rows of L that the windows used. Mutable, one thread.
 */
final class WindowNetwork {
    final FMatrix lookup;
    final Dense hidden, score;
    private final int n, w, capacity;
    private final Path path;
    private FMatrix x, z, a, s, ds, da, dz, dx;
    private float[] gTrue, gCorrupt, sTrue, sCorrupt;

    WindowNetwork(int vocabulary, int dimension, int window, int hiddenUnits, Activation activation, int capacity, Path path) {
        this.n = dimension;
        this.w = window;
        this.capacity = capacity;
        this.path = path;
        lookup = FMatrix.zeros(vocabulary, dimension);
        hidden = Dense.of(dimension * window, hiddenUnits, activation);
        score = Dense.of(hiddenUnits, 1, Activation.LINEAR);
        x = FMatrix.zeros(capacity, n * w);
        z = FMatrix.zeros(capacity, hiddenUnits);
        a = FMatrix.zeros(capacity, hiddenUnits);
        da = FMatrix.zeros(capacity, hiddenUnits);
        dz = FMatrix.zeros(capacity, hiddenUnits);
        s = FMatrix.zeros(capacity, 1);
        ds = FMatrix.zeros(capacity, 1);
        dx = FMatrix.zeros(capacity, n * w);
    }

    List<Parameter> parameters() {
        return List.of(hidden.weight(), hidden.bias(), score.weight(), score.bias());
    }

    /** Concatenates the vectors of {@code rows} windows (ids, row-major rows × w) into x. */
    private void gather(int[] ids, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < w; j++) {
                System.arraycopy(lookup.data(), lookup.rowOffset(ids[r * w + j]), x.data(), x.rowOffset(r) + j * n, n);
            }
        }
    }

    /**
     * Loss and gradients for {@code batch} true windows followed by {@code batch·negatives} corrupted ones in
     * {@code ids} (corruption k of window i at row batch·(1+k) + i). Accumulates the gradients of W, b, u, u₀ into
     * their parameters and leaves dL/dx in {@link #inputGradient()}; returns the mean hinge loss over all pairs.
     */
    double forwardBackward(int[] ids, int batch, int negatives) {
        int rows = batch * (1 + negatives);
        if (rows > capacity) throw new IllegalArgumentException(rows + " windows exceed the capacity " + capacity);
        if (gTrue == null || gTrue.length != batch) {
            gTrue = new float[batch];
            gCorrupt = new float[batch];
            sTrue = new float[batch];
            sCorrupt = new float[batch];
        }
        gather(ids, rows);
        FMatrix xv = x.rowRange(0, rows), zv = z.rowRange(0, rows), av = a.rowRange(0, rows), sv = s.rowRange(0, rows);
        hidden.forward(path, xv, zv, av);
        score.preActivation(path, av, sv);
        FMatrix dsv = ds.rowRange(0, rows);
        dsv.fill(0f);
        System.arraycopy(sv.data(), 0, sTrue, 0, batch);
        double loss = 0;
        for (int k = 1; k <= negatives; k++) {
            System.arraycopy(sv.data(), k * batch, sCorrupt, 0, batch);
            loss += HingeRanking.evaluate(sTrue, sCorrupt, gTrue, gCorrupt);
            float inv = 1f / negatives;
            Linalg.axpy(path, batch, inv, gTrue, 0, dsv.data(), 0);
            Linalg.axpy(path, batch, inv, gCorrupt, 0, dsv.data(), k * batch);
        }
        FMatrix dav = da.rowRange(0, rows), dzv = dz.rowRange(0, rows), dxv = dx.rowRange(0, rows);
        score.backwardPreActivation(path, av, dsv, dav);
        hidden.backward(path, xv, zv, av, dav, dzv, dxv);
        return loss / negatives;
    }

    FMatrix inputGradient() {
        return dx;
    }

    /** Plain SGD on the rows of L the last minibatch used: L[id] −= rate · dL/dx (slot). */
    void updateLookup(int[] ids, int rows, float rate) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < w; j++) {
                Linalg.axpy(path, n, -rate, dx.data(), dx.rowOffset(r) + j * n, lookup.data(), lookup.rowOffset(ids[r * w + j]));
            }
        }
    }

    /** Scores of {@code rows} windows (no gradients). */
    void scores(int[] ids, int rows, float[] out) {
        gather(ids, rows);
        FMatrix xv = x.rowRange(0, rows), zv = z.rowRange(0, rows), av = a.rowRange(0, rows), sv = s.rowRange(0, rows);
        hidden.forward(path, xv, zv, av);
        score.preActivation(path, av, sv);
        System.arraycopy(sv.data(), 0, out, 0, rows);
    }
}
