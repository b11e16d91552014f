package io.latentj.models;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.GaussianBernoulliRBM;
import io.latentj.models.rbm.SoftmaxRBM;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens any LatentJ model by the {@code model} entry of its metadata, from a file or any other {@link ModelSource}
 * (bytes, a buffer, a memory segment, a bounded stream). A model runs on the kernel path given at load, else on
 * {@link io.latentj.simd.Path#defaultPath()}, whatever path trained it.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** The model type a file declares (metadata {@code model}); files without it are taken as BernoulliRBM. */
    public static String type(Path file) throws IOException {
        return type(ModelSource.of(file));
    }

    /** The model type a source declares (metadata {@code model}); models without it are taken as BernoulliRBM. */
    public static String type(ModelSource source) throws IOException {
        return type(SafeTensors.read(source));
    }

    private static String type(SafeTensors.Contents contents) {
        return contents.metadata().getOrDefault("model", "BernoulliRBM");
    }

    /**
     * Loads the model, whatever its family; when the file records an {@link InputScaling}, the model comes wrapped in
     * a {@link ScaledModel} that applies it to every input.
     */
    public static Encoder load(Path file) throws IOException {
        return load(ModelSource.of(file));
    }

    /** {@link #load(Path)} from any source, on the default kernel path. */
    public static Encoder load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * {@link #load(Path)} from any source, to run on {@code kernelPath} (the path that trained the model does not
     * matter): the input scaling the model records is applied the same way whatever the source.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static Encoder load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(source);
        InputScaling scaling = InputScaling.readFrom(source.name(), contents);
        Encoder model = loadModel(source, type(contents), kernelPath);
        try {
            return ScaledModel.of(scaling, model);
        } catch (IllegalArgumentException e) {
            throw new FormatException(source.name(), "input_scaling", e.getMessage());
        }
    }

    /** Loads the model without its input scaling (it then expects inputs already scaled). */
    public static Encoder loadModel(Path file) throws IOException {
        return loadModel(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** {@link #loadModel(Path)} from any source, to run on {@code kernelPath}. */
    public static Encoder loadModel(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        return loadModel(source, type(source), kernelPath);
    }

    private static Encoder loadModel(ModelSource src, String type, io.latentj.simd.Path p) throws IOException {
        return switch (type) {
            case "BernoulliRBM" -> BernoulliRBM.load(src, p);
            case "GaussianBernoulliRBM" -> GaussianBernoulliRBM.load(src, p);
            case "SoftmaxRBM" -> SoftmaxRBM.load(src, p);
            case "PCA" -> io.latentj.models.linear.PCA.load(src, p);
            case "ProbabilisticPCA" -> io.latentj.models.linear.ProbabilisticPCA.load(src, p);
            case "FactorAnalysis" -> io.latentj.models.linear.FactorAnalysis.load(src, p);
            case "FastICA" -> io.latentj.models.linear.FastICA.load(src, p);
            case "GaussianMixture" -> io.latentj.models.mixture.GaussianMixture.load(src, p);
            case "SparseCoder" -> io.latentj.models.sparse.SparseCoder.load(src, p);
            case "KMeansDictionary" -> io.latentj.models.sparse.KMeansDictionary.load(src, p);
            case "Autoencoder" -> io.latentj.models.autoencoder.Autoencoder.load(src, p);
            case "WordVectors" -> io.latentj.models.words.WordVectors.load(src, p);
            case "BoltzmannMachine" -> io.latentj.models.boltzmann.BoltzmannMachine.load(src, p);
            case "VariationalAutoencoder" -> io.latentj.models.vae.VariationalAutoencoder.load(src, p);
            case "EnergyICA" -> io.latentj.models.energy.EnergyICA.load(src, p);
            case "ProductOfExperts" -> io.latentj.models.energy.ProductOfExperts.load(src, p);
            case "RecurrentNet" -> io.latentj.models.rnn.RecurrentNet.load(src, p);
            case "StackedAutoencoder" -> io.latentj.models.autoencoder.StackedAutoencoder.load(src, p);
            case "DeepBeliefNet" -> io.latentj.models.dbn.DeepBeliefNet.load(src, p);
            case "DeepAutoencoder" -> io.latentj.models.dbn.DeepAutoencoder.load(src, p);
            case "MlpClassifier" -> io.latentj.models.nn.MlpClassifier.load(src, p);
            default -> throw new FormatException(src.name(), "__metadata__.model", "unknown model type " + type);
        };
    }
}
