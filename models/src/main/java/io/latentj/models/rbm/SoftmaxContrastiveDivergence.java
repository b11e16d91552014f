package io.latentj.models.rbm;

import io.latentj.models.Checkpointing;
import io.latentj.models.Divergence;
import io.latentj.models.TrainingState;

import io.latentj.models.Minibatches;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.data.Ratings;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a {@link SoftmaxRBM} by CD-k over minibatches of users.
 *
 * <p><b>Dense masked minibatches.</b> A minibatch of n users becomes a dense n × (items·K) one-hot matrix V⁰ with
 * all-zero blocks for unrated items, so both phases are GEMMs through the facades. After each downward pass
 * p(v|h) is computed for every item (one GEMM and a blockwise softmax) and then masked: only the blocks of items
 * the user rated are copied into the negative matrix Vᵏ, the others stay zero. Zero blocks contribute nothing to
 * p(h|V) and to the statistics PᵀV and colSums(V), so unrated items neither influence a user's hidden units nor
 * receive a gradient from that user. The cost per minibatch is O(n · hidden · items·K) per pass, independent of
 * the sparsity; for millions of items a sparse gather would be cheaper.
 *
 * <p>Negative visible units are the softmax probabilities, or one-hot samples of them when
 * {@link RbmConfig#sampleVisible()}; hidden units are sampled for each downward pass; the final hidden statistics are
 * probabilities. Update: ΔW ← μΔW + ε((P⁰ᵀV⁰ − PᵏᵀVᵏ)/n − λW), biases likewise without weight cost. Persistent
 * chains are refused (every user has their own visible units). Initialisation: W ~ N(0, initialWeightStd²), c = 0,
 * b_i^k = log((count of rating k for item i + 1)/(ratings of item i + K)), the smoothed training frequencies.
 */
final class SoftmaxContrastiveDivergence {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.rbm");

    private final RbmConfig cfg;
    private final Path path;
    private final Ratings data, heldOut;
    private final TrainingListener listener;
    private final int items, levels, nv, nh;
    private final FMatrix w, vw, grad;
    private final float[] b, c, vb, vc, db, dc, tmpV, tmpH, u;
    private final FMatrix v0, ph0, h, pv, vk, phk;
    private final Rng initRng, orderRng, gibbsRng;
    private final Checkpointing checkpointing; // null: none

    SoftmaxContrastiveDivergence(RbmConfig cfg, Ratings data, Ratings heldOut, TrainingListener listener, Checkpointing checkpointing) {
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        this.checkpointing = checkpointing;
        if (data == null || data.users() == 0 || data.items() == 0) {
            throw new IllegalArgumentException("training ratings must have at least one user and one item, got " + data);
        }
        if (cfg.persistent()) {
            throw new IllegalArgumentException("SoftmaxRBM trains with CD-k only: persistent chains do not fit users who each have their own visible units");
        }
        if ((long) data.items() * data.levels() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(data.items() + " items x " + data.levels() + " levels is too large for a dense visible layer");
        }
        if (heldOut != null && (heldOut.users() != data.users() || heldOut.items() != data.items() || heldOut.levels() != data.levels())) {
            throw new IllegalArgumentException("held-out ratings (" + heldOut + ") must have the users, items and levels of the training ratings (" + data + ")");
        }
        this.cfg = cfg;
        this.path = cfg.path();
        this.data = data;
        this.heldOut = heldOut;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        items = data.items();
        levels = data.levels();
        nv = items * levels;
        nh = cfg.hidden();
        int bs = Math.min(cfg.batchSize(), data.users());
        w = FMatrix.zeros(nh, nv);
        vw = FMatrix.zeros(nh, nv);
        grad = FMatrix.zeros(nh, nv);
        b = new float[nv];
        c = new float[nh];
        vb = new float[nv];
        vc = new float[nh];
        db = new float[nv];
        dc = new float[nh];
        tmpV = new float[nv];
        tmpH = new float[nh];
        v0 = FMatrix.zeros(bs, nv);
        pv = FMatrix.zeros(bs, nv);
        vk = FMatrix.zeros(bs, nv);
        ph0 = FMatrix.zeros(bs, nh);
        h = FMatrix.zeros(bs, nh);
        phk = FMatrix.zeros(bs, nh);
        u = new float[Math.max(1, maxCount(data) * bs)];
        Rng root = Rng.of(cfg.seed());
        initRng = root.stream(1);
        orderRng = root.stream(2);
        gibbsRng = root.stream(3);
    }

    private static int maxCount(Ratings r) {
        int m = 0;
        for (int x = 0; x < r.users(); x++) m = Math.max(m, r.count(x));
        return m;
    }

    SoftmaxRBM train() {
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) start = restore();
        else initialise();
        int n = data.users(), bs = v0.rows();
        int batches = (n + bs - 1) / bs;
        int[] order = new int[n];
        for (int e = start; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            float lr = (float) cfg.learningRate(e), mu = (float) cfg.momentum(e);
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs, rows = Math.min(bs, n - from);
                step(order, from, rows, lr, mu);
                listener.onBatch(e + 1, bi + 1, batches);
            }
            Divergence.check(path, "SoftmaxRBM", e + 1, "lower the learning rate (now " + cfg.learningRate() + ") or raise the weight cost",
                    checkpointing, w.data(), b, c);
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) checkpoint(e + 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            monitor(metrics);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), seconds, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            listener.onEpoch(report);
        }
        return new SoftmaxRBM(w, b, c, items, levels, cfg, provenance());
    }

    static final String CHECKPOINT_TYPE = "SoftmaxRBM-checkpoint";

    private String fingerprint() {
        return Minibatches.fingerprint(new int[] {data.users(), data.items(), data.levels()}, data.userStart(), data.item(), data.rating());
    }

    /** Parameters, velocities and the random-stream positions. */
    private TrainingState.Layout stateLayout() {
        return new TrainingState.Layout(CHECKPOINT_TYPE).matrix("weight", w).vector("visible_bias", b).vector("hidden_bias", c)
                .matrix("weight_velocity", vw).vector("visible_velocity", vb).vector("hidden_velocity", vc)
                .stream("order_rng_position", orderRng).stream("gibbs_rng_position", gibbsRng);
    }

    private void checkpoint(int epochsDone) {
        stateLayout().state(epochsDone).save(checkpointing, cfg.toMap(), fingerprint());
    }

    private int restore() {
        TrainingState.Restored ck = stateLayout().restore(checkpointing, cfg.toMap(), fingerprint());
        LOG.log(Level.INFO, () -> "resumed from " + checkpointing.file() + " after epoch " + ck.epochsDone());
        return ck.epochsDone();
    }

    private void initialise() {
        Sampling.gaussian(path, initRng, 0f, (float) cfg.initialWeightStd(), w);
        int[] perItem = new int[items];
        Arrays.fill(b, 1f);
        for (int e = 0; e < data.size(); e++) {
            b[data.item()[e] * levels + data.rating()[e] - 1] += 1f;
            perItem[data.item()[e]]++;
        }
        for (int i = 0; i < items; i++) {
            float inv = 1f / (perItem[i] + levels);
            Linalg.scal(path, levels, inv, b, i * levels);
        }
        Elementwise.log(path, b, 0, b, 0, nv);
    }

    /** Copies the rated items' blocks of {@code probs} into {@code out} (zero elsewhere), or one-hot samples of them. */
    private void mask(int[] order, int from, FMatrix probs, FMatrix out, boolean sample) {
        int rows = out.rows();
        int total = 0;
        for (int r = 0; r < rows; r++) total += data.count(order[from + r]);
        if (sample) Sampling.uniform(path, gibbsRng, u, 0, total);
        int q = 0;
        for (int r = 0; r < rows; r++) {
            int user = order[from + r], po = probs.rowOffset(r), oo = out.rowOffset(r);
            Arrays.fill(out.data(), oo, oo + nv, 0f);
            for (int e = data.userStart()[user]; e < data.userStart()[user + 1]; e++) {
                int off = data.item()[e] * levels;
                if (!sample) {
                    System.arraycopy(probs.data(), po + off, out.data(), oo + off, levels);
                } else { // inverse-CDF draw from the block's categorical distribution
                    float x = u[q++], acc = 0;
                    int k = 0;
                    while (k < levels - 1 && (acc += probs.data()[po + off + k]) <= x) k++;
                    out.data()[oo + off + k] = 1f;
                }
            }
        }
    }

    private void step(int[] order, int from, int rows, float lr, float mu) {
        FMatrix v0b = v0.rowRange(0, rows), ph0b = ph0.rowRange(0, rows), hb = h.rowRange(0, rows);
        FMatrix pvb = pv.rowRange(0, rows), vkb = vk.rowRange(0, rows), phkb = phk.rowRange(0, rows);
        for (int r = 0; r < rows; r++) SoftmaxRBM.oneHot(data, order[from + r], v0b, r);
        BernoulliConditionals.hidden(path, w, c, v0b, ph0b);
        for (int s = 0; s < cfg.k(); s++) {
            if (s > 0) BernoulliConditionals.hidden(path, w, c, vkb, phkb);
            Sampling.bernoulli(path, gibbsRng, s == 0 ? ph0b : phkb, hb);
            SoftmaxRBM.visible(path, w, b, levels, hb, pvb);
            mask(order, from, pvb, vkb, cfg.sampleVisible());
        }
        BernoulliConditionals.hidden(path, w, c, vkb, phkb);

        float inv = 1f / rows;
        Linalg.gemm(path, Trans.T, Trans.N, inv, ph0b, v0b, 0f, grad);
        Linalg.gemm(path, Trans.T, Trans.N, -inv, phkb, vkb, 1f, grad);
        Linalg.colMeans(path, v0b, db, 0);
        Linalg.colMeans(path, vkb, tmpV, 0);
        Linalg.axpy(path, nv, -1f, tmpV, 0, db, 0);
        Linalg.colMeans(path, ph0b, dc, 0);
        Linalg.colMeans(path, phkb, tmpH, 0);
        Linalg.axpy(path, nh, -1f, tmpH, 0, dc, 0);
        int wn = nh * nv;
        if (cfg.weightCost() > 0) Linalg.axpy(path, wn, (float) -cfg.weightCost(), w.data(), 0, grad.data(), 0);
        Linalg.scal(path, wn, mu, vw.data(), 0);
        Linalg.axpy(path, wn, lr, grad.data(), 0, vw.data(), 0);
        Linalg.axpy(path, wn, 1f, vw.data(), 0, w.data(), 0);
        Linalg.scal(path, nv, mu, vb, 0);
        Linalg.axpy(path, nv, lr, db, 0, vb, 0);
        Linalg.axpy(path, nv, 1f, vb, 0, b, 0);
        Linalg.scal(path, nh, mu, vc, 0);
        Linalg.axpy(path, nh, lr, dc, 0, vc, 0);
        Linalg.axpy(path, nh, 1f, vc, 0, c, 0);
    }

    /** Training RMSE (predicting the training ratings from themselves) and held-out RMSE; off when monitorSamples is 0. */
    private void monitor(Map<String, Double> metrics) {
        if (cfg.monitorSamples() == 0) return;
        SoftmaxRBM model = new SoftmaxRBM(w, b, c, items, levels, cfg, Map.of());
        metrics.put("train_rmse", model.rmse(data, data));
        if (heldOut != null && heldOut.size() > 0) metrics.put("heldout_rmse", model.rmse(data, heldOut));
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seed", Long.toString(cfg.seed()));
        p.put("epochs", Integer.toString(cfg.epochs()));
        p.put("users", Integer.toString(data.users()));
        p.put("ratings", Integer.toString(data.size()));
        p.put("algorithm", "CD-" + cfg.k());
        return p;
    }
}
