package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.models.autoencoder.Autoencoder;
import io.latentj.models.autoencoder.AutoencoderConfig;
import io.latentj.models.data.Ratings;
import io.latentj.models.dbn.DbnConfig;
import io.latentj.models.dbn.DeepAutoencoder;
import io.latentj.models.dbn.DeepAutoencoderConfig;
import io.latentj.models.dbn.DeepBeliefNet;
import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.MlpClassifier;
import io.latentj.models.nn.MlpConfig;
import io.latentj.models.linear.FactorAnalysis;
import io.latentj.models.linear.FactorAnalysisConfig;
import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.models.linear.PpcaConfig;
import io.latentj.models.linear.ProbabilisticPCA;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.GaussianBernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.models.rbm.SoftmaxRBM;
import io.latentj.models.sparse.DictionaryLearning;
import io.latentj.models.sparse.DictionaryLearningConfig;
import io.latentj.models.sparse.KMeansConfig;
import io.latentj.models.sparse.KMeansDictionary;
import io.latentj.models.sparse.SparseCoder;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** The models under the common contract: add each new model family here. */
final class ContractSubjects {
    private ContractSubjects() {}

    static List<ContractSubject> all() {
        return List.of(bernoulliRbm(), gaussianBernoulliRbm(), softmaxRbm(), pca(), probabilisticPca(), factorAnalysis(),
                sparseCoder(), kmeansDictionary(),
                autoencoder("Autoencoder", binaryData(5), AutoencoderConfig.builder(19).epochs(3).batchSize(25).build()),
                autoencoder("DenoisingAutoencoder", binaryData(6), AutoencoderConfig.builder(19).epochs(3).batchSize(25).maskingNoise(0.3).build()),
                autoencoder("SparseAutoencoder", binaryData(7), AutoencoderConfig.builder(19).epochs(3).batchSize(25).sparsity(0.05, 0.1).build()),
                autoencoder("ContractiveAutoencoder", binaryData(8), AutoencoderConfig.builder(19).epochs(3).batchSize(25).contraction(0.1).build()),
                autoencoder("UntiedTanhAutoencoder", realData(9), AutoencoderConfig.builder(13).epochs(3).batchSize(20).tied(false)
                        .encoder(Activation.TANH).decoder(Activation.LINEAR).loss(Loss.SQUARED_ERROR).gaussianNoise(0.2).build()),
                deepBeliefNet("DeepBeliefNet", binaryData(10), false),
                deepBeliefNet("GaussianDeepBeliefNet", realData(11), true),
                deepAutoencoder(),
                mlp("MlpClassifier", MlpConfig.builder(11, 7).hiddenActivation(Activation.SIGMOID).epochs(3).batchSize(25).learningRate(0.01).build()),
                mlp("ReluMlpClassifier", MlpConfig.builder(13).epochs(3).batchSize(20).learningRate(0.01).build()));
    }

    /** Binary data with structure: 37 columns (odd on purpose: SIMD tails), rows drawn from 4 prototypes with noise. */
    static FMatrix binaryData(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(200, 37);
        for (int i = 0; i < 200; i++) {
            int proto = r.nextInt(4);
            for (int j = 0; j < 37; j++) {
                boolean on = (j * 7 + proto * 11) % 4 == 0;
                x.set(i, j, (on ^ r.nextDouble() < 0.1) ? 1f : 0f);
            }
        }
        return x;
    }

    private static ContractSubject bernoulliRbm() {
        return new ContractSubject() {
            public String name() { return "BernoulliRBM"; }
            public FMatrix data() { return binaryData(1); }
            public Encoder fit(long seed, FMatrix data) {
                return BernoulliRBM.fit(RbmConfig.builder(19).epochs(3).batchSize(25).seed(seed).persistent(true).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((BernoulliRBM) m).save(f); }
            public Encoder load(Path f) throws IOException { return BernoulliRBM.load(f); }
        };
    }

    /** Standardised real-valued data: 37 columns, a mixture of two clusters. */
    static FMatrix realData(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(200, 37);
        for (int i = 0; i < 200; i++) {
            double shift = r.nextBoolean() ? 1 : -1;
            for (int j = 0; j < 37; j++) x.set(i, j, (float) (r.nextGaussian() * 0.6 + shift * ((j % 3) - 1)));
        }
        return x;
    }

    private static ContractSubject gaussianBernoulliRbm() {
        return new ContractSubject() {
            public String name() { return "GaussianBernoulliRBM"; }
            public FMatrix data() { return realData(2); }
            public Encoder fit(long seed, FMatrix data) {
                return GaussianBernoulliRBM.fit(RbmConfig.builder(13).learningRate(0.005).epochs(3).batchSize(20).seed(seed).build(),
                        true, data, null, io.latentj.models.TrainingListener.NONE);
            }
            public void save(Encoder m, Path f) throws IOException { ((GaussianBernoulliRBM) m).save(f); }
            public Encoder load(Path f) throws IOException { return GaussianBernoulliRBM.load(f); }
        };
    }

    /** 60 users × 23 items, ratings 1..5 from two user tastes; the model's input is the items·5 one-hot vector. */
    static Ratings ratings() {
        SplittableRandom r = new SplittableRandom(4);
        java.util.List<int[]> rows = new java.util.ArrayList<>();
        for (int u = 0; u < 60; u++) {
            int taste = u % 2;
            for (int i = 0; i < 23; i++) {
                if (r.nextDouble() < 0.4) rows.add(new int[] {u, i, 1 + (((i + taste * 2) % 5) + (r.nextDouble() < 0.2 ? 1 : 0)) % 5});
            }
        }
        int[] user = rows.stream().mapToInt(a -> a[0]).toArray(), item = rows.stream().mapToInt(a -> a[1]).toArray();
        int[] rating = rows.stream().mapToInt(a -> a[2]).toArray();
        return Ratings.of(60, 23, 5, user, item, rating);
    }

    private static ContractSubject softmaxRbm() {
        return new ContractSubject() {
            public String name() { return "SoftmaxRBM"; }
            public FMatrix data() {
                Ratings rt = ratings();
                FMatrix x = FMatrix.zeros(rt.users(), rt.items() * rt.levels());
                for (int u = 0; u < rt.users(); u++) {
                    for (int p = rt.userStart()[u]; p < rt.userStart()[u + 1]; p++) {
                        x.set(u, rt.item()[p] * rt.levels() + rt.rating()[p] - 1, 1f);
                    }
                }
                return x;
            }
            public Encoder fit(long seed, FMatrix data) {
                return SoftmaxRBM.fit(RbmConfig.builder(11).learningRate(0.05).epochs(3).batchSize(10).seed(seed).build(), ratings());
            }
            public boolean trainsOnData() { return false; }
            public void save(Encoder m, Path f) throws IOException { ((SoftmaxRBM) m).save(f); }
            public Encoder load(Path f) throws IOException { return SoftmaxRBM.load(f); }
        };
    }

    private static ContractSubject pca() {
        return new ContractSubject() {
            public String name() { return "PCA"; }
            public FMatrix data() { return realData(6); }
            public Encoder fit(long seed, FMatrix data) {
                return PCA.fit(PcaConfig.components(7).whiten(true).build(), data); // no randomness: see seeded()
            }
            public boolean seeded() { return false; }
            public void save(Encoder m, Path f) throws IOException { ((PCA) m).save(f); }
            public Encoder load(Path f) throws IOException { return PCA.load(f); }
        };
    }

    private static ContractSubject probabilisticPca() {
        return new ContractSubject() {
            public String name() { return "ProbabilisticPCA"; }
            public FMatrix data() { return realData(7); }
            public Encoder fit(long seed, FMatrix data) {
                return ProbabilisticPCA.fit(PpcaConfig.builder(5).method(PpcaConfig.Method.EM).maxIterations(30).seed(seed).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((ProbabilisticPCA) m).save(f); }
            public Encoder load(Path f) throws IOException { return ProbabilisticPCA.load(f); }
        };
    }

    private static ContractSubject factorAnalysis() {
        return new ContractSubject() {
            public String name() { return "FactorAnalysis"; }
            public FMatrix data() { return realData(8); }
            public Encoder fit(long seed, FMatrix data) {
                return FactorAnalysis.fit(FactorAnalysisConfig.builder(5).maxIterations(30).seed(seed).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((FactorAnalysis) m).save(f); }
            public Encoder load(Path f) throws IOException { return FactorAnalysis.load(f); }
        };
    }

    private static ContractSubject sparseCoder() {
        return new ContractSubject() {
            public String name() { return "SparseCoder"; }
            public FMatrix data() { return realData(2); }
            public Encoder fit(long seed, FMatrix data) {
                // coordinate descent: the batch runs the single-sample routine per row, so the two agree exactly
                return DictionaryLearning.fit(DictionaryLearningConfig.builder(19).lambda(0.5).iterations(3).codingIterations(100)
                        .seed(seed).build(), data).coder().withSolver(SparseCoder.Solver.COORDINATE_DESCENT, 200, 1e-5);
            }
            public void save(Encoder m, Path f) throws IOException { ((SparseCoder) m).save(f); }
            public Encoder load(Path f) throws IOException { return SparseCoder.load(f); }
        };
    }

    private static ContractSubject kmeansDictionary() {
        return new ContractSubject() {
            public String name() { return "KMeansDictionary"; }
            public FMatrix data() { return realData(2); }
            public Encoder fit(long seed, FMatrix data) {
                return KMeansDictionary.fit(KMeansConfig.builder(13).normalize(true, 0.1)
                        .whiten(io.latentj.bindings.lapack.Lapack.isAvailable(), 0.1).iterations(5).alpha(0.25).seed(seed).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((KMeansDictionary) m).save(f); }
            public Encoder load(Path f) throws IOException { return KMeansDictionary.load(f); }
        };
    }

    private static ContractSubject autoencoder(String name, FMatrix data, AutoencoderConfig config) {
        return new ContractSubject() {
            public String name() { return name; }
            public FMatrix data() { return data.copy(); }
            public Encoder fit(long seed, FMatrix d) { return Autoencoder.fit(config.toBuilder().seed(seed).build(), d); }
            public void save(Encoder m, Path f) throws IOException { ((Autoencoder) m).save(f); }
            public Encoder load(Path f) throws IOException { return Autoencoder.load(f); }
        };
    }

    /** Two hidden layers (odd sizes), the top RBM with 3 label units for the binary net; Gaussian bottom for real data. */
    private static ContractSubject deepBeliefNet(String name, FMatrix data, boolean gaussian) {
        return new ContractSubject() {
            public String name() { return name; }
            public FMatrix data() { return data.copy(); }
            public Encoder fit(long seed, FMatrix d) {
                RbmConfig l1 = RbmConfig.builder(19).learningRate(gaussian ? 0.005 : 0.05).epochs(3).batchSize(25).build();
                RbmConfig l2 = RbmConfig.builder(11).epochs(3).batchSize(25).build();
                DbnConfig.Builder b = DbnConfig.builder().layer(l1).layer(l2).gaussianVisible(gaussian).upDown(1, 0.01, 2, 25).seed(seed);
                if (gaussian) return DeepBeliefNet.fit(b.build(), d);
                int[] labels = new int[d.rows()];
                for (int i = 0; i < labels.length; i++) labels[i] = i % 3;
                return DeepBeliefNet.fit(b.classes(3).build(), d, labels, null);
            }
            public void save(Encoder m, Path f) throws IOException { ((DeepBeliefNet) m).save(f); }
            public Encoder load(Path f) throws IOException { return DeepBeliefNet.load(f); }
        };
    }

    private static ContractSubject deepAutoencoder() {
        return new ContractSubject() {
            public String name() { return "DeepAutoencoder"; }
            public FMatrix data() { return binaryData(12); }
            public Encoder fit(long seed, FMatrix d) {
                return DeepAutoencoder.fit(DeepAutoencoderConfig.builder(23, 13, 5).pretraining(RbmConfig.builder(1).epochs(2).batchSize(25).build())
                        .fineTuneEpochs(2).batchSize(25).seed(seed).build(), d);
            }
            public void save(Encoder m, Path f) throws IOException { ((DeepAutoencoder) m).save(f); }
            public Encoder load(Path f) throws IOException { return DeepAutoencoder.load(f); }
        };
    }

    /** Three classes read off the first two columns of each row (x₀ + 2x₁), so the labels follow the data given. */
    private static ContractSubject mlp(String name, MlpConfig config) {
        return new ContractSubject() {
            public String name() { return name; }
            public FMatrix data() { return binaryData(10); }
            public Encoder fit(long seed, FMatrix d) {
                int[] labels = new int[d.rows()];
                for (int r = 0; r < d.rows(); r++) labels[r] = (d.get(r, 0) > 0.5f ? 1 : 0) + (d.get(r, 1) > 0.5f ? 1 : 0);
                return MlpClassifier.fit(config.toBuilder().seed(seed).build(), d, labels, 3);
            }
            public void save(Encoder m, Path f) throws IOException { ((MlpClassifier) m).save(f); }
            public Encoder load(Path f) throws IOException { return MlpClassifier.load(f); }
        };
    }
}
