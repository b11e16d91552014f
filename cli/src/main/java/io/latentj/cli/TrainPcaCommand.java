package io.latentj.cli;

import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.simd.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train pca}: principal components by count or by explained-variance fraction. */
@Command(name = "pca", mixinStandardHelpOptions = true, description = "Fit PCA (covariance eigen-decomposition or SVD).")
final class TrainPcaCommand extends TrainModelCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Size size;

    static final class Size {
        @Option(names = "--components", description = "Number of components.") Integer components;
        @Option(names = "--variance", description = "Smallest number of components explaining this fraction of the variance.") Double variance;
    }

    @Option(names = "--whiten", description = "Scale components to unit variance.") boolean whiten;
    @Option(names = "--solver", defaultValue = "EIGEN", description = "EIGEN, SVD or JACOBI (default: ${DEFAULT-VALUE}).") PcaConfig.Solver solver;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        PcaConfig.Builder b = size.components != null ? PcaConfig.components(size.components) : PcaConfig.varianceFraction(size.variance);
        PcaConfig cfg = b.whiten(whiten).solver(solver).path(path).build();
        PCA pca = PCA.fit(cfg, td.train());
        pca.save(out);
        summary.put("components", pca.outputSize());
        double explained = 0;
        for (float r : pca.explainedVarianceRatio()) explained += r;
        summary.put("explained_variance_ratio", explained);
    }
}
