package io.latentj.cli;

import io.latentj.models.data.Ratings;
import io.latentj.models.data.RatingsCsv;
import io.latentj.models.io.Json;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.models.rbm.SoftmaxRBM;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj train softmax-rbm}: the RBM of collaborative filtering, on a {@code user,item,rating} CSV. */
@Command(name = "softmax-rbm", mixinStandardHelpOptions = true,
        description = "Train a softmax-visible RBM on ratings (user,item,rating CSV); reports held-out RMSE.")
final class TrainSoftmaxRbmCommand implements Callable<Integer> {
    @Option(names = "--ratings", required = true, description = "Ratings CSV: user,item,rating lines (header optional).") java.nio.file.Path ratings;
    @Option(names = "--levels", defaultValue = "5", description = "Ratings are integers 1..levels (default: ${DEFAULT-VALUE}).") int levels;
    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Ratings held out to measure RMSE (default: ${DEFAULT-VALUE}).") double testFraction;
    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).") java.nio.file.Path out;
    @Option(names = "--hidden", defaultValue = "100", description = "Hidden units (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--batch-size", defaultValue = "100", description = "Users per minibatch (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--learning-rate", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "-k", defaultValue = "1", description = "Gibbs steps per update (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--weight-cost", defaultValue = "1e-3", description = "L2 weight cost (default: ${DEFAULT-VALUE}).") double weightCost;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed;
    @Mixin KernelOptions kernels;
    @Mixin CheckpointOptions checkpoints;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        var path = kernels.apply();
        Ratings all = RatingsCsv.read(ratings, levels);
        Ratings.Split split = all.split(testFraction, seed);
        RbmConfig cfg = RbmConfig.builder(hidden).epochs(epochs).batchSize(batch).learningRate(lr).k(k).weightCost(weightCost)
                .path(path).seed(seed).build();
        SoftmaxRBM rbm;
        Progress progress = new Progress("softmax RBM " + all.items() + "x" + levels + "-" + hidden, "reconstruction_error");
        try (progress) {
            rbm = SoftmaxRBM.fit(cfg, split.train(), split.test(), progress, checkpoints.forOutput(out));
        }
        rbm.save(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "train softmax-rbm");
        summary.put("users", all.users());
        summary.put("items", all.items());
        summary.put("ratings", all.size());
        summary.put("model", out.toString());
        summary.put("config", cfg.toMap());
        if (split.test().size() > 0) summary.put("test_rmse", rbm.rmse(split.train(), split.test()));
        summary.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        System.out.println(Json.write(summary));
        return 0;
    }
}
