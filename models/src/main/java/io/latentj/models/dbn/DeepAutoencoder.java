package io.latentj.models.dbn;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.Reconstructor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deep autoencoder (Hinton &amp; Salakhutdinov 2006, "Reducing the dimensionality of data with neural networks"):
 * an encoder of sigmoid layers ending in a linear code layer, and a decoder of sigmoid layers back to the input,
 * pre-trained as a stack of RBMs (the top one with Gaussian hidden units), unrolled (decoder = transposed RBM
 * weights) and fine-tuned by backpropagation of the reconstruction cross-entropy. As an {@link Encoder} the code is
 * the linear code layer; {@link #reconstruct} gives pixel probabilities.
 *
 * <p>Immutable and safe to share across threads; {@link #transformInto} allocates nothing (pooled scratch).
 *
 * <p>Model file (safetensors): {@code encoder<l>.weight} [out, in] and {@code encoder<l>.bias} [out] for l = 1..L
 * (bottom first), {@code decoder<l>.weight} [out, in] and {@code decoder<l>.bias} [out] for l = 1..L (code first,
 * the last producing the reconstruction); all F32; metadata {@code model=DeepAutoencoder}, {@code format_version=1},
 * {@code config.*} from {@link DeepAutoencoderConfig#toMap()}, {@code provenance.*}.
 */
public final class DeepAutoencoder implements Encoder, Reconstructor {
    static final String TYPE = "DeepAutoencoder";
    static final String FORMAT_VERSION = "1";

    private final List<FMatrix> encoder, decoder;
    private final List<float[]> encoderBias, decoderBias;
    private final DeepAutoencoderConfig config;
    private final Map<String, String> provenance;
    private final ScratchPool<float[][]> workspace;

    DeepAutoencoder(List<FMatrix> encoder, List<float[]> encoderBias, List<FMatrix> decoder, List<float[]> decoderBias,
                    DeepAutoencoderConfig config, Map<String, String> provenance) {
        int layers = encoder.size();
        if (layers == 0 || encoderBias.size() != layers || decoder.size() != layers || decoderBias.size() != layers) {
            throw new IllegalArgumentException("need as many encoder and decoder layers (with biases), got " + encoder.size() + "/" + encoderBias.size()
                    + " and " + decoder.size() + "/" + decoderBias.size());
        }
        int[] h = config.hidden();
        if (h.length != layers) throw new IllegalArgumentException("config has " + h.length + " layers, the weights " + layers);
        int in = encoder.getFirst().cols();
        for (int l = 0; l < layers; l++) {
            FMatrix e = encoder.get(l), d = decoder.get(l);
            int lower = l == 0 ? in : h[l - 1];
            if (e.rows() != h[l] || e.cols() != lower || encoderBias.get(l).length != h[l]) {
                throw new IllegalArgumentException("encoder layer " + (l + 1) + " is " + e.shape() + " with bias " + encoderBias.get(l).length
                        + ", expected " + h[l] + "×" + lower);
            }
            int dIn = h[layers - 1 - l], dOut = layers - 1 - l == 0 ? in : h[layers - 2 - l];
            if (d.rows() != dOut || d.cols() != dIn || decoderBias.get(l).length != dOut) {
                throw new IllegalArgumentException("decoder layer " + (l + 1) + " is " + d.shape() + " with bias " + decoderBias.get(l).length
                        + ", expected " + dOut + "×" + dIn);
            }
            Elementwise.requireFinite(Path.SCALAR, "encoder weight " + (l + 1), e);
            Elementwise.requireFinite(Path.SCALAR, "decoder weight " + (l + 1), d);
        }
        this.encoder = copies(encoder);
        this.decoder = copies(decoder);
        this.encoderBias = encoderBias.stream().map(float[]::clone).toList();
        this.decoderBias = decoderBias.stream().map(float[]::clone).toList();
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        workspace = ScratchPool.of(() -> {
            float[][] ws = new float[layers][];
            for (int l = 0; l < layers; l++) ws[l] = new float[h[l]];
            return ws;
        });
    }

    private static List<FMatrix> copies(List<FMatrix> m) {
        List<FMatrix> out = new ArrayList<>();
        for (FMatrix x : m) out.add(x.copy());
        return List.copyOf(out);
    }

    /** Pre-trains and fine-tunes on the rows of {@code data} (values in [0, 1]). */
    public static DeepAutoencoder fit(DeepAutoencoderConfig config, FMatrix data) {
        return DeepAutoencoderTrainer.train(config, data, null, TrainingListener.NONE, null);
    }

    /**
     * Pre-trains and fine-tunes, reporting every epoch to {@code listener} (pre-training: metric {@code layer}, the
     * RBM's {@code reconstruction_error}; fine-tuning: {@code layer} 0, {@code loss} (cross-entropy per row) and the
     * squared {@code reconstruction_error} per row of the training and, when given, {@code heldOut} rows).
     */
    public static DeepAutoencoder fit(DeepAutoencoderConfig config, FMatrix data, FMatrix heldOut, TrainingListener listener) {
        return DeepAutoencoderTrainer.train(config, data, heldOut, listener == null ? TrainingListener.NONE : listener, null);
    }

    /**
     * Trains as {@link #fit(DeepAutoencoderConfig, FMatrix, FMatrix, TrainingListener)}, saving the full training
     * state where and as often as {@code checkpointing} says (every N epochs of each RBM's pre-training and of the
     * fine-tuning, and at the end of each) and resuming from it: the finished RBMs, the running stage's parameters,
     * momentum velocities or Adam moments, and random-stream positions. A resumed run ends with exactly the weights of
     * an uninterrupted one; a diverging run stops before overwriting the last good checkpoint.
     */
    public static DeepAutoencoder fit(DeepAutoencoderConfig config, FMatrix data, FMatrix heldOut, TrainingListener listener,
                                      io.latentj.models.Checkpointing checkpointing) {
        return DeepAutoencoderTrainer.train(config, data, heldOut, listener == null ? TrainingListener.NONE : listener, checkpointing);
    }

    public DeepAutoencoderConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    public int layers() { return encoder.size(); }
    @Override public int inputSize() { return encoder.getFirst().cols(); }
    @Override public int outputSize() { return encoder.getLast().rows(); }
    private Path path() { return config.path(); }

    /** Codes of every row: sigmoid layers, then the linear code layer. */
    @Override
    public FMatrix transform(FMatrix x) {
        Inputs.requireMatrix(path(), "input", x, inputSize());
        FMatrix h = x;
        for (int l = 0; l < layers(); l++) {
            FMatrix next = FMatrix.zeros(x.rows(), encoder.get(l).rows());
            next.fillRows(encoderBias.get(l), 0);
            Linalg.gemm(path(), Trans.N, Trans.T, 1f, h, encoder.get(l), 1f, next);
            if (l < layers() - 1) Elementwise.sigmoid(path(), next, next);
            h = next;
        }
        return h;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(path(), x, xOff, inputSize(), out, outOff, outputSize());
        Path p = path();
        float[][] ws = workspace.borrow();
        try {
            float[] in = x;
            int inOff = xOff, last = layers() - 1;
            for (int l = 0; l < last; l++) {
                Fused.sigmoidAffine(p, Trans.N, encoder.get(l), in, inOff, encoderBias.get(l), 0, ws[l], 0);
                in = ws[l];
                inOff = 0;
            }
            System.arraycopy(encoderBias.get(last), 0, out, outOff, outputSize());
            Linalg.gemv(p, Trans.N, 1f, encoder.get(last), in, inOff, 1f, out, outOff);
        } finally {
            workspace.release(ws);
        }
    }

    /** Reconstructions (pixel probabilities) of every row of codes. */
    public FMatrix decode(FMatrix codes) {
        Inputs.requireMatrix(path(), "codes", codes, outputSize());
        FMatrix h = codes;
        for (int l = 0; l < layers(); l++) {
            FMatrix next = FMatrix.zeros(codes.rows(), decoder.get(l).rows());
            next.fillRows(decoderBias.get(l), 0);
            Linalg.gemm(path(), Trans.N, Trans.T, 1f, h, decoder.get(l), 1f, next);
            Elementwise.sigmoid(path(), next, next);
            h = next;
        }
        return h;
    }

    @Override
    public FMatrix reconstruct(FMatrix x) {
        return decode(transform(x));
    }

    /** Mean over rows of the squared reconstruction error ‖x − x'‖². */
    public double reconstructionError(FMatrix x) {
        if (x.rows() == 0) return 0;
        return Linalg.squaredDistance(path(), reconstruct(x), x) / x.rows();
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new java.util.LinkedHashMap<>();
        for (int l = 0; l < layers(); l++) {
            t.put("encoder" + (l + 1) + ".weight", Tensor.matrix(encoder.get(l).rows(), encoder.get(l).cols(), encoder.get(l).toArray()));
            t.put("encoder" + (l + 1) + ".bias", Tensor.vector(encoderBias.get(l).clone()));
        }
        for (int l = 0; l < layers(); l++) {
            t.put("decoder" + (l + 1) + ".weight", Tensor.matrix(decoder.get(l).rows(), decoder.get(l).cols(), decoder.get(l).toArray()));
            t.put("decoder" + (l + 1) + ".bias", Tensor.vector(decoderBias.get(l).clone()));
        }
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static DeepAutoencoder load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static DeepAutoencoder load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static DeepAutoencoder load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        DeepAutoencoderConfig config;
        try {
            config = DeepAutoencoderConfig.fromMap(mf.config());
        } catch (IllegalArgumentException e) {
            throw mf.badConfig(e);
        }
        List<FMatrix> enc = new ArrayList<>(), dec = new ArrayList<>();
        List<float[]> eb = new ArrayList<>(), db = new ArrayList<>();
        for (int l = 1; l <= config.hidden().length; l++) {
            readLayer(mf, "encoder" + l, enc, eb);
            readLayer(mf, "decoder" + l, dec, db);
        }
        try {
            return new DeepAutoencoder(enc, eb, dec, db, config, mf.provenance());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "tensors", e.getMessage());
        }
    }

    private static void readLayer(ModelFile mf, String name, List<FMatrix> weights, List<float[]> biases) throws IOException {
        int[] s = mf.shape(name + ".weight");
        if (s.length != 2) throw new FormatException(mf.source(), "tensor " + name + ".weight", "must be a matrix");
        weights.add(FMatrix.wrap(mf.tensor(name + ".weight", s[0], s[1]), s[0], s[1]));
        biases.add(mf.tensor(name + ".bias", s[0]));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DeepAutoencoder[").append(inputSize());
        for (FMatrix e : encoder) sb.append('-').append(e.rows());
        return sb.append("]").toString();
    }
}
