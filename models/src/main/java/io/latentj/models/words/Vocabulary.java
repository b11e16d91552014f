package io.latentj.models.words;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words a model knows, by frequency: id 0 is {@link #PAD} (the padding beyond a sentence's ends), id 1
 * {@link #UNK} (any word below the count cutoff), then the words seen at least {@code minCount} times, most frequent
 * first (ties in string order). Immutable.
 */
public final class Vocabulary {
    public static final String PAD = "<pad>", UNK = "<unk>";
    public static final int PAD_ID = 0, UNK_ID = 1;

    private final List<String> words;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        Map<String, Integer> m = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            if (m.put(words.get(i), i) != null) throw new IllegalArgumentException("word \"" + words.get(i) + "\" appears twice in the vocabulary");
        }
        this.ids = m;
    }

    /** The vocabulary of tokenised sentences: words occurring at least {@code minCount} times. */
    public static Vocabulary build(List<String[]> sentences, int minCount) {
        if (minCount < 1) throw new IllegalArgumentException("min count must be at least 1, got " + minCount);
        Map<String, Integer> counts = new HashMap<>();
        for (String[] s : sentences) for (String w : s) counts.merge(w, 1, Integer::sum);
        counts.remove(PAD);
        counts.remove(UNK);
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (var e : counts.entrySet()) if (e.getValue() >= minCount) kept.add(e);
        kept.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
        List<String> words = new ArrayList<>(kept.size() + 2);
        words.add(PAD);
        words.add(UNK);
        for (var e : kept) words.add(e.getKey());
        return new Vocabulary(words);
    }

    /** A vocabulary with these words in this order; the first two must be {@link #PAD} and {@link #UNK}. */
    public static Vocabulary of(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals(PAD) || !words.get(1).equals(UNK)) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD + " and " + UNK);
        }
        for (String w : words) {
            if (w.isEmpty() || w.chars().anyMatch(Character::isWhitespace)) throw new IllegalArgumentException("word \"" + w + "\" is empty or has whitespace");
        }
        return new Vocabulary(words);
    }

    /** Sentences of a UTF-8 text file: one per non-blank line, tokens split on whitespace. */
    public static List<String[]> readSentences(Path textFile) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(textFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String t = line.strip();
                if (!t.isEmpty()) out.add(t.split("\\s+"));
            }
        }
        return out;
    }

    public int size() {
        return words.size();
    }

    /** The id of a word, {@link #UNK_ID} when unknown. */
    public int id(String word) {
        return ids.getOrDefault(word, UNK_ID);
    }

    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    public String word(int id) {
        if (id < 0 || id >= words.size()) throw new IllegalArgumentException("word id " + id + " is outside [0, " + words.size() + ")");
        return words.get(id);
    }

    public List<String> words() {
        return Collections.unmodifiableList(words);
    }

    /** The ids of a sentence's tokens. */
    public int[] ids(String[] tokens) {
        int[] r = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) r[i] = id(tokens[i]);
        return r;
    }
}
