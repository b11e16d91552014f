package io.latentj.models.autoencoder;

import io.latentj.bindings.lapack.Lapack;
import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Optimizer;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AutoencoderTest {
    @TempDir
    java.nio.file.Path dir;

    static final int NV = 41; // odd: SIMD tails

    /** Binary rows from 6 random prototypes, each bit flipped with probability {@code flip}. */
    static FMatrix prototypes(long seed, int rows, double flip) {
        SplittableRandom protoRng = new SplittableRandom(99), r = new SplittableRandom(seed);
        boolean[][] protos = new boolean[6][NV];
        for (boolean[] p : protos) for (int j = 0; j < NV; j++) p[j] = protoRng.nextDouble() < 0.4;
        FMatrix x = FMatrix.zeros(rows, NV);
        for (int i = 0; i < rows; i++) {
            boolean[] p = protos[r.nextInt(6)];
            for (int j = 0; j < NV; j++) x.set(i, j, (p[j] ^ r.nextDouble() < flip) ? 1f : 0f);
        }
        return x;
    }

    static final FMatrix TRAIN = prototypes(1, 300, 0.05), TEST = prototypes(2, 200, 0.05);

    static AutoencoderConfig.Builder base() {
        return AutoencoderConfig.builder(20).epochs(25).batchSize(20).learningRate(0.01).seed(7).monitorSamples(200);
    }

    /** Held-out reconstruction error per epoch (index 0 = the untrained model). */
    static List<Double> curve(AutoencoderConfig cfg) {
        List<Double> c = new ArrayList<>();
        c.add(Autoencoder.fit(cfg.toBuilder().epochs(0).build(), TRAIN).reconstructionError(TEST));
        Autoencoder.fit(cfg, TRAIN, TEST, new TrainingListener() {
            @Override public void onEpoch(EpochReport r) { c.add(r.metric("held_out_reconstruction_error")); }
        });
        return c;
    }

    @Test
    void everyVariantLowersTheHeldOutReconstructionError() {
        Map<String, AutoencoderConfig> variants = new java.util.LinkedHashMap<>();
        variants.put("plain", base().build());
        variants.put("untied cross-entropy", base().tied(false).loss(Loss.BINARY_CROSS_ENTROPY).build());
        variants.put("denoising masking", base().maskingNoise(0.3).build());
        variants.put("denoising gaussian", base().gaussianNoise(0.3).build());
        variants.put("sparse", base().sparsity(0.05, 0.1).build());
        variants.put("contractive", base().contraction(0.1).build());
        variants.put("sgd momentum", base().optimizer(Optimizer.Kind.SGD).learningRate(0.1).momentum(0.9).build());
        variants.put("adagrad", base().optimizer(Optimizer.Kind.ADAGRAD).learningRate(0.1).weightDecay(1e-4).clipNorm(5).build());
        for (var e : variants.entrySet()) {
            List<Double> c = curve(e.getValue());
            double first = c.get(0), last = c.get(c.size() - 1);
            System.out.printf("held-out reconstruction error %-22s %.3f -> %.3f%n", e.getKey(), first, last);
            assertTrue(last < 0.5 * first, e.getKey() + ": held-out error " + first + " -> " + last);
            assertTrue(last <= c.get(c.size() / 2) * 1.05, e.getKey() + ": error still falling or flat in the second half " + c);
        }
    }

    /**
     * Masking 30% of the test inputs: the denoising autoencoder recovers the clean rows better than the plain one
     * (measured here: input itself 4.67, plain 2.33, denoising 1.74 squared errors per row).
     */
    @Test
    void denoisingReconstructsCleanInputsBetterFromCorruptedOnes() {
        FMatrix corrupted = TEST.copy();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < corrupted.rows(); i++) for (int j = 0; j < NV; j++) if (r.nextDouble() < 0.3) corrupted.set(i, j, 0f);
        AutoencoderConfig.Builder b = AutoencoderConfig.builder(60).batchSize(20).learningRate(0.01).seed(7).monitorSamples(0).epochs(40).loss(Loss.BINARY_CROSS_ENTROPY);
        Autoencoder plain = Autoencoder.fit(b.build(), TRAIN);
        Autoencoder dae = Autoencoder.fit(b.maskingNoise(0.3).build(), TRAIN);
        double ePlain = plain.reconstructionError(corrupted, TEST), eDae = dae.reconstructionError(corrupted, TEST);
        double eCorrupt = io.latentj.simd.Linalg.squaredDistance(Path.SCALAR, corrupted, TEST) / TEST.rows();
        System.out.printf("corrupted test rows: error of the input itself %.3f, plain AE %.3f, denoising AE %.3f%n", eCorrupt, ePlain, eDae);
        assertTrue(eDae < 0.85 * ePlain, "denoising " + eDae + " vs plain " + ePlain);
        assertTrue(eDae < eCorrupt, "the denoising AE removes noise: " + eDae + " vs " + eCorrupt);
    }

    @Test
    void contractionLowersTheJacobianNorm() {
        AutoencoderConfig.Builder b = base().epochs(20);
        Autoencoder plain = Autoencoder.fit(b.build(), TRAIN), cae = Autoencoder.fit(b.contraction(0.5).build(), TRAIN);
        double jp = plain.jacobianNorm(TEST), jc = cae.jacobianNorm(TEST);
        System.out.printf("mean ‖J‖²_F on test rows: plain %.3f, contractive %.3f (reconstruction %.3f vs %.3f)%n", jp, jc,
                plain.reconstructionError(TEST), cae.reconstructionError(TEST));
        assertTrue(jc < 0.7 * jp, "contractive " + jc + " vs plain " + jp);
    }

    @Test
    void sparsityLowersTheMeanActivation() {
        AutoencoderConfig.Builder b = base().epochs(20);
        double plain = mean(Autoencoder.fit(b.build(), TRAIN).transform(TEST));
        double sparse = mean(Autoencoder.fit(b.sparsity(0.05, 0.5).build(), TRAIN).transform(TEST));
        System.out.printf("mean hidden activation: plain %.3f, sparse (ρ = 0.05) %.3f%n", plain, sparse);
        assertTrue(sparse < 0.15 && sparse < 0.5 * plain, "sparse " + sparse + " vs plain " + plain);
    }

    static double mean(FMatrix m) {
        double s = 0;
        for (float v : m.toArray()) s += v;
        return s / m.size();
    }

    /**
     * An undercomplete linear autoencoder (tied, squared error) on correlated Gaussian data learns PCA's principal
     * subspace: the cosines of the principal angles between span(rows of W) and the top-k eigenvectors of the
     * covariance (LAPACK dsyevd) are all close to 1.
     */
    @Test
    void linearAutoencoderFindsThePrincipalSubspace() {
        assumeTrue(Lapack.isAvailable(), "OpenBLAS/LAPACK not loaded");
        int d = 12, k = 3, n = 600;
        SplittableRandom r = new SplittableRandom(5);
        double[][] basis = new double[d][d]; // random mixing
        for (double[] row : basis) for (int j = 0; j < d; j++) row[j] = r.nextGaussian();
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) scale[j] = j < k ? 3.0 - 0.7 * j : 0.25;
        FMatrix x = FMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            double[] z = new double[d];
            for (int j = 0; j < d; j++) z[j] = r.nextGaussian() * scale[j];
            for (int a = 0; a < d; a++) {
                double s = 1.0; // a non-zero mean: the biases must absorb it
                for (int j = 0; j < d; j++) s += basis[a][j] * z[j] / Math.sqrt(d);
                x.set(i, a, (float) s);
            }
        }
        // PCA: top-k eigenvectors of the covariance
        double[] mean = new double[d], cov = new double[d * d], eig = new double[d];
        for (int i = 0; i < n; i++) for (int a = 0; a < d; a++) mean[a] += x.get(i, a) / n;
        for (int i = 0; i < n; i++) for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) {
            cov[a * d + b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]) / (n - 1);
        }
        assertEquals(0, Lapack.dsyevd(true, true, d, cov, 0, d, eig, 0));
        double[][] pca = new double[k][d]; // eigenvectors are columns, ascending: take the last k
        for (int c = 0; c < k; c++) for (int a = 0; a < d; a++) pca[c][a] = cov[a * d + (d - 1 - c)];
        System.out.printf("covariance eigenvalues (top 5): %.3f %.3f %.3f %.3f %.3f%n", eig[d - 1], eig[d - 2], eig[d - 3], eig[d - 4], eig[d - 5]);

        AutoencoderConfig cfg = AutoencoderConfig.builder(k).encoder(Activation.LINEAR).decoder(Activation.LINEAR)
                .epochs(150).batchSize(50).learningRate(0.01).seed(3).monitorSamples(0).build();
        Autoencoder ae = Autoencoder.fit(cfg, x);
        FMatrix w = ae.weights();
        double[][] q = new double[k][d];
        for (int j = 0; j < k; j++) for (int a = 0; a < d; a++) q[j][a] = w.get(j, a);
        orthonormalise(q);
        double[] cos = principalCosines(q, pca);
        System.out.printf("linear AE vs PCA principal-angle cosines: %s%n", java.util.Arrays.toString(cos));
        for (double c : cos) assertTrue(c > 0.99, "cosines " + java.util.Arrays.toString(cos));
    }

    static void orthonormalise(double[][] q) { // modified Gram–Schmidt on the rows
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < i; j++) {
                double dot = 0;
                for (int a = 0; a < q[i].length; a++) dot += q[i][a] * q[j][a];
                for (int a = 0; a < q[i].length; a++) q[i][a] -= dot * q[j][a];
            }
            double norm = 0;
            for (double v : q[i]) norm += v * v;
            norm = Math.sqrt(norm);
            for (int a = 0; a < q[i].length; a++) q[i][a] /= norm;
        }
    }

    /** Singular values of QPᵀ (orthonormal rows), ascending: √eig((QPᵀ)ᵀ(QPᵀ)). */
    static double[] principalCosines(double[][] q, double[][] p) {
        int k = q.length, d = q[0].length;
        double[] m = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) for (int a = 0; a < d; a++) m[i * k + j] += q[i][a] * p[j][a];
        double[] mtm = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) for (int t = 0; t < k; t++) mtm[i * k + j] += m[t * k + i] * m[t * k + j];
        double[] ev = new double[k];
        assertEquals(0, Lapack.dsyevd(false, true, k, mtm, 0, k, ev, 0));
        for (int i = 0; i < k; i++) ev[i] = Math.sqrt(Math.max(ev[i], 0));
        return ev;
    }

    @Test
    void saveLoadRoundTripGivesBitIdenticalOutputs() throws IOException {
        for (AutoencoderConfig cfg : new AutoencoderConfig[] {base().epochs(3).build(),
                base().epochs(3).tied(false).encoder(Activation.TANH).decoder(Activation.LINEAR).gaussianNoise(0.2).build()}) {
            Autoencoder m = Autoencoder.fit(cfg, TRAIN);
            java.nio.file.Path f = dir.resolve("ae-" + cfg.tied() + ".safetensors");
            m.save(f);
            Autoencoder back = Autoencoder.load(f);
            assertArrayEquals(m.transform(TEST).toArray(), back.transform(TEST).toArray());
            assertArrayEquals(m.reconstruct(TEST).toArray(), back.reconstruct(TEST).toArray());
            float[] o1 = new float[m.outputSize()], o2 = new float[m.outputSize()];
            m.transformInto(TEST.data(), TEST.rowOffset(5), o1, 0);
            back.transformInto(TEST.data(), TEST.rowOffset(5), o2, 0);
            assertArrayEquals(o1, o2);
            assertEquals(cfg.toMap(), back.config().toMap());
            assertEquals(m.provenance(), back.provenance());
            assertEquals(cfg.tied(), back.tied());
        }
    }

    @Test
    void loadRefusesOtherModelsAndBrokenShapes() throws IOException {
        java.nio.file.Path f = dir.resolve("other.safetensors");
        io.latentj.models.io.SafeTensors.write(f, Map.of("weight", io.latentj.models.io.SafeTensors.Tensor.matrix(2, 3, new float[6])), Map.of("model", "BernoulliRBM"));
        assertThrows(FormatException.class, () -> Autoencoder.load(f));
        java.nio.file.Path g = dir.resolve("broken.safetensors");
        io.latentj.models.io.SafeTensors.write(g, Map.of("weight", io.latentj.models.io.SafeTensors.Tensor.matrix(2, 3, new float[6]),
                "hidden_bias", io.latentj.models.io.SafeTensors.Tensor.vector(new float[3]),
                "visible_bias", io.latentj.models.io.SafeTensors.Tensor.vector(new float[3])), Map.of("model", "Autoencoder"));
        assertThrows(FormatException.class, () -> Autoencoder.load(g));
    }

    @Test
    void transformIntoMatchesTransform() {
        for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.SOFTPLUS, Activation.LINEAR}) {
            Autoencoder m = Autoencoder.fit(base().epochs(2).encoder(f).decoder(Activation.LINEAR).build(), TRAIN);
            FMatrix h = m.transform(TEST);
            float[] out = new float[m.outputSize() + 3];
            for (int i = 0; i < 10; i++) {
                m.transformInto(TEST.data(), TEST.rowOffset(i), out, 3);
                for (int j = 0; j < m.outputSize(); j++) assertEquals(h.get(i, j), out[3 + j], 1e-5f, f + " row " + i);
            }
        }
    }

    @Test
    void badInputIsRefused() {
        FMatrix nan = TRAIN.copy();
        nan.set(4, 7, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.fit(base().build(), nan));
        assertTrue(e.getMessage().contains("row 4") && e.getMessage().contains("column 7"), e.getMessage());
        FMatrix big = TRAIN.copy();
        big.set(0, 0, 2f);
        assertThrows(IllegalArgumentException.class, () -> Autoencoder.fit(base().loss(Loss.BINARY_CROSS_ENTROPY).build(), big));
        Autoencoder m = Autoencoder.fit(base().epochs(1).build(), TRAIN);
        assertThrows(IllegalArgumentException.class, () -> m.transform(FMatrix.zeros(2, NV + 1)));
        assertThrows(IllegalArgumentException.class, () -> m.transform(nan));
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(new float[NV - 1], 0, new float[20], 0));
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(new float[NV], 0, new float[19], 0));
        float[] inf = new float[NV];
        inf[3] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(inf, 0, new float[20], 0));
        assertThrows(IllegalArgumentException.class, () -> Autoencoder.fit(base().build(), TRAIN, FMatrix.zeros(3, NV - 1), TrainingListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> base().encoder(Activation.TANH).sparsity(0.1, 1).build());
        assertThrows(IllegalArgumentException.class, () -> base().encoder(Activation.RELU).contraction(0.1).build());
        assertThrows(IllegalArgumentException.class, () -> base().decoder(Activation.LINEAR).loss(Loss.BINARY_CROSS_ENTROPY).build());
        assertThrows(IllegalArgumentException.class, () -> base().maskingNoise(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> AutoencoderConfig.builder(0));
    }

    @Test
    void seededTrainingIsReproducible() {
        AutoencoderConfig cfg = base().epochs(3).maskingNoise(0.2).build();
        Autoencoder a = Autoencoder.fit(cfg, TRAIN), b = Autoencoder.fit(cfg, TRAIN), c = Autoencoder.fit(cfg.toBuilder().seed(8).build(), TRAIN);
        assertArrayEquals(a.weights().toArray(), b.weights().toArray());
        assertArrayEquals(a.visibleBias(), b.visibleBias());
        assertFalse(java.util.Arrays.equals(a.weights().toArray(), c.weights().toArray()));
    }

    @Test
    void configSurvivesItsMap() {
        AutoencoderConfig cfg = base().tied(false).encoder(Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).sparsity(0.1, 0.2)
                .contraction(0.3).gaussianNoise(0.4).optimizer(Optimizer.Kind.SGD).momentum(0.5).weightDecay(1e-3).clipNorm(2).build();
        assertEquals(cfg.toMap(), AutoencoderConfig.fromMap(cfg.toMap()).toMap());
    }

    @Test
    void trainingOnSeveralThreadsGivesTheOneThreadModel() {
        // each minibatch is split over a Team by rows and then by units; 290 rows in batches of 20 end with 10
        FMatrix x = prototypes(11, 290, 0.05);
        int before = io.latentj.simd.Parallelism.threads();
        try {
            AutoencoderConfig.Builder[] variants = {
                    base().tied(true).maskingNoise(0.3),
                    base().tied(false).decoder(Activation.SIGMOID),
                    base().tied(true).loss(Loss.BINARY_CROSS_ENTROPY).gaussianNoise(0.1),
                    base().tied(false).decoder(Activation.LINEAR).encoder(Activation.TANH).noNoise(),
            };
            for (AutoencoderConfig.Builder v : variants) {
                for (io.latentj.simd.Path path : new io.latentj.simd.Path[] {io.latentj.simd.Path.SCALAR, io.latentj.simd.Path.AUTO}) {
                    AutoencoderConfig cfg = v.epochs(3).monitorSamples(0).path(path).build();
                    io.latentj.simd.Parallelism.setThreads(1);
                    Autoencoder one = Autoencoder.fit(cfg, x);
                    for (int threads : new int[] {2, 3}) {
                        io.latentj.simd.Parallelism.setThreads(threads);
                        Autoencoder many = Autoencoder.fit(cfg, x);
                        String what = cfg + " " + threads + " threads";
                        float tol = path == io.latentj.simd.Path.SCALAR ? 0f : 1e-4f;
                        assertArrayEquals(one.weights().toArray(), many.weights().toArray(), tol, what);
                        assertArrayEquals(one.hiddenBias(), many.hiddenBias(), tol, what);
                        assertArrayEquals(one.visibleBias(), many.visibleBias(), tol, what);
                        if (!cfg.tied()) assertArrayEquals(one.decoderWeights().toArray(), many.decoderWeights().toArray(), tol, what);
                    }
                }
            }
        } finally {
            io.latentj.simd.Parallelism.setThreads(before);
        }
    }
}
