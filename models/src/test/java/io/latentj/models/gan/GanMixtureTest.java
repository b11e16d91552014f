package io.latentj.models.gan;

import io.latentj.models.EpochReport;
import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A GAN on a 2-D mixture of four Gaussians (centres (±2, ±2), std 0.2, equal weights): the generator's samples must
 * cover every mode (at least 12% of 4,000 samples within 0.6 = 3σ of each centre, at least 75% near some centre) and
 * match the data's mean (within 0.45, the data's spread being ±2) and per-axis variance (within 20%). Measured: non-saturating
 * 22/20/24/27% of samples at the four modes, 94% near one; minimax with k = 2 after 200 epochs 22/25/25/25%, 96% near
 * one (after 120 epochs 15/24/18/24%, 82%, and a variance 20% too high: hence 200).
 */
class GanMixtureTest {
    static final double[][] CENTRES = {{2, 2}, {2, -2}, {-2, 2}, {-2, -2}};

    static FMatrix mixture(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            double[] c = CENTRES[r.nextInt(4)];
            x.set(i, 0, (float) (c[0] + 0.2 * r.nextGaussian()));
            x.set(i, 1, (float) (c[1] + 0.2 * r.nextGaussian()));
        }
        return x;
    }

    static GanConfig.Builder config() {
        return GanConfig.builder(2).generatorHidden(64, 64).discriminatorHidden(64, 64).epochs(60).batchSize(100).learningRate(1e-3).seed(3);
    }

    @Test
    void samplesCoverEveryModeAndMatchTheMoments() {
        FMatrix data = mixture(4000, 1);
        GenerativeAdversarialNetwork gan = GenerativeAdversarialNetwork.fit(config().build(), data);
        check(gan, "non-saturating");
        EpochReport last = gan.history().getLast();
        assertEquals(60, gan.history().size());
        // at the end the discriminator cannot tell: D(x) and D(G(z)) both near ½
        assertTrue(last.metric("d_real") > 0.3 && last.metric("d_real") < 0.75, "D(x) " + last.metric("d_real"));
        assertTrue(last.metric("d_fake") > 0.25 && last.metric("d_fake") < 0.7, "D(G(z)) " + last.metric("d_fake"));
    }

    @Test
    void minimaxLossWithTwoDiscriminatorStepsAlsoLearnsTheMixture() {
        FMatrix data = mixture(4000, 2);
        GenerativeAdversarialNetwork gan = GenerativeAdversarialNetwork.fit(config().generatorLoss(GanConfig.GeneratorLoss.MINIMAX)
                .discriminatorSteps(2).epochs(200).build(), data);
        check(gan, "minimax k=2");
    }

    private static void check(GenerativeAdversarialNetwork gan, String what) {
        FMatrix s = gan.sample(4000, 99);
        int[] near = new int[4];
        double[] mean = new double[2], sq = new double[2];
        int any = 0;
        for (int i = 0; i < s.rows(); i++) {
            double x = s.get(i, 0), y = s.get(i, 1);
            mean[0] += x;
            mean[1] += y;
            sq[0] += x * x;
            sq[1] += y * y;
            for (int c = 0; c < 4; c++) {
                if (Math.hypot(x - CENTRES[c][0], y - CENTRES[c][1]) < 0.6) { near[c]++; any++; }
            }
        }
        int n = s.rows();
        String m = what + ": near each mode " + java.util.Arrays.toString(near) + " of " + n + ", near any " + any;
        System.out.println(m);
        for (int c = 0; c < 4; c++) assertTrue(near[c] >= 0.12 * n, m);
        assertTrue(any >= 0.75 * n, m);
        double dataVar = 4 + 0.04; // E x² − (E x)² for the mixture: centres ±2, std 0.2
        for (int k = 0; k < 2; k++) {
            double mu = mean[k] / n, var = sq[k] / n - mu * mu;
            assertEquals(0, mu, 0.45, m + "; mean " + mu);
            assertEquals(dataVar, var, 0.2 * dataVar, m + "; variance " + var);
        }
    }

    @Test
    void seededTrainingIsReproducibleAndSaveLoadKeepsBothNets(@TempDir Path dir) throws Exception {
        FMatrix data = mixture(500, 4);
        GanConfig cfg = config().epochs(3).build();
        GenerativeAdversarialNetwork a = GenerativeAdversarialNetwork.fit(cfg, data), b = GenerativeAdversarialNetwork.fit(cfg, data);
        assertArrayEquals(a.sample(50, 7).toArray(), b.sample(50, 7).toArray());
        assertArrayEquals(a.sample(50, 7).toArray(), a.sample(50, 7).toArray());
        Path f = dir.resolve("gan.safetensors");
        a.save(f);
        GenerativeAdversarialNetwork back = GenerativeAdversarialNetwork.load(f);
        assertArrayEquals(a.sample(50, 7).toArray(), back.sample(50, 7).toArray());
        assertArrayEquals(a.discriminate(data), back.discriminate(data));
        assertEquals(cfg.toMap(), back.config().toMap());
        GenerativeAdversarialNetwork fromBytes = GenerativeAdversarialNetwork.load(io.latentj.models.io.ModelSource.of(Files.readAllBytes(f)));
        assertArrayEquals(back.sample(50, 7).toArray(), fromBytes.sample(50, 7).toArray(), "loading the bytes is loading the file");
        assertArrayEquals(back.discriminate(data), fromBytes.discriminate(data));
        try (java.io.InputStream in = Files.newInputStream(f)) {
            GenerativeAdversarialNetwork scalar = GenerativeAdversarialNetwork.load(io.latentj.models.io.ModelSource.of(in), io.latentj.simd.Path.SCALAR);
            assertEquals(io.latentj.simd.Path.SCALAR, scalar.config().path(), "the kernel path is chosen at load");
        }
        FormatException corrupt = assertThrows(FormatException.class,
                () -> GenerativeAdversarialNetwork.load(io.latentj.models.io.ModelSource.of("not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertTrue(corrupt.getMessage().startsWith("<bytes> (offset 0): "), corrupt.getMessage());
        Files.writeString(dir.resolve("bad.safetensors"), "not a model");
        assertThrows(java.io.IOException.class, () -> GenerativeAdversarialNetwork.load(dir.resolve("bad.safetensors")));
        io.latentj.models.vae.VaeConfig vc = io.latentj.models.vae.VaeConfig.builder(2).hidden(3).epochs(1).build();
        io.latentj.models.vae.VariationalAutoencoder.fit(vc, FMatrix.wrap(new float[] {0.1f, 0.9f, 0.5f, 0.5f}, 2, 2)).save(dir.resolve("vae.safetensors"));
        assertThrows(FormatException.class, () -> GenerativeAdversarialNetwork.load(dir.resolve("vae.safetensors")));
    }

    @Test
    void badDataAndSettingsAreRefused() {
        FMatrix data = mixture(50, 5);
        data.set(7, 1, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenerativeAdversarialNetwork.fit(config().epochs(1).build(), data));
        assertTrue(e.getMessage().contains("row 7") && e.getMessage().contains("column 1"), e.getMessage());
        FMatrix wide = mixture(50, 5);
        assertThrows(IllegalArgumentException.class, () -> GenerativeAdversarialNetwork.fit(config().epochs(1)
                .outputActivation(io.latentj.models.nn.Activation.SIGMOID).build(), wide)); // data outside [0, 1]
        assertThrows(IllegalArgumentException.class, () -> config().discriminatorSteps(0).build());
        assertThrows(IllegalArgumentException.class, () -> config().learningRate(-1).build());
        assertThrows(IllegalArgumentException.class, () -> config().outputActivation(io.latentj.models.nn.Activation.RELU).build());
        GenerativeAdversarialNetwork gan = GenerativeAdversarialNetwork.fit(config().epochs(1).build(), mixture(50, 6));
        assertThrows(IllegalArgumentException.class, () -> gan.discriminate(FMatrix.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> gan.generate(FMatrix.zeros(3, 5)));
        assertThrows(IllegalArgumentException.class, () -> gan.sample(-1, 1));
    }
}
