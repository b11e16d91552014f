package io.latentj.models.sparse;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Model-file metadata shared by the models of this package. */
final class ModelFiles {
    private ModelFiles() {}

    static Map<String, String> metadata(String type, String version, Map<String, String> config, Map<String, String> provenance) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", type);
        meta.put("format_version", version);
        meta.put("library", "latentj 0.1.0-SNAPSHOT");
        config.forEach((k, v) -> meta.put("config." + k, v));
        provenance.forEach((k, v) -> meta.put("provenance." + k, v));
        return meta;
    }

    static void checkHeader(java.nio.file.Path file, SafeTensors.Contents contents, String type, String version) throws FormatException {
        String t = contents.metadata().getOrDefault("model", type);
        if (!t.equals(type)) throw new FormatException(file, "__metadata__.model", "holds a " + t + ", not a " + type);
        String v = contents.metadata().getOrDefault("format_version", version);
        if (!v.equals(version)) throw new FormatException(file, "__metadata__.format_version", "version " + v + " is not supported");
    }

    static Map<String, String> prefixed(SafeTensors.Contents contents, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        contents.metadata().forEach((k, v) -> {
            if (k.startsWith(prefix)) m.put(k.substring(prefix.length()), v);
        });
        return m;
    }
}
