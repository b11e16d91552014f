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
 *
 * <p>The kernel {@link Path} is a property of the machine that runs a model, not of the model: {@link #metadata} does not
 * write it into {@code config.*} (a config's {@code path} is recorded as the metadata entry {@code trained_path}, and
 * any {@code <prefix>.path} of a nested config is dropped), and {@link #config()} drops any stored path and gives the
 * one chosen at load
 * ({@link #kernelPath()}: explicit, else {@link Path#defaultPath()}), so a file trained with {@code blas} loads
 * where OpenBLAS is missing.
 */
public final class ModelFile {
    /** The library that wrote a file, as recorded in its metadata. */
    public static final String LIBRARY = "latentj 0.1.0-SNAPSHOT";

    /**
     * The metadata key that records the kernel path of the model that was saved: the path it trained on, unless it was
     * loaded and saved again.
     */
    public static final String TRAINED_PATH = "trained_path";

    private final ModelSource source;
    private final String file;
    private final SafeTensors.Contents contents;
    private final Path kernelPath;
    private final String trainedPath;
    private final Map<String, String> config = new LinkedHashMap<>(), provenance = new LinkedHashMap<>();

    private ModelFile(ModelSource source, SafeTensors.Contents contents, Path kernelPath) {
        this.source = source;
        this.file = source.name();
        this.contents = contents;
        this.kernelPath = kernelPath;
        String trained = null;
        for (Map.Entry<String, String> e : contents.metadata().entrySet()) {
            String k = e.getKey(), v = e.getValue();
            if (k.startsWith("config.")) {
                String key = k.substring(7);
                if (!isPathKey(key)) config.put(key, v);
                else if (key.equals("path")) trained = v;
            } else if (k.startsWith("provenance.")) provenance.put(k.substring(11), v);
        }
        config.put("path", id(kernelPath));
        this.trainedPath = contents.metadata().getOrDefault(TRAINED_PATH, trained);
    }

    /** A config key naming a kernel path: {@code path}, or {@code <prefix>.path} of a nested config. */
    private static boolean isPathKey(String key) {
        return key.equals("path") || key.endsWith(".path");
    }

    private static String id(Path p) {
        return p.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The metadata of a model file: type, version, library, {@code config.*} and {@code provenance.*}. */
    public static Map<String, String> metadata(String type, String version, Map<String, String> config, Map<String, String> provenance) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", type);
        meta.put("format_version", version);
        meta.put("library", LIBRARY);
        config.forEach((k, v) -> { if (!isPathKey(k)) meta.put("config." + k, v); });
        String trained = config.get("path"); // a composite without its own path (a stack): its first part's
        for (Map.Entry<String, String> e : config.entrySet()) if (trained == null && isPathKey(e.getKey())) trained = e.getValue();
        if (trained != null) meta.put(TRAINED_PATH, trained);
        provenance.forEach((k, v) -> meta.put("provenance." + k, v));
        return meta;
    }

    /** Writes a model file atomically. */
    public static void write(java.nio.file.Path file, String type, String version, Map<String, Tensor> tensors,
                             Map<String, String> config, Map<String, String> provenance) throws IOException {
        SafeTensors.write(file, tensors, metadata(type, version, config, provenance));
    }

    /** Reads a model file, checking that it holds a {@code type} of format {@code version}, for the default kernel path. */
    public static ModelFile read(java.nio.file.Path file, String type, String version) throws IOException {
        return read(ModelSource.of(file), type, version, Path.defaultPath());
    }

    /**
     * Reads a model from any source, checking that it holds a {@code type} of format {@code version}; the model is to
     * run on {@code kernelPath}, whatever path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} is null or cannot run on this machine
     */
    public static ModelFile read(ModelSource source, String type, String version, Path kernelPath) throws IOException {
        if (kernelPath == null) throw new IllegalArgumentException("kernel path must not be null");
        if (!kernelPath.isAvailable()) {
            throw new IllegalArgumentException("kernel path " + id(kernelPath) + " is not available on this machine"
                    + (kernelPath == Path.BLAS ? " (OpenBLAS was not loaded)" : ""));
        }
        SafeTensors.Contents contents = SafeTensors.read(source);
        String found = contents.metadata().getOrDefault("model", type);
        if (!found.equals(type)) throw new FormatException(source.name(), "__metadata__.model", "holds a " + found + ", not a " + type);
        String v = contents.metadata().getOrDefault("format_version", version);
        if (!v.equals(version)) throw new FormatException(source.name(), "__metadata__.format_version", "version " + v + " is not supported");
        return new ModelFile(source, contents, kernelPath);
    }

    /** The file read, or null when the model came from memory or a stream. */
    public java.nio.file.Path file() {
        return source.file();
    }

    /** The source's name, for error messages. */
    public String source() {
        return file;
    }

    /**
     * The kernel path recorded when the model was saved ({@value #TRAINED_PATH}, or an older file's {@code config.path}),
     * or null; for information only, the model runs on {@link #kernelPath()}.
     */
    public String trainedPath() {
        return trainedPath;
    }

    /** The kernel path the loaded model is to run on (chosen at load, not stored in the file). */
    public Path kernelPath() {
        return kernelPath;
    }

    public SafeTensors.Contents contents() {
        return contents;
    }

    /**
     * The {@code config.*} entries without their prefix (a mutable copy), any stored kernel path replaced by
     * {@code path} = {@link #kernelPath()}.
     */
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
