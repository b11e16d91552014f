package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.models.io.SafeTensors;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Model files are portable: models trained on the BLAS path are saved here, and a fresh JVM with OpenBLAS disabled
 * ({@code -Dlatentj.openblas=none}) loads and runs them ({@link PortableLoadProbe}), on its default path and on an
 * explicit scalar one, with the outputs of the training JVM within the kernels' tolerance. Files in the older layout,
 * which stored {@code config.path=blas}, load there too.
 */
class PortableModelTest {
    @TempDir
    Path dir;

    @Test
    void aModelTrainedWithBlasRunsWhereOpenBlasIsMissing() throws Exception {
        Assumptions.assumeTrue(io.latentj.simd.Path.BLAS.isAvailable(), "OpenBLAS is not loaded, nothing can train on the blas path");
        io.latentj.simd.Path before = io.latentj.simd.Path.defaultPath();
        Map<String, FMatrix> expected = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        Path outFile = dir.resolve("child-outputs.safetensors");
        args.add(outFile.toString());
        try {
            io.latentj.simd.Path.setDefault(io.latentj.simd.Path.BLAS); // every config built from here on trains on BLAS
            for (ContractSubject s : ContractSubjects.all()) {
                Encoder m = s.fit(4, s.data());
                Path f = dir.resolve(s.name() + ".safetensors");
                s.save(m, f);
                Map<String, String> meta = SafeTensors.read(f).metadata();
                assertFalse(meta.keySet().stream().anyMatch(k -> k.equals("config.path") || (k.startsWith("config.") && k.endsWith(".path"))),
                        s.name() + " wrote its kernel path into the config: " + meta);
                assertEquals("blas", meta.get("trained_path"), s.name() + " records the path that trained it");
                expected.put(s.name(), m.transform(s.data()));
                args.add(s.name());
                args.add(s.name());
                args.add(f.toString());
                Path old = dir.resolve(s.name() + "-old.safetensors");
                writeOldLayout(f, old);
                args.add(s.name());
                args.add(s.name() + "-old");
                args.add(old.toString());
            }
        } finally {
            io.latentj.simd.Path.setDefault(before);
        }

        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dlatentj.openblas=none", "-cp", System.getProperty("java.class.path"), PortableLoadProbe.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "probe hung");
        assertEquals(0, p.exitValue(), log);

        SafeTensors.Contents got = SafeTensors.read(outFile);
        assertEquals("false", got.metadata().get("blas_available"), "the child must run without OpenBLAS");
        List<String> problems = new ArrayList<>();
        for (var e : expected.entrySet()) {
            for (String label : List.of(e.getKey(), e.getKey() + "-old")) {
                String refusal = got.metadata().get(label + ".blas");
                if (refusal == null || !refusal.contains("not available")) problems.add(label + ": loading with path blas said " + refusal);
                for (String run : List.of(".default", ".scalar")) {
                    SafeTensors.Tensor t = got.tensors().get(label + run);
                    if (t == null) {
                        problems.add(label + run + " missing");
                        continue;
                    }
                    String d = differs(e.getValue(), t);
                    if (d != null) problems.add(label + run + ": " + d);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The first element beyond the tolerance of the kernels (relative 1e-4, absolute below 1), or null. */
    private static String differs(FMatrix want, SafeTensors.Tensor got) {
        if (got.shape()[0] != want.rows() || got.shape()[1] != want.cols()) return "shape " + java.util.Arrays.toString(got.shape());
        float[] a = want.toArray(), b = got.data();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= 1e-4 * Math.max(1, Math.abs(a[i])))) return "element " + i + ": blas " + a[i] + ", here " + b[i];
        }
        return null;
    }

    /** The file as LatentJ wrote it before the kernel path left the config: {@code config.path} and nested paths set to blas. */
    private static void writeOldLayout(Path from, Path to) throws java.io.IOException {
        SafeTensors.Contents c = SafeTensors.read(from);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.remove("trained_path");
        meta.put("config.path", "blas");
        for (String k : c.metadata().keySet()) {
            if (!k.startsWith("config.")) continue;
            int dot = k.lastIndexOf('.');
            if (dot > "config.".length() - 1) meta.put(k.substring(0, dot) + ".path", "blas");
        }
        SafeTensors.write(to, c.tensors(), meta);
    }
}
