package io.latentj.models.rbm;

import io.latentj.models.Checkpointing;
import io.latentj.models.Divergence;
import io.latentj.models.TrainingState;

import io.latentj.models.Minibatches;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a {@link GaussianBernoulliRBM} by CD-k or PCD with minibatches, momentum and L2 weight cost:
 * <ul>
 * <li>positive phase: data v⁰ and p(h|v⁰);</li>
 * <li>negative phase: k Gibbs rounds with binary hidden samples, from the data (CD) or the persistent chains (PCD);
 *     visible units take E[v|h] unless {@code sampleVisible} or learned variances (PCD chains always hold samples); the final hidden
 *     statistics are probabilities;</li>
 * <li>update: θ ← θ + Δθ with Δθ ← μΔθ + ε(S_data − S_negative − λW), S from {@link GaussianStatistics}; the
 *     log-variances (when learned) follow the same rule and are clamped to σ ≥ {@link GaussianBernoulliRBM#MIN_SIGMA}.</li>
 * </ul>
 * <p><b>Learned variances always sample the negative visible units.</b> Means E[v|h] understate the model's spread:
 * the negative phase then sees too little variance, W grows to widen it and σ shrinks. Measured on 2-D Gaussian data
 * with std (0.5, 2), 4 hidden units, 40 epochs: CD-1 with means ends at σ = (0.31, 1.13) — adding the noise's share
 * ½ to the log-variance statistic analytically does not cure it, because p(h|v) is not linear in v — while CD-1 with
 * samples ends at σ = (0.48, 2.02), as exact maximum likelihood (0.49, 1.99) does.
 * <p>Initialisation: W ~ N(0, initialWeightStd²), b = column means of the data, c = 0, σ = 1. All randomness comes from
 * streams of one seeded {@link Rng}.
 */
final class GaussianContrastiveDivergence {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.rbm");
    private static final float MIN_LOG_VAR = (float) (2 * Math.log(GaussianBernoulliRBM.MIN_SIGMA));
    private static final float MAX_LOG_VAR = (float) (2 * Math.log(1e4));

    private final RbmConfig cfg;
    private final boolean learnVariance;
    private final Path path;
    private final FMatrix data, heldOut;
    private final TrainingListener listener;
    private final int nv, nh;

    private final FMatrix w, vw, wIn, wOut;
    private final float[] b, c, z, vb, vc, vz, sigma, invSigma;
    private final FMatrix v0, ph0, h, mean, vk, phk;
    private final GaussianStatistics stats;
    private FMatrix chain;
    private final Rng initRng, orderRng, gibbsRng;
    private final Checkpointing checkpointing; // null: none

    GaussianContrastiveDivergence(RbmConfig cfg, boolean learnVariance, FMatrix data, FMatrix heldOut, TrainingListener listener,
                                  Checkpointing checkpointing) {
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        this.checkpointing = checkpointing;
        this.cfg = cfg;
        this.learnVariance = learnVariance;
        this.path = cfg.path();
        if (data == null || data.rows() == 0 || data.cols() == 0) {
            throw new IllegalArgumentException("training data must have at least one row and one column, got "
                    + (data == null ? "null" : data.shape()));
        }
        Elementwise.requireFinite(path, "training data", data);
        if (heldOut != null) {
            if (heldOut.cols() != data.cols()) {
                throw new IllegalArgumentException("held-out data has " + heldOut.cols() + " columns, training data " + data.cols());
            }
            Elementwise.requireFinite(path, "held-out data", heldOut);
        }
        this.data = data;
        this.heldOut = heldOut;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        nv = data.cols();
        nh = cfg.hidden();
        int bs = Math.min(cfg.batchSize(), data.rows());
        w = FMatrix.zeros(nh, nv);
        vw = FMatrix.zeros(nh, nv);
        wIn = learnVariance ? FMatrix.zeros(nh, nv) : w;
        wOut = learnVariance ? FMatrix.zeros(nh, nv) : w;
        b = new float[nv];
        c = new float[nh];
        z = new float[nv];
        vb = new float[nv];
        vc = new float[nh];
        vz = new float[nv];
        sigma = new float[nv];
        invSigma = new float[nv];
        v0 = FMatrix.zeros(bs, nv);
        mean = FMatrix.zeros(bs, nv);
        vk = FMatrix.zeros(bs, nv);
        ph0 = FMatrix.zeros(bs, nh);
        h = FMatrix.zeros(bs, nh);
        phk = FMatrix.zeros(bs, nh);
        stats = new GaussianStatistics(nh, nv, bs);
        Rng root = Rng.of(cfg.seed());
        initRng = root.stream(1);
        orderRng = root.stream(2);
        gibbsRng = root.stream(3);
    }

    GaussianBernoulliRBM train() {
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) start = restore();
        else {
            Sampling.gaussian(path, initRng, 0f, (float) cfg.initialWeightStd(), w);
            Linalg.colMeans(path, data, b, 0);
        }
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
            Divergence.check(path, "Gaussian RBM", e + 1, "lower the learning rate (now " + cfg.learningRate()
                    + "; 0.001-0.01 is typical for real-valued data) and standardise the data", checkpointing, w.data(), b, c, z);
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) checkpoint(e + 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            monitor(metrics);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), seconds, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            listener.onEpoch(report);
        }
        return model(provenance());
    }

    static final String CHECKPOINT_TYPE = "GaussianBernoulliRBM-checkpoint";

    /** Parameters, log-variances, their velocities, the PCD chains and the random-stream positions. */
    private TrainingState.Layout stateLayout() {
        return new TrainingState.Layout(CHECKPOINT_TYPE).matrix("weight", w).vector("visible_bias", b).vector("hidden_bias", c)
                .vector("log_variance", z).matrix("weight_velocity", vw).vector("visible_velocity", vb).vector("hidden_velocity", vc)
                .vector("log_variance_velocity", vz).stream("order_rng_position", orderRng).stream("gibbs_rng_position", gibbsRng);
    }

    private void checkpoint(int epochsDone) {
        TrainingState s = stateLayout().state(epochsDone);
        if (chain != null) s.put("chain", chain);
        s.save(checkpointing, checkpointConfig(), Minibatches.fingerprint(data));
    }

    private Map<String, String> checkpointConfig() {
        Map<String, String> m = new LinkedHashMap<>(cfg.toMap());
        m.put("learn_variance", Boolean.toString(learnVariance));
        return m;
    }

    private int restore() {
        TrainingState.Restored ck = stateLayout().restore(checkpointing, checkpointConfig(), Minibatches.fingerprint(data));
        if (ck.has("chain")) chain = ck.matrix("chain");
        LOG.log(Level.INFO, () -> "resumed from " + checkpointing.file() + " after epoch " + ck.epochsDone());
        return ck.epochsDone();
    }

    private GaussianBernoulliRBM model(Map<String, String> provenance) {
        return new GaussianBernoulliRBM(w, b, c, z, cfg, learnVariance, provenance);
    }

    /** One update from the first {@code rows} rows of v0. */
    private void step(int rows, float lr, float mu) {
        float[] inv = null, sig = null;
        if (learnVariance) {
            GaussianBernoulliRBM.sigmas(path, z, sigma, invSigma);
            Elementwise.scaleColumns(path, w, invSigma, 0, wIn);
            Elementwise.scaleColumns(path, w, sigma, 0, wOut);
            inv = invSigma;
            sig = sigma;
        }
        FMatrix v0b = v0.rowRange(0, rows), ph0b = ph0.rowRange(0, rows), hb = h.rowRange(0, rows);
        FMatrix meanb = mean.rowRange(0, rows), vkb = vk.rowRange(0, rows), phkb = phk.rowRange(0, rows);
        GaussianConditionals.hidden(path, wIn, c, v0b, ph0b);

        FMatrix neg;
        if (cfg.persistent()) {
            if (chain == null) chain = v0.copy(); // particles start at the first minibatch
            neg = chain.rowRange(0, rows);
            for (int s = 0; s < cfg.k(); s++) {
                GaussianConditionals.hidden(path, wIn, c, neg, phkb);
                Sampling.bernoulli(path, gibbsRng, phkb, hb);
                GaussianConditionals.visibleMean(path, wOut, b, hb, meanb);
                GaussianConditionals.sampleVisible(path, gibbsRng, meanb, sig, neg);
            }
        } else {
            neg = v0b;
            for (int s = 0; s < cfg.k(); s++) {
                if (s > 0) GaussianConditionals.hidden(path, wIn, c, neg, phkb);
                Sampling.bernoulli(path, gibbsRng, s == 0 ? ph0b : phkb, hb);
                GaussianConditionals.visibleMean(path, wOut, b, hb, meanb);
                if (cfg.sampleVisible() || learnVariance) {
                    GaussianConditionals.sampleVisible(path, gibbsRng, meanb, sig, vkb);
                    neg = vkb;
                } else {
                    neg = meanb;
                }
            }
        }
        GaussianConditionals.hidden(path, wIn, c, neg, phkb);

        stats.clear();
        stats.add(path, w, b, inv, learnVariance, v0b, ph0b, 1f);
        stats.add(path, w, b, inv, learnVariance, neg, phkb, -1f);
        int wn = nh * nv;
        if (cfg.weightCost() > 0) Linalg.axpy(path, wn, (float) -cfg.weightCost(), w.data(), 0, stats.w.data(), 0);

        momentum(wn, mu, lr, stats.w.data(), vw.data(), w.data());
        momentum(nv, mu, lr, stats.b, vb, b);
        momentum(nh, mu, lr, stats.c, vc, c);
        if (learnVariance) {
            momentum(nv, mu, lr, stats.z, vz, z);
            for (int i = 0; i < nv; i++) z[i] = Math.min(Math.max(z[i], MIN_LOG_VAR), MAX_LOG_VAR);
        }
    }

    private void momentum(int n, float mu, float lr, float[] grad, float[] velocity, float[] param) {
        Linalg.scal(path, n, mu, velocity, 0);
        Linalg.axpy(path, n, lr, grad, 0, velocity, 0);
        Linalg.axpy(path, n, 1f, velocity, 0, param, 0);
    }

    /**
     * Per epoch, on the first {@code monitorSamples} rows: mean squared reconstruction error per row (one mean-field
     * up-down pass), the free-energy gap (held-out minus training), mean σ when learned, and the exact average
     * log-likelihood when the hidden layer has at most {@link GaussianLikelihood#CHEAP_HIDDEN} units.
     */
    private void monitor(Map<String, Double> metrics) {
        int m = Math.min(cfg.monitorSamples(), data.rows());
        if (m == 0) return;
        GaussianBernoulliRBM model = model(Map.of());
        FMatrix train = data.rowRange(0, m);
        metrics.put("reconstruction_error", Linalg.squaredDistance(path, train, model.reconstruct(train)) / m);
        double trainFe = Minibatches.mean(model.freeEnergy(train));
        if (heldOut != null && heldOut.rows() > 0) {
            FMatrix held = heldOut.rowRange(0, Math.min(m, heldOut.rows()));
            metrics.put("free_energy_gap", Minibatches.mean(model.freeEnergy(held)) - trainFe);
        }
        if (learnVariance) {
            double s = 0;
            for (float x : model.sigma()) s += x;
            metrics.put("sigma_mean", s / nv);
        }
        if (nh <= GaussianLikelihood.CHEAP_HIDDEN) {
            metrics.put("log_likelihood", GaussianLikelihood.averageLogLikelihood(model, train, GaussianLikelihood.exactLogPartition(model)));
        }
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seed", Long.toString(cfg.seed()));
        p.put("epochs", Integer.toString(cfg.epochs()));
        p.put("rows", Integer.toString(data.rows()));
        p.put("data_fingerprint", Minibatches.fingerprint(data));
        p.put("algorithm", (cfg.persistent() ? "PCD-" : "CD-") + cfg.k());
        return p;
    }
}
