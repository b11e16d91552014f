package io.latentj.models.dbn;

import io.latentj.models.Checkpointing;
import io.latentj.models.Divergence;
import io.latentj.models.EpochReport;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Optimizer;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link DeepAutoencoder}: greedy RBM pre-training (binary hidden units, the top RBM linear/Gaussian), then
 * the unrolled network — encoder layers W₁…W_L (sigmoid, the code linear), decoder layers W_Lᵀ…W₁ᵀ with the RBMs'
 * visible biases (sigmoid; the last layer's pre-activations are the logits of the reconstruction) — fine-tuned by
 * backpropagation of the mean binary cross-entropy with Adam.
 */
final class DeepAutoencoderTrainer {
    private static final int MONITOR_ROWS = 1000;

    private DeepAutoencoderTrainer() {}

    static final String CHECKPOINT_TYPE = "DeepAutoencoder-checkpoint";

    /**
     * Pre-trains and fine-tunes; with {@code checkpointing} (null: none) the training state is saved and resumed in
     * stages ({@link StageCheckpoints}): stage l &lt; L pre-trains RBM l, stage L fine-tunes ({@code param.<i>}, the Adam
     * moments and step count, the order stream's position).
     */
    static DeepAutoencoder train(DeepAutoencoderConfig cfg, FMatrix data, FMatrix heldOut, TrainingListener listener, Checkpointing checkpointing) {
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        Path path = cfg.path();
        Inputs.requireTrainingData(path, data, 1);
        Elementwise.requireWithin(path, "training data", data, 0f, 1f);
        if (heldOut != null) {
            Inputs.requireMatrix(path, "held-out data", heldOut, data.cols());
            Elementwise.requireWithin(path, "held-out data", heldOut, 0f, 1f);
        }
        int[] hidden = cfg.hidden();
        int layers = hidden.length;
        StageCheckpoints ck = StageCheckpoints.open(checkpointing, CHECKPOINT_TYPE, cfg.toMap(), "fine_tune_epochs", Minibatches.fingerprint(data));
        // pre-training
        List<RbmLayer> stack = new ArrayList<>();
        FMatrix x = data;
        for (int l = 0; l < layers; l++) {
            boolean code = l == layers - 1;
            RbmLayer rbm;
            if (ck != null && ck.finishedStage(l)) {
                rbm = ck.finishedLayer(l, l == 0 ? data.cols() : hidden[l - 1], hidden[l], 0, code);
            } else {
                rbm = LayerContrastiveDivergence.train(cfg.layer(l), x, null, 0, code, null, l + 1, listener, ck);
                if (ck != null) ck.finished(rbm);
            }
            stack.add(rbm);
            if (!code) {
                FMatrix next = FMatrix.zeros(x.rows(), rbm.hidden());
                rbm.hidden(path, x, next);
                x = next;
            }
        }
        // unrolling
        List<Dense> net = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            RbmLayer r = stack.get(l);
            net.add(Dense.of(new Parameter("weight", r.w().copy(), true), new Parameter("bias", FMatrix.wrap(r.c().clone(), 1, r.hidden()), false),
                    l == layers - 1 ? Activation.LINEAR : Activation.SIGMOID));
        }
        for (int l = layers - 1; l >= 0; l--) {
            RbmLayer r = stack.get(l);
            net.add(Dense.of(new Parameter("weight", r.transposedWeight(), true), new Parameter("bias", FMatrix.wrap(r.b().clone(), 1, r.visible()), false),
                    l == 0 ? Activation.LINEAR : Activation.SIGMOID));
        }
        fineTune(cfg, net, data, heldOut, listener, ck, layers);
        List<FMatrix> enc = new ArrayList<>(), dec = new ArrayList<>();
        List<float[]> eb = new ArrayList<>(), db = new ArrayList<>();
        for (int i = 0; i < net.size(); i++) {
            Dense d = net.get(i);
            (i < layers ? enc : dec).add(d.weight().value());
            (i < layers ? eb : db).add(d.bias().value().toArray());
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("seed", Long.toString(cfg.seed()));
        prov.put("rows", Integer.toString(data.rows()));
        prov.put("data_fingerprint", Minibatches.fingerprint(data));
        prov.put("algorithm", "RBM pre-training + backprop (cross-entropy, Adam)");
        return new DeepAutoencoder(enc, eb, dec, db, cfg, prov);
    }

    /** Backpropagation of the reconstruction cross-entropy through the unrolled {@code net}, as stage {@code stage} of the checkpoints. */
    static void fineTune(DeepAutoencoderConfig cfg, List<Dense> net, FMatrix data, FMatrix heldOut, TrainingListener listener,
                         StageCheckpoints checkpoints, int stage) {
        Path path = cfg.path();
        int n = data.rows(), bs = Math.min(cfg.batchSize(), n), batches = (n + bs - 1) / bs, m = net.size();
        FMatrix[] z = new FMatrix[m], a = new FMatrix[m], g = new FMatrix[m];
        for (int i = 0; i < m; i++) {
            int out = net.get(i).outputs();
            z[i] = FMatrix.zeros(bs, out);
            a[i] = FMatrix.zeros(bs, out);
            g[i] = FMatrix.zeros(bs, out);
        }
        List<Parameter> params = new ArrayList<>();
        for (Dense d : net) {
            params.add(d.weight());
            params.add(d.bias());
        }
        Optimizer opt = Optimizer.adam(cfg.fineTuneLearningRate());
        Rng orderRng = Rng.of(cfg.seed()).stream(7);
        int[] order = new int[n];
        FMatrix batch = FMatrix.zeros(bs, data.cols());
        TrainingState.Layout state = checkpoints == null ? null : checkpoints.layout().stream("order_rng_position", orderRng);
        float[][] values = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            values[i] = params.get(i).value().data();
            if (state != null) state.matrix("param." + i, params.get(i).value());
        }
        int first = 0;
        if (checkpoints != null) {
            TrainingState.Restored r = checkpoints.resume(stage, cfg.fineTuneEpochs(), state);
            if (r != null) {
                opt.restoreState(r, params);
                first = r.epochsDone();
            }
        }
        for (int e = first; e < cfg.fineTuneEpochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, orderRng);
            double loss = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * bs, rows = Math.min(bs, n - from);
                Minibatches.gather(data, order, from, rows, batch);
                FMatrix xb = batch.rowRange(0, rows);
                for (Parameter p : params) p.zeroGrad();
                FMatrix in = xb;
                for (int i = 0; i < m; i++) {
                    net.get(i).forward(path, in, z[i].rowRange(0, rows), a[i].rowRange(0, rows));
                    in = a[i].rowRange(0, rows);
                }
                FMatrix logits = z[m - 1].rowRange(0, rows);
                loss += Loss.BINARY_CROSS_ENTROPY.evaluate(path, logits, xb, g[m - 1].rowRange(0, rows)) * rows;
                for (int i = m - 1; i >= 0; i--) {
                    FMatrix input = i == 0 ? xb : a[i - 1].rowRange(0, rows), dx = i == 0 ? null : g[i - 1].rowRange(0, rows);
                    FMatrix gi = g[i].rowRange(0, rows);
                    if (i == m - 1) net.get(i).backwardPreActivation(path, input, gi, dx);
                    else net.get(i).backward(path, input, z[i].rowRange(0, rows), a[i].rowRange(0, rows), gi, gi, dx);
                }
                opt.step(path, params);
                listener.onBatch(e + 1, bi + 1, batches);
            }
            Divergence.check(path, "deep autoencoder (fine-tuning)", e + 1, "lower the fine-tuning learning rate (now " + cfg.fineTuneLearningRate() + ")",
                    checkpoints == null ? null : checkpoints.where(), values);
            if (checkpoints != null && checkpoints.due(e + 1, cfg.fineTuneEpochs())) {
                TrainingState s = state.state(e + 1);
                opt.saveState(s, params);
                checkpoints.save(stage, s);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("layer", 0.0);
            metrics.put("loss", loss / n);
            metrics.put("reconstruction_error", squaredError(path, net, data.rowRange(0, Math.min(MONITOR_ROWS, n))));
            if (heldOut != null && heldOut.rows() > 0) {
                metrics.put("held_out_reconstruction_error", squaredError(path, net, heldOut.rowRange(0, Math.min(MONITOR_ROWS, heldOut.rows()))));
            }
            listener.onEpoch(new EpochReport(e + 1, cfg.fineTuneEpochs(), (System.nanoTime() - t0) / 1e9, metrics));
        }
    }

    /** Mean squared error per row of σ(net(x)) against x. */
    private static double squaredError(Path path, List<Dense> net, FMatrix x) {
        FMatrix in = x;
        for (Dense d : net) {
            FMatrix out = FMatrix.zeros(x.rows(), d.outputs());
            d.forward(path, in, out, out);
            in = out;
        }
        Elementwise.sigmoid(path, in, in);
        return io.latentj.simd.Linalg.squaredDistance(path, in, x) / Math.max(1, x.rows());
    }
}
