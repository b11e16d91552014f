package io.latentj.cli;

import io.latentj.models.sparse.KMeansConfig;
import io.latentj.models.sparse.KMeansDictionary;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj train kmeans}: a spherical k-means dictionary with soft-threshold or triangle encoding (Coates &amp; Ng). */
@Command(name = "kmeans", mixinStandardHelpOptions = true,
        description = "Learn a k-means dictionary (spherical k-means on normalised, optionally ZCA-whitened inputs).")
final class TrainKMeansCommand implements Callable<Integer> {
    @Mixin DataOptions dataOptions;
    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).") java.nio.file.Path out;
    @Option(names = "--centroids", defaultValue = "256", description = "Dictionary atoms (default: ${DEFAULT-VALUE}).") int centroids;
    @Option(names = "--iterations", defaultValue = "10", description = "k-means iterations (default: ${DEFAULT-VALUE}).") int iterations;
    @Option(names = "--whiten", description = "ZCA-whiten the normalised inputs first.") boolean whiten;
    @Option(names = "--encoding", defaultValue = "SOFT_THRESHOLD", description = "SOFT_THRESHOLD or TRIANGLE (default: ${DEFAULT-VALUE}).") KMeansConfig.Encoding encoding;
    @Option(names = "--alpha", defaultValue = "0.25", description = "Soft-threshold α (default: ${DEFAULT-VALUE}).") double alpha;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed;
    @Mixin KernelOptions kernels;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path path = kernels.apply();
        TrainingData td = TrainingData.load(dataOptions);
        KMeansConfig.Builder b = KMeansConfig.builder(centroids).iterations(iterations).encoding(encoding).alpha(alpha).seed(seed).path(path);
        if (whiten) b.whiten(true, 0.1);
        KMeansConfig cfg = b.build();
        KMeansDictionary model = KMeansDictionary.fit(cfg, td.train());
        model.save(out);
        td.attachScaling(out);
        Map<String, Object> summary = td.summary("train kmeans", out);
        summary.put("config", cfg.toMap());
        TrainingData.print(summary, t0);
        return 0;
    }
}
