package io.latentj.models.linear;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The safetensors conventions of this package: metadata model/format_version/library/config.*&#47;provenance.*. */
final class ModelFiles {
    static final String FORMAT_VERSION = "1";

    private ModelFiles() {}

    static void write(java.nio.file.Path file, String type, Map<String, Tensor> tensors, Map<String, String> config,
                      Map<String, String> provenance) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", type);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("library", "latentj 0.1.0-SNAPSHOT");
        config.forEach((k, v) -> meta.put("config." + k, v));
        provenance.forEach((k, v) -> meta.put("provenance." + k, v));
        SafeTensors.write(file, tensors, meta);
    }

    /** A file's contents after checking its model type and version, with config.* and provenance.* split out. */
    record Read(java.nio.file.Path file, SafeTensors.Contents contents, Map<String, String> config, Map<String, String> provenance) {
        /** The named tensor, checked to be finite and of the given shape (−1: any size on that axis). */
        float[] tensor(String name, int... shape) throws FormatException {
            Tensor t = contents.tensor(file, name);
            boolean ok = t.shape().length == shape.length;
            for (int i = 0; ok && i < shape.length; i++) ok = shape[i] < 0 || shape[i] == t.shape()[i];
            if (!ok) throw new FormatException(file, "tensor " + name, "has shape " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape));
            try {
                Elementwise.requireFinite(Path.SCALAR, name, FMatrix.wrap(t.data(), 1, t.data().length));
            } catch (IllegalArgumentException e) {
                throw new FormatException(file, "tensor " + name, e.getMessage());
            }
            return t.data();
        }

        int[] shape(String name) throws FormatException {
            return contents.tensor(file, name).shape();
        }
    }

    static Read read(java.nio.file.Path file, String type) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        String found = contents.metadata().getOrDefault("model", type);
        if (!found.equals(type)) throw new FormatException(file, "__metadata__.model", "holds a " + found + ", not a " + type);
        String version = contents.metadata().getOrDefault("format_version", FORMAT_VERSION);
        if (!version.equals(FORMAT_VERSION)) throw new FormatException(file, "__metadata__.format_version", "version " + version + " is not supported");
        Map<String, String> cfg = new LinkedHashMap<>(), prov = new LinkedHashMap<>();
        contents.metadata().forEach((k, v) -> {
            if (k.startsWith("config.")) cfg.put(k.substring(7), v);
            else if (k.startsWith("provenance.")) prov.put(k.substring(11), v);
        });
        return new Read(file, contents, cfg, prov);
    }
}
