package io.latentj.models.rbm;

import io.latentj.models.Inputs;
import io.latentj.models.Encoder;
import io.latentj.models.TrainingListener;
import io.latentj.models.data.Ratings;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A restricted Boltzmann machine for collaborative filtering (Salakhutdinov, Mnih &amp; Hinton 2007): m items with K
 * rating levels; a user is a K-way softmax visible unit for each item they rated, binary hidden units, and weights
 * W^k_{ij} shared by all users. Unrated items have no visible unit, so they contribute nothing:
 * p(h_j = 1 | V) = sigmoid(c_j + Σ_{i rated} Σ_k v_i^k W^k_{ij}) and p(v_i^k = 1 | h) = softmax_k(b_i^k + Σ_j h_j W^k_{ij}).
 *
 * <p><b>Layout.</b> The visible layer is laid out densely as items·K values, item i's block at
 * [i·K, (i+1)·K), level k (1-based) at i·K + k − 1. A user's ratings become a one-hot vector with an all-zero block
 * for every unrated item; since a zero block multiplies its weights by zero, p(h|V) over that dense vector equals
 * the sum over rated items only. This is also the input of {@link #transform} and {@link #transformInto}.
 * W is stored hidden × (items·K), like {@link BernoulliRBM}'s hidden × visible.
 *
 * <p><b>Prediction</b> of a missing rating: mean-field hidden p̂ = p(h|V), then the expected level
 * Σ_k k·p(v_i^k = 1 | p̂) ({@link #predict}).
 *
 * <p>Immutable and safe to share across threads; {@link #transformInto} is one fused GEMV + sigmoid, no allocation.
 *
 * <p>Model file (safetensors): {@code weight} [hidden, items·K], {@code visible_bias} [items·K], {@code hidden_bias}
 * [hidden], all F32; metadata {@code model=SoftmaxRBM}, {@code format_version=1}, {@code levels} (K), {@code items},
 * {@code config.*} and {@code provenance.*}.
 */
public final class SoftmaxRBM implements Encoder {
    static final String TYPE = "SoftmaxRBM";
    static final String FORMAT_VERSION = "1";
    private static final int PREDICT_CHUNK = 256;

    private final FMatrix w;
    private final float[] b, c;
    private final int items, levels;
    private final RbmConfig config;
    private final Map<String, String> provenance;

    SoftmaxRBM(FMatrix w, float[] b, float[] c, int items, int levels, RbmConfig config, Map<String, String> provenance) {
        if (levels < 1 || items < 0 || (long) items * levels != w.cols() || w.cols() != b.length || w.rows() != c.length) {
            throw new IllegalArgumentException("weights " + w.shape() + " need " + items + " items x " + levels + " levels = "
                    + (long) items * levels + " columns, " + w.cols() + " visible biases and " + w.rows() + " hidden biases; got "
                    + b.length + " and " + c.length);
        }
        this.w = w.copy();
        this.b = b.clone();
        this.c = c.clone();
        this.items = items;
        this.levels = levels;
        this.config = config;
        this.provenance = Map.copyOf(provenance);
    }

    /** A model with the given parameters (copied): weight hidden × (items·levels), visible bias items·levels, hidden bias. */
    public static SoftmaxRBM of(FMatrix weight, float[] visibleBias, float[] hiddenBias, int items, int levels, RbmConfig config) {
        Elementwise.requireFinite(Path.SCALAR, "weight", weight);
        Elementwise.requireFinite(Path.SCALAR, "visible bias", FMatrix.wrap(visibleBias, 1, visibleBias.length));
        Elementwise.requireFinite(Path.SCALAR, "hidden bias", FMatrix.wrap(hiddenBias, 1, hiddenBias.length));
        return new SoftmaxRBM(weight, visibleBias, hiddenBias, items, levels, config, Map.of());
    }

    /** Trains on {@code ratings} by CD-k over minibatches of users (see {@link SoftmaxContrastiveDivergence}). */
    public static SoftmaxRBM fit(RbmConfig config, Ratings ratings) {
        return fit(config, ratings, null, TrainingListener.NONE);
    }

    /**
     * Trains on {@code ratings}; each epoch reports to {@code listener} {@code train_rmse} (the training ratings
     * predicted from themselves) and, with {@code heldOut} ratings of the same users and items, {@code heldout_rmse}
     * (predicted from the training ratings); both are skipped when {@link RbmConfig#monitorSamples()} is 0.
     */
    public static SoftmaxRBM fit(RbmConfig config, Ratings ratings, Ratings heldOut, TrainingListener listener) {
        return fit(config, ratings, heldOut, listener, null);
    }

    /**
     * As above, saving the full training state as {@code checkpointing} says and resuming from it: a resumed run ends
     * with exactly the weights of an uninterrupted one.
     */
    public static SoftmaxRBM fit(RbmConfig config, Ratings ratings, Ratings heldOut, TrainingListener listener,
                                 io.latentj.models.Checkpointing checkpointing) {
        return new SoftmaxContrastiveDivergence(config, ratings, heldOut, listener, checkpointing).train();
    }

    public int items() { return items; }
    /** K, the number of rating levels (ratings 1..K). */
    public int levels() { return levels; }
    public int hidden() { return w.rows(); }
    /** items·K: the length of the dense one-hot input. */
    @Override public int inputSize() { return w.cols(); }
    @Override public int outputSize() { return hidden(); }
    public RbmConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    /** A copy of W, hidden × (items·K). */
    public FMatrix weights() { return w.copy(); }
    public float[] visibleBias() { return b.clone(); }
    public float[] hiddenBias() { return c.clone(); }
    FMatrix w() { return w; }
    float[] b() { return b; }
    float[] c() { return c; }

    void requireCompatible(String what, Ratings r) {
        if (r == null) throw new IllegalArgumentException(what + " must not be null");
        if (r.items() != items || r.levels() != levels) {
            throw new IllegalArgumentException(what + " have " + r.items() + " items and " + r.levels() + " levels, the model "
                    + items + " items and " + levels + " levels");
        }
    }

    /** Writes user u's ratings as a one-hot row (zero blocks for unrated items) into {@code row} of {@code x}. */
    static void oneHot(Ratings r, int u, FMatrix x, int row) {
        int o = x.rowOffset(row), k = r.levels();
        Arrays.fill(x.data(), o, o + x.cols(), 0f);
        for (int e = r.userStart()[u]; e < r.userStart()[u + 1]; e++) x.data()[o + r.item()[e] * k + r.rating()[e] - 1] = 1f;
    }

    /** p(h = 1 | V) of each row of dense one-hot inputs (rows × items·K, values in [0, 1]). */
    @Override
    public FMatrix transform(FMatrix x) {
        if (x == null) throw new IllegalArgumentException("input must not be null");
        if (x.cols() != inputSize()) throw new IllegalArgumentException("input has " + x.cols() + " columns, the model expects " + inputSize() + " (items x levels)");
        Elementwise.requireWithin(config.path(), "input", x, 0f, 1f);
        FMatrix h = FMatrix.zeros(x.rows(), hidden());
        BernoulliConditionals.hidden(config.path(), w, c, x, h);
        return h;
    }

    /**
     * p(h = 1 | V) of one dense input: {@code x[xOff .. xOff + items·K)} is user's one-hot ratings with all-zero
     * blocks for unrated items (no check that blocks are one-hot; NaN and infinities are refused).
     */
    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        int n = inputSize();
        Inputs.requireSample(config.path(), x, xOff, n, out, outOff, hidden());
        Fused.sigmoidAffine(config.path(), Trans.N, w, x, xOff, c, 0, out, outOff);
    }

    /** p(h = 1 | V) for user {@code u} of {@code ratings} (only the items the user rated take part). */
    public float[] hiddenProbabilities(Ratings ratings, int u) {
        requireCompatible("ratings", ratings);
        if (u < 0 || u >= ratings.users()) throw new IllegalArgumentException("user " + u + " outside [0, " + ratings.users() + ")");
        FMatrix x = FMatrix.zeros(1, inputSize());
        oneHot(ratings, u, x, 0);
        float[] out = new float[hidden()];
        Fused.sigmoidAffine(config.path(), Trans.N, w, x.data(), 0, c, 0, out, 0);
        return out;
    }

    /** softmax_k(b_i^k + Σ_j h_j W^k_ij) into {@code v} (rows × items·K); {@code v} must be contiguous. */
    static void visible(Path path, FMatrix w, float[] b, int levels, FMatrix h, FMatrix v) {
        v.fillRows(b, 0);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, h, w, 1f, v);
        FMatrix blocks = FMatrix.view(v.data(), v.offset(), v.rows() * (v.cols() / levels), levels, levels);
        Elementwise.softmaxRows(path, blocks, blocks);
    }

    /** p(v_i^k = 1 | h) for every item of each row of hidden states or probabilities: rows × items·K, each block sums to 1. */
    public FMatrix visibleProbabilities(FMatrix h) {
        if (h == null || h.cols() != hidden()) {
            throw new IllegalArgumentException("hidden states have " + (h == null ? "no" : h.cols()) + " columns, the model expects " + hidden());
        }
        Elementwise.requireFinite(config.path(), "hidden states", h);
        FMatrix v = FMatrix.zeros(h.rows(), inputSize());
        visible(config.path(), w, b, levels, h, v);
        return v;
    }

    /**
     * Predicted ratings Σ_k k·p(v_i^k = 1 | p(h|V)) for every (user, item) of {@code queries}, in its order (by user,
     * then item), with each user's visible units given by {@code given} (typically the training ratings).
     */
    public float[] predict(Ratings given, Ratings queries) {
        requireCompatible("given ratings", given);
        requireCompatible("queries", queries);
        if (given.users() != queries.users()) {
            throw new IllegalArgumentException("given ratings have " + given.users() + " users, queries " + queries.users());
        }
        Path p = config.path();
        float[] out = new float[queries.size()];
        int chunk = Math.min(PREDICT_CHUNK, Math.max(1, given.users()));
        FMatrix x = FMatrix.zeros(chunk, inputSize()), h = FMatrix.zeros(chunk, hidden()), v = FMatrix.zeros(chunk, inputSize());
        for (int u0 = 0; u0 < given.users(); u0 += chunk) {
            int rows = Math.min(chunk, given.users() - u0);
            if (queries.userStart()[u0 + rows] == queries.userStart()[u0]) continue;
            FMatrix xb = x.rowRange(0, rows), hb = h.rowRange(0, rows), vb = v.rowRange(0, rows);
            for (int r = 0; r < rows; r++) oneHot(given, u0 + r, xb, r);
            BernoulliConditionals.hidden(p, w, c, xb, hb);
            visible(p, w, b, levels, hb, vb);
            for (int r = 0; r < rows; r++) {
                int o = vb.rowOffset(r);
                for (int e = queries.userStart()[u0 + r]; e < queries.userStart()[u0 + r + 1]; e++) {
                    int base = o + queries.item()[e] * levels;
                    float s = 0;
                    for (int k = 0; k < levels; k++) s += (k + 1) * vb.data()[base + k];
                    out[e] = s;
                }
            }
        }
        return out;
    }

    /** Root mean squared error of {@link #predict} on {@code test}, NaN when {@code test} is empty. */
    public double rmse(Ratings given, Ratings test) {
        float[] pred = predict(given, test);
        double s = 0;
        for (int e = 0; e < pred.length; e++) {
            double d = pred[e] - test.rating()[e];
            s += d * d;
        }
        return Math.sqrt(s / pred.length);
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(hidden(), inputSize(), w.toArray()));
        t.put("visible_bias", Tensor.vector(b.clone()));
        t.put("hidden_bias", Tensor.vector(c.clone()));
        Map<String, String> meta = BernoulliRBM.metadata(TYPE, config, Map.of());
        meta.put("format_version", FORMAT_VERSION);
        meta.put("levels", Integer.toString(levels));
        meta.put("items", Integer.toString(items));
        provenance.forEach((k, v) -> meta.put("provenance." + k, v));
        SafeTensors.write(file, t, meta);
    }

    /** Reads a model written by {@link #save}. */
    public static SoftmaxRBM load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static SoftmaxRBM load(ModelSource source) throws IOException {
        return load(source, Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static SoftmaxRBM load(ModelSource source, Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        SafeTensors.Contents contents = mf.contents();
        if (!contents.metadata().containsKey("model")) throw new FormatException(file, "__metadata__.model", "holds a (none), not a " + TYPE);
        int levels, items;
        try {
            levels = Integer.parseInt(contents.meta(file, "levels"));
            items = Integer.parseInt(contents.meta(file, "items"));
        } catch (NumberFormatException e) {
            throw new FormatException(file, "__metadata__", "levels and items must be integers: " + e.getMessage());
        }
        if (levels < 1 || levels > Ratings.MAX_LEVELS || items < 0) {
            throw new FormatException(file, "__metadata__", "levels " + levels + " (1.." + Ratings.MAX_LEVELS + ") or items " + items + " out of range");
        }
        Tensor wt = contents.tensor(file, "weight"), bt = contents.tensor(file, "visible_bias"), ct = contents.tensor(file, "hidden_bias");
        if (wt.shape().length != 2 || bt.shape().length != 1 || ct.shape().length != 1 || wt.shape()[0] != ct.shape()[0]
                || wt.shape()[1] != bt.shape()[0] || (long) items * levels != wt.shape()[1]) {
            throw new FormatException(file, "tensors", "shapes weight " + Arrays.toString(wt.shape()) + ", visible_bias "
                    + Arrays.toString(bt.shape()) + ", hidden_bias " + Arrays.toString(ct.shape()) + " do not fit together or "
                    + items + " items x " + levels + " levels (weight is [hidden, items*levels])");
        }
        Map<String, String> cfg = mf.config(), prov = mf.provenance();
        cfg.put("hidden", Integer.toString(wt.shape()[0]));
        RbmConfig config;
        try {
            config = RbmConfig.fromMap(cfg);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "__metadata__ config", e.getMessage());
        }
        FMatrix w = FMatrix.wrap(wt.data(), wt.shape()[0], wt.shape()[1]);
        try {
            Elementwise.requireFinite(Path.SCALAR, "weight", w);
            Elementwise.requireFinite(Path.SCALAR, "visible_bias", FMatrix.wrap(bt.data(), 1, bt.data().length));
            Elementwise.requireFinite(Path.SCALAR, "hidden_bias", FMatrix.wrap(ct.data(), 1, ct.data().length));
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "tensors", e.getMessage());
        }
        return new SoftmaxRBM(w, bt.data(), ct.data(), items, levels, config, prov);
    }

    @Override
    public String toString() {
        return "SoftmaxRBM[" + items + " items x " + levels + " levels, " + hidden() + " hidden]";
    }
}
