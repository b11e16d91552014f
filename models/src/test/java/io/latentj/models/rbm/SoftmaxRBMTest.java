package io.latentj.models.rbm;

import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.data.Ratings;
import io.latentj.models.data.RatingsCsv;
import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SoftmaxRBMTest {
    @TempDir
    java.nio.file.Path dir;

    /**
     * Ratings of a rank-3 factor model: score = 3 + item bias + 0.9·uᵀv + N(0, 0.3²), u, v ~ N(0, I₃), item bias
     * ~ N(0, 0.5²), rounded and clipped to 1..5; each (user, item) observed with probability {@code observed}.
     */
    static Ratings lowRank(int users, int items, double observed, long seed) {
        Rng rng = Rng.of(seed);
        double[][] uf = new double[users][3], vf = new double[items][3];
        for (double[] x : uf) for (int d = 0; d < 3; d++) x[d] = rng.nextGaussian();
        for (double[] x : vf) for (int d = 0; d < 3; d++) x[d] = rng.nextGaussian();
        double[] bias = new double[items];
        for (int i = 0; i < items; i++) bias[i] = 0.5 * rng.nextGaussian();
        List<int[]> t = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextFloat() >= observed) continue;
                double s = 3 + bias[i] + 0.3 * rng.nextGaussian();
                for (int d = 0; d < 3; d++) s += 0.9 * uf[u][d] * vf[i][d];
                t.add(new int[] {u, i, (int) Math.max(1, Math.min(5, Math.round(s)))});
            }
        }
        int[] uu = new int[t.size()], ii = new int[t.size()], rr = new int[t.size()];
        for (int e = 0; e < t.size(); e++) {
            uu[e] = t.get(e)[0];
            ii[e] = t.get(e)[1];
            rr[e] = t.get(e)[2];
        }
        return Ratings.of(users, items, 5, uu, ii, rr);
    }

    /** RMSE of predicting each test rating by its item's mean training rating (the global mean for unseen items). */
    static double itemMeanRmse(Ratings train, Ratings test) {
        double[] sum = new double[train.items()];
        int[] n = new int[train.items()];
        double global = 0;
        for (int e = 0; e < train.size(); e++) {
            sum[train.item()[e]] += train.rating()[e];
            n[train.item()[e]]++;
            global += train.rating()[e];
        }
        global /= train.size();
        double s = 0;
        for (int e = 0; e < test.size(); e++) {
            int i = test.item()[e];
            double d = (n[i] > 0 ? sum[i] / n[i] : global) - test.rating()[e];
            s += d * d;
        }
        return Math.sqrt(s / test.size());
    }

    static RbmConfig.Builder config(long seed) {
        return RbmConfig.builder(30).learningRate(0.05).epochs(40).batchSize(10).momentum(0.5, 0.9, 5).weightCost(1e-3)
                .seed(seed).monitorSamples(0);
    }

    private static String compare(String what, Ratings train, Ratings test, SoftmaxRBM rbm, double ms) {
        double base = itemMeanRmse(train, test), rbmRmse = rbm.rmse(train, test);
        String s = String.format("%s: %d train / %d test ratings, item-mean RMSE %.4f, SoftmaxRBM RMSE %.4f (fit %.0f ms)",
                what, train.size(), test.size(), base, rbmRmse, ms);
        System.out.println(s);
        assertTrue(rbmRmse < base - 0.03, s);
        return s;
    }

    @Test
    void beatsTheItemMeanBaselineOnLowRankRatings() {
        Ratings all = lowRank(300, 100, 0.3, 1);
        Ratings.Split split = all.split(0.1, 2);
        long t0 = System.nanoTime();
        List<EpochReport> reports = new ArrayList<>();
        SoftmaxRBM rbm = SoftmaxRBM.fit(config(3).monitorSamples(1).build(), split.train(), split.test(), new TrainingListener() {
            @Override public void onEpoch(EpochReport r) { reports.add(r); }
        });
        compare("rank-3 300x100", split.train(), split.test(), rbm, (System.nanoTime() - t0) / 1e6);
        assertTrue(reports.get(0).metrics().containsKey("heldout_rmse"), reports.get(0).toString());
        assertTrue(reports.get(39).metric("train_rmse") < reports.get(0).metric("train_rmse"));
    }

    @Test
    void beatsTheBaselineOnACsvRoundTrip() throws IOException {
        Ratings all = lowRank(200, 60, 0.35, 11);
        // write with string ids, as a service export would
        List<String> users = new ArrayList<>(), items = new ArrayList<>();
        for (int u = 0; u < all.users(); u++) users.add("user-" + (7919L * u % 100_003));
        for (int i = 0; i < all.items(); i++) items.add("movie" + i);
        Ratings named = new Ratings(all.users(), all.items(), 5, all.userStart(), all.item(), all.rating(), users, items);
        java.nio.file.Path csv = dir.resolve("ratings.csv");
        RatingsCsv.write(csv, named);
        Ratings back = RatingsCsv.read(csv, 5);
        assertEquals(named.size(), back.size());
        assertEquals(named.users(), back.users());
        assertEquals(named.userIds(), back.userIds());
        Ratings.Split split = back.split(0.1, 12);
        long t0 = System.nanoTime();
        SoftmaxRBM rbm = SoftmaxRBM.fit(config(4).build(), split.train());
        compare("CSV 200x60", split.train(), split.test(), rbm, (System.nanoTime() - t0) / 1e6);
    }

    @Test
    void visibleBlocksSumToOneAndUnratedItemsDoNotChangeTheHiddenUnits() {
        Ratings r = lowRank(40, 12, 0.4, 21);
        SoftmaxRBM rbm = SoftmaxRBM.fit(config(5).epochs(3).build(), r);
        FMatrix h = FMatrix.zeros(6, rbm.hidden());
        io.latentj.simd.Sampling.uniform(Path.SCALAR, Rng.of(1), h);
        FMatrix v = rbm.visibleProbabilities(h);
        for (int row = 0; row < 6; row++) {
            for (int i = 0; i < rbm.items(); i++) {
                float s = 0;
                for (int k = 0; k < 5; k++) {
                    float p = v.get(row, i * 5 + k);
                    assertTrue(p >= 0 && p <= 1);
                    s += p;
                }
                assertEquals(1f, s, 1e-5f, "row " + row + " item " + i);
            }
        }
        // change every weight and visible bias of the items user 0 did not rate: p(h|V) stays bit-identical
        int user = 0;
        boolean[] rated = new boolean[rbm.items()];
        for (int e = r.userStart()[user]; e < r.userStart()[user + 1]; e++) rated[r.item()[e]] = true;
        FMatrix w = rbm.weights();
        float[] b = rbm.visibleBias();
        for (int i = 0; i < rbm.items(); i++) {
            if (rated[i]) continue;
            for (int k = 0; k < 5; k++) {
                b[i * 5 + k] += 3;
                for (int j = 0; j < rbm.hidden(); j++) w.set(j, i * 5 + k, w.get(j, i * 5 + k) + 0.7f * (j - k));
            }
        }
        SoftmaxRBM other = SoftmaxRBM.of(w, b, rbm.hiddenBias(), rbm.items(), 5, rbm.config());
        assertArrayEquals(rbm.hiddenProbabilities(r, user), other.hiddenProbabilities(r, user));
        int ratedItem = r.item()[r.userStart()[user]];
        w.set(0, ratedItem * 5 + r.rating()[r.userStart()[user]] - 1, 5f);
        SoftmaxRBM changed = SoftmaxRBM.of(w, b, rbm.hiddenBias(), rbm.items(), 5, rbm.config());
        assertNotEquals(rbm.hiddenProbabilities(r, user)[0], changed.hiddenProbabilities(r, user)[0]);
    }

    @Test
    void itemsNobodyRatedKeepTheirInitialParameters() {
        // items 10..14 have no ratings: masking must leave their weights and biases untouched (no weight cost)
        Ratings r = lowRank(60, 10, 0.5, 31);
        Ratings wide = Ratings.of(60, 15, 5, users(r), r.item(), r.rating());
        RbmConfig cfg = config(6).epochs(5).weightCost(0).sampleVisible(true).k(2).build();
        SoftmaxRBM start = SoftmaxRBM.fit(cfg.toBuilder().epochs(0).build(), wide), end = SoftmaxRBM.fit(cfg, wide);
        for (int j = 0; j < cfg.hidden(); j++) {
            for (int col = 50; col < 75; col++) assertEquals(start.weights().get(j, col), end.weights().get(j, col), "hidden " + j + " column " + col);
            assertNotEquals(start.weights().get(j, 0) + start.weights().get(j, 1), end.weights().get(j, 0) + end.weights().get(j, 1));
        }
        assertArrayEquals(Arrays.copyOfRange(start.visibleBias(), 50, 75), Arrays.copyOfRange(end.visibleBias(), 50, 75));
        // their biases stay at the uniform prior (log 1/5) and their weights at the tiny initial ones: predictions ≈ 3
        float[] pred = end.predict(wide, Ratings.of(60, 15, 5, new int[] {0}, new int[] {12}, new int[] {1}));
        assertEquals(3f, pred[0], 0.1f);
    }

    private static int[] users(Ratings r) {
        int[] u = new int[r.size()];
        for (int x = 0; x < r.users(); x++) Arrays.fill(u, r.userStart()[x], r.userStart()[x + 1], x);
        return u;
    }

    @Test
    void transformIntoMatchesHiddenProbabilities() {
        Ratings r = lowRank(30, 8, 0.5, 41);
        SoftmaxRBM rbm = SoftmaxRBM.fit(config(7).epochs(2).build(), r);
        float[] x = new float[3 + 40], out = new float[30 + 2];
        for (int u = 0; u < 5; u++) {
            Arrays.fill(x, 0f);
            for (int e = r.userStart()[u]; e < r.userStart()[u + 1]; e++) x[3 + r.item()[e] * 5 + r.rating()[e] - 1] = 1f;
            rbm.transformInto(x, 3, out, 2);
            float[] hp = rbm.hiddenProbabilities(r, u);
            FMatrix t = rbm.transform(FMatrix.view(x, 3, 1, 40, 40));
            for (int j = 0; j < 30; j++) {
                assertEquals(hp[j], out[2 + j], 1e-6f);
                assertEquals(hp[j], t.get(0, j), 1e-6f);
            }
        }
    }

    @Test
    void sameSeedSamePathGivesIdenticalWeights() {
        Ratings r = lowRank(50, 20, 0.4, 51);
        for (Path p : new Path[] {Path.SCALAR, Path.AUTO}) {
            RbmConfig cfg = config(8).epochs(3).path(p).k(2).sampleVisible(true).build();
            SoftmaxRBM a = SoftmaxRBM.fit(cfg, r), b = SoftmaxRBM.fit(cfg, r);
            assertArrayEquals(a.weights().data(), b.weights().data(), p.toString());
            assertArrayEquals(a.visibleBias(), b.visibleBias());
            assertArrayEquals(a.hiddenBias(), b.hiddenBias());
            SoftmaxRBM other = SoftmaxRBM.fit(cfg.toBuilder().seed(9).build(), r);
            assertFalse(Arrays.equals(a.weights().data(), other.weights().data()));
        }
    }

    @Test
    void saveLoadGivesBitIdenticalPredictions() throws IOException {
        Ratings r = lowRank(50, 20, 0.4, 61);
        Ratings.Split s = r.split(0.2, 1);
        SoftmaxRBM rbm = SoftmaxRBM.fit(config(9).epochs(3).build(), s.train());
        java.nio.file.Path f = dir.resolve("srbm.safetensors");
        rbm.save(f);
        SoftmaxRBM back = SoftmaxRBM.load(f);
        assertArrayEquals(rbm.predict(s.train(), s.test()), back.predict(s.train(), s.test()));
        assertEquals(20, back.items());
        assertEquals(5, back.levels());
        assertEquals(rbm.config().toMap(), back.config().toMap());
        assertEquals("CD-1", back.provenance().get("algorithm"));
        // a Bernoulli RBM file is refused, and a truncated one
        java.nio.file.Path bern = dir.resolve("b.safetensors");
        BernoulliRBM.of(FMatrix.zeros(2, 100), new float[100], new float[2], RbmConfig.builder(2).build()).save(bern);
        FormatException e = assertThrows(FormatException.class, () -> SoftmaxRBM.load(bern));
        assertTrue(e.getMessage().contains("BernoulliRBM"), e.getMessage());
        byte[] bytes = Files.readAllBytes(f);
        java.nio.file.Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 3));
        assertThrows(FormatException.class, () -> SoftmaxRBM.load(cut));
    }

    @Test
    void badInputIsRefused() {
        Ratings r = lowRank(30, 8, 0.5, 71);
        SoftmaxRBM rbm = SoftmaxRBM.fit(config(1).epochs(1).build(), r);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ratings.of(3, 4, 5, new int[] {0, 1}, new int[] {1, 2}, new int[] {3, 6}));
        assertTrue(e.getMessage().contains("rating 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ratings.of(3, 4, 5, new int[] {0}, new int[] {4}, new int[] {3}));
        assertTrue(e.getMessage().contains("item 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ratings.of(3, 4, 5, new int[] {0, 0}, new int[] {1, 1}, new int[] {3, 2}));
        assertTrue(e.getMessage().contains("both rate item 1"), e.getMessage());
        Ratings otherItems = Ratings.of(30, 9, 5, new int[] {0}, new int[] {8}, new int[] {3});
        e = assertThrows(IllegalArgumentException.class, () -> rbm.predict(otherItems, otherItems));
        assertTrue(e.getMessage().contains("9 items"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rbm.hiddenProbabilities(r, 30));
        assertThrows(IllegalArgumentException.class, () -> rbm.transformInto(new float[39], 0, new float[30], 0));
        float[] x = new float[40];
        x[7] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> rbm.transformInto(x, 0, new float[30], 0));
        assertTrue(e.getMessage().contains("index 7"), e.getMessage());
        FMatrix dense = FMatrix.zeros(2, 40);
        dense.set(1, 5, 2f);
        e = assertThrows(IllegalArgumentException.class, () -> rbm.transform(dense));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("column 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SoftmaxRBM.fit(config(1).persistent(true).build(), r));
    }
}
