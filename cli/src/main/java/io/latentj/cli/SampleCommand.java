package io.latentj.cli;

import io.latentj.models.Encoder;
import io.latentj.models.ModelFiles;
import io.latentj.models.Sampler;
import io.latentj.models.data.Npy;
import io.latentj.models.io.Json;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj sample}: samples from a generative model (Gibbs chains from noise), as .npy and optionally a PNG grid. */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Draw samples from a generative model.")
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model file (.safetensors).") java.nio.file.Path model;
    @Option(names = "--count", defaultValue = "20", description = "Samples (default: ${DEFAULT-VALUE}).") int count;
    @Option(names = "--steps", defaultValue = "1000", description = "Sampling steps from noise (default: ${DEFAULT-VALUE}).") int steps;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--states", description = "Write drawn states instead of conditional means.") boolean states;
    @Option(names = "--out", required = true, description = "Output .npy file (count × inputs).") java.nio.file.Path out;
    @Option(names = "--png", description = "Also write the samples as a PNG grid.") java.nio.file.Path png;
    @Option(names = "--image", defaultValue = "28x28", description = "Image shape for --png (default: ${DEFAULT-VALUE}).") String image;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || steps < 1) throw new IllegalArgumentException("--count and --steps must be at least 1");
        FMatrix samples;
        if ("GenerativeAdversarialNetwork".equals(ModelFiles.type(model))) { // not an Encoder: G(z) of fresh noise
            var gan = io.latentj.models.gan.GenerativeAdversarialNetwork.load(model);
            samples = io.latentj.models.InputScaling.readFrom(model, io.latentj.models.io.SafeTensors.read(model)).invert(gan.sample(count, seed));
        } else {
            Encoder m = ModelFiles.load(model);
            if (!(m instanceof Sampler s)) throw new IllegalArgumentException(model + " holds a model that cannot draw samples");
            samples = s.sample(count, steps, Rng.of(seed), !states);
        }
        Npy.write(out, samples);
        if (png != null) {
            ImageShape shape = ImageShape.parse(image);
            shape.requireFits(samples.cols());
            Pictures.grid(samples, shape.height(), shape.width(), 10, 2, false, png);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "sample");
        summary.put("count", count);
        summary.put("steps", steps);
        summary.put("seed", seed);
        summary.put("out", out.toString());
        if (png != null) summary.put("png", png.toString());
        System.out.println(Json.write(summary));
        return 0;
    }
}
