package io.latentj.models.dbn;

import io.latentj.models.Checkpointing;
import io.latentj.models.Inputs;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.rbm.GaussianBernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy layer-wise training of a deep belief net (Hinton, Osindero &amp; Teh 2006): train an RBM on the data, freeze
 * it, use its hidden probabilities p(h¹ | v) as the data of the next RBM, and so on; the last RBM (with the label
 * units, if any) becomes the top associative memory, the others directed layers with tied recognition and
 * generative weights. With {@link DbnConfig#transposeInit()}, a layer whose hidden size equals the visible size of
 * the layer below starts as that layer's transpose, so the net's variational bound is at first exactly the
 * log-likelihood of the net without it.
 */
final class GreedyLayerwise {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.dbn");

    private GreedyLayerwise() {}

    static final String CHECKPOINT_TYPE = "DeepBeliefNet-checkpoint";

    /**
     * Greedy training, then up-down fine-tuning when the config asks for it. With {@code checkpointing} (null: none)
     * the training state is saved and resumed in stages ({@link StageCheckpoints}): stage l &lt; L trains RBM l (a
     * Gaussian bottom RBM keeps its own checkpoint beside the file, {@code <file>.gaussian-layer}), stage L is the
     * up-down fine-tuning. A checkpoint is refused for another config or other data or labels.
     */
    static DeepBeliefNet train(DbnConfig cfg, FMatrix data, int[] labels, TrainingListener listener, Checkpointing checkpointing) {
        if (cfg == null) throw new IllegalArgumentException("config must not be null");
        Inputs.requireTrainingData(cfg.path(), data, 1);
        if (!cfg.gaussianVisible()) Elementwise.requireWithin(cfg.path(), "training data", data, 0f, 1f);
        requireLabels(cfg.classes(), labels, data.rows());
        int layers = cfg.layers().size();
        StageCheckpoints ck = StageCheckpoints.open(checkpointing, CHECKPOINT_TYPE, cfg.toMap(),
                cfg.upDownEpochs() > 0 ? "up_down_epochs" : "layer" + layers + ".epochs", Minibatches.fingerprint(data) + "-" + Minibatches.fingerprint(labels == null ? new int[0] : labels));
        List<RbmLayer> stack = new ArrayList<>();
        FMatrix x = data;
        for (int l = 0; l < layers; l++) {
            RbmConfig lc = cfg.layer(l);
            boolean top = l == layers - 1;
            long t0 = System.nanoTime();
            RbmLayer layer;
            if (ck != null && ck.finishedStage(l)) {
                int classes = top ? cfg.classes() : 0;
                layer = ck.finishedLayer(l, (l == 0 ? data.cols() : cfg.layer(l - 1).hidden()) + classes, lc.hidden(), classes, false);
            } else if (l == 0 && cfg.gaussianVisible()) {
                Checkpointing own = ck == null ? null : new Checkpointing(checkpointing.file().resolveSibling(checkpointing.file().getFileName() + ".gaussian-layer"),
                        checkpointing.everyEpochs(), checkpointing.resume());
                GaussianBernoulliRBM g = GaussianBernoulliRBM.fit(lc, false, x, null, listener, own);
                layer = new RbmLayer(g.weights(), g.visibleBias(), g.hiddenBias(), 0, false);
                if (ck != null) {
                    ck.finished(layer);
                    ck.save(1, ck.layout().state(0)); // stage 1, not started
                }
            } else {
                RbmLayer start = null;
                RbmLayer below = l > 0 ? stack.get(l - 1) : null;
                if (cfg.transposeInit() && below != null && !(top && cfg.classes() > 0) && lc.hidden() == below.visible()) {
                    start = below.transpose();
                }
                layer = LayerContrastiveDivergence.train(lc, x, top ? labels : null, top ? cfg.classes() : 0, false, start, l + 1, listener, ck);
                if (ck != null) ck.finished(layer);
            }
            stack.add(layer);
            int done = l + 1;
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.log(Level.DEBUG, () -> "layer " + done + " (" + layer.visible() + " → " + layer.hidden() + ") trained in " + seconds + " s");
            if (!top) {
                FMatrix next = FMatrix.zeros(x.rows(), layer.hidden());
                layer.hidden(cfg.path(), x, next);
                x = next;
            }
        }
        List<DirectedLayer> directed = new ArrayList<>();
        for (int l = 0; l < layers - 1; l++) directed.add(DirectedLayer.of(stack.get(l)));
        DeepBeliefNet dbn = new DeepBeliefNet(directed, stack.getLast(), cfg, provenance(cfg, data));
        if (cfg.upDownEpochs() > 0) dbn = UpDown.train(dbn, cfg, data, labels, listener, ck, layers);
        return dbn;
    }

    static void requireLabels(int classes, int[] labels, int rows) {
        if (classes == 0) {
            if (labels != null) throw new IllegalArgumentException("labels given but the config has no label units (DbnConfig.classes)");
            return;
        }
        if (labels == null) throw new IllegalArgumentException("the config has " + classes + " label units: labels are required");
        if (labels.length != rows) throw new IllegalArgumentException(rows + " rows but " + labels.length + " labels");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
        }
    }

    private static Map<String, String> provenance(DbnConfig cfg, FMatrix data) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seed", Long.toString(cfg.seed()));
        p.put("rows", Integer.toString(data.rows()));
        p.put("data_fingerprint", Minibatches.fingerprint(data));
        p.put("algorithm", "greedy layer-wise CD" + (cfg.upDownEpochs() > 0 ? " + up-down" : ""));
        return p;
    }
}
