package io.latentj.models;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.GaussianBernoulliRBM;
import io.latentj.models.rbm.SoftmaxRBM;

import java.io.IOException;
import java.nio.file.Path;

/** Opens any LatentJ model file by the {@code model} entry of its metadata. */
public final class ModelFiles {
    private ModelFiles() {}

    /** The model type a file declares (metadata {@code model}); files without it are taken as BernoulliRBM. */
    public static String type(Path file) throws IOException {
        return SafeTensors.read(file).metadata().getOrDefault("model", "BernoulliRBM");
    }

    /**
     * Loads the model, whatever its family; when the file records an {@link InputScaling}, the model comes wrapped in
     * a {@link ScaledModel} that applies it to every input.
     */
    public static Encoder load(Path file) throws IOException {
        InputScaling scaling = InputScaling.readFrom(file, SafeTensors.read(file));
        Encoder model = loadModel(file);
        try {
            return ScaledModel.of(scaling, model);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "input_scaling", e.getMessage());
        }
    }

    /** Loads the model without its input scaling (it then expects inputs already scaled). */
    public static Encoder loadModel(Path file) throws IOException {
        String type = type(file);
        return switch (type) {
            case "BernoulliRBM" -> BernoulliRBM.load(file);
            case "GaussianBernoulliRBM" -> GaussianBernoulliRBM.load(file);
            case "SoftmaxRBM" -> SoftmaxRBM.load(file);
            case "PCA" -> io.latentj.models.linear.PCA.load(file);
            case "ProbabilisticPCA" -> io.latentj.models.linear.ProbabilisticPCA.load(file);
            case "FactorAnalysis" -> io.latentj.models.linear.FactorAnalysis.load(file);
            case "FastICA" -> io.latentj.models.linear.FastICA.load(file);
            case "GaussianMixture" -> io.latentj.models.mixture.GaussianMixture.load(file);
            case "SparseCoder" -> io.latentj.models.sparse.SparseCoder.load(file);
            case "KMeansDictionary" -> io.latentj.models.sparse.KMeansDictionary.load(file);
            case "Autoencoder" -> io.latentj.models.autoencoder.Autoencoder.load(file);
            case "WordVectors" -> io.latentj.models.words.WordVectors.load(file);
            case "BoltzmannMachine" -> io.latentj.models.boltzmann.BoltzmannMachine.load(file);
            case "VariationalAutoencoder" -> io.latentj.models.vae.VariationalAutoencoder.load(file);
            case "EnergyICA" -> io.latentj.models.energy.EnergyICA.load(file);
            case "ProductOfExperts" -> io.latentj.models.energy.ProductOfExperts.load(file);
            case "RecurrentNet" -> io.latentj.models.rnn.RecurrentNet.load(file);
            case "StackedAutoencoder" -> io.latentj.models.autoencoder.StackedAutoencoder.load(file);
            case "DeepBeliefNet" -> io.latentj.models.dbn.DeepBeliefNet.load(file);
            case "DeepAutoencoder" -> io.latentj.models.dbn.DeepAutoencoder.load(file);
            case "MlpClassifier" -> io.latentj.models.nn.MlpClassifier.load(file);
            default -> throw new FormatException(file, "__metadata__.model", "unknown model type " + type);
        };
    }
}
