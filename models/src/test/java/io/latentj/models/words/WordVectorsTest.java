package io.latentj.models.words;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.GradientCheck;
import io.latentj.models.TrainingListener;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class WordVectorsTest {
    @TempDir
    java.nio.file.Path dir;

    private static final String[][] CLASSES = {
            {"cat", "dog", "horse", "cow", "sheep", "goat"},
            {"runs", "jumps", "sleeps", "eats", "sits"},
            {"park", "house", "field", "barn", "garden"},
            {"red", "big", "small", "old", "young"},
    };

    /** Sentences from templates in which the words of one class are interchangeable. */
    static List<String[]> plantedCorpus(int sentences, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            String a = pick(r, 0), v = pick(r, 1), p = pick(r, 2), j = pick(r, 3);
            String s = switch (r.nextInt(3)) {
                case 0 -> "the " + a + " " + v + " in the " + p;
                case 1 -> "a " + j + " " + a + " " + v + " near the " + j + " " + p;
                default -> "every " + a + " in the " + p + " " + v;
            };
            out.add(s.split(" "));
        }
        return out;
    }

    private static String pick(SplittableRandom r, int cls) {
        return CLASSES[cls][r.nextInt(CLASSES[cls].length)];
    }

    @Test
    void wordsOfOnePlantedClassEndUpNearestToEachOther() {
        WindowScorerConfig cfg = WindowScorerConfig.builder().dimension(12).window(5).hidden(40).epochs(12).batchSize(50)
                .negatives(2).learningRate(0.05).embeddingLearningRate(0.05).seed(7).build();
        List<Double> losses = new ArrayList<>();
        WordVectors wv = WordVectors.fit(cfg, plantedCorpus(2500, 1), new TrainingListener() {
            @Override
            public void onEpoch(io.latentj.models.EpochReport r) {
                losses.add(r.metrics().get("hinge_loss"));
            }
        });
        double hits = 0, chance = 0;
        int words = 0;
        int vocabulary = wv.vocabulary().size() - 2;
        for (String[] cls : CLASSES) {
            for (String w : cls) {
                var nn = wv.nearest(w, cls.length - 1);
                int same = 0;
                for (var n : nn) for (String c : cls) if (c.equals(n.word())) same++;
                hits += (double) same / nn.size();
                chance += (cls.length - 1.0) / (vocabulary - 1);
                words++;
            }
        }
        hits /= words;
        chance /= words;
        System.out.printf("planted classes: %.3f of the nearest neighbours share the class (chance %.3f); hinge loss %s%n", hits, chance, losses);
        assertTrue(hits >= 0.8, "same-class neighbour fraction " + hits + " (chance " + chance + ")");
        assertTrue(losses.get(losses.size() - 1) < 0.5 * losses.get(0), "hinge loss falls: " + losses);
        // a true window outscores the same window with a word of the wrong class in the centre
        assertTrue(wv.score("the", "cat", "runs", "in", "the") > wv.score("the", "cat", "park", "in", "the"));
    }

    /** J(θ) in double precision for the network's current parameters and a lookup table given as doubles. */
    private static double referenceLoss(WindowNetwork net, double[] theta, int v, int n, int w, int h, int[] ids, int batch, int neg) {
        int o = 0;
        double[] l = java.util.Arrays.copyOfRange(theta, o, o += v * n), wt = java.util.Arrays.copyOfRange(theta, o, o += h * n * w),
                b = java.util.Arrays.copyOfRange(theta, o, o += h), u = java.util.Arrays.copyOfRange(theta, o, o += h);
        double u0 = theta[o];
        int rows = batch * (1 + neg);
        double[] s = new double[rows];
        for (int r = 0; r < rows; r++) {
            double[] x = new double[n * w];
            for (int j = 0; j < w; j++) for (int d = 0; d < n; d++) x[j * n + d] = l[ids[r * w + j] * n + d];
            double sc = u0;
            for (int k = 0; k < h; k++) {
                double z = b[k];
                for (int c = 0; c < n * w; c++) z += wt[k * n * w + c] * x[c];
                sc += u[k] * Math.tanh(z);
            }
            s[r] = sc;
        }
        double loss = 0;
        for (int k = 1; k <= neg; k++) for (int i = 0; i < batch; i++) loss += Math.max(0, 1 - s[i] + s[k * batch + i]);
        return loss / (batch * neg);
    }

    @Test
    void gradientsOfTheHingeObjectiveMatchFiniteDifferences() {
        int v = 7, n = 3, w = 3, h = 4, batch = 3, neg = 2;
        WindowNetwork net = new WindowNetwork(v, n, w, h, Activation.TANH, batch * (1 + neg), Path.SCALAR);
        io.latentj.simd.Rng rng = io.latentj.simd.Rng.of(4);
        io.latentj.simd.Sampling.gaussian(Path.SCALAR, rng, 0f, 0.7f, net.lookup);
        net.hidden.initialise(Path.SCALAR, rng, 0.6f);
        net.score.initialise(Path.SCALAR, rng, 0.8f);
        net.score.bias().value().set(0, 0, 0.1f);
        int[] ids = {2, 3, 4, 5, 6, 0, 1, 2, 3, /* corruptions */ 2, 6, 4, 5, 2, 0, 1, 5, 3, 2, 1, 4, 5, 4, 0, 1, 6, 3};
        for (var p : net.parameters()) p.zeroGrad();
        double loss = net.forwardBackward(ids, batch, neg);
        // analytic gradient of the lookup table: dL/dx scattered onto the rows the windows used
        float[] gl = new float[v * n];
        FMatrix dx = net.inputGradient();
        for (int r = 0; r < batch * (1 + neg); r++) for (int j = 0; j < w; j++) for (int d = 0; d < n; d++) gl[ids[r * w + j] * n + d] += dx.get(r, j * n + d);
        float[] analytic = concat(gl, net.hidden.weight().grad().toArray(), net.hidden.bias().grad().toArray(),
                net.score.weight().grad().toArray(), net.score.bias().grad().toArray());
        float[] values = concat(net.lookup.toArray(), net.hidden.weight().value().toArray(), net.hidden.bias().value().toArray(),
                net.score.weight().value().toArray(), net.score.bias().value().toArray());
        double[] theta = new double[values.length];
        for (int i = 0; i < theta.length; i++) theta[i] = values[i];
        assertEquals(referenceLoss(net, theta, v, n, w, h, ids, batch, neg), loss, 1e-5);
        assertTrue(loss > 0.3, "most pairs must violate the margin for the check to mean something: " + loss);
        double[] numeric = GradientCheck.numericGradient(t -> referenceLoss(net, t, v, n, w, h, ids, batch, neg), theta, 1e-6);
        double err = GradientCheck.relativeError(analytic, numeric);
        assertTrue(err < 1e-4, "relative error " + err);
    }

    private static float[] concat(float[]... parts) {
        int total = 0;
        for (float[] p : parts) total += p.length;
        float[] r = new float[total];
        int at = 0;
        for (float[] p : parts) { System.arraycopy(p, 0, r, at, p.length); at += p.length; }
        return r;
    }

    @Test
    void vocabularyKeepsFrequentWordsInOrderAndMapsTheRestToUnk() {
        List<String[]> s = List.of("b a a c".split(" "), "a b d".split(" "), "c a".split(" "));
        Vocabulary v = Vocabulary.build(s, 2);
        assertEquals(List.of(Vocabulary.PAD, Vocabulary.UNK, "a", "b", "c"), v.words());
        assertEquals(Vocabulary.UNK_ID, v.id("d"));
        assertEquals(2, v.id("a"));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(s, 0));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> WindowScorerConfig.builder().window(4));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.fit(WindowScorerConfig.builder().minCount(5).build(), s, null));
    }

    @Test
    void trainsFromATextFileSavesAndLoadsBitIdenticallyAndRefusesCorruptFiles() throws Exception {
        java.nio.file.Path text = dir.resolve("corpus.txt");
        StringBuilder sb = new StringBuilder();
        for (String[] s : plantedCorpus(300, 2)) sb.append(String.join("  ", s)).append("\n\n");
        Files.writeString(text, sb.toString());
        WordVectors wv = WordVectors.fit(WindowScorerConfig.builder().dimension(6).window(3).hidden(8).epochs(2).seed(3).build(), text);
        java.nio.file.Path f = dir.resolve("wv.safetensors");
        wv.save(f);
        WordVectors back = WordVectors.load(f);
        assertEquals(wv.vocabulary().words(), back.vocabulary().words());
        assertArrayEquals(wv.vector("cat"), back.vector("cat"));
        assertEquals(wv.score("the", "dog", "runs"), back.score("the", "dog", "runs"));
        assertEquals(wv.nearest("dog", 3), back.nearest("dog", 3));
        assertEquals(WordVectors.TYPE, io.latentj.models.ModelFiles.type(f));
        var c = SafeTensors.read(f);
        var meta = new LinkedHashMap<>(c.metadata());
        meta.put("vocabulary", "<pad>\n<unk>\ncat\ncat");
        java.nio.file.Path g = dir.resolve("g.safetensors");
        SafeTensors.write(g, c.tensors(), meta);
        assertTrue(assertThrows(FormatException.class, () -> WordVectors.load(g)).getMessage().contains("vocabulary"));
        meta = new LinkedHashMap<>(c.metadata());
        meta.remove("config.window");
        SafeTensors.write(g, c.tensors(), meta);
        assertThrows(FormatException.class, () -> WordVectors.load(g));
        assertThrows(IllegalArgumentException.class, () -> wv.nearest("zebra", 3));
        assertThrows(IllegalArgumentException.class, () -> wv.transformInto(new float[] {2, 3.5f, 4}, 0, new float[18], 0));
        assertThrows(IllegalArgumentException.class, () -> wv.transformInto(new float[] {2, 3, 1e6f}, 0, new float[18], 0));
    }
}
