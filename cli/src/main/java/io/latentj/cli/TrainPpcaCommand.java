package io.latentj.cli;

import io.latentj.models.linear.PpcaConfig;
import io.latentj.models.linear.ProbabilisticPCA;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj train ppca}: probabilistic PCA by the closed form or by EM. */
@Command(name = "ppca", mixinStandardHelpOptions = true, description = "Fit probabilistic PCA (closed-form maximum likelihood or EM).")
final class TrainPpcaCommand implements Callable<Integer> {
    @Mixin DataOptions dataOptions;
    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).") java.nio.file.Path out;
    @Option(names = "--components", required = true, description = "Latent dimensions.") int components;
    @Option(names = "--method", defaultValue = "CLOSED_FORM", description = "CLOSED_FORM or EM (default: ${DEFAULT-VALUE}).") PpcaConfig.Method method;
    @Option(names = "--max-iterations", defaultValue = "500", description = "EM iterations at most (default: ${DEFAULT-VALUE}).") int maxIterations;
    @Option(names = "--tolerance", defaultValue = "1e-6", description = "EM stops when the log-likelihood gains less (default: ${DEFAULT-VALUE}).") double tolerance;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed for the EM start (default: ${DEFAULT-VALUE}).") long seed;
    @Mixin KernelOptions kernels;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path path = kernels.apply();
        TrainingData td = TrainingData.load(dataOptions);
        PpcaConfig cfg = PpcaConfig.builder(components).method(method).maxIterations(maxIterations).tolerance(tolerance)
                .seed(seed).path(path).build();
        ProbabilisticPCA model = ProbabilisticPCA.fit(cfg, td.train());
        model.save(out);
        td.attachScaling(out);
        Map<String, Object> summary = td.summary("train ppca", out);
        summary.put("config", cfg.toMap());
        summary.put("log_likelihood_per_sample", model.score(td.train()));
        if (td.heldOut() != null) summary.put("held_out_log_likelihood_per_sample", model.score(td.heldOut()));
        TrainingData.print(summary, t0);
        return 0;
    }
}
