package io.latentj.models.vae;

import io.latentj.models.EpochReport;
import io.latentj.models.ModelFiles;
import io.latentj.models.TrainingListener;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Behaviour of a trained VAE on small synthetic binary data: bounds, training progress, sampling, files, bad input. */
class VariationalAutoencoderTest {
    /** 400 rows × 31 columns from 4 binary prototypes with 10% of bits flipped (odd width on purpose). */
    static FMatrix data(long seed, int rows) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(rows, 31);
        for (int i = 0; i < rows; i++) {
            int proto = r.nextInt(4);
            for (int j = 0; j < 31; j++) x.set(i, j, (((j * 5 + proto * 7) % 4 == 0) ^ r.nextDouble() < 0.1) ? 1f : 0f);
        }
        return x;
    }

    static VaeConfig.Builder config() {
        return VaeConfig.builder(3).hidden(24).epochs(40).batchSize(20).learningRate(3e-3).monitorSamples(200).seed(5);
    }

    @Test
    void elboRisesAndTheImportanceWeightedBoundIsAtLeastTheElboAndRisesWithK() {
        FMatrix x = data(1, 400), test = data(2, 200);
        List<EpochReport> reports = new ArrayList<>();
        VariationalAutoencoder vae = VariationalAutoencoder.fit(config().build(), x, test, new TrainingListener() {
            @Override public void onEpoch(EpochReport r) { reports.add(r); }
        });
        assertEquals(40, reports.size());
        double first = reports.getFirst().metric("held_out_elbo"), last = reports.getLast().metric("held_out_elbo");
        assertTrue(last > first + 2, "held-out ELBO " + first + " → " + last);
        // the data's entropy is log 4 + 31·H(0.1) ≈ 1.39 + 10.08 = 11.5 nats, so the mean log p(x) is at most about −11.5
        double elbo = vae.elbo(test, Rng.of(3));
        assertTrue(elbo < -11.4 && elbo > -16, "test ELBO " + elbo);
        // IWAE(k) ≥ ELBO in expectation and non-decreasing in k; averages over 200 rows × several draws, a margin for MC error
        double[] iw = new double[4];
        int[] ks = {1, 5, 50, 200};
        for (int i = 0; i < ks.length; i++) {
            double s = 0;
            for (int rep = 0; rep < 3; rep++) s += vae.logLikelihood(test, ks[i], Rng.of(100 + rep));
            iw[i] = s / 3;
        }
        double elboMean = 0;
        for (int rep = 0; rep < 20; rep++) elboMean += vae.elbo(test, Rng.of(200 + rep)) / 20;
        String m = "ELBO " + elboMean + ", IW(k=1,5,50,200) " + java.util.Arrays.toString(iw);
        System.out.println(m);
        assertEquals(elboMean, iw[0], 0.15, m); // k = 1 is the ELBO with a sampled KL
        for (int i = 1; i < ks.length; i++) {
            assertTrue(iw[i] >= elboMean - 0.02, m);
            assertTrue(iw[i] >= iw[i - 1] - 0.03, m);
        }
        assertTrue(iw[3] > elboMean + 0.1, "the bound must tighten: " + m);
    }

    @Test
    void encoderSamplesReconstructionAndInterpolation() {
        FMatrix x = data(3, 400);
        VariationalAutoencoder vae = VariationalAutoencoder.fit(config().epochs(10).build(), x);
        FMatrix mu = vae.transform(x), lv = vae.logVariance(x);
        assertEquals(3, mu.cols());
        assertEquals(3, lv.cols());
        float[] one = new float[3];
        vae.transformInto(x.data(), x.rowOffset(7), one, 0);
        for (int j = 0; j < 3; j++) assertEquals(mu.get(7, j), one[j], 1e-5f * Math.max(1, Math.abs(one[j])));
        FMatrix rec = vae.reconstruct(x);
        for (float v : rec.toArray()) assertTrue(v >= 0 && v <= 1);
        // reconstructions are closer to their inputs than to other rows' inputs, on average
        double own = 0, other = 0;
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 31; j++) {
                own += Math.abs(rec.get(i, j) - x.get(i, j));
                other += Math.abs(rec.get(i, j) - x.get((i + 1) % 400, j));
            }
        }
        assertTrue(own < 0.6 * other, own + " vs " + other);
        FMatrix s = vae.sample(50, 9);
        assertArrayEquals(s.toArray(), vae.sample(50, 9).toArray());
        FMatrix drawn = vae.sample(50, 0, Rng.of(4), false);
        for (float v : drawn.toArray()) assertTrue(v == 0f || v == 1f);
        FMatrix path = vae.interpolate(x.row(0).toArray(), x.row(1).toArray(), 5);
        assertEquals(5, path.rows());
        FMatrix ends = vae.decode(FMatrix.wrap(concat(mu.row(0).toArray(), mu.row(1).toArray()), 2, 3));
        for (int j = 0; j < 31; j++) {
            assertEquals(ends.get(0, j), path.get(0, j), 1e-5);
            assertEquals(ends.get(1, j), path.get(4, j), 1e-5);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void gaussianDecoderWithTwoHiddenLayersSavesAndLoads(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        FMatrix x = FMatrix.zeros(300, 9);
        for (int i = 0; i < 300; i++) {
            double t = r.nextGaussian();
            for (int j = 0; j < 9; j++) x.set(i, j, (float) (t * (j - 4) * 0.3 + 0.1 * r.nextGaussian()));
        }
        VaeConfig cfg = VaeConfig.builder(2).hidden(16, 8).activation(io.latentj.models.nn.Activation.TANH).gaussianDecoder(0.3)
                .epochs(20).batchSize(30).learningRate(3e-3).build();
        VariationalAutoencoder vae = VariationalAutoencoder.fit(cfg, x);
        Path f = dir.resolve("vae.safetensors");
        vae.save(f);
        VariationalAutoencoder back = (VariationalAutoencoder) ModelFiles.load(f);
        assertEquals(cfg.toMap(), back.config().toMap());
        assertArrayEquals(vae.transform(x).toArray(), back.transform(x).toArray());
        assertArrayEquals(vae.sample(20, 3).toArray(), back.sample(20, 3).toArray());
        assertEquals(vae.elbo(x, Rng.of(1)), back.elbo(x, Rng.of(1)));
        assertEquals("VariationalAutoencoder", ModelFiles.type(f));
        // Gaussian log-likelihood: a real density, so the IW bound must be finite and above the ELBO
        assertTrue(vae.logLikelihood(x, 20, Rng.of(2)) > vae.elbo(x, Rng.of(2)));
    }

    @Test
    void badInputIsRefusedWithRowAndColumn() {
        FMatrix x = data(5, 60);
        x.set(11, 4, 1.5f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VariationalAutoencoder.fit(config().epochs(1).build(), x));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 4"), e.getMessage());
        x.set(11, 4, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> VariationalAutoencoder.fit(config().epochs(1).gaussianDecoder(1).build(), x));
        assertTrue(e.getMessage().contains("row 11"), e.getMessage());
        VariationalAutoencoder vae = VariationalAutoencoder.fit(config().epochs(1).build(), data(6, 60));
        assertThrows(IllegalArgumentException.class, () -> vae.transform(FMatrix.zeros(2, 30)));
        assertThrows(IllegalArgumentException.class, () -> vae.decode(FMatrix.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> vae.logLikelihood(data(7, 5), 0, Rng.of(1)));
        assertThrows(IllegalArgumentException.class, () -> vae.elbo(x, Rng.of(1)));
        assertThrows(IllegalArgumentException.class, () -> vae.interpolate(new float[31], new float[31], 1));
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder(0).build());
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder(2).hidden(4, 0).build());
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder(2).activation(io.latentj.models.nn.Activation.SOFTMAX).build());
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder(2).gaussianDecoder(0).build());
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.builder(2).beta(-1).build());
    }

    @Test
    void trainingOnSeveralThreadsGivesTheOneThreadModel() {
        // each minibatch is split by rows and by units over a Team; the sums are the same, so only float rounding
        // (none at all on the scalar path's fixed loop order, a little from BLAS blocking) may differ
        FMatrix x = data(9, 230); // 230 rows, batch 20 and a last batch of 10: uneven splits
        int before = io.latentj.simd.Parallelism.threads();
        try {
            for (io.latentj.simd.Path path : new io.latentj.simd.Path[] {io.latentj.simd.Path.SCALAR, io.latentj.simd.Path.AUTO}) {
                VaeConfig cfg = config().hidden(24, 9).epochs(3).monitorSamples(0).path(path).build();
                io.latentj.simd.Parallelism.setThreads(1);
                float[] one = VariationalAutoencoder.fit(cfg, x).transform(x).toArray();
                for (int threads : new int[] {2, 3}) {
                    io.latentj.simd.Parallelism.setThreads(threads);
                    float[] many = VariationalAutoencoder.fit(cfg, x).transform(x).toArray();
                    if (path == io.latentj.simd.Path.SCALAR) assertArrayEquals(one, many, path + " " + threads + " threads");
                    else assertArrayEquals(one, many, 1e-3f, path + " " + threads + " threads");
                }
            }
        } finally {
            io.latentj.simd.Parallelism.setThreads(before);
        }
    }

    @Test
    void seededTrainingIsReproducible() {
        FMatrix x = data(8, 100);
        VaeConfig cfg = config().epochs(3).build();
        assertArrayEquals(VariationalAutoencoder.fit(cfg, x).transform(x).toArray(), VariationalAutoencoder.fit(cfg, x).transform(x).toArray());
    }
}
