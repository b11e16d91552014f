package io.latentj.models.boltzmann;

import io.latentj.models.Checkpointing;
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
import io.latentj.simd.Updates;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a {@link BoltzmannMachine} by stochastic approximation (Salakhutdinov &amp; Hinton 2009, algorithm 1):
 * <ul>
 * <li>positive phase: for each data vector v, the mean-field marginals μ of q(h|v) (damped fixed-point updates of
 *     μ = σ(c + Wv + Jμ)), giving the data statistics ⟨μvᵀ⟩, ⟨vvᵀ⟩, ⟨μμᵀ⟩ (off the diagonal), ⟨v⟩, ⟨μ⟩;</li>
 * <li>negative phase: persistent fantasy particles (v, h), advanced by sequential Gibbs sweeps, giving the model
 *     statistics;</li>
 * <li>update: θ ← θ + Δθ with Δθ ← μΔθ + ε(data − model − λθ), weight cost λ on the couplings only.</li>
 * </ul>
 * The parameters live in one joint coupling matrix over (v, h), A = [[L, Wᵀ], [W, J]], and fields (b, c), so both
 * phases' statistics are one SYRK each over joint states; couplings that are not learned are masked to zero.
 */
final class BoltzmannTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.boltzmann");

    private final BoltzmannConfig cfg;
    private final Path path;
    private final FMatrix data;
    private final TrainingListener listener;
    private final int nv, nh, n;
    private final FMatrix a, va, grad;
    private final float[] theta, vtheta, gtheta;
    private final FMatrix batch, field, mu, particles;
    private final Rng initRng, orderRng, gibbsRng;
    private final Checkpointing checkpointing; // null: none

    BoltzmannTrainer(BoltzmannConfig cfg, FMatrix data, TrainingListener listener, Checkpointing checkpointing) {
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        this.checkpointing = checkpointing;
        this.cfg = cfg;
        this.path = cfg.path();
        Inputs.requireTrainingData(path, data, 1);
        Elementwise.requireWithin(path, "training data", data, 0f, 1f);
        this.data = data;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        nv = data.cols();
        nh = cfg.hidden();
        n = nv + nh;
        a = FMatrix.zeros(n, n);
        va = FMatrix.zeros(n, n);
        grad = FMatrix.zeros(n, n);
        theta = new float[n];
        vtheta = new float[n];
        gtheta = new float[n];
        int bs = Math.min(cfg.batchSize(), data.rows());
        batch = FMatrix.zeros(bs, n);
        field = FMatrix.zeros(bs, nh);
        mu = FMatrix.zeros(bs, nh);
        particles = FMatrix.zeros(cfg.particles(), n);
        Rng root = Rng.of(cfg.seed());
        initRng = root.stream(1);
        orderRng = root.stream(2);
        gibbsRng = root.stream(3);
    }

    private FMatrix weights() { return a.block(nv, 0, nh, nv); }
    private FMatrix hiddenCouplings() { return a.block(nv, nv, nh, nh); }

    BoltzmannMachine train() {
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) start = restore();
        else initialise();
        int rows = data.rows(), bs = batch.rows(), batches = (rows + bs - 1) / bs;
        int[] order = new int[rows];
        for (int e = start; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            float lr = (float) cfg.learningRate(e), mom = (float) cfg.momentum(e);
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs, size = Math.min(bs, rows - from);
                Minibatches.gather(data, order, from, size, batch.block(0, 0, size, nv));
                step(size, lr, mom);
                listener.onBatch(e + 1, bi + 1, batches);
            }
            Divergence.check(path, "Boltzmann machine", e + 1, "lower the learning rate (now " + cfg.learningRate() + ") or raise the weight cost",
                    checkpointing, a.data(), theta, particles.data());
            if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) checkpoint(e + 1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            int m = Math.min(cfg.monitorSamples(), rows);
            if (m > 0 && n <= BoltzmannLikelihood.CHEAP_UNITS) {
                metrics.put("log_likelihood", BoltzmannLikelihood.averageLogLikelihood(model(Map.of()), data.rowRange(0, m)));
            }
            EpochReport report = new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
            LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + " " + metrics);
            listener.onEpoch(report);
        }
        return model(provenance());
    }

    static final String CHECKPOINT_TYPE = "BoltzmannMachine-checkpoint";

    /**
     * The full state after an epoch: the joint couplings A = [[L, Wᵀ], [W, J]] ({@code couplings}) and fields (b, c)
     * ({@code fields}), their momentum velocities ({@code couplings_velocity}, {@code fields_velocity}), the persistent
     * fantasy particles ({@code particles}) and the positions of the order and Gibbs random streams.
     */
    private TrainingState.Layout stateLayout() {
        return new TrainingState.Layout(CHECKPOINT_TYPE).matrix("couplings", a).vector("fields", theta)
                .matrix("couplings_velocity", va).vector("fields_velocity", vtheta).matrix("particles", particles)
                .stream("order_rng_position", orderRng).stream("gibbs_rng_position", gibbsRng);
    }

    private void checkpoint(int epochsDone) {
        stateLayout().state(epochsDone).save(checkpointing, cfg.toMap(), Minibatches.fingerprint(data));
    }

    /** Restores a checkpoint made with the same config (epochs may grow) and data; returns the epochs done. */
    private int restore() {
        TrainingState.Restored ck = stateLayout().restore(checkpointing, cfg.toMap(), Minibatches.fingerprint(data));
        LOG.log(Level.INFO, () -> "resumed from " + checkpointing.file() + " after epoch " + ck.epochsDone());
        return ck.epochsDone();
    }

    private BoltzmannMachine model(Map<String, String> provenance) {
        float[] b = java.util.Arrays.copyOfRange(theta, 0, nv), c = java.util.Arrays.copyOfRange(theta, nv, n);
        return new BoltzmannMachine(weights().copy(), a.block(0, 0, nv, nv).copy(), hiddenCouplings().copy(), b, c, cfg, provenance);
    }

    /** W from N(0, std²) (placed in both off-diagonal blocks), L = J = 0, b the log-odds of the data means, c = 0. */
    private void initialise() {
        FMatrix w = FMatrix.zeros(nh, nv);
        Sampling.gaussian(path, initRng, 0f, (float) cfg.initialWeightStd(), w);
        weights().copyFrom(w);
        for (int k = 0; k < nh; k++) for (int i = 0; i < nv; i++) a.set(i, nv + k, w.get(k, i));
        Linalg.colMeans(path, data, theta, 0);
        float[] means = theta.clone();
        for (int i = 0; i < nv; i++) {
            float p = Math.min(Math.max(theta[i], 1e-3f), 1f - 1e-3f);
            theta[i] = (float) Math.log(p / (1f - p));
        }
        // particles: visible units drawn from the data means, hidden units fair coins
        FMatrix start = FMatrix.zeros(particles.rows(), n);
        start.colRange(0, nv).fillRows(means, 0);
        start.colRange(nv, n).fill(0.5f);
        Sampling.bernoulli(path, initRng, start, particles);
    }

    /** One update from the first {@code size} rows of the batch (visible columns filled). */
    private void step(int size, float lr, float mom) {
        FMatrix s = batch.rowRange(0, size), v = s.colRange(0, nv), h = s.colRange(nv, n);
        FMatrix f = field.rowRange(0, size), q = mu.rowRange(0, size);
        // positive phase: mean-field q(h|v), from the factorised start σ(c + Wv)
        f.fillRows(theta, nv);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, v, weights(), 1f, f);
        Elementwise.sigmoid(path, f, q);
        cfg.meanField().solveBatch(path, hiddenCouplings(), f, q);
        h.copyFrom(q);
        java.util.Arrays.fill(gtheta, 0f);
        BoltzmannMachine.statistics(path, s, 1f / size, 0f, grad, gtheta, 1f);
        // negative phase: persistent particles
        GibbsSampler.sweeps(path, a, theta, 0, particles, cfg.gibbsSweeps(), gibbsRng);
        BoltzmannMachine.statistics(path, particles, -1f / particles.rows(), 1f, grad, gtheta, -1f);
        if (!cfg.visibleCouplings()) grad.block(0, 0, nv, nv).fill(0f);
        if (!cfg.hiddenCouplings()) grad.block(nv, nv, nh, nh).fill(0f);
        Updates.momentum(path, n * n, mom, lr, (float) cfg.weightCost(), grad.data(), 0, va.data(), 0, a.data(), 0);
        Updates.momentum(path, n, mom, lr, 0f, gtheta, 0, vtheta, 0, theta, 0);
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seed", Long.toString(cfg.seed()));
        p.put("epochs", Integer.toString(cfg.epochs()));
        p.put("rows", Integer.toString(data.rows()));
        p.put("data_fingerprint", Minibatches.fingerprint(data));
        p.put("algorithm", "PCD-" + cfg.gibbsSweeps() + " with mean-field positive phase");
        return p;
    }
}
