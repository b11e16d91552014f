package io.latentj.cli;

import io.latentj.models.sparse.KMeansConfig;
import io.latentj.models.sparse.KMeansDictionary;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code latentj train kmeans}: a spherical k-means dictionary with soft-threshold or triangle encoding (Coates &amp; Ng). */
@Command(name = "kmeans", mixinStandardHelpOptions = true,
        description = "Learn a k-means dictionary (spherical k-means on normalised, optionally ZCA-whitened inputs).")
final class TrainKMeansCommand extends TrainModelCommand {
    @Mixin CheckpointOptions checkpoints;
    @Option(names = "--centroids", defaultValue = "256", description = "Dictionary atoms (default: ${DEFAULT-VALUE}).") int centroids;
    @Option(names = "--iterations", defaultValue = "10", description = "k-means iterations (default: ${DEFAULT-VALUE}).") int iterations;
    @Option(names = "--whiten", description = "ZCA-whiten the normalised inputs first.") boolean whiten;
    @Option(names = "--encoding", defaultValue = "SOFT_THRESHOLD", description = "SOFT_THRESHOLD or TRIANGLE (default: ${DEFAULT-VALUE}).") KMeansConfig.Encoding encoding;
    @Option(names = "--alpha", defaultValue = "0.25", description = "Soft-threshold α (default: ${DEFAULT-VALUE}).") double alpha;

    @Override
    void train(TrainingData td, Path path, Map<String, Object> summary) throws Exception {
        KMeansConfig.Builder b = KMeansConfig.builder(centroids).iterations(iterations).encoding(encoding).alpha(alpha).seed(seed).path(path);
        if (whiten) b.whiten(true, 0.1);
        KMeansConfig cfg = b.build();
        KMeansDictionary model = KMeansDictionary.fit(cfg, td.train(), null, checkpoints.forOutput(out));
        model.save(out);
        summary.put("config", cfg.toMap());
    }
}
