package io.latentj.models.dbn;

import io.latentj.models.Divergence;
import io.latentj.models.EpochReport;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Up-down fine-tuning of a deep belief net, the contrastive form of the wake-sleep algorithm (Hinton, Osindero &amp;
 * Teh 2006, section 5 and appendix B). Recognition and generative weights are untied; for each minibatch:
 * <ol>
 * <li>up-pass: binary states x¹…x^{L−1} drawn bottom-up with the recognition weights; each generative layer learns
 *     to reconstruct the state below from the state above: ΔG = ε xˡ(x^{l−1} − p^{l−1})ᵀ, Δb = ε(x^{l−1} − p^{l−1}),
 *     p^{l−1} = σ(b + xˡᵀG) (Gaussian bottom: the mean, with unit variance the same rule);</li>
 * <li>the top RBM (penultimate states and labels as data) is updated by CD with {@code gibbsSteps} rounds of
 *     alternating Gibbs sampling started from the up-pass;</li>
 * <li>down-pass: from the negative penultimate states, binary states are drawn top-down with the generative weights
 *     (Gaussian bottom: mean + N(0, 1)); each recognition layer learns to recover the state above from the state
 *     below: ΔR = ε(x̃ˡ − q^l)x̃^{l−1}ᵀ, Δc = ε(x̃ˡ − qˡ), qˡ = σ(c + R x̃^{l−1}).</li>
 * </ol>
 * All updates are plain minibatch averages times the learning rate (no momentum, no weight cost).
 */
final class UpDown {
    private UpDown() {}

    /**
     * Fine-tunes a copy of {@code dbn}; with {@code checkpoints} (null: none) as stage {@code stage} of a staged
     * training, saving its state — every layer's {@code directed.<l>.recognition}, {@code .recognition_bias},
     * {@code .generative}, {@code .generative_bias}, the top RBM's {@code top.weight}, {@code top.visible_bias},
     * {@code top.hidden_bias}, and the order and sampling stream positions — and resuming from it.
     */
    static DeepBeliefNet train(DeepBeliefNet dbn, DbnConfig settings, FMatrix data, int[] labels, TrainingListener listener,
                               StageCheckpoints checkpoints, int stage) {
        Path path = settings.path();
        Inputs.requireMatrix(path, "training data", data, dbn.inputSize());
        if (data.rows() == 0) throw new IllegalArgumentException("training data has no rows");
        if (!dbn.gaussianVisible()) Elementwise.requireWithin(path, "training data", data, 0f, 1f);
        GreedyLayerwise.requireLabels(dbn.classes(), labels, data.rows());
        boolean gaussian = dbn.gaussianVisible();
        // mutable copies of every parameter
        List<DirectedLayer> layers = new ArrayList<>();
        for (DirectedLayer d : dbn.directed()) {
            layers.add(new DirectedLayer(d.recognition().copy(), d.recognitionBias().clone(), d.generative().copy(), d.generativeBias().clone()));
        }
        RbmLayer src = dbn.top();
        RbmLayer top = new RbmLayer(src.w().copy(), src.b().clone(), src.c().clone(), src.classes(), false);
        int nd = layers.size(), n = data.rows(), bs = Math.min(settings.upDownBatchSize(), n), batches = (n + bs - 1) / bs;
        int nf = top.features(), k = top.classes(), nt = top.hidden(), ntv = top.visible();
        // wake[l], sleep[l]: states of layer l (0 = data); pred: predictions of a layer; delta: target − prediction
        FMatrix[] wake = new FMatrix[nd + 1], sleep = new FMatrix[nd + 1], pred = new FMatrix[nd + 1];
        for (int l = 0; l <= nd; l++) {
            int size = l < nd ? layers.get(l).lower() : nf;
            wake[l] = FMatrix.zeros(bs, size);
            sleep[l] = FMatrix.zeros(bs, size);
            pred[l] = FMatrix.zeros(bs, size);
        }
        FMatrix v0 = FMatrix.zeros(bs, ntv), vk = FMatrix.zeros(bs, ntv), ph0 = FMatrix.zeros(bs, nt), h = FMatrix.zeros(bs, nt), phk = FMatrix.zeros(bs, nt);
        FMatrix topGrad = FMatrix.zeros(nt, ntv);
        float[] db = new float[Math.max(Math.max(ntv, nt), maxSize(layers))], tmp = new float[db.length], dc = new float[nt];
        Rng root = Rng.of(settings.seed() ^ 0x5DEECE66DL);
        Rng orderRng = root.stream(1), rng = root.stream(2);
        int[] order = new int[n];
        FMatrix batch = FMatrix.zeros(bs, data.cols());
        int[] batchLabels = new int[bs];
        float lr = (float) settings.upDownLearningRate();
        TrainingState.Layout state = null;
        int first = 0;
        if (checkpoints != null) {
            state = checkpoints.layout().matrix("top.weight", top.w()).vector("top.visible_bias", top.b()).vector("top.hidden_bias", top.c())
                    .stream("order_rng_position", orderRng).stream("rng_position", rng);
            for (int l = 0; l < nd; l++) {
                DirectedLayer d = layers.get(l);
                state.matrix("directed." + l + ".recognition", d.recognition()).vector("directed." + l + ".recognition_bias", d.recognitionBias())
                        .matrix("directed." + l + ".generative", d.generative()).vector("directed." + l + ".generative_bias", d.generativeBias());
            }
            TrainingState.Restored r = checkpoints.resume(stage, settings.upDownEpochs(), state);
            if (r != null) first = r.epochsDone();
        }
        for (int e = first; e < settings.upDownEpochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            double wakeError = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs, rows = Math.min(bs, n - from);
                float inv = lr / rows;
                Minibatches.gather(data, order, from, rows, batch);
                for (int r = 0; r < rows; r++) batchLabels[r] = labels == null ? 0 : labels[order[from + r]];
                // up-pass: binary states with the recognition weights
                wake[0].rowRange(0, rows).copyFrom(batch.rowRange(0, rows));
                for (int l = 0; l < nd; l++) {
                    FMatrix up = wake[l + 1].rowRange(0, rows);
                    layers.get(l).recognize(path, wake[l].rowRange(0, rows), up);
                    Sampling.bernoulli(path, rng, up, up);
                }
                // wake phase: generative weights predict each state from the one above
                for (int l = 0; l < nd; l++) {
                    DirectedLayer d = layers.get(l);
                    FMatrix above = wake[l + 1].rowRange(0, rows), p = pred[l].rowRange(0, rows);
                    d.generate(path, above, p, l == 0 && gaussian);
                    subtractFrom(path, wake[l].rowRange(0, rows), p); // p ← x − p
                    if (l == 0) {
                        double norm = Linalg.nrm2(path, rows * p.cols(), p.data(), p.offset());
                        wakeError += norm * norm;
                    }
                    Linalg.gemm(path, Trans.T, Trans.N, inv, above, p, 1f, d.generative());
                    Linalg.colSums(path, p, tmp, 0);
                    Linalg.axpy(path, d.lower(), inv, tmp, 0, d.generativeBias(), 0);
                }
                // top RBM: CD from the up-pass penultimate states (and the labels)
                FMatrix v0b = v0.rowRange(0, rows), vkb = vk.rowRange(0, rows), ph0b = ph0.rowRange(0, rows), hb = h.rowRange(0, rows), phkb = phk.rowRange(0, rows);
                v0b.colRange(0, nf).copyFrom(wake[nd].rowRange(0, rows));
                if (k > 0) {
                    v0b.colRange(nf, ntv).fill(0f);
                    for (int r = 0; r < rows; r++) v0b.set(r, nf + batchLabels[r], 1f);
                }
                top.hidden(path, v0b, ph0b);
                FMatrix hk = ph0b;
                for (int s = 0; s < settings.upDownGibbsSteps(); s++) {
                    Sampling.bernoulli(path, rng, hk, hb);
                    top.visible(path, hb, vkb);
                    Sampling.bernoulli(path, rng, vkb.colRange(0, nf), vkb.colRange(0, nf));
                    if (k > 0) DeepBeliefNet.setLabels(vkb, nf, k, -1, vkb, rng);
                    top.hidden(path, vkb, phkb);
                    hk = phkb;
                }
                Linalg.gemm(path, Trans.T, Trans.N, 1f, ph0b, v0b, 0f, topGrad);
                Linalg.gemm(path, Trans.T, Trans.N, -1f, phkb, vkb, 1f, topGrad);
                Linalg.axpy(path, nt * ntv, inv, topGrad.data(), 0, top.w().data(), 0);
                Linalg.colSums(path, v0b, db, 0);
                Linalg.colSums(path, vkb, tmp, 0);
                Linalg.axpy(path, ntv, -1f, tmp, 0, db, 0);
                Linalg.axpy(path, ntv, inv, db, 0, top.b(), 0);
                Linalg.colSums(path, ph0b, dc, 0);
                Linalg.colSums(path, phkb, tmp, 0);
                Linalg.axpy(path, nt, -1f, tmp, 0, dc, 0);
                Linalg.axpy(path, nt, inv, dc, 0, top.c(), 0);
                // down-pass: states drawn top-down from the negative penultimate states
                sleep[nd].rowRange(0, rows).copyFrom(vkb.colRange(0, nf));
                for (int l = nd - 1; l >= 0; l--) {
                    FMatrix below = sleep[l].rowRange(0, rows);
                    layers.get(l).generate(path, sleep[l + 1].rowRange(0, rows), below, l == 0 && gaussian);
                    if (l == 0 && gaussian) {
                        FMatrix noise = pred[0].rowRange(0, rows);
                        Sampling.gaussian(path, rng, 0f, 1f, noise);
                        Linalg.axpy(path, rows * below.cols(), 1f, noise.data(), 0, below.data(), below.offset());
                    } else if (l > 0) {
                        Sampling.bernoulli(path, rng, below, below);
                    } // the binary visible layer keeps its probabilities, as in the paper's appendix
                }
                // sleep phase: recognition weights predict each state from the one below
                for (int l = 0; l < nd; l++) {
                    DirectedLayer d = layers.get(l);
                    FMatrix lower = sleep[l].rowRange(0, rows), q = pred[l + 1].rowRange(0, rows);
                    d.recognize(path, lower, q);
                    subtractFrom(path, sleep[l + 1].rowRange(0, rows), q); // q ← x̃ − q
                    Linalg.gemm(path, Trans.T, Trans.N, inv, q, lower, 1f, d.recognition());
                    Linalg.colSums(path, q, tmp, 0);
                    Linalg.axpy(path, d.upper(), inv, tmp, 0, d.recognitionBias(), 0);
                }
                listener.onBatch(e + 1, bi + 1, batches);
            }
            float[][] params = new float[3 + 4 * nd][];
            params[0] = top.w().data();
            params[1] = top.b();
            params[2] = top.c();
            for (int l = 0; l < nd; l++) {
                DirectedLayer d = layers.get(l);
                params[3 + 4 * l] = d.recognition().data();
                params[4 + 4 * l] = d.recognitionBias();
                params[5 + 4 * l] = d.generative().data();
                params[6 + 4 * l] = d.generativeBias();
            }
            Divergence.check(path, "DBN (up-down fine-tuning)", e + 1, "lower the up-down learning rate (now " + lr + ")",
                    checkpoints == null ? null : checkpoints.where(), params);
            if (checkpoints != null && checkpoints.due(e + 1, settings.upDownEpochs())) checkpoints.save(stage, state.state(e + 1));
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("layer", 0.0);
            metrics.put("wake_reconstruction_error", wakeError / n);
            listener.onEpoch(new EpochReport(e + 1, settings.upDownEpochs(), (System.nanoTime() - t0) / 1e9, metrics));
        }
        Map<String, String> prov = new LinkedHashMap<>(dbn.provenance());
        prov.put("up_down_epochs", Integer.toString(settings.upDownEpochs()));
        DbnConfig cfg = dbn.config().toBuilder().upDown(settings.upDownEpochs(), settings.upDownLearningRate(), settings.upDownGibbsSteps(),
                settings.upDownBatchSize()).build();
        return new DeepBeliefNet(layers, top, cfg, prov);
    }

    private static int maxSize(List<DirectedLayer> layers) {
        int m = 0;
        for (DirectedLayer d : layers) m = Math.max(m, Math.max(d.lower(), d.upper()));
        return m;
    }

    /** p ← x − p, row by row. */
    private static void subtractFrom(Path path, FMatrix x, FMatrix p) {
        for (int r = 0; r < p.rows(); r++) {
            Linalg.scal(path, p.cols(), -1f, p.data(), p.rowOffset(r));
            Linalg.axpy(path, p.cols(), 1f, x.data(), x.rowOffset(r), p.data(), p.rowOffset(r));
        }
    }
}
