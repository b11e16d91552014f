package io.latentj.simd;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Properties;

/**
 * How {@link Path#AUTO} chooses a path: for each operation, the amount of work (see {@link Op}) from which OpenBLAS
 * beats the Vector API on this machine, for one thread and for several. Below it the SIMD path runs; at or above it
 * the BLAS path. The SIMD path is never slower than the scalar one, so auto never picks scalar unless the Vector
 * API is missing, and it never picks BLAS when OpenBLAS is missing.
 *
 * <p>The thresholds come from the bench command {@code bench/auto-tune.sh}, which times both paths over a ladder of
 * shapes and writes a properties file; the defaults shipped in {@code auto-policy.properties} are what it measured
 * on the development machine. {@code -Dlatentj.auto.policy=/path/file.properties} loads another file.
 *
 * <p>Level-1 operations run on the caller's thread: with more than one thread configured, OpenBLAS would wake its
 * pool for them, so auto keeps them on the SIMD path then. GEMV (and the fused single-sample layer kernels built on
 * it) has its own threshold for several threads, from a megabyte up (auto-tune's floor): a product with a matrix of
 * megabytes is bound by how fast one core reads memory, and OpenBLAS's threads read it twice as fast (1,600×784:
 * 64 µs on one thread, 35 µs on two); smaller ones stay on the caller's thread.
 */
public final class AutoPolicy {
    /** System property naming a thresholds file that replaces the shipped defaults. */
    public static final String PROPERTY = "latentj.auto.policy";

    private static final System.Logger LOG = System.getLogger("io.latentj.simd");

    /** Operations auto decides for, each with how its work is counted. */
    public enum Op {
        /** m·n·k. */ GEMM(true),
        /** n·n·k. */ SYRK(true),
        /** m·n, y = A·x. */ GEMV(true),
        /** m·n, y = Aᵀ·x. */ GEMV_T(true),
        /** m·n. */ GER(false),
        /** n. */ DOT(false),
        /** n. */ AXPY(false),
        /** n. */ SCAL(false),
        /** n. */ NRM2(false),
        /** m·n, row and column sums. */ SUMS(false);

        final boolean mayUseThreads;

        Op(boolean mayUseThreads) {
            this.mayUseThreads = mayUseThreads;
        }

        String key() {
            return switch (this) {
                case GEMV_T -> "gemvT";
                default -> name().toLowerCase(Locale.ROOT);
            };
        }
    }

    private static final long NEVER = Long.MAX_VALUE;

    /**
     * Thresholds by {@code Op.ordinal()}, as primitive longs: {@link #threshold} runs on every single-sample call, and
     * the former {@code Map<Op, Long>.getOrDefault(op, NEVER)} boxed its default on every call unless C2 happened to
     * inline it and drop the box (a profile-dependent 24 bytes per lookup, seen as two Longs per SparseCoder call).
     */
    private record Thresholds(long[] oneThread, long[] manyThreads, String source) {}

    private static volatile Thresholds thresholds = load();

    private AutoPolicy() {}

    /** The concrete path (never AUTO) that a call requesting {@code requested} runs on. */
    public static Path resolve(Path requested, Op op, long work) {
        return switch (requested) {
            case SCALAR -> Path.SCALAR;
            case SIMD -> Capabilities.vectorApi() ? Path.SIMD : Path.SCALAR;
            case BLAS -> {
                if (!Capabilities.blas()) {
                    throw new UnsupportedOperationException("the blas path was requested but OpenBLAS is unavailable: "
                            + io.latentj.bindings.OpenBlas.unavailableReason().orElse("unknown reason"));
                }
                yield Path.BLAS;
            }
            case AUTO -> choose(op, work);
        };
    }

    /** The path auto takes for {@code op} with the given work at the current thread setting. */
    public static Path choose(Op op, long work) {
        boolean simd = Capabilities.vectorApi();
        if (Capabilities.blas() && work >= threshold(op)) return Path.BLAS;
        return simd ? Path.SIMD : Path.SCALAR;
    }

    /** The work from which auto takes the BLAS path for {@code op} at the current thread setting. */
    public static long threshold(Op op) {
        Thresholds t = thresholds;
        if (Parallelism.threads() <= 1) return t.oneThread[op.ordinal()];
        if (!op.mayUseThreads) return NEVER; // keep single-sample work on the caller's thread
        return t.manyThreads[op.ordinal()];
    }

    /** Where the thresholds in force came from (resource or file). */
    public static String source() {
        return thresholds.source;
    }

    /** Replaces the thresholds with those in a properties text (the format {@code auto-tune} writes). */
    public static void load(String propertiesText, String source) {
        try {
            thresholds = parse(new StringReader(propertiesText), source);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read auto policy " + source + ": " + e.getMessage(), e);
        }
    }

    private static Thresholds load() {
        String file = System.getProperty(PROPERTY);
        try {
            if (file != null && !file.isBlank()) {
                try (Reader r = Files.newBufferedReader(java.nio.file.Path.of(file), StandardCharsets.UTF_8)) {
                    return parse(r, file);
                }
            }
            try (InputStream in = AutoPolicy.class.getResourceAsStream("auto-policy.properties")) {
                if (in == null) throw new IOException("resource auto-policy.properties is missing");
                return parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), "built-in auto-policy.properties");
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "auto policy not loaded (" + e.getMessage() + "); auto uses SIMD below 64^3 GEMM work and BLAS above");
            long[] one = new long[Op.values().length];
            java.util.Arrays.fill(one, NEVER);
            one[Op.GEMM.ordinal()] = 64L * 64 * 64;
            one[Op.SYRK.ordinal()] = 64L * 64 * 64;
            return new Thresholds(one, one, "fallback");
        }
    }

    private static Thresholds parse(Reader reader, String source) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        long[] one = new long[Op.values().length], many = new long[Op.values().length];
        for (Op op : Op.values()) {
            one[op.ordinal()] = value(p, op.key() + ".threads1", source);
            many[op.ordinal()] = value(p, op.key() + ".threads2", source);
        }
        return new Thresholds(one, many, source);
    }

    private static long value(Properties p, String key, String source) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("never")) return NEVER;
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + "=" + v + " is not a non-negative integer or 'never'");
        }
    }
}
