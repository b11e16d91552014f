package io.latentj.bench;

import io.latentj.models.data.FashionMnist;
import io.latentj.models.data.Npy;
import io.latentj.models.linear.FastICA;
import io.latentj.models.linear.FastIcaConfig;
import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.models.mixture.GaussianMixture;
import io.latentj.models.mixture.GaussianMixtureConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Parallelism;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * LatentJ's side of {@code bench/ica-gmm-vs-sklearn.sh}: on the first 10,000 Fashion-MNIST training images (pixels in
 * [0, 1]), FastICA with 20 components (symmetric, log cosh α = 1, tolerance 1e-4, at most 200 iterations: scikit-learn's
 * defaults) and, on the same images reduced to 50 dimensions by PCA, a 10-component diagonal Gaussian mixture
 * (tolerance 1e-3, at most 100 iterations, reg_covar 1e-6, k-means start). Each fit is warmed up
 * ({@link BenchSupport#warmUp}: at least once, more until 2 s have gone into it), then runs {@code runs} times on the
 * full data; wall-clock seconds of every run are printed as one JSON line with the
 * answers (iterations, mean log-likelihood). Writes the unmixing matrix and mean ({@code ica-unmixing.npy},
 * {@code ica-mean.npy}) and the PCA-reduced data ({@code gmm-data.npy}) to OUT_DIR, so that the peer script fits
 * scikit-learn on exactly the same GMM input and compares the ICA answers.
 *
 * <p>Usage: {@code IcaGmmBench OUT_DIR [runs]}.
 */
public final class IcaGmmBench {
    private IcaGmmBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) throw new IllegalArgumentException("usage: IcaGmmBench OUT_DIR [runs]");
        Path out = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Files.createDirectories(out);
        Path dir = FashionMnist.locate().orElseThrow(() -> new IllegalStateException("Fashion-MNIST not found: install dataset-fashion-mnist"));
        FMatrix x = FashionMnist.load(dir).trainImages().rowRange(0, 10_000).copy();

        FastIcaConfig ica = FastIcaConfig.builder(20).seed(0).build();
        BenchSupport.warmUp(() -> FastICA.fit(ica, x), 1); // JIT: a cold first fit ran ~5x slower than the next ones
        double[] icaSeconds = new double[runs];
        FastICA model = null;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            model = FastICA.fit(ica, x);
            icaSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        Npy.write(out.resolve("ica-unmixing.npy"), model.unmixingMatrix());
        Npy.write(out.resolve("ica-mean.npy"), FMatrix.wrap(model.mean(), 1, x.cols()));

        FMatrix z = PCA.fit(PcaConfig.components(50).build(), x).transform(x);
        Npy.write(out.resolve("gmm-data.npy"), z);
        GaussianMixtureConfig gmm = GaussianMixtureConfig.builder(10).covariance(GaussianMixtureConfig.CovarianceType.DIAGONAL).seed(0).build();
        BenchSupport.warmUp(() -> GaussianMixture.fit(gmm, z), 1);
        double[] gmmSeconds = new double[runs];
        GaussianMixture mix = null;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            mix = GaussianMixture.fit(gmm, z);
            gmmSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"peer\": \"latentj\", \"jdk\": \"%s\", \"threads\": %d, \"ica_s\": %s, \"ica_iterations\": %d, \"ica_converged\": %s, "
                        + "\"gmm_s\": %s, \"gmm_iterations\": %d, \"gmm_converged\": %s, \"gmm_score\": %.6f}",
                Runtime.version(), Parallelism.threads(), Arrays.toString(icaSeconds), model.iterations(), model.provenance().get("converged"),
                Arrays.toString(gmmSeconds), mix.iterations(), mix.converged(), mix.score(z)));
    }
}
