package io.latentj.cli;

import io.latentj.models.Encoder;
import io.latentj.models.ModelFiles;
import io.latentj.models.data.DataFiles;
import io.latentj.models.data.Npy;
import io.latentj.models.io.Json;
import io.latentj.simd.FMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj encode}: codes (hidden probabilities, features) of every row of a data file, as .npy. */
@Command(name = "encode", mixinStandardHelpOptions = true, description = "Encode every row of a data file with a trained model.")
final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model file (.safetensors).") Path model;
    @Option(names = "--data", required = true, description = "Data: .csv/.tsv, .npy, single-array .npz, or IDX images.") Path data;
    @Option(names = "--out", required = true, description = "Output .npy file (rows × code size, float32).") Path out;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Encoder m = ModelFiles.load(model);
        FMatrix x = DataFiles.readMatrix(data);
        FMatrix codes = m.transform(x);
        Npy.write(out, codes);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "encode");
        summary.put("model", model.toString());
        summary.put("rows", x.rows());
        summary.put("code_size", codes.cols());
        summary.put("out", out.toString());
        summary.put("seconds", (System.nanoTime() - t0) / 1e9);
        System.out.println(Json.write(summary));
        return 0;
    }
}
