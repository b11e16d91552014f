package io.latentj.models.dbn;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.Sampler;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.MlpClassifier;
import io.latentj.models.nn.MlpConfig;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.ScratchPool;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deep belief net (Hinton, Osindero &amp; Teh 2006): the top two layers form an RBM (an undirected associative
 * memory, optionally with K label units joined to the penultimate layer), the layers below a sigmoid belief net with
 * p(h^{l−1}_j = 1 | hˡ) = σ(b_j + (hˡᵀG)_j) (Gaussian visible units: N(b + hᵀG, 1)), and each directed layer keeps
 * recognition weights R for the factorial approximate posterior q(hˡ_j = 1 | h^{l−1}) = σ(c_j + R_j·h^{l−1}).
 *
 * <ul>
 * <li>{@link #fit}: greedy layer-wise training, each RBM on the hidden probabilities of the one below, then optional
 *     up-down fine-tuning ({@link DbnConfig}).</li>
 * <li>As an {@link Encoder} the code is the top layer's hidden probabilities after a mean-field recognition pass;
 *     with label units, the label group is given the uniform distribution 1/K (the label is unknown).</li>
 * <li>{@link #sample}: alternating Gibbs sampling in the top RBM, then one top-down generative pass.</li>
 * <li>{@link #classify}: with label units, the label of lowest free energy of the top RBM given the penultimate
 *     layer's recognition probabilities.</li>
 * <li>{@link #pretrainedLayers()}: the recognition weights as {@link Dense} layers, to initialise an MLP for
 *     discriminative fine-tuning.</li>
 * <li>{@link VariationalBound}: the bound on log p(v) under the factorial recognition posterior.</li>
 * </ul>
 *
 * <p>Immutable: every method may be called from any number of threads at once; {@link #transformInto} allocates
 * nothing (pooled scratch buffers).
 *
 * <p>Model file (safetensors): for each directed layer l = 1..L−1 (bottom first) {@code layer<l>.recognition_weight}
 * [upper, lower], {@code layer<l>.recognition_bias} [upper], {@code layer<l>.generative_weight} [upper, lower],
 * {@code layer<l>.generative_bias} [lower]; the top RBM {@code top.weight} [hidden, penultimate + K],
 * {@code top.visible_bias} [penultimate + K] (the last K entries belong to the label units), {@code top.hidden_bias}
 * [hidden]; all F32. Metadata {@code model=DeepBeliefNet}, {@code format_version=1}, {@code config.*} from
 * {@link DbnConfig#toMap()}, {@code provenance.*}.
 */
public final class DeepBeliefNet implements Encoder, Sampler {
    static final String TYPE = "DeepBeliefNet";
    static final String FORMAT_VERSION = "1";

    private final List<DirectedLayer> directed;
    private final RbmLayer top;
    private final DbnConfig config;
    private final Map<String, String> provenance;
    // the top RBM's weights from the penultimate layer (contiguous) and its hidden bias with the labels at 1/K
    private final FMatrix topFeatureWeight;
    private final float[] topCodeBias;
    private final ScratchPool<float[][]> workspace;

    DeepBeliefNet(List<DirectedLayer> directed, RbmLayer top, DbnConfig config, Map<String, String> provenance) {
        if (top.gaussianHidden()) throw new IllegalArgumentException("the top RBM of a deep belief net has binary hidden units");
        if (top.classes() != config.classes()) {
            throw new IllegalArgumentException("config has " + config.classes() + " label units, the top RBM " + top.classes());
        }
        for (int l = 1; l < directed.size(); l++) {
            if (directed.get(l).lower() != directed.get(l - 1).upper()) {
                throw new IllegalArgumentException("layer " + (l + 1) + " has " + directed.get(l).lower() + " inputs, layer " + l + " "
                        + directed.get(l - 1).upper() + " outputs");
            }
        }
        if (!directed.isEmpty() && directed.getLast().upper() != top.features()) {
            throw new IllegalArgumentException("the top RBM has " + top.features() + " penultimate units, the layer below " + directed.getLast().upper() + " outputs");
        }
        if (config.gaussianVisible() && directed.isEmpty()) throw new IllegalArgumentException("Gaussian visible units need at least two layers");
        this.directed = List.copyOf(directed);
        this.top = top;
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        Path p = config.path();
        int nf = top.features(), nh = top.hidden(), k = top.classes();
        topFeatureWeight = top.w().colRange(0, nf).copy();
        topCodeBias = top.c().clone();
        for (int y = 0; y < k; y++) {
            // c + (1/K) Σ_y W_{·,y}: the label group at its uniform mean
            FMatrix col = top.w().colRange(nf + y, nf + y + 1);
            for (int j = 0; j < nh; j++) topCodeBias[j] += col.get(j, 0) / k;
        }
        int[] sizes = new int[directed.size()];
        for (int l = 0; l < sizes.length; l++) sizes[l] = directed.get(l).upper();
        workspace = ScratchPool.of(() -> {
            float[][] ws = new float[sizes.length][];
            for (int l = 0; l < sizes.length; l++) ws[l] = new float[sizes[l]];
            return ws;
        });
        Elementwise.requireFinite(p, "top weight", top.w());
    }

    /** Greedy layer-wise training on the rows of {@code data} (binary bottom: values in [0, 1]), without label units. */
    public static DeepBeliefNet fit(DbnConfig config, FMatrix data) {
        return GreedyLayerwise.train(config, data, null, TrainingListener.NONE, null);
    }

    /**
     * Greedy layer-wise training, with {@code labels} in [0, classes) for the label units when the config has them
     * (null otherwise), then up-down fine-tuning when the config asks for it. Each epoch of each stage is reported
     * to {@code listener} (metric {@code layer}: 1-based RBM, or 0 for up-down).
     */
    public static DeepBeliefNet fit(DbnConfig config, FMatrix data, int[] labels, TrainingListener listener) {
        return GreedyLayerwise.train(config, data, labels, listener == null ? TrainingListener.NONE : listener, null);
    }

    /**
     * Trains as {@link #fit(DbnConfig, FMatrix, int[], TrainingListener)}, saving the full training state where and as
     * often as {@code checkpointing} says (every N epochs of each RBM and of the up-down fine-tuning, and at the end of
     * each) and resuming from it: the finished RBMs, the running stage (layer) and its epoch, that stage's parameters,
     * momentum velocities and random-stream positions. A resumed run ends with exactly the weights of an
     * uninterrupted one; a diverging run stops before overwriting the last good checkpoint.
     */
    public static DeepBeliefNet fit(DbnConfig config, FMatrix data, int[] labels, TrainingListener listener, io.latentj.models.Checkpointing checkpointing) {
        return GreedyLayerwise.train(config, data, labels, listener == null ? TrainingListener.NONE : listener, checkpointing);
    }

    /**
     * Up-down (contrastive wake-sleep) fine-tuning of this net with the up-down settings of {@code settings}
     * (epochs, learning rate, Gibbs steps, batch size, seed, path): a new, untied net.
     */
    public DeepBeliefNet fineTuneUpDown(DbnConfig settings, FMatrix data, int[] labels, TrainingListener listener) {
        return UpDown.train(this, settings, data, labels, listener == null ? TrainingListener.NONE : listener, null, 0);
    }

    // ---- structure

    List<DirectedLayer> directed() { return directed; }
    RbmLayer top() { return top; }
    Path path() { return config.path(); }
    public DbnConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    /** Number of RBMs stacked (directed layers + the top RBM). */
    public int layers() { return directed.size() + 1; }
    /** Label units of the top RBM (0: none). */
    public int classes() { return top.classes(); }
    public boolean gaussianVisible() { return config.gaussianVisible(); }

    /** Sizes of the visible layer and every hidden layer, bottom first (the label units not counted). */
    public int[] layerSizes() {
        int[] s = new int[layers() + 1];
        s[0] = inputSize();
        for (int l = 0; l < directed.size(); l++) s[l + 1] = directed.get(l).upper();
        s[s.length - 1] = top.hidden();
        return s;
    }

    @Override public int inputSize() { return directed.isEmpty() ? top.features() : directed.getFirst().lower(); }
    @Override public int outputSize() { return top.hidden(); }

    private void requireInput(String what, FMatrix x) {
        Inputs.requireMatrix(path(), what, x, inputSize());
    }

    // ---- recognition

    /** Mean-field recognition probabilities of the penultimate layer (the top RBM's visible units without labels). */
    FMatrix penultimate(FMatrix x) {
        FMatrix h = x;
        for (DirectedLayer d : directed) {
            FMatrix next = FMatrix.zeros(h.rows(), d.upper());
            d.recognize(path(), h, next);
            h = next;
        }
        return h;
    }

    /**
     * Mean-field recognition probabilities of hidden layer {@code layer} (1 = first hidden layer … {@link #layers()} =
     * the top, whose probabilities are {@link #transform}'s codes) for every row of {@code x}.
     */
    public FMatrix hiddenProbabilities(FMatrix x, int layer) {
        requireInput("input", x);
        if (layer < 1 || layer > layers()) throw new IllegalArgumentException("layer must be in [1, " + layers() + "], got " + layer);
        FMatrix h = x;
        for (int l = 0; l < Math.min(layer, directed.size()); l++) {
            FMatrix next = FMatrix.zeros(h.rows(), directed.get(l).upper());
            directed.get(l).recognize(path(), h, next);
            h = next;
        }
        if (layer < layers()) return h;
        FMatrix code = FMatrix.zeros(x.rows(), top.hidden());
        code.fillRows(topCodeBias, 0);
        Linalg.gemm(path(), Trans.N, Trans.T, 1f, h, topFeatureWeight, 1f, code);
        Elementwise.sigmoid(path(), code, code);
        return code;
    }

    /** Top-layer hidden probabilities of every row (label units, when present, at 1/K). */
    @Override
    public FMatrix transform(FMatrix x) {
        return hiddenProbabilities(x, layers());
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(path(), x, xOff, inputSize(), out, outOff, outputSize());
        Path p = path();
        float[][] ws = workspace.borrow();
        try {
            float[] in = x;
            int inOff = xOff;
            for (int l = 0; l < directed.size(); l++) {
                DirectedLayer d = directed.get(l);
                Fused.sigmoidAffine(p, Trans.N, d.recognition(), in, inOff, d.recognitionBias(), 0, ws[l], 0);
                in = ws[l];
                inOff = 0;
            }
            Fused.sigmoidAffine(p, Trans.N, topFeatureWeight, in, inOff, topCodeBias, 0, out, outOff);
        } finally {
            workspace.release(ws);
        }
    }

    // ---- label units

    /**
     * Free energies F(h, y) of the top RBM for every row (n × K): h the penultimate layer's recognition
     * probabilities, y each label in turn; F(h, y) = −b_hᵀh − b_y − Σ_j softplus(c_j + W_j·h + W_{j,y}).
     */
    public FMatrix labelFreeEnergies(FMatrix x) {
        requireLabels();
        requireInput("input", x);
        return labelFreeEnergiesOfPenultimate(penultimate(x));
    }

    FMatrix labelFreeEnergiesOfPenultimate(FMatrix h) {
        Path p = path();
        int n = h.rows(), nf = top.features(), nh = top.hidden(), k = top.classes();
        FMatrix a = FMatrix.zeros(n, nh), t = FMatrix.zeros(n, nh), out = FMatrix.zeros(n, k);
        a.fillRows(top.c(), 0);
        Linalg.gemm(p, Trans.N, Trans.T, 1f, h, topFeatureWeight, 1f, a);
        float[] base = new float[n], sp = new float[n];
        Linalg.gemv(p, Trans.N, -1f, h, top.b(), 0, 0f, base, 0); // −b_hᵀh
        float[] wy = new float[nh];
        for (int y = 0; y < k; y++) {
            FMatrix col = top.w().colRange(nf + y, nf + y + 1);
            for (int j = 0; j < nh; j++) wy[j] = col.get(j, 0);
            t.fillRows(wy, 0);
            Linalg.axpy(p, n * nh, 1f, a.data(), 0, t.data(), 0);
            Elementwise.softplus(p, t, t);
            Linalg.rowSums(p, t, sp, 0);
            float by = top.b()[nf + y];
            for (int r = 0; r < n; r++) out.set(r, y, base[r] - by - sp[r]);
        }
        return out;
    }

    /** The label of lowest top-RBM free energy for every row (needs label units). */
    public int[] classify(FMatrix x) {
        FMatrix f = labelFreeEnergies(x);
        int[] out = new int[x.rows()];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int y = 1; y < f.cols(); y++) if (f.get(r, y) < f.get(r, best)) best = y;
            out[r] = best;
        }
        return out;
    }

    /** Fraction of rows that {@link #classify} labels correctly. */
    public double accuracy(FMatrix x, int[] labels) {
        if (labels == null || labels.length != x.rows()) throw new IllegalArgumentException("need one label per row");
        int[] p = classify(x);
        int ok = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == labels[i]) ok++;
        return p.length == 0 ? 0 : (double) ok / p.length;
    }

    private void requireLabels() {
        if (top.classes() == 0) throw new IllegalStateException("this deep belief net has no label units (DbnConfig.classes)");
    }

    // ---- generation

    /**
     * {@code n} samples: {@code steps} rounds of alternating Gibbs sampling in the top RBM from random binary states
     * (label units free), then one top-down pass through the generative weights (binary states sampled on the way
     * down); the visible layer is returned as means ({@code mean}) or samples.
     */
    @Override
    public FMatrix sample(int n, int steps, Rng rng, boolean mean) {
        return sample(n, steps, rng, mean, -1);
    }

    /** As {@link #sample(int, int, Rng, boolean)} with the label units clamped to {@code label} (−1: free). */
    public FMatrix sample(int n, int steps, Rng rng, boolean mean, int label) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative, got " + n);
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        if (label >= 0) requireLabels();
        if (label >= top.classes() && top.classes() > 0) throw new IllegalArgumentException("label " + label + " outside [0, " + top.classes() + ")");
        Path p = path();
        int nf = top.features(), k = top.classes();
        FMatrix v = FMatrix.zeros(n, top.visible()), pv = FMatrix.zeros(n, top.visible());
        FMatrix ph = FMatrix.zeros(n, top.hidden()), h = FMatrix.zeros(n, top.hidden());
        pv.fill(0.5f);
        Sampling.bernoulli(p, rng, pv.colRange(0, nf), v.colRange(0, nf));
        if (k > 0) setLabels(v, nf, k, label, null, rng);
        for (int s = 0; s < steps; s++) {
            top.hidden(p, v, ph);
            Sampling.bernoulli(p, rng, ph, h);
            top.visible(p, h, pv);
            Sampling.bernoulli(p, rng, pv.colRange(0, nf), v.colRange(0, nf));
            if (k > 0) setLabels(v, nf, k, label, pv, rng);
        }
        FMatrix x = v.colRange(0, nf).copy();
        for (int l = directed.size() - 1; l >= 0; l--) {
            DirectedLayer d = directed.get(l);
            boolean gaussian = l == 0 && config.gaussianVisible();
            FMatrix below = FMatrix.zeros(n, d.lower());
            d.generate(p, x, below, gaussian);
            if (l == 0 && mean) return below;
            if (gaussian) {
                FMatrix noise = FMatrix.zeros(n, d.lower());
                Sampling.gaussian(p, rng, 0f, 1f, noise);
                Linalg.axpy(p, n * d.lower(), 1f, noise.data(), 0, below.data(), 0);
            } else {
                Sampling.bernoulli(p, rng, below, below);
            }
            x = below;
        }
        if (directed.isEmpty() && mean) return pv.colRange(0, nf).copy();
        return x;
    }

    /** Label group of {@code v}: one-hot {@code label}, or a draw from the softmax {@code probs} (uniform when null). */
    static void setLabels(FMatrix v, int nf, int k, int label, FMatrix probs, Rng rng) {
        for (int r = 0; r < v.rows(); r++) {
            int y = label;
            if (y < 0) {
                if (probs == null) y = rng.nextInt(k);
                else {
                    float u = rng.nextFloat(), cum = 0;
                    y = k - 1;
                    for (int j = 0; j < k; j++) {
                        cum += probs.get(r, nf + j);
                        if (u < cum) { y = j; break; }
                    }
                }
            }
            for (int j = 0; j < k; j++) v.set(r, nf + j, j == y ? 1f : 0f);
        }
    }

    // ---- discriminative fine-tuning

    /**
     * The recognition layers and the top RBM's weights from the penultimate layer, as new sigmoid {@link Dense}
     * layers holding copies of the weights (bottom first): the initialisation of an MLP for discriminative
     * fine-tuning, to which a softmax output layer is added.
     */
    public List<Dense> pretrainedLayers() {
        List<Dense> out = new ArrayList<>();
        for (DirectedLayer d : directed) {
            out.add(Dense.of(new Parameter("weight", d.recognition().copy(), true),
                    new Parameter("bias", FMatrix.wrap(d.recognitionBias().clone(), 1, d.upper()), false), Activation.SIGMOID));
        }
        out.add(Dense.of(new Parameter("weight", topFeatureWeight.copy(), true),
                new Parameter("bias", FMatrix.wrap(top.c().clone(), 1, top.hidden()), false), Activation.SIGMOID));
        return out;
    }

    /**
     * Discriminative fine-tuning: an MLP whose sigmoid hidden layers start as {@link #pretrainedLayers()}, with a
     * softmax output layer of {@code classes} units, trained by backpropagation on {@code x} and {@code labels}
     * ({@link MlpClassifier#fineTune}). {@code config}'s hidden sizes must be {@link #layerSizes()} without the
     * input, and its hidden activation sigmoid ({@link #mlpConfig()} gives such a builder).
     */
    public MlpClassifier fineTuneDiscriminatively(MlpConfig config, FMatrix x, int[] labels, int classes, TrainingListener listener) {
        return MlpClassifier.fineTune(config, pretrainedLayers(), x, labels, classes, listener == null ? TrainingListener.NONE : listener);
    }

    /**
     * {@link #fineTuneDiscriminatively(MlpConfig, FMatrix, int[], int, TrainingListener)} with checkpoints of the MLP's
     * training ({@link MlpClassifier#fineTune(MlpConfig, List, FMatrix, int[], int, TrainingListener, io.latentj.models.Checkpointing)}):
     * resumed, it ends with exactly the weights of an uninterrupted run; a checkpoint made from another net is refused.
     */
    public MlpClassifier fineTuneDiscriminatively(MlpConfig config, FMatrix x, int[] labels, int classes, TrainingListener listener,
                                                  io.latentj.models.Checkpointing checkpointing) {
        return MlpClassifier.fineTune(config, pretrainedLayers(), x, labels, classes, listener == null ? TrainingListener.NONE : listener, checkpointing);
    }

    /** An {@link MlpConfig} builder with this net's hidden sizes and sigmoid hidden units, for {@link #fineTuneDiscriminatively}. */
    public MlpConfig.Builder mlpConfig() {
        int[] s = layerSizes();
        return MlpConfig.builder(java.util.Arrays.copyOfRange(s, 1, s.length)).hiddenActivation(Activation.SIGMOID).path(path());
    }

    // ---- persistence

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (int l = 0; l < directed.size(); l++) {
            DirectedLayer d = directed.get(l);
            String pre = "layer" + (l + 1) + ".";
            t.put(pre + "recognition_weight", Tensor.matrix(d.upper(), d.lower(), d.recognition().toArray()));
            t.put(pre + "recognition_bias", Tensor.vector(d.recognitionBias().clone()));
            t.put(pre + "generative_weight", Tensor.matrix(d.upper(), d.lower(), d.generative().toArray()));
            t.put(pre + "generative_bias", Tensor.vector(d.generativeBias().clone()));
        }
        t.put("top.weight", Tensor.matrix(top.hidden(), top.visible(), top.w().toArray()));
        t.put("top.visible_bias", Tensor.vector(top.b().clone()));
        t.put("top.hidden_bias", Tensor.vector(top.c().clone()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static DeepBeliefNet load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static DeepBeliefNet load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static DeepBeliefNet load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        DbnConfig config;
        try {
            config = DbnConfig.fromMap(mf.config());
        } catch (IllegalArgumentException e) {
            throw mf.badConfig(e);
        }
        List<DirectedLayer> directed = new ArrayList<>();
        for (int l = 1; mf.has("layer" + l + ".recognition_weight"); l++) {
            String pre = "layer" + l + ".";
            int[] s = mf.shape(pre + "recognition_weight");
            if (s.length != 2) throw new FormatException(file, "tensor " + pre + "recognition_weight", "must be a matrix");
            int up = s[0], lo = s[1];
            directed.add(new DirectedLayer(FMatrix.wrap(mf.tensor(pre + "recognition_weight", up, lo), up, lo), mf.tensor(pre + "recognition_bias", up),
                    FMatrix.wrap(mf.tensor(pre + "generative_weight", up, lo), up, lo), mf.tensor(pre + "generative_bias", lo)));
        }
        int[] s = mf.shape("top.weight");
        if (s.length != 2) throw new FormatException(file, "tensor top.weight", "must be a matrix");
        RbmLayer top;
        try {
            top = new RbmLayer(FMatrix.wrap(mf.tensor("top.weight", s[0], s[1]), s[0], s[1]), mf.tensor("top.visible_bias", s[1]),
                    mf.tensor("top.hidden_bias", s[0]), config.classes(), false);
            return new DeepBeliefNet(directed, top, config, mf.provenance());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "tensors", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "DeepBeliefNet" + java.util.Arrays.toString(layerSizes()) + (classes() > 0 ? "[" + classes() + " labels]" : "")
                + (gaussianVisible() ? "[gaussian visible]" : "");
    }
}
