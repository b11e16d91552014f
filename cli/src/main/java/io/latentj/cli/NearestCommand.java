package io.latentj.cli;

import io.latentj.models.io.Json;
import io.latentj.models.words.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj nearest}: the nearest words by cosine similarity in a word-vector model. */
@Command(name = "nearest", mixinStandardHelpOptions = true, description = "Nearest words by cosine similarity (word-vector models).")
final class NearestCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A word-vector model file (latentj train words).") java.nio.file.Path model;
    @Option(names = "-k", defaultValue = "10", description = "Neighbours per word (default: ${DEFAULT-VALUE}).") int k;
    @Parameters(arity = "1..*", description = "Query words.") List<String> words;

    @Override
    public Integer call() throws Exception {
        WordVectors wv = WordVectors.load(model);
        Map<String, Object> result = new LinkedHashMap<>();
        for (String w : words) {
            List<Object> list = new ArrayList<>();
            StringBuilder line = new StringBuilder(w).append(":");
            for (var n : wv.nearest(w, k)) {
                list.add(Map.of("word", n.word(), "similarity", n.similarity()));
                line.append(String.format(Locale.ROOT, " %s (%.3f)", n.word(), n.similarity()));
            }
            System.err.println(line);
            result.put(w, list);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "nearest");
        summary.put("neighbours", result);
        System.out.println(Json.write(summary));
        return 0;
    }
}
