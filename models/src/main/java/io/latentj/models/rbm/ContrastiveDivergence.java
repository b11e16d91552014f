package io.latentj.models.rbm;

import io.latentj.models.Minibatches;
import io.latentj.models.Checkpointing;
import io.latentj.models.Divergence;
import io.latentj.models.TrainingState;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;
import io.latentj.simd.Updates;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a {@link BernoulliRBM} by contrastive divergence (CD-k) or persistent contrastive divergence (PCD), with
 * minibatches, momentum, L2 weight cost and an optional sparsity target, as in Hinton's practical guide:
 * <ul>
 * <li>positive phase: data v⁰ and hidden probabilities p(h|v⁰) (mean-field statistics);</li>
 * <li>negative phase: k rounds of Gibbs sampling with binary hidden states, starting at the data (CD) or at the
 *     persistent chains (PCD); visible units use probabilities unless {@code sampleVisible} (PCD chains always hold
 *     binary states); the final hidden statistics are probabilities;</li>
 * <li>update: ΔW ← μΔW + ε(⟨hvᵀ⟩₀ − ⟨hvᵀ⟩ₖ − λW), the biases likewise without weight cost.</li>
 * </ul>
 * Every random number comes from one seeded {@link Rng}, and scalar and SIMD sampling give identical numbers, so a
 * run is reproducible on a given path.
 */
final class ContrastiveDivergence {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.rbm");

    private final RbmConfig cfg;
    private final Path path;
    private final FMatrix data;
    private final FMatrix heldOut;
    private final TrainingListener listener;
    private final int nv, nh;

    // parameters and their velocities
    private final FMatrix w, vw;
    private final float[] b, c, vb, vc;
    // minibatch buffers (rows = batch size; the last, smaller batch uses row-range views)
    private final FMatrix v0, ph0, h, pv, vk, phk, grad;
    private final float[] db, dc, tmpV, tmpH, q;
    private FMatrix chain; // PCD negative particles

    private final Rng initRng, orderRng, gibbsRng, monitorRng;
    private final Checkpointing checkpointing; // null: none

    ContrastiveDivergence(RbmConfig cfg, FMatrix data, FMatrix heldOut, TrainingListener listener) {
        this(cfg, data, heldOut, listener, null);
    }

    ContrastiveDivergence(RbmConfig cfg, FMatrix data, FMatrix heldOut, TrainingListener listener, Checkpointing checkpointing) {
        this.checkpointing = checkpointing;
        this.cfg = cfg;
        this.path = cfg.path();
        if (data == null || data.rows() == 0 || data.cols() == 0) {
            throw new IllegalArgumentException("training data must have at least one row and one column, got "
                    + (data == null ? "null" : data.shape()));
        }
        Elementwise.requireWithin(path, "training data", data, 0f, 1f);
        if (heldOut != null) {
            if (heldOut.cols() != data.cols()) {
                throw new IllegalArgumentException("held-out data has " + heldOut.cols() + " columns, training data " + data.cols());
            }
            Elementwise.requireWithin(path, "held-out data", heldOut, 0f, 1f);
        }
        this.data = data;
        this.heldOut = heldOut;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        nv = data.cols();
        nh = cfg.hidden();
        int bs = Math.min(cfg.batchSize(), data.rows());
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
        q = new float[nh];
        v0 = FMatrix.zeros(bs, nv);
        pv = FMatrix.zeros(bs, nv);
        vk = FMatrix.zeros(bs, nv);
        ph0 = FMatrix.zeros(bs, nh);
        h = FMatrix.zeros(bs, nh);
        phk = FMatrix.zeros(bs, nh);
        Rng root = Rng.of(cfg.seed());
        initRng = root.stream(1);
        orderRng = root.stream(2);
        gibbsRng = root.stream(3);
        monitorRng = root.stream(4);
    }

    BernoulliRBM train() {
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) start = restore();
        else initialise();
        int n = data.rows(), bs = v0.rows();
        int batches = (n + bs - 1) / bs;
        int[] order = new int[n];
        for (int e = start; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            float lr = (float) cfg.learningRate(e), mu = (float) cfg.momentum(e);
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs, rows = Math.min(bs, n - from);
                Minibatches.gather(data, order, from, rows, v0);
                step(rows, lr, mu);
                listener.onBatch(e + 1, bi + 1, batches);
            }
            Divergence.check(path, "RBM", e + 1, "lower the learning rate (now " + cfg.learningRate() + ") or raise the weight cost",
                    checkpointing, w.data(), b, c);
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) checkpoint(e + 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            monitor(metrics);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), seconds, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            listener.onEpoch(report);
        }
        return new BernoulliRBM(w, b, c, cfg, provenance());
    }

    static final String CHECKPOINT_TYPE = "BernoulliRBM-checkpoint";

    /**
     * The full state after {@code epochsDone} epochs: parameters ({@code weight}, {@code visible_bias},
     * {@code hidden_bias}), momentum velocities ({@code weight_velocity}, {@code visible_velocity},
     * {@code hidden_velocity}), sparsity estimates ({@code sparsity_q}), the PCD chains ({@code chain}) and the
     * random-stream positions.
     */
    private TrainingState.Layout stateLayout() {
        return new TrainingState.Layout(CHECKPOINT_TYPE).matrix("weight", w).vector("visible_bias", b).vector("hidden_bias", c)
                .matrix("weight_velocity", vw).vector("visible_velocity", vb).vector("hidden_velocity", vc).vector("sparsity_q", q)
                .stream("order_rng_position", orderRng).stream("gibbs_rng_position", gibbsRng);
    }

    private void checkpoint(int epochsDone) {
        TrainingState s = stateLayout().state(epochsDone);
        if (chain != null) s.put("chain", chain);
        s.save(checkpointing, cfg.toMap(), Minibatches.fingerprint(data));
    }

    /** Restores the state of a checkpoint made by a run with the same config (epochs may grow) and data; returns epochs done. */
    private int restore() {
        TrainingState.Restored ck = stateLayout().restore(checkpointing, cfg.toMap(), Minibatches.fingerprint(data));
        if (ck.has("chain")) chain = ck.matrix("chain");
        LOG.log(Level.INFO, () -> "resumed from " + checkpointing.file() + " after epoch " + ck.epochsDone());
        return ck.epochsDone();
    }

    private void initialise() {
        Sampling.gaussian(path, initRng, 0f, (float) cfg.initialWeightStd(), w);
        // visible biases log(p/(1−p)) of the training proportions, clipped away from 0 and 1
        Linalg.colMeans(path, data, b, 0);
        for (int i = 0; i < nv; i++) {
            float p = Math.min(Math.max(b[i], 1e-3f), 1f - 1e-3f);
            b[i] = (float) Math.log(p / (1f - p));
        }
        if (!Double.isNaN(cfg.sparsityTarget())) java.util.Arrays.fill(q, (float) cfg.sparsityTarget());
    }

    /** One update from the first {@code rows} rows of v0. */
    private void step(int rows, float lr, float mu) {
        FMatrix v0b = v0.rowRange(0, rows), ph0b = ph0.rowRange(0, rows), hb = h.rowRange(0, rows);
        FMatrix pvb = pv.rowRange(0, rows), vkb = vk.rowRange(0, rows), phkb = phk.rowRange(0, rows);
        BernoulliConditionals.hidden(path, w, c, v0b, ph0b);

        FMatrix neg; // the visible statistics of the negative phase
        if (cfg.persistent()) {
            if (chain == null) { // particles start at binary samples of the first minibatch
                chain = FMatrix.zeros(v0.rows(), nv);
                Sampling.bernoulli(path, gibbsRng, v0, chain);
            }
            neg = chain.rowRange(0, rows);
            for (int s = 0; s < cfg.k(); s++) {
                BernoulliConditionals.hidden(path, w, c, neg, phkb);
                Sampling.bernoulli(path, gibbsRng, phkb, hb);
                BernoulliConditionals.visible(path, w, b, hb, pvb);
                Sampling.bernoulli(path, gibbsRng, pvb, neg);
            }
        } else {
            neg = v0b;
            for (int s = 0; s < cfg.k(); s++) {
                if (s > 0) BernoulliConditionals.hidden(path, w, c, neg, phkb);
                Sampling.bernoulli(path, gibbsRng, s == 0 ? ph0b : phkb, hb);
                BernoulliConditionals.visible(path, w, b, hb, pvb);
                if (cfg.sampleVisible()) {
                    Sampling.bernoulli(path, gibbsRng, pvb, vkb);
                    neg = vkb;
                } else {
                    neg = pvb;
                }
            }
        }
        BernoulliConditionals.hidden(path, w, c, neg, phkb);

        // gradient of the log-likelihood estimate, averaged over the batch
        float inv = 1f / rows;
        Linalg.gemm(path, Trans.T, Trans.N, inv, ph0b, v0b, 0f, grad);
        Linalg.gemm(path, Trans.T, Trans.N, -inv, phkb, neg, 1f, grad);
        Linalg.colMeans(path, v0b, db, 0);
        Linalg.colMeans(path, neg, tmpV, 0);
        Linalg.axpy(path, nv, -1f, tmpV, 0, db, 0);
        Linalg.colMeans(path, ph0b, dc, 0);
        Linalg.colMeans(path, phkb, tmpH, 0);
        Linalg.axpy(path, nh, -1f, tmpH, 0, dc, 0);
        if (!Double.isNaN(cfg.sparsityTarget()) && cfg.sparsityCost() > 0) sparsity(ph0b, v0b);

        // momentum updates, one fused pass per parameter array (weight cost on the weights only)
        Updates.momentum(path, nh * nv, mu, lr, (float) cfg.weightCost(), grad.data(), 0, vw.data(), 0, w.data(), 0);
        Updates.momentum(path, nv, mu, lr, 0f, db, 0, vb, 0, b, 0);
        Updates.momentum(path, nh, mu, lr, 0f, dc, 0, vc, 0, c, 0);
    }

    /**
     * Sparsity (practical guide, section 11): q_j, a decaying average (0.9) of unit j's mean activation, is pulled
     * towards the target p by adding −cost·(q_j − p) to the hidden bias gradient and −cost·(q_j − p)·mean(v) to the
     * unit's incoming weights.
     */
    private void sparsity(FMatrix ph0b, FMatrix v0b) {
        Linalg.colMeans(path, ph0b, tmpH, 0);
        Linalg.scal(path, nh, 0.9f, q, 0);
        Linalg.axpy(path, nh, 0.1f, tmpH, 0, q, 0);
        float p = (float) cfg.sparsityTarget(), cost = (float) cfg.sparsityCost();
        for (int j = 0; j < nh; j++) tmpH[j] = q[j] - p;
        Linalg.axpy(path, nh, -cost, tmpH, 0, dc, 0);
        Linalg.colMeans(path, v0b, tmpV, 0);
        Linalg.ger(path, -cost, tmpH, 0, tmpV, 0, grad);
    }

    /**
     * Each epoch's measurements on the first {@code monitorSamples} training rows (and held-out rows): mean squared
     * reconstruction error of one mean-field up-down pass, pseudo-likelihood, the free-energy gap (held-out minus
     * training), and the exact average log-likelihood when the smaller layer has at most
     * {@link RbmLikelihood#CHEAP_UNITS} units.
     */
    private void monitor(Map<String, Double> metrics) {
        int m = Math.min(cfg.monitorSamples(), data.rows());
        if (m == 0) return;
        BernoulliRBM model = new BernoulliRBM(w, b, c, cfg, Map.of());
        FMatrix train = data.rowRange(0, m);
        metrics.put("reconstruction_error", Linalg.squaredDistance(path, train, model.reconstruct(train)) / m);
        metrics.put("pseudo_likelihood", Minibatches.mean(model.pseudoLikelihood(train, monitorRng.copy())));
        double trainFe = Minibatches.mean(model.freeEnergy(train));
        if (heldOut != null && heldOut.rows() > 0) {
            FMatrix held = heldOut.rowRange(0, Math.min(m, heldOut.rows()));
            metrics.put("free_energy_gap", Minibatches.mean(model.freeEnergy(held)) - trainFe);
        }
        if (Math.min(nv, nh) <= RbmLikelihood.CHEAP_UNITS) {
            metrics.put("log_likelihood", RbmLikelihood.averageLogLikelihood(model, train, RbmLikelihood.exactLogPartition(model)));
        }
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seed", Long.toString(cfg.seed()));
        p.put("epochs", Integer.toString(cfg.epochs()));
        p.put("rows", Integer.toString(data.rows()));
        p.put("data_fingerprint", Minibatches.fingerprint(data));
        p.put("algorithm", cfg.persistent() ? "PCD-" + cfg.k() : "CD-" + cfg.k());
        return p;
    }
}
