package io.latentj.models.words;

import io.latentj.models.Encoder;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Word vectors learned by contrastive window scoring (Collobert &amp; Weston 2008): a lookup table L ∈ ℝ^{|V|×n}, a
 * window of w word vectors concatenated into x, the score s = uᵀ f(W x + b) + u₀, trained so that every window of the
 * text outscores the same window with its centre word replaced by a random word by a margin of 1
 * (J = max(0, 1 − s + s_c)); the gradients flow into the word vectors. Sentences are lines; windows reaching past a
 * sentence's ends see {@link Vocabulary#PAD}.
 *
 * <p>As an {@link Encoder} the input is a window of word ids (as floats, w of them) and the code its concatenated
 * vectors (n·w). Queries: {@link #vector}, {@link #nearest} (cosine similarity), {@link #score}. Immutable and
 * thread-safe once trained.
 *
 * <p>Model file: tensors {@code lookup_table} [|V|, n], {@code hidden_weight} [H, n·w], {@code hidden_bias} [H],
 * {@code score_weight} [H], {@code score_bias} [1]; metadata {@code model=WordVectors}, {@code vocabulary} (the
 * words, one per line, in id order: {@code <pad>}, {@code <unk>}, then by frequency), {@code config.*}.
 */
public final class WordVectors implements Encoder {
    static final String TYPE = "WordVectors";
    private static final String FORMAT_VERSION = "1";

    private final Vocabulary vocabulary;
    private final FMatrix lookup, unit; // unit: rows of L scaled to length 1
    private final FMatrix hiddenWeight;
    private final float[] hiddenBias, scoreWeight;
    private final float scoreBias;
    private final WindowScorerConfig config;
    private final Map<String, String> provenance;

    WordVectors(Vocabulary vocabulary, FMatrix lookup, FMatrix hiddenWeight, float[] hiddenBias, float[] scoreWeight, float scoreBias,
                WindowScorerConfig config, Map<String, String> provenance) {
        this.vocabulary = vocabulary;
        this.lookup = lookup.copy();
        this.hiddenWeight = hiddenWeight.copy();
        this.hiddenBias = hiddenBias.clone();
        this.scoreWeight = scoreWeight.clone();
        this.scoreBias = scoreBias;
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        unit = this.lookup.copy();
        for (int i = 0; i < unit.rows(); i++) {
            float norm = (float) Math.sqrt(Linalg.dot(config.path(), unit.cols(), unit.data(), unit.rowOffset(i), unit.data(), unit.rowOffset(i)));
            if (norm > 0) Linalg.scal(config.path(), unit.cols(), 1f / norm, unit.data(), unit.rowOffset(i));
        }
    }

    /** Trains on a UTF-8 text file: sentences are lines, tokens are separated by whitespace. */
    public static WordVectors fit(WindowScorerConfig config, java.nio.file.Path textFile) throws IOException {
        return fit(config, Vocabulary.readSentences(textFile), TrainingListener.NONE);
    }

    /** Trains on tokenised sentences. */
    public static WordVectors fit(WindowScorerConfig config, List<String[]> sentences, TrainingListener listener) {
        return new WordVectorsTrainer(config, sentences, listener, null).train();
    }

    /**
     * Trains on tokenised sentences, saving the full training state (lookup table, network, optimiser state, order and
     * corruption streams) where and as often as {@code checkpointing} says, and resuming from it when asked: a resumed
     * run ends with exactly the vectors of an uninterrupted one. A checkpoint of another text or config is refused.
     */
    public static WordVectors fit(WindowScorerConfig config, List<String[]> sentences, TrainingListener listener,
                                  io.latentj.models.Checkpointing checkpointing) {
        return new WordVectorsTrainer(config, sentences, listener, checkpointing).train();
    }

    /** The window centred at corpus position p into ids[at .. at+w), PAD beyond the sentence. */
    static void window(int[] corpus, int[] sentenceOf, int[] sentenceStart, int p, int half, int[] ids, int at) {
        int s = sentenceOf[p], lo = sentenceStart[s], hi = sentenceStart[s + 1];
        for (int j = -half; j <= half; j++) {
            int q = p + j;
            ids[at + j + half] = q >= lo && q < hi ? corpus[q] : Vocabulary.PAD_ID;
        }
    }

    public Vocabulary vocabulary() { return vocabulary; }
    public int dimension() { return lookup.cols(); }
    public int window() { return config.window(); }
    public WindowScorerConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }

    /** A copy of a word's vector (the {@link Vocabulary#UNK} vector for unknown words). */
    public float[] vector(String word) {
        int id = vocabulary.id(word);
        return Arrays.copyOfRange(lookup.data(), lookup.rowOffset(id), lookup.rowOffset(id) + dimension());
    }

    /** A word and its cosine similarity to a query. */
    public record Neighbour(String word, double similarity) {}

    /** The k known words nearest to {@code word} by cosine similarity (the word itself, PAD and UNK left out). */
    public List<Neighbour> nearest(String word, int k) {
        if (!vocabulary.contains(word) || vocabulary.id(word) < 2) throw new IllegalArgumentException("\"" + word + "\" is not in the vocabulary");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        int q = vocabulary.id(word);
        float[] sims = new float[unit.rows()];
        Linalg.gemv(config.path(), Trans.N, 1f, unit, unit.data(), unit.rowOffset(q), 0f, sims, 0);
        Integer[] idx = new Integer[unit.rows() - 2];
        for (int i = 0; i < idx.length; i++) idx[i] = i + 2;
        Arrays.sort(idx, (a, b) -> Float.compare(sims[b], sims[a]));
        List<Neighbour> out = new ArrayList<>(k);
        for (int i = 0; i < idx.length && out.size() < k; i++) if (idx[i] != q) out.add(new Neighbour(vocabulary.word(idx[i]), sims[idx[i]]));
        return out;
    }

    /** The score s of a window of words (its length must be the window size; unknown words are UNK). */
    public double score(String... window) {
        if (window.length != window()) throw new IllegalArgumentException("a window has " + window() + " words, got " + window.length);
        int n = dimension(), w = window();
        float[] x = new float[n * w], a = new float[hiddenBias.length];
        for (int j = 0; j < w; j++) {
            int id = vocabulary.id(window[j]);
            System.arraycopy(lookup.data(), lookup.rowOffset(id), x, j * n, n);
        }
        System.arraycopy(hiddenBias, 0, a, 0, a.length);
        Linalg.gemv(config.path(), Trans.N, 1f, hiddenWeight, x, 0, 1f, a, 0);
        config.activation().forward(config.path(), FMatrix.wrap(a, 1, a.length), FMatrix.wrap(a, 1, a.length));
        return Linalg.dot(config.path(), a.length, scoreWeight, 0, a, 0) + scoreBias;
    }

    @Override
    public int inputSize() {
        return window();
    }

    @Override
    public int outputSize() {
        return dimension() * window();
    }

    @Override
    public FMatrix transform(FMatrix ids) {
        if (ids == null) throw new IllegalArgumentException("input must not be null");
        if (ids.cols() != window()) throw new IllegalArgumentException("input has " + ids.cols() + " columns, a window has " + window() + " word ids");
        FMatrix out = FMatrix.zeros(ids.rows(), outputSize());
        for (int r = 0; r < ids.rows(); r++) {
            for (int j = 0; j < window(); j++) {
                int id = checkedId(ids.get(r, j), r, j);
                System.arraycopy(lookup.data(), lookup.rowOffset(id), out.data(), out.rowOffset(r) + j * dimension(), dimension());
            }
        }
        return out;
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        int w = window(), n = dimension();
        if (x == null || xOff < 0 || (long) xOff + w > x.length) throw new IllegalArgumentException("input needs " + w + " word ids at offset " + xOff);
        if (out == null || outOff < 0 || (long) outOff + (long) n * w > out.length) {
            throw new IllegalArgumentException("output needs room for " + n * w + " values at offset " + outOff);
        }
        for (int j = 0; j < w; j++) {
            int id = checkedId(x[xOff + j], -1, j);
            System.arraycopy(lookup.data(), lookup.rowOffset(id), out, outOff + j * n, n);
        }
    }

    /** The word id v at (row, column) of the input (row −1: a single window); the message is built only on failure. */
    private int checkedId(float v, int row, int column) {
        if (!(v >= 0 && v < lookup.rows()) || v != Math.rint(v)) {
            String where = row >= 0 ? "row " + row + ", column " + column : "index " + column;
            throw new IllegalArgumentException("input has " + v + " at " + where + ": word ids are integers in [0, " + lookup.rows() + ")");
        }
        return (int) v;
    }

    @Override
    public void warmUp() {
        // windows of different word ids (the synthetic default inputs are not word ids)
        FMatrix x = FMatrix.zeros(8, window());
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) x.set(i, j, (2 + j + 5 * i) % lookup.rows());
        }
        warmUp(x);
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("lookup_table", Tensor.matrix(lookup.rows(), lookup.cols(), lookup.toArray()));
        t.put("hidden_weight", Tensor.matrix(hiddenWeight.rows(), hiddenWeight.cols(), hiddenWeight.toArray()));
        t.put("hidden_bias", Tensor.vector(hiddenBias.clone()));
        t.put("score_weight", Tensor.vector(scoreWeight.clone()));
        t.put("score_bias", Tensor.vector(new float[] {scoreBias}));
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        Map<String, String> meta = ModelFile.metadata(TYPE, FORMAT_VERSION, config.toMap(), prov);
        meta.put("vocabulary", String.join("\n", vocabulary.words()));
        io.latentj.models.io.SafeTensors.write(file, t, meta);
    }

    /** Reads a model written by {@link #save}. */
    public static WordVectors load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static WordVectors load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static WordVectors load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        String words = mf.contents().metadata().get("vocabulary");
        if (words == null) throw new FormatException(file, "__metadata__.vocabulary", "missing");
        Vocabulary vocab;
        try {
            vocab = Vocabulary.of(List.of(words.split("\n", -1)));
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "__metadata__.vocabulary", e.getMessage());
        }
        Map<String, String> cfg = mf.config();
        WindowScorerConfig config;
        try {
            config = WindowScorerConfig.builder().dimension(Integer.parseInt(cfg.get("dimension"))).window(Integer.parseInt(cfg.get("window")))
                    .hidden(Integer.parseInt(cfg.get("hidden"))).activation(Activation.parse(cfg.get("activation")))
                    .optimizer(Optimizer.Kind.valueOf(cfg.get("optimizer").toUpperCase(java.util.Locale.ROOT)))
                    .learningRate(Double.parseDouble(cfg.get("learning_rate"))).embeddingLearningRate(Double.parseDouble(cfg.get("embedding_learning_rate")))
                    .epochs(Integer.parseInt(cfg.get("epochs"))).batchSize(Integer.parseInt(cfg.get("batch_size")))
                    .negatives(Integer.parseInt(cfg.get("negatives"))).minCount(Integer.parseInt(cfg.get("min_count")))
                    .seed(Long.parseLong(cfg.get("seed"))).path(Path.parse(cfg.get("path"))).build();
        } catch (RuntimeException e) {
            throw new FormatException(file, "__metadata__ config", "incomplete or invalid: " + e.getMessage());
        }
        int v = vocab.size(), n = config.dimension(), w = config.window(), h = config.hidden();
        float[] l = mf.tensor("lookup_table", v, n), hw = mf.tensor("hidden_weight", h, n * w), hb = mf.tensor("hidden_bias", h),
                sw = mf.tensor("score_weight", h), sb = mf.tensor("score_bias", 1);
        return new WordVectors(vocab, FMatrix.wrap(l, v, n), FMatrix.wrap(hw, h, n * w), hb, sw, sb[0], config, mf.provenance());
    }

    @Override
    public String toString() {
        return "WordVectors[" + vocabulary.size() + " words × " + dimension() + ", window " + window() + "]";
    }
}
