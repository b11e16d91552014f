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

    /** Loads the model, whatever its family. */
    public static Encoder load(Path file) throws IOException {
        String type = type(file);
        return switch (type) {
            case "BernoulliRBM" -> BernoulliRBM.load(file);
            case "GaussianBernoulliRBM" -> GaussianBernoulliRBM.load(file);
            case "SoftmaxRBM" -> SoftmaxRBM.load(file);
            case "PCA" -> io.latentj.models.linear.PCA.load(file);
            case "ProbabilisticPCA" -> io.latentj.models.linear.ProbabilisticPCA.load(file);
            case "FactorAnalysis" -> io.latentj.models.linear.FactorAnalysis.load(file);
            case "SparseCoder" -> io.latentj.models.sparse.SparseCoder.load(file);
            case "KMeansDictionary" -> io.latentj.models.sparse.KMeansDictionary.load(file);
            case "Autoencoder" -> io.latentj.models.autoencoder.Autoencoder.load(file);
            case "DeepBeliefNet" -> io.latentj.models.dbn.DeepBeliefNet.load(file);
            case "DeepAutoencoder" -> io.latentj.models.dbn.DeepAutoencoder.load(file);
            case "MlpClassifier" -> io.latentj.models.nn.MlpClassifier.load(file);
            default -> throw new FormatException(file, "__metadata__.model", "unknown model type " + type);
        };
    }
}
