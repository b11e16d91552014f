package io.latentj.models.nn;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.ScratchPool;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multilayer perceptron classifier: hidden layers A_l = f(A_{l−1}W_lᵀ + b_l) and a softmax output layer
 * p(y = k | x) = softmax(A_L·Uᵀ + c)_k, trained by minibatch backpropagation of the mean cross-entropy
 * ({@link #fit}), or from pre-trained hidden layers — of RBMs or autoencoders — with a fresh softmax layer on top
 * ({@link #fineTune}, the supervised fine-tuning of a deep network after greedy layer-wise pre-training).
 *
 * <p>As an {@link Encoder} it maps an input to its class probabilities. Immutable: every method may be called from
 * any number of threads at once; {@link #transformInto} allocates nothing once warm, on any thread, new or not (a
 * workspace borrowed from the model's pool holds the hidden activations).
 *
 * <p>Model file (safetensors): tensors {@code layer.<i>.weight} [outputs, inputs] and {@code layer.<i>.bias}
 * [outputs] for i = 0 … L, input side first (the last is the softmax layer, outputs = classes), all F32; metadata
 * {@code model=MlpClassifier}, {@code format_version=1}, {@link MlpConfig#toMap()} prefixed {@code config.} and
 * provenance entries.
 */
public final class MlpClassifier implements Encoder {
    static final String TYPE = "MlpClassifier";
    static final String FORMAT_VERSION = "1";

    private final FMatrix[] w; // per layer, outputs × inputs; the last is the softmax layer
    private final float[][] b;
    private final MlpConfig config;
    private final Map<String, String> provenance;
    private final ScratchPool<Workspace> workspace;

    /** Per-thread buffers of the single-sample path: each hidden layer's activation and the output row. */
    private static final class Workspace {
        final float[][] hidden;
        final FMatrix out;

        Workspace(FMatrix[] w) {
            hidden = new float[w.length - 1][];
            for (int l = 0; l < hidden.length; l++) hidden[l] = new float[w[l].rows()];
            out = FMatrix.zeros(1, w[w.length - 1].rows());
        }
    }

    private MlpClassifier(FMatrix[] w, float[][] b, MlpConfig config, Map<String, String> provenance) {
        if (w.length != config.hiddenLayers() + 1 || b.length != w.length) {
            throw new IllegalArgumentException(w.length + " weight matrices for " + config.hiddenLayers() + " hidden layers");
        }
        int[] sizes = config.hiddenSizes();
        for (int l = 0; l < w.length; l++) {
            if (b[l].length != w[l].rows()) throw new IllegalArgumentException("layer " + l + ": weight " + w[l].shape() + " but " + b[l].length + " biases");
            if (l > 0 && w[l].cols() != w[l - 1].rows()) throw new IllegalArgumentException("layer " + l + " has " + w[l].cols() + " inputs, layer " + (l - 1) + " " + w[l - 1].rows() + " outputs");
            if (l < sizes.length && w[l].rows() != sizes[l]) throw new IllegalArgumentException("layer " + l + " has " + w[l].rows() + " units, the config " + sizes[l]);
        }
        if (w[w.length - 1].rows() < 2) throw new IllegalArgumentException("need at least 2 classes, got " + w[w.length - 1].rows());
        this.w = new FMatrix[w.length];
        this.b = new float[b.length][];
        for (int l = 0; l < w.length; l++) {
            this.w[l] = w[l].copy();
            this.b[l] = b[l].clone();
        }
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        this.workspace = ScratchPool.of(() -> new Workspace(this.w));
    }

    static MlpClassifier of(Dense[] layers, MlpConfig config, Map<String, String> provenance) {
        FMatrix[] w = new FMatrix[layers.length];
        float[][] b = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            w[l] = layers[l].weight().value();
            b[l] = layers[l].bias().value().data();
        }
        return new MlpClassifier(w, b, config, provenance);
    }

    /** Trains an MLP from random initial weights on the rows of {@code x} with labels in [0, classes). */
    public static MlpClassifier fit(MlpConfig config, FMatrix x, int[] labels, int classes) {
        return MlpTrainer.train(config, null, x, labels, classes, TrainingListener.NONE, null);
    }

    /** {@link #fit}, reporting each epoch to {@code listener} (metric {@code loss}: the mean training cross-entropy). */
    public static MlpClassifier fit(MlpConfig config, FMatrix x, int[] labels, int classes, TrainingListener listener) {
        return MlpTrainer.train(config, null, x, labels, classes, listener, null);
    }

    /**
     * As above, saving the full training state (weights, optimiser moments, random-stream position) as
     * {@code checkpointing} says and resuming from it: a resumed run ends with exactly the weights of an
     * uninterrupted one.
     */
    public static MlpClassifier fit(MlpConfig config, FMatrix x, int[] labels, int classes, TrainingListener listener,
                                    io.latentj.models.Checkpointing checkpointing) {
        return MlpTrainer.train(config, null, x, labels, classes, listener, checkpointing);
    }

    /**
     * Supervised fine-tuning: the hidden layers start as copies of {@code pretrained} (input side first; each
     * {@code inputs → outputs} with the config's hidden activation; a tied transpose is copied transposed), a freshly
     * initialised softmax layer goes on top, and the whole network is trained by backpropagation as in {@link #fit}.
     * The given layers are not modified. The config's hidden sizes and activation must match the layers.
     */
    public static MlpClassifier fineTune(MlpConfig config, List<Dense> pretrained, FMatrix x, int[] labels, int classes) {
        return fineTune(config, pretrained, x, labels, classes, TrainingListener.NONE);
    }

    /** {@link #fineTune}, reporting each epoch to {@code listener}. */
    public static MlpClassifier fineTune(MlpConfig config, List<Dense> pretrained, FMatrix x, int[] labels, int classes, TrainingListener listener) {
        if (pretrained == null) throw new IllegalArgumentException("pre-trained layers must not be null");
        return MlpTrainer.train(config, pretrained, x, labels, classes, listener, null);
    }

    /**
     * {@link #fineTune}, saving the full training state as {@code checkpointing} says and resuming from it, as
     * {@link #fit(MlpConfig, FMatrix, int[], int, TrainingListener, io.latentj.models.Checkpointing)} does; the
     * checkpoint also records a fingerprint of the pre-trained layers, so one made from other layers is refused.
     */
    public static MlpClassifier fineTune(MlpConfig config, List<Dense> pretrained, FMatrix x, int[] labels, int classes, TrainingListener listener,
                                         io.latentj.models.Checkpointing checkpointing) {
        if (pretrained == null) throw new IllegalArgumentException("pre-trained layers must not be null");
        return MlpTrainer.train(config, pretrained, x, labels, classes, listener, checkpointing);
    }

    @Override public int inputSize() { return w[0].cols(); }
    /** The number of classes: a code is the vector of class probabilities. */
    @Override public int outputSize() { return classes(); }
    public int classes() { return w[w.length - 1].rows(); }
    public MlpConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    /** The number of layers with weights: the hidden layers and the softmax layer. */
    public int layers() { return w.length; }
    /** A copy of layer {@code l}'s weight (outputs × inputs); layer {@link #layers()} − 1 is the softmax layer. */
    public FMatrix weights(int l) { return w[checkLayer(l)].copy(); }
    /** A copy of layer {@code l}'s bias. */
    public float[] bias(int l) { return b[checkLayer(l)].clone(); }

    private int checkLayer(int l) {
        if (l < 0 || l >= w.length) throw new IllegalArgumentException("layer " + l + " outside [0, " + w.length + ")");
        return l;
    }

    private Path path() { return config.path(); }

    /** The logits (pre-softmax outputs) of every row into {@code out} (rows × classes). */
    private void logitsInto(FMatrix x, FMatrix out) {
        Path p = path();
        FMatrix in = x;
        for (int l = 0; l < w.length; l++) {
            FMatrix z = l == w.length - 1 ? out : FMatrix.zeros(x.rows(), w[l].rows());
            z.fillRows(b[l], 0);
            Linalg.gemm(p, Trans.N, Trans.T, 1f, in, w[l], 1f, z);
            if (l < w.length - 1) config.hiddenActivation().forward(p, z, z);
            in = z;
        }
    }

    /** The class probabilities of every row (rows × classes). */
    @Override
    public FMatrix transform(FMatrix x) {
        Inputs.requireMatrix(path(), "input", x, inputSize());
        FMatrix p = FMatrix.zeros(x.rows(), classes());
        if (x.rows() == 0) return p;
        logitsInto(x, p);
        Elementwise.softmaxRows(path(), p, p);
        return p;
    }

    /** Same as {@link #transform}: the class probabilities. */
    public FMatrix probabilities(FMatrix x) { return transform(x); }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(path(), x, xOff, inputSize(), out, outOff, classes());
        Path p = path();
        Workspace ws = workspace.borrow();
        try {
            float[] in = x;
            int inOff = xOff;
            for (int l = 0; l < w.length - 1; l++) {
                float[] h = ws.hidden[l];
                affine(p, l, in, inOff, h, 0, config.hiddenActivation());
                in = h;
                inOff = 0;
            }
            float[] o = ws.out.data();
            affine(p, w.length - 1, in, inOff, o, 0, Activation.LINEAR);
            // a row of `classes` values: the scalar kernel (the vector one gains nothing on ~10 values, and C2 has been
            // seen to box one of its vectors per call in a freshly started service JVM)
            Elementwise.softmaxRows(Path.SCALAR, ws.out, ws.out);
            System.arraycopy(o, 0, out, outOff, o.length);
        } finally {
            workspace.release(ws);
        }
    }

    /** y = f(W_l·x + b_l) for one sample. */
    private void affine(Path p, int l, float[] x, int xOff, float[] y, int yOff, Activation f) {
        int n = w[l].rows();
        if (f == Activation.SIGMOID) {
            Fused.sigmoidAffine(p, Trans.N, w[l], x, xOff, b[l], 0, y, yOff);
            return;
        }
        System.arraycopy(b[l], 0, y, yOff, n);
        Linalg.gemv(p, Trans.N, 1f, w[l], x, xOff, 1f, y, yOff);
        switch (f) {
            case TANH -> Elementwise.tanh(p, y, yOff, y, yOff, n);
            case RELU -> Elementwise.relu(p, y, yOff, y, yOff, n);
            case SOFTPLUS -> Elementwise.softplus(p, y, yOff, y, yOff, n);
            default -> { } // LINEAR (softmax is refused by the config)
        }
    }

    /** The most probable class of every row. */
    public int[] predict(FMatrix x) {
        Inputs.requireMatrix(path(), "input", x, inputSize());
        int[] out = new int[x.rows()];
        if (x.rows() == 0) return out;
        FMatrix z = FMatrix.zeros(x.rows(), classes());
        logitsInto(x, z); // softmax is monotone: the largest logit is the most probable class
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int k = 1; k < classes(); k++) if (z.get(r, k) > z.get(r, best)) best = k;
            out[r] = best;
        }
        return out;
    }

    /** The fraction of rows whose predicted class equals the label. */
    public double accuracy(FMatrix x, int[] labels) {
        if (x == null || labels == null) throw new IllegalArgumentException("x and labels must not be null");
        if (labels.length != x.rows()) throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        if (labels.length == 0) throw new IllegalArgumentException("no rows to score");
        int[] p = predict(x);
        int ok = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == labels[i]) ok++;
        return (double) ok / p.length;
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (int l = 0; l < w.length; l++) {
            t.put("layer." + l + ".weight", Tensor.matrix(w[l].rows(), w[l].cols(), w[l].toArray()));
            t.put("layer." + l + ".bias", Tensor.vector(b[l].clone()));
        }
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static MlpClassifier load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static MlpClassifier load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static MlpClassifier load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        MlpConfig config;
        try {
            config = MlpConfig.fromMap(mf.config());
        } catch (IllegalArgumentException e) {
            throw mf.badConfig(e);
        }
        int layers = config.hiddenLayers() + 1;
        if (mf.has("layer." + layers + ".weight")) {
            throw new FormatException(file, "tensors", "more layers than the config's hidden sizes " + java.util.Arrays.toString(config.hiddenSizes()) + " + softmax");
        }
        FMatrix[] w = new FMatrix[layers];
        float[][] b = new float[layers][];
        int in = -1;
        for (int l = 0; l < layers; l++) {
            int[] shape = mf.shape("layer." + l + ".weight");
            if (shape.length != 2) throw new FormatException(file, "tensor layer." + l + ".weight", "must be a matrix [outputs, inputs]");
            int out = l < layers - 1 ? config.hiddenSizes()[l] : -1;
            w[l] = FMatrix.wrap(mf.tensor("layer." + l + ".weight", out, in), shape[0], shape[1]);
            b[l] = mf.tensor("layer." + l + ".bias", shape[0]);
            in = shape[0];
        }
        try {
            return new MlpClassifier(w, b, config, mf.provenance());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "tensors", e.getMessage());
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("MlpClassifier[").append(inputSize());
        for (int l = 0; l < w.length - 1; l++) s.append(" → ").append(w[l].rows());
        return s.append(" → ").append(classes()).append(" (softmax), ").append(config.hiddenActivation().id()).append("]").toString();
    }
}
