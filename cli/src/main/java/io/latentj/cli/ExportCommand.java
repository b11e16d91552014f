package io.latentj.cli;

import io.latentj.models.data.Npy;
import io.latentj.models.io.Json;
import io.latentj.models.io.SafeTensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj export}: tensors of a model file as {@code .npy} files, for numpy and friends. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write tensors of a model file as .npy files.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A model file (.safetensors).") Path file;
    @Option(names = "--tensor", description = "Tensor to export (repeatable; default: all). `latentj info` lists them.") List<String> names;
    @Option(names = "--out", required = true, description = "Output: a .npy file for one tensor, else a directory (<tensor>.npy each).") Path out;

    @Override
    public Integer call() throws Exception {
        SafeTensors.Contents c = SafeTensors.read(file);
        List<String> wanted = names == null || names.isEmpty() ? new ArrayList<>(c.tensors().keySet()) : names;
        boolean single = wanted.size() == 1 && out.getFileName().toString().endsWith(".npy");
        if (!single) Files.createDirectories(out);
        Map<String, Object> written = new LinkedHashMap<>();
        for (String name : wanted) {
            SafeTensors.Tensor t = c.tensor(file, name);
            Path target = single ? out : out.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".npy");
            Npy.write(target, t.data(), t.shape());
            written.put(name, target.toString());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "export");
        summary.put("file", file.toString());
        summary.put("written", written);
        System.out.println(Json.write(summary));
        return 0;
    }
}
