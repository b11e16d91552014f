package io.latentj.models.boltzmann;

import io.latentj.models.EpochReport;
import io.latentj.models.ModelFiles;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.models.rbm.RbmLikelihood;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BoltzmannMachineTest {
    @TempDir
    java.nio.file.Path dir;

    /** −E(v, h) = vᵀWᵀh + ½ vᵀLv + ½ hᵀJh + bᵀv + cᵀh, in double, from the definition. */
    private static double negEnergy(FMatrix w, FMatrix l, FMatrix j, float[] b, float[] c, double[] v, double[] h) {
        double e = 0;
        for (int i = 0; i < v.length; i++) {
            e += b[i] * v[i];
            for (int k = 0; k < v.length; k++) e += 0.5 * l.get(i, k) * v[i] * v[k];
        }
        for (int a = 0; a < h.length; a++) {
            e += c[a] * h[a];
            for (int d = 0; d < h.length; d++) e += 0.5 * j.get(a, d) * h[a] * h[d];
            for (int i = 0; i < v.length; i++) e += w.get(a, i) * h[a] * v[i];
        }
        return e;
    }

    private static double[] row(FMatrix m, int r) {
        double[] x = new double[m.cols()];
        for (int i = 0; i < x.length; i++) x[i] = m.get(r, i);
        return x;
    }

    @Test
    void withoutLayerCouplingsItIsAnRbm() {
        for (int[] s : new int[][] {{6, 4}, {5, 8}}) {
            BoltzmannMachine full = Reference.machine(s[0], s[1], 0.9, 3, Path.SCALAR);
            BoltzmannMachine bm = BoltzmannMachine.of(full.weights(), FMatrix.zeros(s[0], s[0]), FMatrix.zeros(s[1], s[1]),
                    full.visibleBias(), full.hiddenBias(), full.config());
            BernoulliRBM rbm = BernoulliRBM.of(full.weights(), full.visibleBias(), full.hiddenBias(), RbmConfig.builder(s[1]).path(Path.SCALAR).build());
            assertEquals(RbmLikelihood.exactLogPartition(rbm), BoltzmannLikelihood.exactLogPartition(bm), 1e-4, s[0] + "x" + s[1]);
            FMatrix v = Reference.binary(30, s[0], 0.5, 4);
            double[] lp = BoltzmannLikelihood.logUnnormalised(bm, v);
            float[] fe = rbm.freeEnergy(v);
            for (int r = 0; r < 30; r++) assertEquals(-fe[r], lp[r], 1e-4);
            FMatrix q = bm.transform(v), p = rbm.transform(v);
            for (int i = 0; i < q.data().length; i++) assertEquals(p.data()[i], q.data()[i], 1e-6, "mean field is exact without J");
        }
    }

    @Test
    void exactLikelihoodMatchesBruteForce() {
        BoltzmannMachine bm = Reference.machine(4, 5, 0.8, 9, Path.SIMD);
        double logZ = Reference.logZ(bm.joint());
        assertEquals(logZ, BoltzmannLikelihood.exactLogPartition(bm), 1e-4 * Math.abs(logZ));
        FMatrix v = Reference.binary(16, 4, 0.5, 2);
        double[] lp = BoltzmannLikelihood.logUnnormalised(bm, v);
        double total = 0;
        for (int r = 0; r < 16; r++) {
            double z = 0;
            for (int hm = 0; hm < 32; hm++) {
                z += Math.exp(negEnergy(bm.weights(), bm.visibleCouplings(), bm.hiddenCouplings(), bm.visibleBias(), bm.hiddenBias(), row(v, r), Reference.state(hm, 5)));
            }
            assertEquals(Math.log(z), lp[r], 1e-4, "row " + r);
            total += Math.log(z) - logZ;
        }
        assertEquals(total / 16, BoltzmannLikelihood.averageLogLikelihood(bm, v), 1e-4);
        // probabilities of all visible vectors sum to one
        FMatrix all = FMatrix.zeros(16, 4);
        for (int k = 0; k < 16; k++) for (int i = 0; i < 4; i++) all.set(k, i, (k >> i & 1));
        double sum = 0;
        for (double x : BoltzmannLikelihood.logUnnormalised(bm, all)) sum += Math.exp(x - logZ);
        assertEquals(1.0, sum, 1e-4);
    }

    @Test
    void energyAndItsGradientAgreeWithTheDefinitionAndFiniteDifferences() {
        BoltzmannMachine bm = Reference.machine(5, 4, 0.7, 12, Path.SCALAR);
        FMatrix v = Reference.binary(6, 5, 0.5, 1), h = FMatrix.zeros(6, 4);
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        for (int i = 0; i < h.data().length; i++) h.data()[i] = (float) r.nextDouble(); // mean-field style marginals
        FMatrix w = bm.weights(), l = bm.visibleCouplings(), j = bm.hiddenCouplings();
        float[] b = bm.visibleBias(), c = bm.hiddenBias();
        float[] e = bm.energy(v, h);
        for (int k = 0; k < 6; k++) assertEquals(-negEnergy(w, l, j, b, c, row(v, k), row(h, k)), e[k], 1e-5);
        BoltzmannMachine.Gradient g = bm.energyGradient(v, h);
        double eps = 1e-3;
        java.util.function.Supplier<Double> mean = () -> {
            double s = 0;
            for (int k = 0; k < 6; k++) s -= negEnergy(w, l, j, b, c, row(v, k), row(h, k));
            return s / 6;
        };
        for (int a = 0; a < 4; a++) {
            for (int i = 0; i < 5; i++) {
                assertEquals(fd(mean, w, a, i, false, eps), g.weight().get(a, i), 1e-6, "W " + a + "," + i);
            }
        }
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 5; k++) {
                double want = i == k ? 0 : fd(mean, l, i, k, true, eps);
                assertEquals(want, g.visibleCoupling().get(i, k), 1e-6, "L " + i + "," + k);
            }
            assertEquals(fd(mean, FMatrix.wrap(b, 1, 5), 0, i, false, eps), g.visibleBias()[i], 1e-6);
        }
        for (int a = 0; a < 4; a++) {
            for (int d = 0; d < 4; d++) {
                double want = a == d ? 0 : fd(mean, j, a, d, true, eps);
                assertEquals(want, g.hiddenCoupling().get(a, d), 1e-6, "J " + a + "," + d);
            }
            assertEquals(fd(mean, FMatrix.wrap(c, 1, 4), 0, a, false, eps), g.hiddenBias()[a], 1e-6);
        }
    }

    /** Central difference of f in parameter (r, k) of m (and (k, r) too when symmetric), in double. */
    private static double fd(java.util.function.Supplier<Double> f, FMatrix m, int r, int k, boolean symmetric, double eps) {
        float old = m.get(r, k);
        // float parameters: step by exactly representable amounts and divide by the step actually taken
        float up = (float) (old + eps), down = (float) (old - eps);
        m.set(r, k, up);
        if (symmetric) m.set(k, r, up);
        double fu = f.get();
        m.set(r, k, down);
        if (symmetric) m.set(k, r, down);
        double fdn = f.get();
        m.set(r, k, old);
        if (symmetric) m.set(k, r, old);
        return (fu - fdn) / ((double) up - down);
    }

    @Test
    void exactLogLikelihoodRisesWithTraining() {
        FMatrix data = Reference.barsAndStripes(3); // 14 patterns of 9 pixels
        BoltzmannConfig cfg = BoltzmannConfig.builder(4).learningRate(0.01).batchSize(14).particles(100).gibbsSweeps(1)
                .epochs(300).weightCost(1e-4).seed(3).path(Path.SIMD).build();
        List<EpochReport> reports = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public void onEpoch(EpochReport report) { reports.add(report); }
        };
        BoltzmannMachine start = BoltzmannMachine.fit(cfg.toBuilder().epochs(0).build(), data);
        BoltzmannMachine bm = BoltzmannMachine.fit(cfg, data, listener);
        double before = BoltzmannLikelihood.averageLogLikelihood(start, data), after = BoltzmannLikelihood.averageLogLikelihood(bm, data);
        double rbmLike = BoltzmannLikelihood.averageLogLikelihood(BoltzmannMachine.fit(cfg.toBuilder().visibleCouplings(false).hiddenCouplings(false).build(), data), data);
        System.out.printf("bars and stripes 3x3, 4 hidden: exact log-likelihood %.3f -> %.3f (L = J = 0: %.3f; best possible %.3f)%n",
                before, after, rbmLike, Math.log(1.0 / 14));
        assertTrue(after > before + 1.5, before + " -> " + after);
        assertTrue(after > rbmLike + 1, "the couplings help: " + after + " vs " + rbmLike + " without them");
        assertEquals(300, reports.size());
        for (int e = 49; e < 300; e += 50) {
            assertTrue(reports.get(e).metrics().get("log_likelihood") > reports.get(e - 40).metrics().get("log_likelihood"), "epoch " + (e + 1));
        }
        assertEquals(after, reports.get(299).metrics().get("log_likelihood"), 1e-9);
        assertTrue(bm.visibleCouplings().get(0, 1) != 0f && bm.hiddenCouplings().get(0, 1) != 0f, "couplings were learned");
        Symmetric.requireCouplings("L", bm.visibleCouplings(), 9);
        Symmetric.requireCouplings("J", bm.hiddenCouplings(), 4);
    }

    @Test
    void couplingsThatAreNotLearnedStayZero() {
        FMatrix data = Reference.binary(40, 7, 0.3, 5);
        BoltzmannMachine bm = BoltzmannMachine.fit(BoltzmannConfig.builder(3).epochs(3).batchSize(10).visibleCouplings(false).seed(1).build(), data);
        assertArrayEquals(new float[49], bm.visibleCouplings().data());
        assertNotEquals(0f, bm.hiddenCouplings().get(0, 2));
    }

    @Test
    void saveLoadRoundTripsAndBadFilesAreRefused() throws Exception {
        BoltzmannMachine bm = BoltzmannMachine.fit(BoltzmannConfig.builder(5).epochs(2).batchSize(10).seed(4)
                .meanField(MeanField.builder().damping(0.3).tolerance(1e-7).maxSweeps(70).build()).build(), Reference.binary(30, 11, 0.4, 3));
        java.nio.file.Path f = dir.resolve("bm.safetensors");
        bm.save(f);
        BoltzmannMachine back = BoltzmannMachine.load(f);
        assertInstanceOf(BoltzmannMachine.class, ModelFiles.load(f));
        assertEquals(bm.config().toMap(), back.config().toMap());
        assertEquals(bm.config().meanField(), back.config().meanField());
        assertArrayEquals(bm.weights().data(), back.weights().data());
        assertArrayEquals(bm.visibleCouplings().data(), back.visibleCouplings().data());
        assertArrayEquals(bm.hiddenCouplings().data(), back.hiddenCouplings().data());
        FMatrix x = Reference.binary(9, 11, 0.5, 8);
        assertArrayEquals(bm.transform(x).data(), back.transform(x).data());

        Map<String, Tensor> good = new LinkedHashMap<>();
        good.put("weight", Tensor.matrix(5, 11, bm.weights().data()));
        good.put("visible_coupling", Tensor.matrix(11, 11, bm.visibleCouplings().data()));
        good.put("hidden_coupling", Tensor.matrix(5, 5, bm.hiddenCouplings().data()));
        good.put("visible_bias", Tensor.vector(bm.visibleBias()));
        good.put("hidden_bias", Tensor.vector(bm.hiddenBias()));
        Map<String, String> meta = Map.of("model", "BoltzmannMachine", "format_version", "1");
        SafeTensors.write(f, good, meta);
        BoltzmannMachine bare = BoltzmannMachine.load(f); // only the documented tensors: default mean-field settings
        assertEquals(MeanField.builder().build(), bare.config().meanField());
        FMatrix qb = bare.transform(x), q = bm.transform(x);
        for (int i = 0; i < q.data().length; i++) assertEquals(q.data()[i], qb.data()[i], 1e-5);

        float[] asym = bm.visibleCouplings().data();
        asym[1] += 0.5f;
        assertRefused(f, with(good, "visible_coupling", Tensor.matrix(11, 11, asym)), meta, "symmetric");
        float[] diag = bm.hiddenCouplings().data();
        diag[6] = 1f;
        assertRefused(f, with(good, "hidden_coupling", Tensor.matrix(5, 5, diag)), meta, "diagonal");
        float[] nan = bm.weights().data();
        nan[7] = Float.NaN;
        assertRefused(f, with(good, "weight", Tensor.matrix(5, 11, nan)), meta, "NaN");
        assertRefused(f, with(good, "hidden_coupling", Tensor.matrix(4, 4, new float[16])), meta, "shape");
        Map<String, Tensor> missing = new LinkedHashMap<>(good);
        missing.remove("visible_coupling");
        assertRefused(f, missing, meta, "visible_coupling");
        assertRefused(f, good, Map.of("model", "BoltzmannMachine", "config.mean_field.damping", "1.5"), "damping");
        assertRefused(f, good, Map.of("model", "BernoulliRBM"), "BernoulliRBM");
        java.nio.file.Files.write(f, new byte[] {1, 2, 3});
        assertThrows(java.io.IOException.class, () -> BoltzmannMachine.load(f));
    }

    private static Map<String, Tensor> with(Map<String, Tensor> base, String name, Tensor t) {
        Map<String, Tensor> m = new LinkedHashMap<>(base);
        m.put(name, t);
        return m;
    }

    private static void assertRefused(java.nio.file.Path f, Map<String, Tensor> tensors, Map<String, String> meta, String mention) throws Exception {
        SafeTensors.write(f, tensors, meta);
        FormatException e = assertThrows(FormatException.class, () -> BoltzmannMachine.load(f));
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void badInputsAreRefusedWithClearMessages() {
        BoltzmannMachine bm = Reference.machine(6, 3, 0.5, 1, Path.SIMD);
        FMatrix x = Reference.binary(5, 6, 0.5, 1);
        x.set(2, 4, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bm.transform(x));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("column 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bm.transform(FMatrix.zeros(2, 7)));
        FMatrix train = Reference.binary(20, 6, 0.5, 2);
        train.set(11, 2, Float.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> BoltzmannMachine.fit(BoltzmannConfig.builder(3).epochs(1).build(), train));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        train.set(11, 2, 2f);
        assertThrows(IllegalArgumentException.class, () -> BoltzmannMachine.fit(BoltzmannConfig.builder(3).epochs(1).build(), train));
        BoltzmannMachine big = BoltzmannMachine.of(FMatrix.zeros(25, 10), FMatrix.zeros(10, 10), FMatrix.zeros(25, 25), new float[10], new float[25], BoltzmannConfig.builder(25).build());
        e = assertThrows(IllegalArgumentException.class, () -> BoltzmannLikelihood.exactLogPartition(big));
        assertTrue(e.getMessage().contains("35") && e.getMessage().contains("26"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BoltzmannLikelihood.logUnnormalised(big, FMatrix.zeros(1, 10)));
        assertTrue(e.getMessage().contains("24"), e.getMessage());
        FMatrix asym = FMatrix.zeros(6, 6);
        asym.set(0, 1, 1f);
        assertThrows(IllegalArgumentException.class, () -> BoltzmannMachine.of(bm.weights(), asym, bm.hiddenCouplings(), bm.visibleBias(), bm.hiddenBias(), bm.config()));
        assertThrows(IllegalArgumentException.class, () -> bm.energy(FMatrix.zeros(2, 6), FMatrix.zeros(3, 3)));
    }

    @Test
    void singleSampleAgreesWithTheBatch() {
        BoltzmannMachine bm = Reference.machine(17, 9, 0.4, 6, Path.SIMD);
        FMatrix x = Reference.binary(12, 17, 0.5, 3);
        FMatrix q = bm.transform(x);
        float[] out = new float[9];
        for (int r = 0; r < 12; r++) {
            bm.transformInto(x.data(), x.rowOffset(r), out, 0);
            for (int k = 0; k < 9; k++) assertEquals(q.get(r, k), out[k], 1e-5);
            // and the batch is the mean-field fixed point of q = σ(c + Wv + Jq)
            IsingModel posterior = IsingModel.of(bm.hiddenCouplings(), fieldOf(bm, x, r), Path.SCALAR);
            float[] solved = MeanField.builder().schedule(MeanField.Schedule.SEQUENTIAL).damping(0).tolerance(1e-8).maxSweeps(1000).build().solve(posterior).marginals();
            for (int k = 0; k < 9; k++) assertEquals(solved[k], out[k], 1e-5);
        }
    }

    private static float[] fieldOf(BoltzmannMachine bm, FMatrix x, int r) {
        float[] f = bm.hiddenBias();
        FMatrix w = bm.weights();
        for (int k = 0; k < f.length; k++) {
            double s = f[k];
            for (int i = 0; i < x.cols(); i++) s += w.get(k, i) * (double) x.get(r, i);
            f[k] = (float) s;
        }
        return f;
    }
}
