package io.latentj.cli;

import io.latentj.models.io.Json;
import io.latentj.models.io.SafeTensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latentj info model.safetensors}: the model type, hyperparameters, provenance and tensor shapes of a model file. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show what a model file holds.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A model file (.safetensors).")
    Path file;

    @Override
    public Integer call() throws Exception {
        SafeTensors.Contents c = SafeTensors.read(file);
        System.err.println(file + ":");
        c.metadata().forEach((k, v) -> System.err.println("  " + k + " = " + v));
        Map<String, Object> tensors = new LinkedHashMap<>();
        c.tensors().forEach((name, t) -> {
            List<Object> shape = new ArrayList<>();
            for (int d : t.shape()) shape.add(d);
            tensors.put(name, shape);
            System.err.println("  tensor " + name + " " + shape);
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "info");
        summary.put("file", file.toString());
        summary.put("metadata", c.metadata());
        summary.put("tensors", tensors);
        System.out.println(Json.write(summary));
        return 0;
    }
}
