package io.latentj.models.data;

import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Reads a data matrix from a file, choosing the reader by the file name: .csv/.tsv (numbers, header detected), .npy, .npz (one array), or IDX images. */
public final class DataFiles {
    private DataFiles() {}

    public static FMatrix readMatrix(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".npy")) return Npy.read(file);
        if (name.endsWith(".npz")) {
            Map<String, FMatrix> arrays = Npy.readNpz(file);
            if (arrays.size() != 1) throw new FormatException(file, "", "holds " + arrays.keySet() + "; name one array (a single-array .npz is read directly)");
            return arrays.values().iterator().next();
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            Csv.Options o = Csv.Options.defaults();
            return Csv.read(file, name.endsWith(".tsv") ? o.withDelimiter('\t') : o).x();
        }
        if (name.contains("idx") || name.endsWith("-ubyte") || name.endsWith("-ubyte.gz")) return Idx.readImages(file);
        throw new FormatException(file, "", "unknown data format: use .csv, .tsv, .npy, .npz or an IDX image file (…-idx3-ubyte[.gz])");
    }
}
