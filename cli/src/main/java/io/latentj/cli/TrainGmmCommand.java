package io.latentj.cli;

import io.latentj.models.mixture.GaussianMixture;
import io.latentj.models.mixture.GaussianMixtureConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train gmm}: a Gaussian mixture by EM (or soft k-means). */
@Command(name = "gmm", mixinStandardHelpOptions = true, description = "Fit a Gaussian mixture by EM; reports log-likelihood and BIC.")
final class TrainGmmCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--components", required = true, description = "Mixture components.") int components;
    @Option(names = "--covariance", defaultValue = "FULL", description = "FULL, DIAGONAL or SPHERICAL (default: ${DEFAULT-VALUE}).") GaussianMixtureConfig.CovarianceType covariance;
    @Option(names = "--soft-kmeans", description = "Soft k-means instead: spherical, fixed shared variance 1/β, equal weights; the value is β.") Double softKMeans;
    @Option(names = "--reg-covar", defaultValue = "1e-6", description = "Added to every variance (default: ${DEFAULT-VALUE}).") double regCovar;
    @Option(names = "--tolerance", defaultValue = "1e-3", description = "EM stops when the mean log-likelihood gains less (default: ${DEFAULT-VALUE}).") double tolerance;
    @Option(names = "--max-iterations", defaultValue = "100", description = "EM iterations at most (default: ${DEFAULT-VALUE}).") int maxIterations;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        GaussianMixtureConfig.Builder b = softKMeans != null ? GaussianMixtureConfig.softKMeans(components, softKMeans)
                : GaussianMixtureConfig.builder(components).covariance(covariance).regCovar(regCovar);
        GaussianMixtureConfig cfg = b.tolerance(tolerance).maxIterations(maxIterations).seed(seed).path(path).build();
        GaussianMixture gm = GaussianMixture.fit(cfg, td.train(), null, checkpoints.forOutput(out));
        gm.save(out);
        summary.put("log_likelihood_per_sample", gm.score(td.train()));
        summary.put("bic", gm.bic(td.train()));
        if (td.heldOut() != null) summary.put("held_out_log_likelihood_per_sample", gm.score(td.heldOut()));
    }
}
