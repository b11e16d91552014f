package io.latentj.cli;

import io.latentj.models.io.Json;
import io.latentj.models.nn.Activation;
import io.latentj.models.words.Vocabulary;
import io.latentj.models.words.WindowScorerConfig;
import io.latentj.models.words.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj train words}: word vectors by contrastive window scoring on a text file. */
@Command(name = "words", mixinStandardHelpOptions = true,
        description = "Learn word vectors by contrastive window scoring (Collobert & Weston) on a text file (a sentence per line).")
final class TrainWordsCommand implements Callable<Integer> {
    @Option(names = "--text", required = true, description = "UTF-8 text; sentences are lines, tokens split on whitespace.") java.nio.file.Path text;
    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).") java.nio.file.Path out;
    @Option(names = "--dimension", defaultValue = "50", description = "Vector length (default: ${DEFAULT-VALUE}).") int dimension;
    @Option(names = "--window", defaultValue = "5", description = "Words per window, odd (default: ${DEFAULT-VALUE}).") int window;
    @Option(names = "--hidden", defaultValue = "100", description = "Hidden units (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--activation", defaultValue = "TANH", description = "Hidden activation (default: ${DEFAULT-VALUE}).") Activation activation;
    @Option(names = "--min-count", defaultValue = "1", description = "Rarer words become <unk> (default: ${DEFAULT-VALUE}).") int minCount;
    @Option(names = "--negatives", defaultValue = "1", description = "Corrupted windows per window (default: ${DEFAULT-VALUE}).") int negatives;
    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Windows per minibatch (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "0.05", description = "AdaGrad rate of the network (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "--embedding-learning-rate", defaultValue = "0.1", description = "SGD rate of the word vectors (default: ${DEFAULT-VALUE}).") double embeddingLr;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed;
    @Mixin KernelOptions kernels;
    @Mixin CheckpointOptions checkpoints;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        var path = kernels.apply();
        WindowScorerConfig cfg = WindowScorerConfig.builder().dimension(dimension).window(window).hidden(hidden).activation(activation)
                .minCount(minCount).negatives(negatives).epochs(epochs).batchSize(batch).learningRate(lr).embeddingLearningRate(embeddingLr)
                .seed(seed).path(path).build();
        WordVectors wv;
        Progress progress = new Progress("word vectors", "hinge_loss");
        try (progress) {
            wv = WordVectors.fit(cfg, Vocabulary.readSentences(text), progress, checkpoints.forOutput(out));
        }
        wv.save(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "train words");
        summary.put("vocabulary", wv.vocabulary().size());
        summary.put("tokens", Long.parseLong(wv.provenance().get("tokens")));
        summary.put("model", out.toString());
        summary.put("config", cfg.toMap());
        if (!progress.reports().isEmpty()) summary.put("metrics", progress.reports().get(progress.reports().size() - 1).metrics());
        summary.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        System.out.println(Json.write(summary));
        return 0;
    }
}
