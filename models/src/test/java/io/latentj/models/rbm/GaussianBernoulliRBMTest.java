package io.latentj.models.rbm;

import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
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

class GaussianBernoulliRBMTest {
    @TempDir
    java.nio.file.Path dir;

    // ---- reference computations in double, straight from the energy ----------------------------------------------

    /** E(v,h) = Σ (v_i − b_i)²/(2σ_i²) − cᵀh − Σ_ij (v_i/σ_i) W_ji h_j. */
    private static double energy(double[][] w, double[] b, double[] c, double[] z, double[] v, int hBits) {
        double e = 0;
        for (int i = 0; i < b.length; i++) {
            double s2 = Math.exp(z[i]);
            e += (v[i] - b[i]) * (v[i] - b[i]) / (2 * s2);
        }
        for (int j = 0; j < c.length; j++) {
            if ((hBits >> j & 1) == 0) continue;
            e -= c[j];
            for (int i = 0; i < b.length; i++) e -= v[i] / Math.exp(z[i] / 2) * w[j][i];
        }
        return e;
    }

    private static double logSumExp(double[] x) {
        double m = Double.NEGATIVE_INFINITY, s = 0;
        for (double v : x) m = Math.max(m, v);
        for (double v : x) s += Math.exp(v - m);
        return m + Math.log(s);
    }

    /** −log Σ_h exp(−E(v,h)), by brute force over h. */
    private static double bruteFreeEnergy(double[][] w, double[] b, double[] c, double[] z, double[] v) {
        double[] t = new double[1 << c.length];
        for (int h = 0; h < t.length; h++) t[h] = -energy(w, b, c, z, v, h);
        return -logSumExp(t);
    }

    /** log Z by the closed form: logsumexp_h [cᵀh + Σ_i ((b_i + σ_i a_i)² − b_i²)/(2σ_i²) + ½ log(2πσ_i²)], a = Wᵀh. */
    private static double closedFormLogZ(double[][] w, double[] b, double[] c, double[] z) {
        double[] t = new double[1 << c.length];
        for (int h = 0; h < t.length; h++) {
            double s = 0;
            for (int j = 0; j < c.length; j++) if ((h >> j & 1) != 0) s += c[j];
            for (int i = 0; i < b.length; i++) {
                double a = 0;
                for (int j = 0; j < c.length; j++) if ((h >> j & 1) != 0) a += w[j][i];
                double sg = Math.exp(z[i] / 2), m = b[i] + sg * a;
                s += (m * m - b[i] * b[i]) / (2 * sg * sg) + 0.5 * Math.log(2 * Math.PI * sg * sg);
            }
            t[h] = s;
        }
        return logSumExp(t);
    }

    private static double refAverageLL(double[][] w, double[] b, double[] c, double[] z, FMatrix data) {
        double logZ = closedFormLogZ(w, b, c, z), s = 0;
        double[] v = new double[b.length];
        for (int r = 0; r < data.rows(); r++) {
            for (int i = 0; i < v.length; i++) v[i] = data.get(r, i);
            s += -bruteFreeEnergy(w, b, c, z, v) - logZ;
        }
        return s / data.rows();
    }

    private record Params(double[][] w, double[] b, double[] c, double[] z) {
        GaussianBernoulliRBM model(Path path) {
            int nh = c.length, nv = b.length;
            FMatrix wm = FMatrix.zeros(nh, nv);
            for (int j = 0; j < nh; j++) for (int i = 0; i < nv; i++) wm.set(j, i, (float) w[j][i]);
            return GaussianBernoulliRBM.of(wm, f(b), f(c), f(z), RbmConfig.builder(nh).path(path).build());
        }

        static Params random(int nv, int nh, long seed, double scale) {
            Rng rng = Rng.of(seed);
            double[][] w = new double[nh][nv];
            for (double[] row : w) for (int i = 0; i < nv; i++) row[i] = (float) (scale * rng.nextGaussian());
            double[] b = new double[nv], c = new double[nh], z = new double[nv];
            for (int i = 0; i < nv; i++) {
                b[i] = (float) (0.5 * rng.nextGaussian());
                z[i] = (float) (0.6 * rng.nextGaussian()); // σ between ~0.5 and ~2
            }
            for (int j = 0; j < nh; j++) c[j] = (float) (0.5 * rng.nextGaussian());
            return new Params(w, b, c, z);
        }
    }

    private static float[] f(double[] x) {
        float[] o = new float[x.length];
        for (int i = 0; i < x.length; i++) o[i] = (float) x[i];
        return o;
    }

    private static FMatrix gaussianData(int rows, int cols, long seed, float mean, float std) {
        FMatrix x = FMatrix.zeros(rows, cols);
        io.latentj.simd.Sampling.gaussian(Path.SCALAR, Rng.of(seed), mean, std, x);
        return x;
    }

    /** Two-component mixture in 4-D: ±(1.5, 1.5, −1.5, 0.5) plus N(0, 0.4²) noise, standardised. */
    private static FMatrix mixture(int rows, long seed) {
        Rng rng = Rng.of(seed);
        float[] mu = {1.5f, 1.5f, -1.5f, 0.5f};
        FMatrix x = FMatrix.zeros(rows, 4);
        for (int r = 0; r < rows; r++) {
            float sgn = rng.nextFloat() < 0.5f ? -1f : 1f;
            for (int i = 0; i < 4; i++) x.set(r, i, sgn * mu[i] + 0.4f * rng.nextGaussian());
        }
        return x;
    }

    // ---- tests -------------------------------------------------------------------------------------------------

    @Test
    void freeEnergyMatchesBruteForceOverHiddenWithNonUnitSigma() {
        Params p = Params.random(3, 4, 11, 0.8);
        FMatrix v = gaussianData(6, 3, 12, 0.3f, 1.5f);
        for (Path path : new Path[] {Path.SCALAR, Path.AUTO}) {
            float[] fe = p.model(path).freeEnergy(v);
            for (int r = 0; r < v.rows(); r++) {
                double[] vr = {v.get(r, 0), v.get(r, 1), v.get(r, 2)};
                double ref = bruteFreeEnergy(p.w, p.b, p.c, p.z, vr);
                assertEquals(ref, fe[r], 1e-4 * Math.max(1, Math.abs(ref)), "row " + r + " on " + path);
            }
        }
    }

    /** ∫ Σ_h exp(−E) dv by the trapezoid rule on a wide grid, for 1 and 2 visible units. */
    @Test
    void closedFormPartitionFunctionMatchesNumericalIntegration() {
        for (int nv = 1; nv <= 2; nv++) {
            Params p = Params.random(nv, 2, 20 + nv, 0.9);
            double lo = -40, hi = 40;
            int steps = nv == 1 ? 200_000 : 1600;
            double dx = (hi - lo) / steps, z = 0;
            double[] v = new double[nv];
            int points = steps + 1;
            for (long idx = 0; idx < (nv == 1 ? points : (long) points * points); idx++) {
                v[0] = lo + (idx % points) * dx;
                double weight = dx * ((idx % points == 0 || idx % points == steps) ? 0.5 : 1);
                if (nv == 2) {
                    long k = idx / points;
                    v[1] = lo + k * dx;
                    weight *= dx * ((k == 0 || k == steps) ? 0.5 : 1);
                }
                z += weight * Math.exp(-bruteFreeEnergy(p.w, p.b, p.c, p.z, v));
            }
            double numeric = Math.log(z), closed = closedFormLogZ(p.w, p.b, p.c, p.z);
            double library = GaussianLikelihood.exactLogPartition(p.model(Path.SCALAR));
            System.out.printf("log Z with %d visible: numerical %.8f, closed form %.8f, library %.6f%n", nv, numeric, closed, library);
            assertEquals(numeric, closed, 1e-6, "closed form vs integration, " + nv + " visible");
            assertEquals(closed, library, 1e-4, "library vs closed form, " + nv + " visible");
        }
    }

    @Test
    void exactGradientMatchesFiniteDifferencesOfTheExactLikelihood() {
        Params p = Params.random(3, 3, 31, 0.7);
        FMatrix data = gaussianData(25, 3, 32, 0.2f, 1.3f);
        GaussianLikelihood.Gradient g = GaussianLikelihood.exactGradient(p.model(Path.SCALAR), data);
        double eps = 1e-5;
        List<String> checked = new ArrayList<>();
        double[][] groups = {null, p.b, p.c, p.z};
        String[] names = {"W", "b", "c", "z"};
        for (int gi = 0; gi < 4; gi++) {
            int count = gi == 0 ? p.w.length * p.b.length : groups[gi].length;
            for (int k = 0; k < count; k++) {
                double[] arr = gi == 0 ? p.w[k / p.b.length] : groups[gi];
                int idx = gi == 0 ? k % p.b.length : k;
                double keep = arr[idx];
                arr[idx] = keep + eps;
                double up = refAverageLL(p.w, p.b, p.c, p.z, data);
                arr[idx] = keep - eps;
                double down = refAverageLL(p.w, p.b, p.c, p.z, data);
                arr[idx] = keep;
                double fd = (up - down) / (2 * eps);
                double an = switch (gi) {
                    case 0 -> g.weight().get(k / p.b.length, idx);
                    case 1 -> g.visibleBias()[idx];
                    case 2 -> g.hiddenBias()[idx];
                    default -> g.logVariance()[idx];
                };
                assertEquals(fd, an, 2e-3 + 2e-3 * Math.abs(fd), names[gi] + "[" + k + "]");
                checked.add(names[gi] + k + String.format("=%.4f", fd));
            }
        }
        System.out.println("exact gradient matches finite differences: " + checked);
    }

    @Test
    void trainingRaisesTheExactLikelihoodOnAMixture() {
        FMatrix raw = mixture(400, 41);
        GaussianStandardizer st = GaussianStandardizer.fit(raw);
        FMatrix data = st.apply(raw);
        RbmConfig.Builder cfg = RbmConfig.builder(3).learningRate(0.01).epochs(60).batchSize(20).seed(5)
                .initialWeightStd(0.01).weightCost(1e-4).monitorSamples(0).path(Path.AUTO);
        GaussianBernoulliRBM start = GaussianBernoulliRBM.fit(cfg.epochs(0).build(), data);
        double before = GaussianLikelihood.averageLogLikelihood(start, data, GaussianLikelihood.exactLogPartition(start));
        long t0 = System.nanoTime();
        GaussianBernoulliRBM unit = GaussianBernoulliRBM.fit(cfg.epochs(60).build(), data);
        // learned variances shrink σ to the clusters' spread (0.26 for three of the four standardised dimensions), so
        // W must grow ~1/σ to separate the modes: a larger rate gets there in the same 60 epochs (measured: lr 0.01
        // ends at −5.23, lr 0.03 at −2.19; the ideal two-Gaussian mixture scores about −2.0)
        GaussianBernoulliRBM learned = GaussianBernoulliRBM.fit(cfg.epochs(60).learningRate(0.03).build(), true, data, null, TrainingListener.NONE);
        double ms = (System.nanoTime() - t0) / 1e6;
        double after = GaussianLikelihood.averageLogLikelihood(unit, data, GaussianLikelihood.exactLogPartition(unit));
        double afterVar = GaussianLikelihood.averageLogLikelihood(learned, data, GaussianLikelihood.exactLogPartition(learned));
        // the best diagonal Gaussian on standardised data: −d/2 · log(2πe)
        double diagonal = -2 * Math.log(2 * Math.PI * Math.E);
        System.out.printf("mixture 4-D, 3 hidden: exact LL before %.4f, after CD-1 (σ=1) %.4f, with learned σ %.4f "
                + "(σ %s); diagonal Gaussian %.4f; two fits %.0f ms%n", before, after, afterVar, Arrays.toString(learned.sigma()), diagonal, ms);
        assertTrue(after > before + 0.5, "unit-variance training must raise the exact LL: " + before + " -> " + after);
        assertTrue(afterVar > after, "learning σ must fit the tight clusters better: " + after + " vs " + afterVar);
        assertTrue(afterVar > diagonal + 0.5, "a mixture must beat the best diagonal Gaussian: " + afterVar + " vs " + diagonal);
    }

    @Test
    void learnedSigmasApproachTheDataStandardDeviations() {
        int n = 2000;
        FMatrix x = FMatrix.zeros(n, 2);
        Rng rng = Rng.of(51);
        for (int r = 0; r < n; r++) {
            x.set(r, 0, 1f + 0.5f * rng.nextGaussian());
            x.set(r, 1, -3f + 2f * rng.nextGaussian());
        }
        List<EpochReport> reports = new ArrayList<>();
        RbmConfig cfg = RbmConfig.builder(4).learningRate(0.01).epochs(40).batchSize(50).seed(3).monitorSamples(200).build();
        GaussianBernoulliRBM rbm = GaussianBernoulliRBM.fit(cfg, true, x, null, new TrainingListener() {
            @Override public void onEpoch(EpochReport r) { reports.add(r); }
        });
        float[] s = rbm.sigma();
        System.out.printf("learned σ = %s for data std (0.5, 2); sigma_mean by epoch: first %.3f last %.3f%n",
                Arrays.toString(s), reports.get(0).metric("sigma_mean"), reports.get(reports.size() - 1).metric("sigma_mean"));
        assertEquals(0.5, s[0], 0.5 * 0.15, "σ_0 within 15% of 0.5");
        assertEquals(2.0, s[1], 2.0 * 0.15, "σ_1 within 15% of 2");
        assertTrue(rbm.learnsVariance());
    }

    @Test
    void listenerReportsReconstructionErrorAndFreeEnergyGap() {
        FMatrix data = GaussianStandardizer.fit(mixture(300, 61)).apply(mixture(300, 61));
        FMatrix held = GaussianStandardizer.fit(mixture(300, 61)).apply(mixture(100, 62));
        List<EpochReport> reports = new ArrayList<>();
        GaussianBernoulliRBM.fit(RbmConfig.builder(8).learningRate(0.01).epochs(15).batchSize(20).seed(1).monitorSamples(100).build(),
                false, data, held, new TrainingListener() {
                    @Override public void onEpoch(EpochReport r) { reports.add(r); }
                });
        assertEquals(15, reports.size());
        EpochReport first = reports.get(0), last = reports.get(14);
        for (String m : List.of("reconstruction_error", "free_energy_gap", "log_likelihood")) {
            assertTrue(first.metrics().containsKey(m), m + " missing from " + first.metrics());
        }
        assertTrue(last.metric("reconstruction_error") < first.metric("reconstruction_error"), reports.toString());
        assertTrue(Math.abs(last.metric("free_energy_gap")) < 1, "same distribution, small gap: " + last.metrics());
    }

    @Test
    void gibbsSamplesOfATrainedModelReproduceTheMixtureModes() {
        FMatrix data = mixture(400, 71);
        RbmConfig cfg = RbmConfig.builder(4).learningRate(0.01).epochs(60).batchSize(20).seed(2).monitorSamples(0).build();
        GaussianBernoulliRBM rbm = GaussianBernoulliRBM.fit(cfg, true, data, null, TrainingListener.NONE);
        FMatrix s = rbm.sample(400, 50, Rng.of(9), false);
        int positive = 0, near = 0;
        for (int r = 0; r < s.rows(); r++) {
            float dot = 1.5f * s.get(r, 0) + 1.5f * s.get(r, 1) - 1.5f * s.get(r, 2) + 0.5f * s.get(r, 3);
            if (dot > 0) positive++;
            if (Math.abs(Math.abs(dot) - 7f) < 3f) near++; // |μ|² = 7
        }
        System.out.println("samples: " + positive + " of 400 in the positive mode, " + near + " near a mode");
        assertTrue(positive > 80 && positive < 320, "both modes sampled: " + positive);
        assertTrue(near > 300, "samples lie near the modes: " + near);
    }

    @Test
    void sameSeedSamePathGivesIdenticalWeights() {
        FMatrix data = mixture(200, 81);
        for (Path p : new Path[] {Path.SCALAR, Path.AUTO}) {
            for (boolean persistent : new boolean[] {false, true}) {
                RbmConfig cfg = RbmConfig.builder(5).learningRate(0.01).epochs(3).batchSize(16).seed(7).path(p)
                        .persistent(persistent).k(2).sampleVisible(true).monitorSamples(0).build();
                GaussianBernoulliRBM a = GaussianBernoulliRBM.fit(cfg, true, data, null, null);
                GaussianBernoulliRBM b = GaussianBernoulliRBM.fit(cfg, true, data, null, null);
                assertArrayEquals(a.weights().data(), b.weights().data(), p + " persistent " + persistent);
                assertArrayEquals(a.logVariance(), b.logVariance());
                assertArrayEquals(a.visibleBias(), b.visibleBias());
                GaussianBernoulliRBM other = GaussianBernoulliRBM.fit(cfg.toBuilder().seed(8).build(), true, data, null, null);
                assertFalse(Arrays.equals(a.weights().data(), other.weights().data()), "another seed, other weights");
            }
        }
    }

    @Test
    void transformIntoMatchesTransformWithoutAllocation() {
        FMatrix data = mixture(50, 91);
        GaussianBernoulliRBM rbm = GaussianBernoulliRBM.fit(RbmConfig.builder(6).learningRate(0.01).epochs(3).batchSize(10)
                .monitorSamples(0).build(), true, data, null, null);
        FMatrix h = rbm.transform(data.rowRange(0, 7));
        float[] out = new float[6 + 3];
        for (int r = 0; r < 7; r++) {
            rbm.transformInto(data.data(), data.rowOffset(r), out, 3);
            for (int j = 0; j < 6; j++) assertEquals(h.get(r, j), out[3 + j], 2e-6f);
        }
    }

    @Test
    void badInputIsRefusedWithRowAndColumn() {
        FMatrix bad = mixture(40, 101);
        bad.set(4, 3, Float.NaN);
        RbmConfig cfg = RbmConfig.builder(3).learningRate(0.01).epochs(1).monitorSamples(0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianBernoulliRBM.fit(cfg, bad));
        assertTrue(e.getMessage().contains("row 4") && e.getMessage().contains("column 3"), e.getMessage());
        bad.set(4, 3, Float.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> GaussianBernoulliRBM.fit(cfg, bad));
        assertTrue(e.getMessage().contains("row 4"), e.getMessage());
        GaussianBernoulliRBM rbm = GaussianBernoulliRBM.fit(cfg, mixture(40, 102));
        e = assertThrows(IllegalArgumentException.class, () -> rbm.transform(FMatrix.zeros(2, 5)));
        assertTrue(e.getMessage().contains("5 columns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rbm.transformInto(new float[3], 0, new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> rbm.transformInto(new float[4], 0, new float[2], 0));
        float[] nan = {0, Float.NaN, 0, 0};
        e = assertThrows(IllegalArgumentException.class, () -> rbm.transformInto(nan, 0, new float[3], 0));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianBernoulliRBM.fit(cfg, false, mixture(10, 1), FMatrix.zeros(3, 2), null));
        assertThrows(IllegalArgumentException.class, () -> GaussianBernoulliRBM.of(FMatrix.zeros(2, 3), new float[3], new float[2], new float[2], cfg));
    }

    @Test
    void saveLoadGivesBitIdenticalOutputsAndCorruptFilesAreRefused() throws IOException {
        FMatrix data = mixture(60, 111);
        GaussianBernoulliRBM rbm = GaussianBernoulliRBM.fit(RbmConfig.builder(5).learningRate(0.01).epochs(4).batchSize(10)
                .monitorSamples(0).build(), true, data, null, null);
        java.nio.file.Path f = dir.resolve("grbm.safetensors");
        rbm.save(f);
        GaussianBernoulliRBM back = GaussianBernoulliRBM.load(f);
        assertArrayEquals(rbm.transform(data).data(), back.transform(data).data());
        assertArrayEquals(rbm.reconstruct(data).data(), back.reconstruct(data).data());
        assertArrayEquals(rbm.freeEnergy(data), back.freeEnergy(data));
        assertArrayEquals(rbm.sigma(), back.sigma());
        assertTrue(back.learnsVariance());
        assertEquals(rbm.config().toMap(), back.config().toMap());
        assertEquals("CD-1", back.provenance().get("algorithm"));

        // a Bernoulli RBM file is not a Gaussian one, and vice versa
        java.nio.file.Path bern = dir.resolve("b.safetensors");
        BernoulliRBM.of(FMatrix.zeros(2, 3), new float[3], new float[2], RbmConfig.builder(2).build()).save(bern);
        FormatException fe = assertThrows(FormatException.class, () -> GaussianBernoulliRBM.load(bern));
        assertTrue(fe.getMessage().contains("BernoulliRBM"), fe.getMessage());
        assertThrows(FormatException.class, () -> BernoulliRBM.load(f));
        // truncated file
        byte[] bytes = Files.readAllBytes(f);
        java.nio.file.Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 7));
        assertThrows(FormatException.class, () -> GaussianBernoulliRBM.load(cut));
        // NaN in log_variance
        java.nio.file.Path nan = dir.resolve("nan.safetensors");
        var t = new java.util.LinkedHashMap<String, io.latentj.models.io.SafeTensors.Tensor>(io.latentj.models.io.SafeTensors.read(f).tensors());
        float[] z = t.get("log_variance").data().clone();
        z[1] = Float.NaN;
        t.put("log_variance", io.latentj.models.io.SafeTensors.Tensor.vector(z));
        io.latentj.models.io.SafeTensors.write(nan, t, io.latentj.models.io.SafeTensors.read(f).metadata());
        fe = assertThrows(FormatException.class, () -> GaussianBernoulliRBM.load(nan));
        assertTrue(fe.getMessage().contains("log_variance"), fe.getMessage());
    }

    @Test
    void standardizerRoundTrips() {
        FMatrix raw = mixture(100, 121);
        GaussianStandardizer st = GaussianStandardizer.fit(raw);
        FMatrix z = st.apply(raw);
        GaussianStandardizer again = GaussianStandardizer.fit(z);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, again.mean()[i], 1e-5);
            assertEquals(1, again.std()[i], 1e-4);
        }
        FMatrix back = st.invert(z);
        for (int k = 0; k < raw.data().length; k++) assertEquals(raw.data()[k], back.data()[k], 1e-5);
    }
}
