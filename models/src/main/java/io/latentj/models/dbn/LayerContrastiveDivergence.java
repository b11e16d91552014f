package io.latentj.models.dbn;

import io.latentj.models.Divergence;
import io.latentj.models.EpochReport;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;
import io.latentj.simd.Updates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains one {@link RbmLayer} of a stack by CD-k with the settings of an {@link RbmConfig} (learning rate and decay,
 * epochs, batch size, k, momentum schedule, weight cost, initial weight scale, seed, path; persistence and sparsity
 * are not used here), starting from given parameters or from small random weights. What the RBM family's own
 * trainer cannot do and a stack needs: start from the transpose of the layer below, train label units (a softmax
 * group appended to the visible layer, data one-hot) and Gaussian (linear) hidden units.
 *
 * <p>Positive phase: data v⁰ and E[h | v⁰]; negative phase: k rounds h ~ p(h | v), v ← E[v | h] (binary hidden
 * sampled, Gaussian hidden = mean + N(0, 1)); statistics ⟨E[h|v] vᵀ⟩; update ΔW ← μΔW + ε(⟨hvᵀ⟩₀ − ⟨hvᵀ⟩ₖ − λW),
 * the biases likewise without weight cost.
 */
final class LayerContrastiveDivergence {
    private LayerContrastiveDivergence() {}

    /**
     * Trains on the rows of {@code data} (values in [0, 1]), with {@code labels} in [0, classes) when
     * {@code classes > 0}; {@code start} (null: random weights, visible biases the data's log-odds, hidden biases 0)
     * gives the initial parameters. Reports each epoch (metric {@code reconstruction_error}) to {@code listener},
     * with {@code layer} (1-based) added to the metrics. With {@code checkpoints} (null: none), it is stage
     * {@code layer − 1} of a staged training: it saves its state ({@code weight}, {@code visible_bias},
     * {@code hidden_bias}, their velocities {@code weight_velocity}, {@code visible_velocity}, {@code hidden_velocity},
     * the order and Gibbs stream positions) as they say, and continues from them when the run resumes in this stage.
     */
    static RbmLayer train(RbmConfig cfg, FMatrix data, int[] labels, int classes, boolean gaussianHidden, RbmLayer start,
                          int layer, TrainingListener listener, StageCheckpoints checkpoints) {
        Path path = cfg.path();
        int n = data.rows(), nf = data.cols(), nv = nf + classes, nh = cfg.hidden();
        if (n == 0) throw new IllegalArgumentException("training data has no rows");
        FMatrix v = data;
        if (classes > 0) { // the visible layer of the top RBM: features then the one-hot label
            v = FMatrix.zeros(n, nv);
            v.colRange(0, nf).copyFrom(data);
            for (int r = 0; r < n; r++) v.set(r, nf + labels[r], 1f);
        }
        FMatrix w = FMatrix.zeros(nh, nv), vw = FMatrix.zeros(nh, nv), grad = FMatrix.zeros(nh, nv);
        float[] b = new float[nv], c = new float[nh], vb = new float[nv], vc = new float[nh];
        float[] db = new float[nv], dc = new float[nh], tmpV = new float[nv], tmpH = new float[nh];
        Rng root = Rng.of(cfg.seed());
        Rng initRng = root.stream(1), orderRng = root.stream(2), gibbsRng = root.stream(3);
        if (start != null) {
            if (start.hidden() != nh || start.visible() != nv) {
                throw new IllegalArgumentException("initial layer is " + start.hidden() + "×" + start.visible() + ", training needs " + nh + "×" + nv);
            }
            w.copyFrom(start.w());
            System.arraycopy(start.b(), 0, b, 0, nv);
            System.arraycopy(start.c(), 0, c, 0, nh);
        } else {
            Sampling.gaussian(path, initRng, 0f, (float) cfg.initialWeightStd(), w);
            Linalg.colMeans(path, v, b, 0);
            for (int i = 0; i < nv; i++) {
                float p = Math.min(Math.max(b[i], 1e-3f), 1f - 1e-3f);
                b[i] = i < nf ? (float) Math.log(p / (1f - p)) : (float) Math.log(p);
            }
        }
        RbmLayer model = new RbmLayer(w, b, c, classes, gaussianHidden); // shares the arrays being trained
        int stage = layer - 1, first = 0;
        TrainingState.Layout state = checkpoints == null ? null : checkpoints.layout().matrix("weight", w).vector("visible_bias", b)
                .vector("hidden_bias", c).matrix("weight_velocity", vw).vector("visible_velocity", vb).vector("hidden_velocity", vc)
                .stream("order_rng_position", orderRng).stream("gibbs_rng_position", gibbsRng);
        if (checkpoints != null) {
            TrainingState.Restored r = checkpoints.resume(stage, cfg.epochs(), state);
            if (r != null) first = r.epochsDone();
        }
        int bs = Math.min(cfg.batchSize(), n), batches = (n + bs - 1) / bs;
        FMatrix v0 = FMatrix.zeros(bs, nv), ph0 = FMatrix.zeros(bs, nh), h = FMatrix.zeros(bs, nh);
        FMatrix pv = FMatrix.zeros(bs, nv), phk = FMatrix.zeros(bs, nh);
        int[] order = new int[n];
        for (int e = first; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            float lr = (float) cfg.learningRate(e), mu = (float) cfg.momentum(e);
            double recon = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs, rows = Math.min(bs, n - from);
                Minibatches.gather(v, order, from, rows, v0);
                FMatrix v0b = v0.rowRange(0, rows), ph0b = ph0.rowRange(0, rows), hb = h.rowRange(0, rows);
                FMatrix pvb = pv.rowRange(0, rows), phkb = phk.rowRange(0, rows);
                model.hidden(path, v0b, ph0b);
                FMatrix hk = ph0b;
                for (int s = 0; s < cfg.k(); s++) {
                    sampleHidden(path, gibbsRng, gaussianHidden, hk, hb);
                    model.visible(path, hb, pvb);
                    model.hidden(path, pvb, phkb);
                    hk = phkb;
                }
                recon += Linalg.squaredDistance(path, v0b, pvb);
                float inv = 1f / rows;
                Linalg.gemm(path, Trans.T, Trans.N, inv, ph0b, v0b, 0f, grad);
                Linalg.gemm(path, Trans.T, Trans.N, -inv, phkb, pvb, 1f, grad);
                Linalg.colMeans(path, v0b, db, 0);
                Linalg.colMeans(path, pvb, tmpV, 0);
                Linalg.axpy(path, nv, -1f, tmpV, 0, db, 0);
                Linalg.colMeans(path, ph0b, dc, 0);
                Linalg.colMeans(path, phkb, tmpH, 0);
                Linalg.axpy(path, nh, -1f, tmpH, 0, dc, 0);
                Updates.momentum(path, nh * nv, mu, lr, (float) cfg.weightCost(), grad.data(), 0, vw.data(), 0, w.data(), 0);
                Updates.momentum(path, nv, mu, lr, 0f, db, 0, vb, 0, b, 0);
                Updates.momentum(path, nh, mu, lr, 0f, dc, 0, vc, 0, c, 0);
                listener.onBatch(e + 1, bi + 1, batches);
            }
            Divergence.check(path, "RBM layer " + layer, e + 1, "lower the learning rate (now " + cfg.learningRate() + ")",
                    checkpoints == null ? null : checkpoints.where(), w.data(), b, c);
            if (checkpoints != null && checkpoints.due(e + 1, cfg.epochs())) checkpoints.save(stage, state.state(e + 1));
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("layer", (double) layer);
            metrics.put("reconstruction_error", recon / n);
            listener.onEpoch(new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics));
        }
        return new RbmLayer(w.copy(), b.clone(), c.clone(), classes, gaussianHidden);
    }

    /** Binary hidden: h ~ Bernoulli(p); Gaussian hidden: h = mean + N(0, 1). */
    static void sampleHidden(Path path, Rng rng, boolean gaussian, FMatrix mean, FMatrix h) {
        if (gaussian) {
            Sampling.gaussian(path, rng, 0f, 1f, h);
            for (int r = 0; r < h.rows(); r++) {
                Linalg.axpy(path, h.cols(), 1f, mean.data(), mean.rowOffset(r), h.data(), h.rowOffset(r));
            }
        } else {
            Sampling.bernoulli(path, rng, mean, h);
        }
    }
}
