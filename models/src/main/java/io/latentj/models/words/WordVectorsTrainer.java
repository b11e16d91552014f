package io.latentj.models.words;

import io.latentj.models.Checkpointing;
import io.latentj.models.Divergence;
import io.latentj.models.EpochReport;
import io.latentj.models.Minibatches;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.models.nn.Optimizer;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minibatch training of {@link WordVectors}: each epoch visits every corpus position in a fresh random order; a
 * minibatch is the windows at those positions and, per window, {@code negatives} copies with the centre word replaced
 * by a random real word; one optimiser step on the window network and plain SGD on the looked-up vectors follow.
 * Randomness from one seeded {@link Rng} split into streams (initial weights, order, corruptions), so a run is
 * reproducible on a given path. A checkpoint holds the lookup table, the network's parameters, the optimiser's state
 * and the order and corruption streams, so a resumed run ends with exactly the vectors of an uninterrupted one.
 */
final class WordVectorsTrainer {
    private static final System.Logger LOG = System.getLogger("io.latentj.models.words");
    static final String CHECKPOINT_TYPE = "WordVectors-checkpoint";

    private final WindowScorerConfig config;
    private final TrainingListener listener;
    private final Checkpointing checkpointing; // null: none
    private final Vocabulary vocab;
    private final int[] corpus, sentenceOf, sentenceStart;

    WordVectorsTrainer(WindowScorerConfig config, List<String[]> sentences, TrainingListener listener, Checkpointing checkpointing) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        if (sentences == null || sentences.isEmpty()) throw new IllegalArgumentException("no sentences to train on");
        vocab = Vocabulary.build(sentences, config.minCount());
        if (vocab.size() < 3) throw new IllegalArgumentException("the vocabulary has no word seen at least " + config.minCount() + " times");
        int total = 0;
        for (String[] s : sentences) total += s.length;
        corpus = new int[total];
        sentenceOf = new int[total];
        sentenceStart = new int[sentences.size() + 1];
        int at = 0;
        for (int si = 0; si < sentences.size(); si++) {
            sentenceStart[si] = at;
            for (String t : sentences.get(si)) {
                sentenceOf[at] = si;
                corpus[at++] = vocab.id(t);
            }
        }
        sentenceStart[sentences.size()] = at;
        this.config = config;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.checkpointing = checkpointing;
    }

    /** The corpus as ids, its sentence boundaries and the words behind the ids: the same text gives the same string. */
    private String fingerprint() {
        int[] words = new int[vocab.size()];
        for (int i = 0; i < words.length; i++) words[i] = vocab.word(i).hashCode();
        return Minibatches.fingerprint(corpus, sentenceStart, words);
    }

    WordVectors train() {
        Path path = config.path();
        int total = corpus.length;
        int w = config.window(), half = w / 2, n = config.dimension(), neg = config.negatives();
        int batch = Math.min(config.batchSize(), total);
        WindowNetwork net = new WindowNetwork(vocab.size(), n, w, config.hidden(), config.activation(), batch * (1 + neg), path);
        Rng root = Rng.of(config.seed());
        Rng init = root.stream(1), order = root.stream(2), corrupt = root.stream(3);
        Sampling.gaussian(path, init, 0f, 0.1f, net.lookup);
        net.hidden.initialise(path, init, (float) Math.sqrt(1.0 / (n * w)));
        net.score.initialise(path, init, (float) Math.sqrt(1.0 / config.hidden()));
        Optimizer opt = switch (config.optimizer()) {
            case SGD -> Optimizer.sgd(config.learningRate(), 0.9);
            case ADAGRAD -> Optimizer.adagrad(config.learningRate());
            case ADAM -> Optimizer.adam(config.learningRate());
        };
        List<Parameter> params = net.parameters();
        TrainingState.Layout layout = new TrainingState.Layout(CHECKPOINT_TYPE).matrix("lookup_table", net.lookup);
        for (int i = 0; i < params.size(); i++) layout.matrix("param." + i, params.get(i).value());
        layout.stream("rng.order", order).stream("rng.corrupt", corrupt);
        String fingerprint = fingerprint();
        int start = 0;
        if (checkpointing != null && checkpointing.resumable()) {
            TrainingState.Restored r = layout.restore(checkpointing, config.toMap(), fingerprint);
            opt.restoreState(r, params);
            start = r.epochsDone();
            int done = start;
            LOG.log(System.Logger.Level.INFO, () -> "resumed from " + checkpointing.file() + " after epoch " + done);
        }
        int[] positions = new int[total], ids = new int[batch * (1 + neg) * w];
        int real = vocab.size() - 2; // corruptions draw from the real words, never PAD or UNK
        float[] u = new float[batch * neg];
        int batches = (total + batch - 1) / batch;
        for (int e = start; e < config.epochs(); e++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(positions, order);
            double lossSum = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * batch, rows = Math.min(batch, total - from);
                for (int i = 0; i < rows; i++) WordVectors.window(corpus, sentenceOf, sentenceStart, positions[from + i], half, ids, i * w);
                Sampling.uniform(path, corrupt, u, 0, rows * neg);
                for (int k = 1; k <= neg; k++) {
                    for (int i = 0; i < rows; i++) {
                        int row = k * rows + i;
                        System.arraycopy(ids, i * w, ids, row * w, w);
                        int centre = ids[i * w + half];
                        int c = 2 + Math.min(real - 1, (int) (u[(k - 1) * rows + i] * real));
                        if (c == centre && real > 1) c = 2 + (c - 2 + 1) % real; // never the true word
                        ids[row * w + half] = c;
                    }
                }
                for (var p : params) p.zeroGrad();
                lossSum += net.forwardBackward(ids, rows, neg) * rows;
                opt.step(path, params);
                net.updateLookup(ids, rows * (1 + neg), (float) config.embeddingLearningRate());
                listener.onBatch(e + 1, bi + 1, batches);
            }
            String advice = "lower the learning rates (now " + config.learningRate() + " for the network, " + config.embeddingLearningRate()
                    + " for the vectors)";
            Divergence.check(path, "word-vector", e + 1, advice, checkpointing, net.lookup.data());
            for (Parameter p : params) Divergence.check(path, "word-vector", e + 1, advice, checkpointing, p.value().data());
            if (checkpointing != null && checkpointing.due(e + 1, config.epochs())) {
                TrainingState s = layout.state(e + 1);
                opt.saveState(s, params);
                s.save(checkpointing, config.toMap(), fingerprint);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("hinge_loss", lossSum / total);
            EpochReport report = new EpochReport(e + 1, config.epochs(), (System.nanoTime() - t0) / 1e9, metrics);
            LOG.log(System.Logger.Level.DEBUG, () -> "epoch " + report.epoch() + " " + metrics);
            listener.onEpoch(report);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("seed", Long.toString(config.seed()));
        prov.put("epochs", Integer.toString(config.epochs()));
        prov.put("tokens", Integer.toString(total));
        prov.put("data_fingerprint", Minibatches.fingerprint(corpus));
        return new WordVectors(vocab, net.lookup, net.hidden.weight().value(), net.hidden.bias().value().toArray(),
                net.score.weight().value().toArray(), net.score.bias().value().get(0, 0), config, prov);
    }
}
