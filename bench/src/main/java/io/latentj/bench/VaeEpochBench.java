package io.latentj.bench;

import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import io.latentj.models.data.FashionMnist;
import io.latentj.models.vae.VaeConfig;
import io.latentj.models.vae.VariationalAutoencoder;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 8's VAE benchmark, LatentJ's side: a 784-400-20 VAE (ReLU, Bernoulli decoder on grey-level targets, Adam
 * 0.001, batch 100) trained on the 60,000 Fashion-MNIST training images; prints one JSON line with the seconds of
 * each epoch (training only) and the test-set ELBO (one z per image) and 50-sample importance-weighted log p(x)
 * after the last epoch. Run by bench/vae-vs-torch.sh beside PyTorch.
 *
 * <p>Arguments: {@code --epochs N} (5), {@code --threads T} (2), {@code --path auto|simd|blas|scalar} (auto),
 * {@code --data DIR}, {@code --seed S} (1).
 */
public final class VaeEpochBench {
    private VaeEpochBench() {}

    public static void main(String[] args) throws Exception {
        int epochs = 5, threads = 2;
        long seed = 1;
        String path = "auto", data = FashionMnist.DEFAULT_DIR;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--path" -> path = args[++i];
                case "--data" -> data = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Parallelism.setThreads(threads);
        Path p = Path.parse(path);
        FashionMnist fm = FashionMnist.load(java.nio.file.Path.of(data));
        VaeConfig cfg = VaeConfig.builder(20).hidden(400).epochs(epochs).batchSize(100).learningRate(1e-3)
                .monitorSamples(0).seed(seed).path(p).build();
        List<Double> seconds = new ArrayList<>();
        List<Double> trainElbo = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override public void onEpoch(EpochReport r) {
                seconds.add(r.seconds());
                trainElbo.add(r.metric("elbo"));
                System.err.printf(Locale.ROOT, "epoch %d: %.2f s, training ELBO %.2f%n", r.epoch(), r.seconds(), r.metric("elbo"));
            }
        };
        VariationalAutoencoder vae = VariationalAutoencoder.fit(cfg, fm.trainImages(), null, l);
        double elbo = vae.elbo(fm.testImages(), Rng.of(7));
        double iw = vae.logLikelihood(fm.testImages().rowRange(0, 2000), 50, Rng.of(8));
        System.out.printf(Locale.ROOT, "{\"peer\": \"latentj\", \"config\": \"path %s, %d thread%s\", \"threads\": %d, \"epochs\": %d, "
                        + "\"epoch_runs\": %s, \"epoch_s\": %.4f, \"train_elbo\": %s, \"test_elbo\": %.4f, \"test_iw50_2000\": %.4f}%n",
                path, threads, threads > 1 ? "s" : "", threads, epochs, seconds, seconds.stream().mapToDouble(d -> d).min().orElse(Double.NaN),
                trainElbo, elbo, iw);
    }
}
