package io.latentj.cli;

import io.latentj.models.Encoder;
import io.latentj.models.ModelFiles;
import io.latentj.models.Reconstructor;
import io.latentj.models.data.DataFiles;
import io.latentj.models.data.Npy;
import io.latentj.models.io.Json;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj reconstruct}: decode(encode(x)) for every row, as .npy, and optionally originals beside reconstructions as PNG. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, description = "Reconstruct every row of a data file through a model.")
final class ReconstructCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model file (.safetensors).") java.nio.file.Path model;
    @Option(names = "--data", required = true, description = "Data: .csv/.tsv, .npy, single-array .npz, or IDX images.") java.nio.file.Path data;
    @Option(names = "--out", required = true, description = "Output .npy file (same shape as the data).") java.nio.file.Path out;
    @Option(names = "--png", description = "Also write the first --count originals above their reconstructions as a PNG.") java.nio.file.Path png;
    @Option(names = "--image", defaultValue = "28x28", description = "Image shape for --png (default: ${DEFAULT-VALUE}).") String image;
    @Option(names = "--count", defaultValue = "20", description = "Images in the PNG (default: ${DEFAULT-VALUE}).") int count;

    @Override
    public Integer call() throws Exception {
        Encoder m = ModelFiles.load(model);
        if (!(m instanceof Reconstructor r)) throw new IllegalArgumentException(model + " holds a model that cannot reconstruct its inputs");
        FMatrix x = DataFiles.readMatrix(data);
        FMatrix rec = r.reconstruct(x);
        Npy.write(out, rec);
        if (png != null) {
            ImageShape shape = ImageShape.parse(image);
            shape.requireFits(x.cols());
            int n = Math.min(count, x.rows());
            Pictures.pairs(x.rowRange(0, n), rec.rowRange(0, n), shape.height(), shape.width(), 10, 2, png);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "reconstruct");
        summary.put("rows", x.rows());
        summary.put("mean_squared_error_per_row", Linalg.squaredDistance(Path.AUTO, x, rec) / Math.max(1, x.rows()));
        summary.put("out", out.toString());
        if (png != null) summary.put("png", png.toString());
        System.out.println(Json.write(summary));
        return 0;
    }
}
