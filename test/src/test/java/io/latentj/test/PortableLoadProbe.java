package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.models.ModelFiles;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.FMatrix;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run by {@link PortableModelTest} in a fresh JVM, typically without OpenBLAS: loads model files on this machine's
 * default kernel path and on an explicit {@code scalar} path, transforms the contract subject's data and writes the
 * outputs as {@code <label>.default} and {@code <label>.scalar} to a safetensors file; its metadata records whether
 * BLAS was available and what loading with an explicit {@code blas} path said. Arguments: the output file, then
 * triples of subject name, label and model file.
 */
public final class PortableLoadProbe {
    private PortableLoadProbe() {}

    public static void main(String[] args) throws Exception {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("blas_available", Boolean.toString(io.latentj.simd.Path.BLAS.isAvailable()));
        meta.put("default_path", io.latentj.simd.Path.defaultPath().name());
        for (int i = 1; i + 2 < args.length; i += 3) {
            String name = args[i], label = args[i + 1];
            Path file = Path.of(args[i + 2]);
            ContractSubject s = ContractSubjects.all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            FMatrix x = s.data();
            Encoder byDefault = ModelFiles.load(ModelSource.of(file));
            Encoder scalar = ModelFiles.load(ModelSource.of(file), io.latentj.simd.Path.SCALAR);
            FMatrix a = byDefault.transform(x), b = scalar.transform(x);
            out.put(label + ".default", Tensor.matrix(a.rows(), a.cols(), a.toArray()));
            out.put(label + ".scalar", Tensor.matrix(b.rows(), b.cols(), b.toArray()));
            try {
                ModelFiles.load(ModelSource.of(file), io.latentj.simd.Path.BLAS);
                meta.put(label + ".blas", "loaded");
            } catch (IllegalArgumentException e) {
                meta.put(label + ".blas", e.getMessage());
            }
        }
        SafeTensors.write(Path.of(args[0]), out, meta);
        System.out.println("wrote " + out.size() + " outputs");
    }
}
