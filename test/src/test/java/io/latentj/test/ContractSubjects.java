package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.models.autoencoder.Autoencoder;
import io.latentj.models.autoencoder.AutoencoderConfig;
import io.latentj.models.boltzmann.BoltzmannConfig;
import io.latentj.models.boltzmann.BoltzmannMachine;
import io.latentj.models.autoencoder.StackedAutoencoder;
import io.latentj.models.autoencoder.StackedAutoencoderConfig;
import io.latentj.models.data.Ratings;
import io.latentj.models.energy.EnergyICA;
import io.latentj.models.energy.EnergyTrainingConfig;
import io.latentj.models.energy.PoeConfig;
import io.latentj.models.energy.ProductOfExperts;
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
import io.latentj.models.linear.FastICA;
import io.latentj.models.linear.FastIcaConfig;
import io.latentj.models.mixture.GaussianMixture;
import io.latentj.models.mixture.GaussianMixtureConfig;
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
import io.latentj.models.words.WindowScorerConfig;
import io.latentj.models.words.WordVectors;
import io.latentj.models.vae.VaeConfig;
import io.latentj.models.vae.VariationalAutoencoder;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** The models under the common contract: add each new model family here. */
final class ContractSubjects {
    private ContractSubjects() {}

    static List<ContractSubject> all() {
        List<ContractSubject> all = new java.util.ArrayList<>();
        all.add(bernoulliRbm());
        all.add(gaussianBernoulliRbm());
        all.add(softmaxRbm());
        all.add(pca());
        all.add(probabilisticPca());
        all.add(factorAnalysis());
        all.add(sparseCoder());
        all.add(kmeansDictionary());
        all.add(autoencoder("Autoencoder", binaryData(5), AutoencoderConfig.builder(19).epochs(3).batchSize(25).build()));
        all.add(autoencoder("DenoisingAutoencoder", binaryData(6), AutoencoderConfig.builder(19).epochs(3).batchSize(25).maskingNoise(0.3).build()));
        all.add(autoencoder("SparseAutoencoder", binaryData(7), AutoencoderConfig.builder(19).epochs(3).batchSize(25).sparsity(0.05, 0.1).build()));
        all.add(autoencoder("ContractiveAutoencoder", binaryData(8), AutoencoderConfig.builder(19).epochs(3).batchSize(25).contraction(0.1).build()));
        all.add(autoencoder("UntiedTanhAutoencoder", realData(9), AutoencoderConfig.builder(13).epochs(3).batchSize(20).tied(false)
                            .encoder(Activation.TANH).decoder(Activation.LINEAR).loss(Loss.SQUARED_ERROR).gaussianNoise(0.2).build()));
        all.add(wordVectors());
        all.add(boltzmannMachine());
        all.add(vae("VariationalAutoencoder", binaryData(10), VaeConfig.builder(5).hidden(19).epochs(3).batchSize(25).learningRate(3e-3).build()));
        all.add(vae("GaussianVaeTwoLayers", realData(11), VaeConfig.builder(4).hidden(17, 9).activation(Activation.TANH).gaussianDecoder(0.5)
                .epochs(3).batchSize(20).learningRate(3e-3).build()));
        all.add(productOfExperts("ProductOfExpertsSM", PoeConfig.builder(13).epochs(2).batchSize(25).build()));
        all.add(productOfExperts("ProductOfExpertsCD", PoeConfig.builder(13).method(PoeConfig.Method.CD_HMC).stepSize(0.05).leapfrogSteps(5)
                .epochs(2).batchSize(25).build()));
        all.add(energyIca());
        all.add(recurrentNet("LSTM", io.latentj.models.rnn.Cell.LSTM, 10));
        all.add(recurrentNet("ElmanRNN", io.latentj.models.rnn.Cell.TANH, 11));
        all.add(recurrentNet("IRNN", io.latentj.models.rnn.Cell.RELU, 12));
        all.add(fastIca());
        all.add(gaussianMixture("GaussianMixtureFull", GaussianMixtureConfig.CovarianceType.FULL));
        all.add(gaussianMixture("GaussianMixtureDiagonal", GaussianMixtureConfig.CovarianceType.DIAGONAL));
        all.add(mlp("MlpClassifier", MlpConfig.builder(11, 7).hiddenActivation(Activation.SIGMOID).epochs(3).batchSize(25).learningRate(0.01).build()));
        all.add(mlp("ReluMlpClassifier", MlpConfig.builder(13).epochs(3).batchSize(20).learningRate(0.01).build()));
        all.add(stackedAutoencoder());
        all.add(kmeansEuclidean());
        all.add(factorAnalysisEigen());
        all.add(deepBeliefNet("DeepBeliefNet", binaryData(10), false));
        all.add(deepBeliefNet("GaussianDeepBeliefNet", realData(11), true));
        all.add(deepAutoencoder());
        all.add(sparseCoderHomotopy());
        return all;
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

    /** The exact LASSO path: batch and single codes are the same per-row computation. */
    private static ContractSubject sparseCoderHomotopy() {
        return new ContractSubject() {
            public String name() { return "SparseCoder (homotopy)"; }
            public FMatrix data() { return realData(3); }
            public Encoder fit(long seed, FMatrix data) {
                return DictionaryLearning.fitOnline(DictionaryLearningConfig.builder(23).lambda(0.3).epochs(2).batchSize(40)
                        .seed(seed).build(), data).coder().withSolver(SparseCoder.Solver.HOMOTOPY, 500, 1e-6);
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

    private static ContractSubject productOfExperts(String name, PoeConfig config) {
        return new ContractSubject() {
            public String name() { return name; }
            public FMatrix data() { return realData(10); }
            public Encoder fit(long seed, FMatrix d) { return ProductOfExperts.fit(config.toBuilder().seed(seed).build(), d); }
            public void save(Encoder m, Path f) throws IOException { ((ProductOfExperts) m).save(f); }
            public Encoder load(Path f) throws IOException { return ProductOfExperts.load(f); }
        };
    }

    private static ContractSubject energyIca() {
        return new ContractSubject() {
            public String name() { return "EnergyICA"; }
            public FMatrix data() { return realData(11).colRange(0, 7).copy(); }
            public Encoder fit(long seed, FMatrix d) {
                return EnergyICA.fit(EnergyTrainingConfig.builder().epochs(3).batchSize(50).learningRate(0.01)
                        .optimizer(EnergyTrainingConfig.Optimizer.ADAM).seed(seed).build(), io.latentj.simd.Path.defaultPath(), d);
            }
            public void save(Encoder m, Path f) throws IOException { ((EnergyICA) m).save(f); }
            public Encoder load(Path f) throws IOException { return EnergyICA.load(f); }
        };
    }

    private static ContractSubject kmeansEuclidean() {
        return new ContractSubject() {
            public String name() { return "KMeansDictionary (Euclidean, triangle)"; }
            public FMatrix data() { return realData(3); }
            public Encoder fit(long seed, FMatrix data) {
                return KMeansDictionary.fit(KMeansConfig.builder(11).clustering(KMeansConfig.Clustering.EUCLIDEAN)
                        .normalize(false, 10).whiten(false, 0.1).encoding(KMeansConfig.Encoding.TRIANGLE).iterations(5).seed(seed).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((KMeansDictionary) m).save(f); }
            public Encoder load(Path f) throws IOException { return KMeansDictionary.load(f); }
        };
    }

    private static ContractSubject factorAnalysisEigen() {
        return new ContractSubject() {
            public String name() { return "FactorAnalysis (scaled-eigen method)"; }
            public FMatrix data() { return realData(4); }
            public Encoder fit(long seed, FMatrix data) {
                return FactorAnalysis.fit(FactorAnalysisConfig.builder(5).method(FactorAnalysisConfig.Method.EIGEN).maxIterations(30)
                        .seed(seed).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((FactorAnalysis) m).save(f); }
            public Encoder load(Path f) throws IOException { return FactorAnalysis.load(f); }
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

    /** Sentences over 3 word classes of 4 words (a vocabulary of 2 + 12 + 3 function words). */
    private static List<String[]> sentences() {
        SplittableRandom r = new SplittableRandom(12);
        String[][] cls = {{"cat", "dog", "cow", "hen"}, {"runs", "eats", "sits", "hops"}, {"park", "barn", "yard", "road"}};
        List<String[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.add(("the " + cls[0][r.nextInt(4)] + " " + cls[1][r.nextInt(4)] + " in " + cls[2][r.nextInt(4)] + " by the "
                    + cls[2][r.nextInt(4)]).split(" "));
        }
        return out;
    }

    /** Word vectors: the input is a window of 5 word ids (as floats), the code their concatenated vectors. */
    private static ContractSubject wordVectors() {
        return new ContractSubject() {
            public String name() { return "WordVectors"; }
            public FMatrix data() {
                SplittableRandom r = new SplittableRandom(13);
                FMatrix x = FMatrix.zeros(120, 5);
                for (int i = 0; i < 120; i++) for (int j = 0; j < 5; j++) x.set(i, j, r.nextInt(17));
                return x;
            }
            public Encoder fit(long seed, FMatrix d) {
                return WordVectors.fit(WindowScorerConfig.builder().dimension(7).window(5).hidden(9).epochs(2).batchSize(40).seed(seed).build(),
                        sentences(), null);
            }
            public boolean trainsOnData() { return false; }
            public void save(Encoder m, Path f) throws IOException { ((WordVectors) m).save(f); }
            public Encoder load(Path f) throws IOException { return WordVectors.load(f); }
        };
    }

    private static ContractSubject boltzmannMachine() {
        return new ContractSubject() {
            public String name() { return "BoltzmannMachine"; }
            public FMatrix data() { return binaryData(10); }
            public Encoder fit(long seed, FMatrix data) {
                return BoltzmannMachine.fit(BoltzmannConfig.builder(19).learningRate(0.01).epochs(3).batchSize(25).particles(25).seed(seed).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((BoltzmannMachine) m).save(f); }
            public Encoder load(Path f) throws IOException { return BoltzmannMachine.load(f); }
        };
    }

    private static ContractSubject vae(String name, FMatrix data, VaeConfig config) {
        return new ContractSubject() {
            public String name() { return name; }
            public FMatrix data() { return data.copy(); }
            public Encoder fit(long seed, FMatrix d) { return VariationalAutoencoder.fit(config.toBuilder().seed(seed).build(), d); }
            public void save(Encoder m, Path f) throws IOException { ((VariationalAutoencoder) m).save(f); }
            public Encoder load(Path f) throws IOException { return VariationalAutoencoder.load(f); }
        };
    }

    /** Sequences of 6 steps of 7 features (odd on purpose: SIMD tails): noisy phase-shifted waves, one sequence per row. */
    static FMatrix sequenceData(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(200, 6 * 7);
        for (int i = 0; i < 200; i++) {
            double phase = r.nextDouble() * 6;
            for (int t = 0; t < 6; t++) for (int j = 0; j < 7; j++) x.set(i, t * 7 + j, (float) (Math.sin(phase + 0.8 * t + 0.5 * j) + 0.1 * r.nextGaussian()));
        }
        return x;
    }

    /** A recurrent net trained without labels, to predict each next step (squared error); it encodes a sequence as its last hidden state. */
    private static ContractSubject recurrentNet(String name, io.latentj.models.rnn.Cell cell, long dataSeed) {
        return new ContractSubject() {
            public String name() { return name; }
            public FMatrix data() { return sequenceData(dataSeed); }
            public Encoder fit(long seed, FMatrix d) {
                return io.latentj.models.rnn.RecurrentNet.fitNextStep(io.latentj.models.rnn.RnnConfig.builder(cell, 13, 7)
                        .task(io.latentj.models.rnn.RnnConfig.Task.MANY_TO_MANY).loss(Loss.SQUARED_ERROR).learningRate(0.01)
                        .epochs(3).batchSize(25).seed(seed).build(), d);
            }
            public void save(Encoder m, Path f) throws IOException { ((io.latentj.models.rnn.RecurrentNet) m).save(f); }
            public Encoder load(Path f) throws IOException { return io.latentj.models.rnn.RecurrentNet.load(f); }
        };
    }

    private static ContractSubject fastIca() {
        return new ContractSubject() {
            public String name() { return "FastICA"; }
            public FMatrix data() { return realData(10); }
            public Encoder fit(long seed, FMatrix data) {
                return FastICA.fit(FastIcaConfig.builder(7).maxIterations(50).seed(seed).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((FastICA) m).save(f); }
            public Encoder load(Path f) throws IOException { return FastICA.load(f); }
        };
    }

    private static ContractSubject gaussianMixture(String name, GaussianMixtureConfig.CovarianceType type) {
        return new ContractSubject() {
            public String name() { return name; }
            public FMatrix data() { return realData(11); }
            public Encoder fit(long seed, FMatrix data) {
                // KMEANS_PLUS_PLUS: the seeds alone, so that another seed gives another start (and other codes)
                return GaussianMixture.fit(GaussianMixtureConfig.builder(3).covariance(type).init(GaussianMixtureConfig.Init.KMEANS_PLUS_PLUS)
                        .maxIterations(5).regCovar(1e-2).seed(seed).build(), data);
            }
            public void save(Encoder m, Path f) throws IOException { ((GaussianMixture) m).save(f); }
            public Encoder load(Path f) throws IOException { return GaussianMixture.load(f); }
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

    /** Two layers: a denoising tied autoencoder, then an untied one on its codes. */
    private static ContractSubject stackedAutoencoder() {
        StackedAutoencoderConfig config = StackedAutoencoderConfig.builder(
                AutoencoderConfig.builder(17).epochs(2).batchSize(25).maskingNoise(0.2).build(),
                AutoencoderConfig.builder(9).epochs(2).batchSize(25).tied(false).build()).build();
        return new ContractSubject() {
            public String name() { return "StackedAutoencoder"; }
            public FMatrix data() { return binaryData(11); }
            public Encoder fit(long seed, FMatrix d) {
                List<AutoencoderConfig> layers = config.layers().stream().map(c -> c.toBuilder().seed(seed + c.hidden()).build()).toList();
                return StackedAutoencoder.pretrain(StackedAutoencoderConfig.builder(layers).build(), d);
            }
            public void save(Encoder m, Path f) throws IOException { ((StackedAutoencoder) m).save(f); }
            public Encoder load(Path f) throws IOException { return StackedAutoencoder.load(f); }
        };
    }
}
