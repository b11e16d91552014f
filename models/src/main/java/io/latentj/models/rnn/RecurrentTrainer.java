package io.latentj.models.rnn;

import io.latentj.models.Checkpointing;
import io.latentj.models.Divergence;
import io.latentj.models.EpochReport;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.Optimizer;
import io.latentj.models.nn.Parameter;
import io.latentj.models.nn.ParameterCheckpoints;
import io.latentj.simd.Capabilities;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.PackedMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Team;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Trains a {@link RecurrentNet} by minibatch backpropagation through time (full or truncated) with the optimiser
 * of {@link io.latentj.models.nn.Optimizer}. The training sequences are the rows of a batch-major matrix. Each
 * minibatch is cut into shards of consecutive sequences ({@link #shardsFor}) that run forward and backward at once
 * on different threads, each gathered time-major into its own buffers allocated once and with its own gradients,
 * which are summed in shard order before the update: one synchronisation per minibatch (per window with targets
 * under truncated BPTT), none per step. W_h is packed for the per-step products once per update.
 */
final class RecurrentTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.rnn");

    private final RnnConfig cfg;
    private final Path path;
    private final Cell cell;
    private final int hidden, features, steps, outputs, window;
    private final boolean manyToMany;
    final Parameter weight, bias;
    final Dense output;
    private final List<Parameter> params;
    private final Optimizer optimizer;
    /** W_hᵀ and W_h packed for the per-step products (shared read-only by the shards); repacked after every update. */
    private final PackedMatrix whT, wh;
    private boolean packed;
    /** The path inside shards (their GEMMs run serially on the shard's thread) and whether shards run in parallel. */
    private final Path shardPath;
    private final boolean parallel;
    /** The threads the shards of {@link #fit} run on (null outside a fit: the shards run one after the other). */
    private Team team;

    /** Inputs: rows of data, first step, steps; targets: rows of targets, first step (many-to-many) — see {@link #fit}. */
    private FMatrix inputs, targets;
    private int inputFirstStep, targetFirstStep;

    RecurrentTrainer(RnnConfig cfg, int steps, int outputs) {
        this.cfg = cfg;
        this.path = cfg.path();
        this.cell = cfg.cell();
        this.hidden = cfg.hidden();
        this.features = cfg.features();
        this.steps = steps;
        this.outputs = outputs;
        this.manyToMany = cfg.task() == RnnConfig.Task.MANY_TO_MANY;
        this.window = cfg.truncation() == 0 ? steps : Math.min(cfg.truncation(), steps);
        int g = cell.gates() * hidden;
        this.weight = Parameter.zeros("weight", g, hidden + features, true);
        this.bias = Parameter.zeros("bias", 1, g, false);
        this.output = Dense.of(hidden, outputs, Activation.LINEAR);
        this.params = List.of(weight, bias, output.weight(), output.bias());
        this.optimizer = cfg.newOptimizer();
        // Inside a shard every kernel runs on the shard's own thread: the Vector API (or the scalar reference) serves
        // every shape there. Without the Vector API, BLAS paths would call OpenBLAS from several threads at once, so
        // the shards then run one after the other.
        this.shardPath = path == Path.SCALAR ? Path.SCALAR : Capabilities.vectorApi() ? Path.SIMD : path;
        this.parallel = shardPath == Path.SCALAR || shardPath == Path.SIMD;
        this.whT = PackedMatrix.of(shardPath, hidden, g);
        this.wh = PackedMatrix.of(shardPath, g, hidden);
        initialise();
    }

    private void initialise() {
        Rng rng = Rng.of(cfg.seed());
        double std = cfg.initialWeightStd() > 0 ? cfg.initialWeightStd() : 1.0 / Math.sqrt(hidden + features);
        Sampling.gaussian(path, rng, 0f, (float) std, weight.value());
        if (cfg.identityInit()) {
            FMatrix wh = weight.value().colRange(0, hidden);
            wh.fill(0f);
            for (int j = 0; j < hidden; j++) wh.set(j, j, 1f);
        }
        if (cell == Cell.LSTM) java.util.Arrays.fill(bias.value().data(), 0, hidden, (float) cfg.forgetBias());
        output.initialise(path, rng, (float) (1.0 / Math.sqrt(hidden)));
    }

    List<Parameter> parameters() { return params; }

    /**
     * Shards a minibatch of {@code batch} sequences is cut into: one below 32 sequences, two up to 128, then one per
     * 64. A function of the batch size alone, so results do not depend on the thread count.
     */
    static int shardsFor(int batch) {
        if (forcedShards > 0) return Math.min(forcedShards, batch);
        return batch < 32 ? 1 : Math.max(2, (batch + 63) / 64);
    }

    /** For tests: a shard count to use instead of {@link #shardsFor}'s (0: the rule). */
    static int forcedShards;

    /**
     * A block of consecutive sequences of a minibatch with its own layers, output buffers and gradients: shards run
     * at once on the threads of a {@link Team} and their gradients are summed in shard order afterwards.
     */
    final class Shard {
        final int first, rows, batch;
        final FMatrix x, target, logits, dlogits, dh, dW, dV;
        final float[] lse, db, dc, dbScratch, dcScratch;
        final RecurrentLayer full, rest;
        double loss;
        private RecurrentLayer prev;

        Shard(int first, int rows, int batch) {
            this.first = first;
            this.rows = rows;
            this.batch = batch;
            full = new RecurrentLayer(cell, features, hidden, rows, window);
            rest = steps % window == 0 ? null : new RecurrentLayer(cell, features, hidden, rows, steps % window);
            x = window == steps ? full.x() : FMatrix.zeros(steps * rows, features);
            target = FMatrix.zeros(manyToMany ? steps * rows : rows, outputs);
            int outRows = manyToMany ? window * rows : rows;
            logits = FMatrix.zeros(outRows, outputs);
            dlogits = FMatrix.zeros(outRows, outputs);
            lse = new float[outRows];
            dh = FMatrix.zeros(window * rows, hidden);
            dW = FMatrix.zeros(weight.value().rows(), weight.value().cols());
            db = new float[bias.size()];
            dV = FMatrix.zeros(outputs, hidden);
            dc = new float[outputs];
            dbScratch = new float[bias.size()];
            dcScratch = new float[outputs];
        }

        void gather(int[] order, int from) {
            SequenceLoss.gatherTimeMajor(inputs, order, from + first, rows, inputFirstStep, steps, features, x);
            if (manyToMany) SequenceLoss.gatherTimeMajor(targets, order, from + first, rows, targetFirstStep, steps, outputs, target);
            else SequenceLoss.gatherTimeMajor(targets, order, from + first, rows, 0, 1, outputs, target);
        }

        /** Forward over the windows starting in [from, until), and backward through those with targets; own gradients. */
        void run(int from, int until) {
            Path p = shardPath;
            loss = 0;
            dW.fill(0f);
            java.util.Arrays.fill(db, 0f);
            dV.fill(0f);
            java.util.Arrays.fill(dc, 0f);
            FMatrix w = weight.value(), v = output.weight().value();
            for (int t0 = from; t0 < until; t0 += window) {
                int len = Math.min(window, steps - t0);
                RecurrentLayer layer = len == window ? full : rest;
                if (t0 == 0) layer.resetState();
                else layer.continueFrom(prev);
                if (window != steps) layer.x().copyFrom(x.rowRange(t0 * rows, (t0 + len) * rows));
                layer.forward(p, w, bias.value().data(), whT);
                prev = layer;
                if (!manyToMany && t0 + len != steps) continue; // no target in this window: forward only
                FMatrix hOut = manyToMany ? layer.outputs() : layer.h(len - 1);
                FMatrix z = logits.rowRange(0, hOut.rows()), dz = dlogits.rowRange(0, hOut.rows());
                FMatrix tw = manyToMany ? target.rowRange(t0 * rows, (t0 + len) * rows) : target;
                z.fillRows(output.bias().value().data(), 0);
                Linalg.gemm(p, Trans.N, Trans.T, 1f, hOut, v, 1f, z);
                loss += SequenceLoss.evaluate(p, cfg.loss(), z, tw, dz, lse, 1f / batch);
                FMatrix dhw = dh.rowRange(0, len * rows);
                Linalg.gemm(p, Trans.T, Trans.N, 1f, dz, hOut, 1f, dV);
                Linalg.colSums(p, dz, dcScratch, 0);
                Linalg.axpy(p, outputs, 1f, dcScratch, 0, dc, 0);
                if (manyToMany) {
                    Linalg.gemm(p, Trans.N, Trans.N, 1f, dz, v, 0f, dhw);
                } else {
                    dhw.fill(0f);
                    Linalg.gemm(p, Trans.N, Trans.N, 1f, dz, v, 0f, dhw.rowRange((len - 1) * rows, len * rows));
                }
                layer.backward(p, w, wh, dhw, dW, db, dbScratch);
            }
        }
    }

    /** Buffers for minibatches of {@code batch} sequences: its shards. */
    final class Workspace {
        final int batch;
        final Shard[] shards;
        private int from, until;
        private int[] order;
        private int orderFrom;
        private boolean gathering;
        private final IntConsumer task;
        /** Part p of a team section: shards p, p + size, … */
        private final IntConsumer part;

        Workspace(int batch) {
            this.batch = batch;
            int n = shardsFor(batch);
            shards = new Shard[n];
            for (int s = 0; s < n; s++) {
                int lo = (int) ((long) batch * s / n), hi = (int) ((long) batch * (s + 1) / n);
                shards[s] = new Shard(lo, hi - lo, batch);
            }
            task = s -> {
                if (gathering) shards[s].gather(order, orderFrom);
                shards[s].run(from, until);
            };
            part = p -> {
                for (int s = p; s < shards.length; s += team.size()) task.accept(s);
            };
        }

        /** Rows order[from .. from+batch) of the training data go into this workspace at the next {@link #step}. */
        void gather(int[] order, int from) {
            this.order = order;
            this.orderFrom = from;
            this.gathering = true;
        }

        void runShards(int from, int until) {
            this.from = from;
            this.until = until;
            if (team != null && team.size() > 1) team.run(part);
            else for (int s = 0; s < shards.length; s++) task.accept(s);
            gathering = false;
        }
    }

    /** Packs W_h (both ways) for the per-step products when the weights changed since the last packing. */
    private void packWeights() {
        if (packed) return;
        FMatrix wHidden = weight.value().colRange(0, hidden);
        whT.pack(Trans.T, wHidden);
        wh.pack(Trans.N, wHidden);
        packed = true;
    }

    /**
     * Forward and backward over the minibatch in {@code ws}, window by window; with {@code update} the gradients are
     * zeroed before and applied after every window with targets (truncated BPTT), otherwise they accumulate (the
     * caller zeroes them). Returns the loss summed over the sequences (mean over sequences × batch).
     */
    double step(Workspace ws, boolean update) {
        double loss = 0;
        for (int t0 = 0; t0 < steps; ) {
            // one parallel run: the windows up to and including the next one with targets
            int until = manyToMany ? Math.min(t0 + window, steps) : steps;
            packWeights();
            ws.runShards(t0, until);
            if (update) for (Parameter p : params) p.zeroGrad();
            for (Shard s : ws.shards) {
                loss += s.loss;
                add(s.dW, weight.grad());
                Linalg.axpy(path, s.db.length, 1f, s.db, 0, bias.grad().data(), 0);
                add(s.dV, output.weight().grad());
                Linalg.axpy(path, s.dc.length, 1f, s.dc, 0, output.bias().grad().data(), 0);
            }
            if (update) {
                optimizer.step(path, params);
                packed = false;
            }
            t0 = until;
        }
        return loss;
    }

    private void add(FMatrix src, FMatrix dst) {
        Linalg.axpy(path, Math.toIntExact(src.size()), 1f, src.data(), 0, dst.data(), 0);
    }

    /**
     * Trains on sequences: inputs are {@code steps} steps of {@code inputs} rows from step {@code inputFirstStep};
     * targets are {@code steps} steps of {@code targets} rows from step {@code targetFirstStep} (many-to-many) or one
     * target row per sequence (many-to-one).
     */
    RecurrentNet fit(FMatrix inputs, int inputFirstStep, FMatrix targets, int targetFirstStep, int modelSteps,
                     TrainingListener listener, Map<String, String> provenance, Checkpointing checkpointing) {
        this.inputs = inputs;
        this.targets = targets;
        this.inputFirstStep = inputFirstStep;
        this.targetFirstStep = targetFirstStep;
        int n = inputs.rows();
        int bs = Math.min(cfg.batchSize(), n);
        Workspace main = new Workspace(bs), tail = n % bs == 0 ? null : new Workspace(n % bs);
        int batches = (n + bs - 1) / bs;
        int[] order = new int[n];
        Rng rng = Rng.of(cfg.seed() ^ 0x5eed5eedL);
        int targetSteps = manyToMany ? steps : 1;
        double last = Double.NaN;
        Map<String, String> checkpointConfig = checkpointConfig();
        String fingerprint = provenance.getOrDefault("data_fingerprint", "") + "/" + provenance.getOrDefault("target_fingerprint", provenance.getOrDefault("objective", ""));
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) {
            start = ParameterCheckpoints.restore(checkpointing, CHECKPOINT_TYPE, params, optimizer, checkpointConfig, fingerprint, rng);
            packed = false;
            LOG.log(Level.INFO, "resuming " + cell.id() + " training from " + checkpointing.file() + " after epoch " + start);
        }
        // one team for the whole fit: its threads spin briefly between minibatches instead of being woken each time
        int threads = parallel ? Math.min(Parallelism.threads(), shardsFor(bs)) : 1;
        try (Team t = Team.of(threads)) {
            team = t;
            for (int e = start; e < cfg.epochs(); e++) {
                long t0 = System.nanoTime();
                Minibatches.shuffle(order, rng);
                double sum = 0;
                for (int bi = 0; bi < batches; bi++) {
                    int from = bi * bs;
                    Workspace ws = from + bs <= n ? main : tail;
                    ws.gather(order, from);
                    sum += step(ws, true);
                    listener.onBatch(e + 1, bi + 1, batches);
                }
                last = sum / n;
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("loss", last);
                metrics.put("loss_per_step", last / targetSteps);
                EpochReport report = new EpochReport(e + 1, cfg.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
                LOG.log(Level.DEBUG, () -> "epoch " + report.epoch() + "/" + report.epochs() + ": loss " + report.metric("loss") + " (" + report.seconds() + " s)");
                listener.onEpoch(report);
                // checked before checkpointing, so a diverged run never overwrites the last good checkpoint
                String advice = "lower the learning rate (now " + cfg.learningRate() + ") or clip gradients";
                if (!Double.isFinite(last)) {
                    throw new ArithmeticException("RecurrentNet training diverged in epoch " + (e + 1) + " (loss " + last + "); " + advice
                            + (checkpointing != null ? "; the last good checkpoint is kept at " + checkpointing.file() : ""));
                }
                Divergence.check(path, "RecurrentNet", e + 1, advice, checkpointing, weight.value().data(), bias.value().data(),
                        output.weight().value().data(), output.bias().value().data());
                if (checkpointing != null && checkpointing.due(e + 1, cfg.epochs())) {
                    ParameterCheckpoints.save(checkpointing, CHECKPOINT_TYPE, e + 1, params, optimizer, checkpointConfig, fingerprint, rng);
                }
            }
        } finally {
            team = null;
        }
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        prov.put("seed", Long.toString(cfg.seed()));
        prov.put("epochs", Integer.toString(cfg.epochs()));
        prov.put("sequences", Integer.toString(n));
        prov.put("training_steps", Integer.toString(steps));
        if (!Double.isNaN(last)) prov.put("final_loss", Double.toString(last));
        return new RecurrentNet(cfg, modelSteps, weight.value(), bias.value().data(), output.weight().value(), output.bias().value().data(), prov);
    }

    /** Checkpoint type in the file's {@code model} metadata. */
    static final String CHECKPOINT_TYPE = "RecurrentNet-checkpoint";

    /** What a checkpoint must match besides the data: the config and the unrolled shape. */
    private Map<String, String> checkpointConfig() {
        Map<String, String> m = cfg.toMap();
        m.put("training_steps", Integer.toString(steps));
        m.put("outputs", Integer.toString(outputs));
        return m;
    }

    /** For gradient checks: the loss summed over all rows of one batch (full or truncated BPTT), gradients accumulated. */
    double lossAndGradient(FMatrix inputs, FMatrix targets) {
        this.inputs = inputs;
        this.targets = targets;
        this.inputFirstStep = 0;
        this.targetFirstStep = 0;
        Workspace ws = new Workspace(inputs.rows());
        ws.gather(null, 0);
        for (Parameter p : params) p.zeroGrad();
        packed = false;
        return step(ws, false);
    }
}
