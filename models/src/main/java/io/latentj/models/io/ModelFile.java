package io.latentj.models.io;

import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conventions every LatentJ model file follows, in one place: a safetensors file whose {@code __metadata__} holds
 * {@code model} (the type), {@code format_version}, {@code library}, the hyperparameters as {@code config.*} and the
 * provenance (seed, epochs, data fingerprint) as {@code provenance.*}. A file without {@code model} or
 * {@code format_version} is taken to be what the reader asks for, so files written by other tools need only the
 * documented tensor names.
 */
public final class ModelFile {
    /** The library that wrote a file, as recorded in its metadata. */
    public static final String LIBRARY = "latentj 0.1.0-SNAPSHOT";

    private final java.nio.file.Path file;
    private final SafeTensors.Contents contents;
    private final Map<String, String> config = new LinkedHashMap<>(), provenance = new LinkedHashMap<>();

    private ModelFile(java.nio.file.Path file, SafeTensors.Contents contents) {
        this.file = file;
        this.contents = contents;
        contents.metadata().forEach((k, v) -> {
            if (k.startsWith("config.")) config.put(k.substring(7), v);
            else if (k.startsWith("provenance.")) provenance.put(k.substring(11), v);
        });
    }

    /** The metadata of a model file: type, version, library, {@code config.*} and {@code provenance.*}. */
    public static Map<String, String> metadata(String type, String version, Map<String, String> config, Map<String, String> provenance) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", type);
        meta.put("format_version", version);
        meta.put("library", LIBRARY);
        config.forEach((k, v) -> meta.put("config." + k, v));
        provenance.forEach((k, v) -> meta.put("provenance." + k, v));
        return meta;
    }

    /** Writes a model file atomically. */
    public static void write(java.nio.file.Path file, String type, String version, Map<String, Tensor> tensors,
                             Map<String, String> config, Map<String, String> provenance) throws IOException {
        SafeTensors.write(file, tensors, metadata(type, version, config, provenance));
    }

    /** Reads a model file, checking that it holds a {@code type} of format {@code version}. */
    public static ModelFile read(java.nio.file.Path file, String type, String version) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        String found = contents.metadata().getOrDefault("model", type);
        if (!found.equals(type)) throw new FormatException(file, "__metadata__.model", "holds a " + found + ", not a " + type);
        String v = contents.metadata().getOrDefault("format_version", version);
        if (!v.equals(version)) throw new FormatException(file, "__metadata__.format_version", "version " + v + " is not supported");
        return new ModelFile(file, contents);
    }

    public java.nio.file.Path file() {
        return file;
    }

    public SafeTensors.Contents contents() {
        return contents;
    }

    /** The {@code config.*} entries without their prefix (a mutable copy). */
    public Map<String, String> config() {
        return new LinkedHashMap<>(config);
    }

    /** The {@code provenance.*} entries without their prefix (a mutable copy). */
    public Map<String, String> provenance() {
        return new LinkedHashMap<>(provenance);
    }

    public boolean has(String tensor) {
        return contents.tensors().containsKey(tensor);
    }

    /** The shape of a tensor that must be present. */
    public int[] shape(String name) throws FormatException {
        return contents.tensor(file, name).shape();
    }

    /**
     * The named tensor's data, checked to be present, of the given shape (−1: any size on that axis) and finite.
     */
    public float[] tensor(String name, int... shape) throws FormatException {
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

    /** A configuration error found while reading this file, as a {@link FormatException} naming it. */
    public FormatException badConfig(IllegalArgumentException e) {
        return new FormatException(file, "__metadata__ config", e.getMessage());
    }
}
