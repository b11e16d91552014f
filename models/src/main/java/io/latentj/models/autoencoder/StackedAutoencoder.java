package io.latentj.models.autoencoder;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.MlpClassifier;
import io.latentj.models.nn.MlpConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.ScratchPool;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack of autoencoders pre-trained greedily, layer by layer (Bengio et al. 2007; stacked denoising autoencoders,
 * Vincent et al. 2010): layer 1 is trained on the data, layer k on the codes of layer k − 1. As an {@link Encoder} it
 * maps an input through every layer's encoder to the top code. {@link #fineTune} turns it into a classifier: the
 * encoders become the hidden layers of an {@link MlpClassifier} with a fresh softmax layer on top, and the whole
 * network is trained by backpropagation on labelled data (which may be fewer rows than the unlabelled pre-training
 * data).
 *
 * <p>Immutable; {@link #transformInto} allocates nothing once warm, on any thread (pooled buffers hold the
 * intermediate codes).
 *
 * <p>Model file (safetensors): per layer i = 0 … depth − 1, input side first, the tensors of {@link Autoencoder}
 * prefixed {@code layer.<i>.} ({@code weight}, {@code hidden_bias}, {@code visible_bias}, {@code decoder_weight}
 * when untied); metadata {@code model=StackedAutoencoder}, {@code format_version=1}, {@code config.depth},
 * {@code config.layer.<i>.*} (each layer's {@link AutoencoderConfig#toMap()}), {@code config.fine_tuning.*}
 * ({@link MlpConfig#toMap()}) and provenance entries.
 */
public final class StackedAutoencoder implements Encoder {
    static final String TYPE = "StackedAutoencoder";
    static final String FORMAT_VERSION = "1";
    private static final System.Logger LOG = System.getLogger("io.latentj.models.autoencoder");

    private final List<Autoencoder> layers;
    private final StackedAutoencoderConfig config;
    private final Map<String, String> provenance;
    private final ScratchPool<float[][]> workspace;

    private StackedAutoencoder(List<Autoencoder> layers, StackedAutoencoderConfig config, Map<String, String> provenance) {
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).visible() != layers.get(i - 1).hidden()) {
                throw new IllegalArgumentException("layer " + i + " has " + layers.get(i).visible() + " inputs, layer " + (i - 1) + " " + layers.get(i - 1).hidden() + " codes");
            }
        }
        this.layers = List.copyOf(layers);
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        this.workspace = ScratchPool.of(() -> {
            float[][] ws = new float[this.layers.size() - 1][];
            for (int i = 0; i < ws.length; i++) ws[i] = new float[this.layers.get(i).hidden()];
            return ws;
        });
    }

    /** Greedy layer-wise pre-training on the rows of {@code x} (no labels). */
    public static StackedAutoencoder pretrain(StackedAutoencoderConfig config, FMatrix x) {
        return pretrain(config, x, TrainingListener.NONE);
    }

    /** {@link #pretrain}, reporting every layer's epochs to {@code listener} (one layer after another). */
    public static StackedAutoencoder pretrain(StackedAutoencoderConfig config, FMatrix x, TrainingListener listener) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        Inputs.requireTrainingData(config.layers().get(0).path(), x, 1);
        List<Autoencoder> trained = new ArrayList<>();
        FMatrix codes = x;
        for (int i = 0; i < config.depth(); i++) {
            AutoencoderConfig c = config.layers().get(i);
            Autoencoder ae = Autoencoder.fit(c, codes, null, listener);
            trained.add(ae);
            int layer = i;
            LOG.log(Level.DEBUG, () -> "pre-trained layer " + layer + ": " + ae);
            if (i < config.depth() - 1) codes = ae.transform(codes);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("rows", Integer.toString(x.rows()));
        return new StackedAutoencoder(trained, config, prov);
    }

    /** Pre-training on {@code x}, then supervised fine-tuning on the same rows with their labels. */
    public static MlpClassifier fit(StackedAutoencoderConfig config, FMatrix x, int[] labels, int classes) {
        return pretrain(config, x).fineTune(x, labels, classes);
    }

    /**
     * Supervised fine-tuning with the config's {@link StackedAutoencoderConfig#fineTuning()}: the encoders become the
     * hidden layers of an MLP, a fresh softmax layer goes on top, and everything is trained by backpropagation on
     * {@code x} with labels in [0, classes). This stack is not modified.
     */
    public MlpClassifier fineTune(FMatrix x, int[] labels, int classes) {
        return MlpClassifier.fineTune(config.fineTuning(), encoderLayers(), x, labels, classes);
    }

    /** {@link #fineTune} with another fine-tuning config (its hidden sizes and activation must be the stack's). */
    public MlpClassifier fineTune(MlpConfig fineTuning, FMatrix x, int[] labels, int classes) {
        return MlpClassifier.fineTune(fineTuning, encoderLayers(), x, labels, classes);
    }

    /** Fresh training copies of the encoders, input side first. */
    public List<Dense> encoderLayers() {
        List<Dense> out = new ArrayList<>();
        for (Autoencoder a : layers) out.add(a.encoderLayer());
        return out;
    }

    /** The pre-trained autoencoders, input side first. */
    public List<Autoencoder> layers() { return layers; }
    public int depth() { return layers.size(); }
    public StackedAutoencoderConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    @Override public int inputSize() { return layers.get(0).visible(); }
    @Override public int outputSize() { return layers.get(layers.size() - 1).hidden(); }

    /** The top codes of every row: each layer's encoder applied in turn. */
    @Override
    public FMatrix transform(FMatrix x) {
        Inputs.requireMatrix(config.layers().get(0).path(), "input", x, inputSize());
        FMatrix codes = x;
        for (Autoencoder a : layers) codes = a.transform(codes);
        return codes;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(config.layers().get(0).path(), x, xOff, inputSize(), out, outOff, outputSize());
        float[][] ws = workspace.borrow();
        try {
            float[] in = x;
            int inOff = xOff;
            for (int i = 0; i < layers.size() - 1; i++) {
                layers.get(i).transformInto(in, inOff, ws[i], 0);
                in = ws[i];
                inOff = 0;
            }
            layers.get(layers.size() - 1).transformInto(in, inOff, out, outOff);
        } finally {
            workspace.release(ws);
        }
    }

    /** Writes the stack as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("depth", Integer.toString(layers.size()));
        for (int i = 0; i < layers.size(); i++) {
            Autoencoder a = layers.get(i);
            String p = "layer." + i + ".";
            t.put(p + "weight", Tensor.matrix(a.hidden(), a.visible(), a.weights().toArray()));
            t.put(p + "hidden_bias", Tensor.vector(a.hiddenBias()));
            t.put(p + "visible_bias", Tensor.vector(a.visibleBias()));
            if (!a.tied()) t.put(p + "decoder_weight", Tensor.matrix(a.visible(), a.hidden(), a.decoderWeights().toArray()));
            a.config().toMap().forEach((k, v) -> cfg.put(p + k, v));
        }
        config.fineTuning().toMap().forEach((k, v) -> cfg.put("fine_tuning." + k, v));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, cfg, provenance);
    }

    /** Reads a stack written by {@link #save}. */
    public static StackedAutoencoder load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static StackedAutoencoder load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static StackedAutoencoder load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        Map<String, String> cfg = mf.config();
        int depth;
        try {
            depth = Integer.parseInt(cfg.getOrDefault("depth", "0"));
        } catch (NumberFormatException e) {
            throw new FormatException(file, "__metadata__ config.depth", "is not a number: " + cfg.get("depth"));
        }
        if (depth < 1 || depth > 1000) throw new FormatException(file, "__metadata__ config.depth", "must be a positive layer count, got " + depth);
        List<Autoencoder> layers = new ArrayList<>();
        List<AutoencoderConfig> configs = new ArrayList<>();
        int visible = -1;
        try {
            for (int i = 0; i < depth; i++) {
                String p = "layer." + i + ".";
                int[] shape = mf.shape(p + "weight");
                if (shape.length != 2) throw new FormatException(file, "tensor " + p + "weight", "must be a matrix [hidden, visible]");
                int nh = shape[0], nv = shape[1];
                if (visible >= 0 && nv != visible) throw new FormatException(file, "tensor " + p + "weight", "has " + nv + " inputs, the layer below " + visible + " codes");
                Map<String, String> lc = new LinkedHashMap<>();
                cfg.forEach((k, v) -> { if (k.startsWith(p)) lc.put(k.substring(p.length()), v); });
                lc.put("path", cfg.get("path")); // every layer runs on the kernel path chosen at load
                lc.put("hidden", Integer.toString(nh));
                lc.put("tied", Boolean.toString(!mf.has(p + "decoder_weight")));
                AutoencoderConfig c = AutoencoderConfig.fromMap(lc);
                FMatrix w = FMatrix.wrap(mf.tensor(p + "weight", nh, nv), nh, nv);
                float[] b = mf.tensor(p + "hidden_bias", nh), c2 = mf.tensor(p + "visible_bias", nv);
                FMatrix v = c.tied() ? null : FMatrix.wrap(mf.tensor(p + "decoder_weight", nv, nh), nv, nh);
                layers.add(new Autoencoder(w, b, c2, v, c, Map.of()));
                configs.add(c);
                visible = nh;
            }
            Map<String, String> ft = new LinkedHashMap<>();
            cfg.forEach((k, v) -> { if (k.startsWith("fine_tuning.")) ft.put(k.substring(12), v); });
            StackedAutoencoderConfig.Builder sb = StackedAutoencoderConfig.builder(configs);
            if (!ft.isEmpty()) {
                ft.put("path", cfg.get("path"));
                sb.fineTuning(MlpConfig.fromMap(ft));
            }
            return new StackedAutoencoder(layers, sb.build(), mf.provenance());
        } catch (IllegalArgumentException e) {
            throw mf.badConfig(e);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("StackedAutoencoder[").append(inputSize());
        for (Autoencoder a : layers) s.append(" → ").append(a.hidden());
        return s.append(", ").append(layers.get(0).encoderActivation().id()).append("]").toString();
    }
}
