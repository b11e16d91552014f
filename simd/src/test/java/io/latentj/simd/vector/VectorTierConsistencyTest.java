package io.latentj.simd.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The determinism contract across JIT tiers: every vector kernel gives the same bits whether it runs interpreted,
 * C1-compiled or C2-compiled (deoptimisation can move a running model between tiers at any time).
 *
 * <p>The kernels run on fixed inputs in a child JVM with {@code -Xint} (Vector API Java fallback, per-lane code) and
 * in one with {@code -XX:TieredStopAtLevel=1} (C1: no Vector API intrinsics either), and in this JVM after a warm-up
 * of 50,000 calls on small inputs that gets them C2-compiled (intrinsics, SVML stubs for the JDK's own
 * transcendentals). The raw float bits must be equal. This fails with {@code lanewise(EXP/LOG/LOG1P/TANH)} (the SVML
 * stubs and the {@code Math.*} fallback round differently) and with float {@code reduceLanes(ADD)} (sequential in the
 * fallback, a tree when intrinsified); it passes with {@link VectorMath}, which uses only exactly rounded operations
 * in a fixed order.
 */
class VectorTierConsistencyTest {
    static final int N = 4099; // 256 full vectors of 16 (or 512 of 8) and a tail

    /** Kernel name → raw bits of its outputs on the fixed inputs. Same inputs in every JVM (seeded). */
    static Map<String, int[]> runAll() {
        return runAll(N, 7, 131, 67);
    }

    static Map<String, int[]> runAll(int n, int rows, int cols, int gemvRows) {
        Map<String, int[]> out = new LinkedHashMap<>();
        Random r = new Random(12345);
        float[] wide = uniform(r, n, -30f, 30f);
        float[] mid = uniform(r, n, -4f, 4f);
        float[] expArgs = uniform(r, n, -90f, 90f);
        float[] pos = new float[n];
        for (int i = 0; i < n; i++) pos[i] = (float) Math.exp(-14 + 28 * r.nextDouble()); // 1e-6 .. 1e6
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f, 88.7f, -88.7f,
                1e-20f, -1e-20f, 1e-7f, 0.5f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE};
        for (int i = 0; i < specials.length; i++) {
            wide[i * 97 % n] = specials[i];
            expArgs[i * 89 % n] = specials[i];
            pos[i * 83 % n] = Math.abs(specials[i]);
        }
        float[] y = new float[n];
        VectorElementwise.sigmoid(n, wide, 0, y, 0); out.put("sigmoid", bits(y));
        VectorElementwise.sigmoid(n, mid, 0, y, 0); out.put("sigmoid mid", bits(y));
        VectorElementwise.tanh(n, mid, 0, y, 0); out.put("tanh", bits(y));
        VectorElementwise.tanh(n, wide, 0, y, 0); out.put("tanh wide", bits(y));
        VectorElementwise.softplus(n, wide, 0, y, 0); out.put("softplus", bits(y));
        VectorElementwise.exp(n, expArgs, 0, y, 0); out.put("exp", bits(y));
        VectorElementwise.log(n, pos, 0, y, 0); out.put("log", bits(y));

        float[] a = uniform(r, rows * cols + 3, -20f, 20f);
        float[] o = new float[rows * cols];
        VectorElementwise.softmaxRows(rows, cols, a, 1, cols, o, 0, cols); out.put("softmaxRows", bits(o));
        float[] lse = new float[rows];
        VectorElementwise.logSumExpRows(rows, cols, a, 2, cols, lse, 0); out.put("logSumExpRows", bits(lse));
        VectorBlas.rowSums(rows, cols, a, 0, cols, lse, 0); out.put("rowSums", bits(lse));

        float[] g = uniform(r, gemvRows * cols, -1f, 1f);
        float[] xn = uniform(r, cols, -1f, 1f), xt = uniform(r, gemvRows, -1f, 1f);
        float[] bias = uniform(r, Math.max(gemvRows, cols), -2f, 2f);
        float[] yn = uniform(r, gemvRows, -1f, 1f), yt = uniform(r, cols, -1f, 1f);
        VectorBlas.gemv(false, gemvRows, cols, 0.75f, g, 0, cols, xn, 0, 0.5f, yn, 0); out.put("gemv N", bits(yn));
        VectorBlas.gemv(true, gemvRows, cols, 0.75f, g, 0, cols, xt, 0, 0.5f, yt, 0); out.put("gemv T", bits(yt));
        VectorFused.gemvBiasSigmoid(false, gemvRows, cols, g, 0, cols, xn, 0, bias, 0, yn, 0); out.put("gemvBiasSigmoid N", bits(yn));
        VectorFused.gemvBiasSigmoid(true, gemvRows, cols, g, 0, cols, xt, 0, bias, 0, yt, 0); out.put("gemvBiasSigmoid T", bits(yt));
        VectorFused.gemvSoftThreshold(false, gemvRows, cols, g, 0, cols, xn, 0, 0.1f, yn, 0); out.put("gemvSoftThreshold N", bits(yn));
        VectorFused.gemvSoftThreshold(true, gemvRows, cols, g, 0, cols, xt, 0, 0.1f, yt, 0); out.put("gemvSoftThreshold T", bits(yt));

        float[] s = new float[4];
        s[0] = VectorBlas.dot(n, mid, 0, wide, 0);
        s[1] = VectorBlas.nrm2(n, mid, 0);
        s[2] = VectorBlas.nrm2(n, uniform(r, n, -1e-30f, 1e-30f), 0); // the scaled second pass
        double d = VectorBlas.squaredDistance(rows, cols, a, 0, cols, a, 3, cols);
        s[3] = (float) d;
        out.put("dot, nrm2, squaredDistance", bits(s));
        long db = Double.doubleToLongBits(d);
        out.put("squaredDistance (double)", new int[] {(int) (db >>> 32), (int) db});
        return out;
    }

    static float[] uniform(Random r, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextFloat();
        return v;
    }

    /**
     * Raw bits, except that every NaN is the canonical NaN: Java does not specify which NaN an operation on NaNs
     * returns (x86 keeps the first operand's, with its sign), and the operand order of one addition may differ
     * between the Java fallback and C2's instruction; NaN is NaN, every other value must match bit for bit.
     */
    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToIntBits(v[i]);
        return b;
    }

    /** Child JVM entry point: writes {@link #runAll()} to the file named by args[0]. */
    public static void main(String[] args) throws IOException {
        Map<String, int[]> res = runAll();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[0]))))) {
            out.writeInt(res.size());
            for (Map.Entry<String, int[]> e : res.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (int b : e.getValue()) out.writeInt(b);
            }
        }
    }

    static Map<String, int[]> read(Path p) throws IOException {
        Map<String, int[]> res = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p)))) {
            int k = in.readInt();
            for (int i = 0; i < k; i++) {
                String name = in.readUTF();
                int[] b = new int[in.readInt()];
                for (int j = 0; j < b.length; j++) b[j] = in.readInt();
                res.put(name, b);
            }
        }
        return res;
    }

    private static Map<String, int[]> compiled;

    /**
     * This JVM's results after a warm-up on small inputs (tails and no tails): at least 50,000 calls of every kernel,
     * then more until the JIT has finished no compilation for a second ({@link #compilationMillis}), because with 2 cores the
     * C2 queue lags and kernels still sat at tier 2 (C1) after the first 50,000 calls; at most ~60 s.
     */
    static synchronized Map<String, int[]> compiledResults() {
        if (compiled == null) {
            boolean timed = compilationMillis() >= 0;
            long lastTotal = -1, quietSince = System.nanoTime(), start = System.nanoTime();
            for (int round = 0; ; round++) {
                for (int i = 0; i < 2_500; i++) {
                    runAll(37, 3, 37, 11); // masked tails, 4-row blocks + 3 remainder rows
                    runAll(64, 4, 48, 8);  // whole vectors only
                }
                long now = System.nanoTime(), total = compilationMillis();
                if (total != lastTotal) { lastTotal = total; quietSince = now; }
                if (round >= 9 && (!timed || now - quietSince > 1_000_000_000L || now - start > 60_000_000_000L)) break;
            }
            compiled = runAll();
            Map<String, int[]> again = runAll();
            for (String k : compiled.keySet()) {
                assertTrue(java.util.Arrays.equals(compiled.get(k), again.get(k)), k + ": two warm calls in one JVM differ");
            }
        }
        return compiled;
    }

    /**
     * Total JIT compilation time (ms) from the CompilationMXBean, or −1 if unavailable. By reflection: the simd module
     * (which the tests are compiled into) does not read java.management; at run time the tests are on the class path.
     */
    static long compilationMillis() {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> beanType = Class.forName("java.lang.management.CompilationMXBean");
            Object bean = factory.getMethod("getCompilationMXBean").invoke(null);
            if (bean == null || !(Boolean) beanType.getMethod("isCompilationTimeMonitoringSupported").invoke(bean)) return -1;
            return (Long) beanType.getMethod("getTotalCompilationTime").invoke(bean);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    static Map<String, int[]> child(String tierFlag) throws Exception {
        Path outFile = Files.createTempFile("latentj-tier", ".bin");
        Path log = Files.createTempFile("latentj-tier", ".log");
        try {
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> cmd = new ArrayList<>(List.of(java, tierFlag, "--add-modules", "jdk.incubator.vector"));
            // the build's narrow-vector run passes its width flags on, so C2 here and the child compare one width
            for (String f : System.getProperty("latentj.test.childJvmFlags", "").trim().split("\\s+")) if (!f.isEmpty()) cmd.add(f);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), VectorTierConsistencyTest.class.getName(), outFile.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("child JVM " + tierFlag + " timed out");
            }
            assertEquals(0, p.exitValue(), () -> "child JVM " + tierFlag + " failed: " + readQuietly(log));
            return read(outFile);
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(log);
        }
    }

    static String readQuietly(Path p) {
        try { return Files.readString(p); } catch (IOException e) { return "(no log: " + e + ")"; }
    }

    static void assertSameBits(Map<String, int[]> expected, Map<String, int[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet());
        StringBuilder diffs = new StringBuilder();
        for (String k : expected.keySet()) {
            int[] e = expected.get(k), g = actual.get(k);
            assertEquals(e.length, g.length, k);
            int count = 0, first = -1;
            for (int i = 0; i < e.length; i++) {
                if (e[i] != g[i]) { count++; if (first < 0) first = i; }
            }
            if (count > 0) {
                diffs.append(String.format("%n  %s: %d of %d differ, first at %d: C2 %s (0x%08x), %s %s (0x%08x)", k, count, e.length, first,
                        Float.intBitsToFloat(e[first]), e[first], what, Float.intBitsToFloat(g[first]), g[first]));
            }
        }
        if (diffs.length() > 0) fail("C2-compiled kernels and " + what + " give different bits:" + diffs);
    }

    @Test void interpretedMatchesC2() throws Exception {
        assertSameBits(compiledResults(), child("-Xint"), "-Xint");
    }

    @Test void c1MatchesC2() throws Exception {
        assertSameBits(compiledResults(), child("-XX:TieredStopAtLevel=1"), "C1 (TieredStopAtLevel=1)");
    }
}
