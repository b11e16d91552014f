package io.latentj.simd;

import io.latentj.simd.AutoPolicy.Machine;
import io.latentj.simd.AutoPolicy.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Which policy auto uses: the property's file, the per-user file, the built-in one for the vector width. */
class AutoPolicySelectionTest {
    private static final String BLAS_512 = "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64";
    private static final Machine AVX512 = new Machine("AMD EPYC 9B14", 512, BLAS_512);
    private static final Machine AVX2 = new Machine("AMD EPYC 9B14", 256, BLAS_512.replace("Cooperlake", "Haswell"));

    @TempDir
    java.nio.file.Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final int threadsBefore = Parallelism.threads();

    @AfterEach
    void builtIn() {
        Parallelism.setThreads(threadsBefore);
        AutoPolicy.reset(AutoPolicy.BUILT_IN, null, Machine.current(), m -> {});
    }

    private static String tuned(Machine m, long gemm) {
        return "machine.cpu=" + m.cpu() + "\nmachine.vectorBits=" + m.vectorBits() + "\nmachine.openblas=" + m.openblas()
                + "\nmachine.jdk=25\ngemm.threads1=" + gemm + "\ngemm.threads2=" + gemm + "\n";
    }

    private java.nio.file.Path write(String name, String text) throws IOException {
        java.nio.file.Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private String select(String property, java.nio.file.Path userFile, Machine m) {
        AutoPolicy.reset(property, userFile, m, warnings::add);
        return AutoPolicy.source();
    }

    @Test
    void theBuiltInPolicyFollowsTheVectorWidth() throws IOException {
        assertEquals("auto-policy-512.properties", AutoPolicy.builtInResource(512));
        assertEquals("auto-policy-512.properties", AutoPolicy.builtInResource(1024), "wider than 512: the widest policy");
        assertEquals("auto-policy-256.properties", AutoPolicy.builtInResource(256));
        assertEquals("auto-policy-128.properties", AutoPolicy.builtInResource(128));
        assertEquals("auto-policy-128.properties", AutoPolicy.builtInResource(64));
        assertEquals("auto-policy-128.properties", AutoPolicy.builtInResource(0), "no Vector API");
        for (int bits : new int[] {0, 128, 256, 512}) {
            Machine m = new Machine("cpu", bits, "none");
            String source = select(null, dir.resolve("absent.properties"), m);
            assertTrue(source.startsWith("built-in " + AutoPolicy.builtInResource(bits)), source);
            // every built-in file exists, parses, and has a threshold for every op at one thread
            Parallelism.setThreads(1);
            for (Op op : Op.values()) assertTrue(AutoPolicy.threshold(op) >= 0);
            try (var in = AutoPolicy.class.getResourceAsStream(AutoPolicy.builtInResource(bits))) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(text.contains("gemm.threads1=") && text.contains("gemv.threads2="), text);
            }
        }
        assertEquals(List.of(), warnings);
        // the running JVM's width picks its file
        assertTrue(select(AutoPolicy.BUILT_IN, null, Machine.current()).contains(AutoPolicy.builtInResource(Capabilities.vectorBits())));
    }

    @Test
    void theWidthComesFromThePreferredSpecies() {
        if (Capabilities.vectorApi()) {
            assertEquals(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize(), Capabilities.vectorBits());
        } else {
            assertEquals(0, Capabilities.vectorBits());
        }
        assertEquals(Capabilities.vectorBits(), Machine.current().vectorBits());
    }

    @Test
    void aPerUserFileTunedHereWinsOverTheBuiltInAndThePropertyWinsOverIt() throws IOException {
        java.nio.file.Path user = write("config/latentj/auto-policy-" + AVX512.key() + ".properties", tuned(AVX512, 777));
        assertEquals("per-user file " + user, select(null, user, AVX512));
        Parallelism.setThreads(1);
        assertEquals(777, AutoPolicy.threshold(Op.GEMM));
        assertEquals(Long.MAX_VALUE, AutoPolicy.threshold(Op.DOT));

        java.nio.file.Path explicit = write("explicit.properties", tuned(AVX512, 999));
        assertTrue(select(explicit.toString(), user, AVX512).startsWith("file " + explicit), AutoPolicy.source());
        assertEquals(999, AutoPolicy.threshold(Op.GEMM));

        assertTrue(select("builtin", user, AVX512).startsWith("built-in auto-policy-512.properties"), "builtin skips the per-user file");
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFileTunedForAnotherWidthOrOpenBlasBuildIsIgnoredWithOneWarning() throws IOException {
        java.nio.file.Path user = write("auto-policy-user.properties", tuned(AVX512, 777));
        String source = select(null, user, AVX2);
        assertTrue(source.startsWith("built-in auto-policy-256.properties"), source);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(user.toString()) && warnings.get(0).contains("512-bit")
                && warnings.get(0).contains("256-bit"), warnings.get(0));

        warnings.clear();
        Machine otherBlas = new Machine(AVX512.cpu(), 512, BLAS_512.replace("0.3.21", "0.3.28"));
        assertTrue(select(null, user, otherBlas).startsWith("built-in auto-policy-512.properties"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("0.3.21") && warnings.get(0).contains("0.3.28"), warnings.get(0));

        warnings.clear();
        Machine noBlas = new Machine(AVX512.cpu(), 512, "none");
        assertTrue(select(null, user, noBlas).startsWith("built-in"), "tuned with OpenBLAS, none here");
        assertEquals(1, warnings.size(), warnings.toString());

        // a property file that records another machine is ignored too; the chain goes on to the per-user file
        warnings.clear();
        java.nio.file.Path fromAvx2 = write("avx2.properties", tuned(AVX2, 5));
        assertEquals("per-user file " + user, select(fromAvx2.toString(), user, AVX512));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("-Dlatentj.auto.policy") && warnings.get(0).contains("256-bit"), warnings.get(0));
    }

    @Test
    void aPerUserFileMustSayWhatItWasTunedForAPropertyFileNeedNot() throws IOException {
        java.nio.file.Path bare = write("bare.properties", "gemm.threads1=123\n");
        assertTrue(select(null, bare, AVX512).startsWith("built-in"), AutoPolicy.source());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("machine.vectorBits"), warnings.get(0));
        warnings.clear();
        assertTrue(select(bare.toString(), null, AVX512).startsWith("file " + bare));
        Parallelism.setThreads(1);
        assertEquals(123, AutoPolicy.threshold(Op.GEMM));
        assertEquals(List.of(), warnings);
    }

    @Test
    void theUserFileLivesUnderXdgConfigHomeOrDotConfig() {
        Machine m = new Machine("Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz", 256, "none");
        assertEquals("intel-core-i7-10700-cpu-2-90ghz-256bit", m.key());
        assertEquals(java.nio.file.Path.of("/x/cfg/latentj/auto-policy-intel-core-i7-10700-cpu-2-90ghz-256bit.properties"),
                AutoPolicy.userFile("/x/cfg", "/home/u", m));
        assertEquals(java.nio.file.Path.of("/home/u/.config/latentj/auto-policy-intel-core-i7-10700-cpu-2-90ghz-256bit.properties"),
                AutoPolicy.userFile(null, "/home/u", m));
        assertEquals(java.nio.file.Path.of("/home/u/.config/latentj/auto-policy-intel-core-i7-10700-cpu-2-90ghz-256bit.properties"),
                AutoPolicy.userFile("relative/dir", "/home/u", m), "XDG: a relative path is ignored");
        assertEquals("cpu-novector", new Machine("???", 0, "none").key());
    }

    @Test
    void parsingErrorsNameTheKey() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoPolicy.load("gemm.thread1=5\n", "typo.properties"));
        assertTrue(e.getMessage().contains("typo.properties") && e.getMessage().contains("gemm.thread1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AutoPolicy.load("syrk.threads2=5k\n", "t"));
        assertTrue(e.getMessage().contains("syrk.threads2=5k"), e.getMessage());
        java.nio.file.Path f = write("bits.properties", tuned(AVX512, 1).replace("vectorBits=512", "vectorBits=wide"));
        e = assertThrows(IllegalArgumentException.class, () -> AutoPolicy.loadFile(f));
        assertTrue(e.getMessage().contains("machine.vectorBits=wide"), e.getMessage());
        // and the start-up chain turns the same error into one warning that names the key
        select(null, f, AVX512);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("machine.vectorBits"), warnings.get(0));
    }

    @Test
    void autoNeverPicksBlasWithoutOpenBlas() {
        AutoPolicy.load("gemm.threads1=0\ngemm.threads2=0\ngemv.threads1=0\ndot.threads1=0\nsums.threads1=0\n", "zero");
        for (int threads : new int[] {1, 2}) {
            Parallelism.setThreads(threads);
            for (Op op : Op.values()) {
                assertEquals(Path.SIMD, AutoPolicy.choose(op, Long.MAX_VALUE - 1, true, false), op.toString());
                assertEquals(Path.SCALAR, AutoPolicy.choose(op, Long.MAX_VALUE - 1, false, false), op.toString());
            }
        }
        Parallelism.setThreads(1);
        assertEquals(Path.BLAS, AutoPolicy.choose(Op.GEMM, 1, true, true), "with OpenBLAS the same policy picks it");
    }

    /** The same in a JVM where OpenBLAS is switched off ({@code -Dlatentj.openblas=none}) and the policy says BLAS everywhere. */
    @Test
    void autoRunsWithoutOpenBlasEvenWhenThePolicySaysBlas() throws IOException, InterruptedException {
        StringBuilder zero = new StringBuilder();
        for (Op op : Op.values()) zero.append(op.key()).append(".threads1=0\n").append(op.key()).append(".threads2=0\n");
        java.nio.file.Path policy = write("zero.properties", zero.toString());
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dlatentj.openblas=none", "-D" + AutoPolicy.PROPERTY + "=" + policy, "-cp", System.getProperty("java.class.path"),
                NoBlasAutoProbe.class.getName())).start();
        String out, err;
        try (var o = p.getInputStream(); var e = p.getErrorStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            err = new String(e.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe hung");
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.contains("blas=false") && out.contains("source=file " + policy) && out.contains("OK"), out + err);
    }
}
