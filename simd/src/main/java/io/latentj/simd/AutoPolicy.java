package io.latentj.simd;

import io.latentj.bindings.OpenBlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * How {@link Path#AUTO} chooses a path: for each operation, the amount of work (see {@link Op}) from which OpenBLAS
 * beats the Vector API on this machine, for one thread and for several. Below it the SIMD path runs; at or above it
 * the BLAS path. The SIMD path is never slower than the scalar one, so auto never picks scalar unless the Vector
 * API is missing, and it never picks BLAS when OpenBLAS is missing.
 *
 * <p>The thresholds are read once, at start-up, from the first of:
 * <ol>
 * <li>the file named by {@code -Dlatentj.auto.policy=FILE} ({@code -Dlatentj.auto.policy=builtin} skips the
 *     per-user file and uses the built-in policy);</li>
 * <li>the per-user file {@link #userFile()}: {@code $XDG_CONFIG_HOME/latentj/auto-policy-<cpu>-<bits>bit.properties}
 *     (default {@code ~/.config/latentj/}), which {@code latentj tune} writes after measuring this machine;</li>
 * <li>the built-in policy for the width of {@code FloatVector.SPECIES_PREFERRED}: {@code auto-policy-512.properties}
 *     for 512 bits or more, {@code auto-policy-256.properties} for 256, {@code auto-policy-128.properties} for
 *     narrower vectors and for JVMs without the Vector API.</li>
 * </ol>
 * A tuned file records the machine it was measured on ({@code machine.*} keys). One whose vector width or OpenBLAS
 * build differs from this JVM's is ignored with one warning, and the next source is used: crossovers measured with
 * other kernels say nothing about these. A per-user file must record both; a {@code -Dlatentj.auto.policy} file
 * that records neither is taken as it is (hand-written).
 *
 * <p>Level-1 operations run on the caller's thread: with more than one thread configured, OpenBLAS would wake its
 * pool for them, so auto keeps them on the SIMD path then. GEMV (and the fused single-sample layer kernels built on
 * it) has its own threshold for several threads, from a megabyte up (the tuner's floor): a product with a matrix of
 * megabytes is bound by how fast one core reads memory, and OpenBLAS's threads read it twice as fast (1,600×784:
 * 64 µs on one thread, 35 µs on two); smaller ones stay on the caller's thread.
 */
public final class AutoPolicy {
    /** System property naming a thresholds file that replaces the per-user and built-in ones, or {@value #BUILT_IN}. */
    public static final String PROPERTY = "latentj.auto.policy";
    /** Value of {@link #PROPERTY} that selects the built-in policy for this vector width, skipping the per-user file. */
    public static final String BUILT_IN = "builtin";
    /** Key of a policy file: the CPU model it was tuned on (informational). */
    public static final String KEY_CPU = "machine.cpu";
    /** Key of a policy file: the bits of {@code FloatVector.SPECIES_PREFERRED} it was tuned with (0 = no Vector API). */
    public static final String KEY_VECTOR_BITS = "machine.vectorBits";
    /** Key of a policy file: OpenBLAS's {@code openblas_get_config()} it was tuned with ("none" = no OpenBLAS). */
    public static final String KEY_OPENBLAS = "machine.openblas";
    /** Key of a policy file: the JDK it was tuned on (informational). */
    public static final String KEY_JDK = "machine.jdk";

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

        /** True when auto may send this op to OpenBLAS's threads (otherwise it stays on the caller's thread). */
        public boolean mayUseThreads() {
            return mayUseThreads;
        }

        /** The prefix of this op's keys in a policy file, e.g. "gemvT" ({@code gemvT.threads1}, {@code gemvT.threads2}). */
        public String key() {
            return switch (this) {
                case GEMV_T -> "gemvT";
                default -> name().toLowerCase(Locale.ROOT);
            };
        }
    }

    /**
     * What a policy is measured for: the CPU model, the bits of the preferred float species (0 without the Vector
     * API) and OpenBLAS's build string ("none" without OpenBLAS).
     */
    public record Machine(String cpu, int vectorBits, String openblas) {
        /** This JVM's. */
        public static Machine current() {
            return CurrentMachine.VALUE;
        }

        /** The part of the per-user file name that names this machine, e.g. "amd-epyc-7b13-512bit". */
        public String key() {
            String slug = cpu.toLowerCase(Locale.ROOT).replaceAll("\\(r\\)|\\(tm\\)", "").replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("^-+|-+$", "");
            if (slug.length() > 60) slug = slug.substring(0, 60).replaceAll("-+$", "");
            if (slug.isEmpty()) slug = "cpu";
            return slug + "-" + (vectorBits > 0 ? vectorBits + "bit" : "novector");
        }
    }

    private static final class CurrentMachine {
        static final Machine VALUE = new Machine(cpuModel(), Capabilities.vectorBits(),
                Capabilities.blas() ? OpenBlas.config().trim() : "none");

        // (here, not in AutoPolicy: initializing AutoPolicy needs this class's VALUE)
        /** The CPU model ("model name" in /proc/cpuinfo on Linux), else the architecture. */
        private static String cpuModel() {
            try {
                java.nio.file.Path info = java.nio.file.Path.of("/proc/cpuinfo");
                if (Files.isReadable(info)) {
                    for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                        if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // not Linux, or not readable: fall back to the architecture
            }
            return System.getProperty("os.arch", "unknown");
        }
    }

    private static final long NEVER = Long.MAX_VALUE;

    /**
     * Thresholds by {@code Op.ordinal()}, as primitive longs: {@link #threshold} runs on every single-sample call, and
     * the former {@code Map<Op, Long>.getOrDefault(op, NEVER)} boxed its default on every call unless C2 happened to
     * inline it and drop the box (a profile-dependent 24 bytes per lookup, seen as two Longs per SparseCoder call).
     */
    record Thresholds(long[] oneThread, long[] manyThreads, String source) {}

    private static volatile Thresholds thresholds = select(System.getProperty(PROPERTY), userFile(), Machine.current(),
            message -> LOG.log(Level.WARNING, message));

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
        return choose(op, work, Capabilities.vectorApi(), Capabilities.blas());
    }

    static Path choose(Op op, long work, boolean vectorApi, boolean blas) {
        if (blas && work >= threshold(op)) return Path.BLAS;
        return vectorApi ? Path.SIMD : Path.SCALAR;
    }

    /** The work from which auto takes the BLAS path for {@code op} at the current thread setting. */
    public static long threshold(Op op) {
        Thresholds t = thresholds;
        if (Parallelism.threads() <= 1) return t.oneThread[op.ordinal()];
        if (!op.mayUseThreads) return NEVER; // keep single-sample work on the caller's thread
        return t.manyThreads[op.ordinal()];
    }

    /**
     * Where the thresholds in force came from, e.g. "per-user file /home/me/.config/latentj/auto-policy-….properties"
     * or "built-in auto-policy-256.properties (256-bit vectors)".
     */
    public static String source() {
        return thresholds.source;
    }

    /**
     * The per-user policy file for this machine: {@code $XDG_CONFIG_HOME/latentj/auto-policy-<cpu>-<bits>bit.properties},
     * or under {@code ~/.config/latentj/} when {@code XDG_CONFIG_HOME} is unset or not absolute.
     */
    public static java.nio.file.Path userFile() {
        return userFile(System.getenv("XDG_CONFIG_HOME"), System.getProperty("user.home"), Machine.current());
    }

    static java.nio.file.Path userFile(String xdgConfigHome, String home, Machine machine) {
        java.nio.file.Path base;
        if (xdgConfigHome != null && !xdgConfigHome.isBlank() && java.nio.file.Path.of(xdgConfigHome).isAbsolute()) {
            base = java.nio.file.Path.of(xdgConfigHome);
        } else {
            base = java.nio.file.Path.of(home == null ? "." : home, ".config");
        }
        return base.resolve("latentj").resolve("auto-policy-" + machine.key() + ".properties");
    }

    /** The built-in policy resource for a preferred species of {@code vectorBits} bits (0: no Vector API). */
    static String builtInResource(int vectorBits) {
        if (vectorBits >= 512) return "auto-policy-512.properties";
        if (vectorBits >= 256) return "auto-policy-256.properties";
        return "auto-policy-128.properties";
    }

    /** Replaces the thresholds with those in a properties text (the format {@code latentj tune} writes), unchecked. */
    public static void load(String propertiesText, String source) {
        try {
            thresholds = parse(new StringReader(propertiesText), source).thresholds;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read auto policy " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the thresholds with a tuned file's, after checking that it records this machine's vector width and
     * OpenBLAS build.
     *
     * @throws IllegalArgumentException when a key is malformed or the file was tuned for another vector width or
     *                                  OpenBLAS build (the message says which)
     */
    public static void loadFile(java.nio.file.Path file) throws IOException {
        try {
            thresholds = fromFile(file, "file " + file, Machine.current(), true);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains(file.toString())) throw e;
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the policy again in the start-up order (property, per-user file, built-in), e.g. after {@code latentj tune}
     * wrote the per-user file in this process.
     */
    public static void reload() {
        thresholds = select(System.getProperty(PROPERTY), userFile(), Machine.current(), message -> LOG.log(Level.WARNING, message));
    }

    /** Puts the policy of the start-up order (property, per-user file, built-in) back in force. */
    static void reset(String property, java.nio.file.Path userFile, Machine machine, Consumer<String> warn) {
        thresholds = select(property, userFile, machine, warn);
    }

    /** The start-up order: the property's file, the per-user file, the built-in policy for the machine's width. */
    static Thresholds select(String property, java.nio.file.Path userFile, Machine machine, Consumer<String> warn) {
        boolean skipUser = false;
        if (property != null && !property.isBlank()) {
            String file = property.trim();
            if (file.equalsIgnoreCase(BUILT_IN)) {
                skipUser = true;
            } else {
                try {
                    return fromFile(java.nio.file.Path.of(file), "file " + file + " (-D" + PROPERTY + ")", machine, false);
                } catch (IOException | RuntimeException e) {
                    warn.accept("auto policy " + file + " (-D" + PROPERTY + ") ignored: " + message(e));
                }
            }
        }
        if (!skipUser && userFile != null && Files.exists(userFile)) {
            try {
                return fromFile(userFile, "per-user file " + userFile, machine, true);
            } catch (IOException | RuntimeException e) {
                warn.accept("auto policy " + userFile + " ignored: " + message(e) + "; run `latentj tune` to measure this machine");
            }
        }
        String resource = builtInResource(machine.vectorBits());
        String source = "built-in " + resource + " (" + (machine.vectorBits() > 0 ? machine.vectorBits() + "-bit vectors" : "no Vector API") + ")";
        try (InputStream in = AutoPolicy.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("resource " + resource + " is missing");
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), source).thresholds;
        } catch (IOException | RuntimeException e) {
            warn.accept("auto policy not loaded (" + message(e) + "); auto uses SIMD below 64^3 GEMM work and BLAS above");
            long[] one = new long[Op.values().length];
            java.util.Arrays.fill(one, NEVER);
            one[Op.GEMM.ordinal()] = 64L * 64 * 64;
            one[Op.SYRK.ordinal()] = 64L * 64 * 64;
            return new Thresholds(one, one, "fallback");
        }
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static Thresholds fromFile(java.nio.file.Path file, String source, Machine machine, boolean requireMachine) throws IOException {
        Parsed parsed;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parsed = parse(r, source);
        }
        Optional<String> why = mismatch(parsed.properties, machine, requireMachine);
        if (why.isPresent()) throw new IllegalArgumentException(why.get());
        return parsed.thresholds;
    }

    /** Why a policy's recorded machine does not fit {@code machine}, if it does not. */
    static Optional<String> mismatch(Properties p, Machine machine, boolean requireMachine) {
        String bits = p.getProperty(KEY_VECTOR_BITS), blas = p.getProperty(KEY_OPENBLAS);
        if (requireMachine && (bits == null || blas == null)) {
            return Optional.of("it does not record the machine it was tuned on (" + KEY_VECTOR_BITS + ", " + KEY_OPENBLAS + ")");
        }
        if (bits != null) {
            int b;
            try {
                b = Integer.parseInt(bits.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(KEY_VECTOR_BITS + "=" + bits + " is not a number of bits");
            }
            if (b != machine.vectorBits()) {
                return Optional.of("tuned for " + width(b) + ", this JVM has " + width(machine.vectorBits())
                        + " (" + KEY_VECTOR_BITS + "=" + b + ")");
            }
        }
        if (blas != null && !blas.trim().equals(machine.openblas())) {
            return Optional.of("tuned with OpenBLAS build \"" + blas.trim() + "\", this JVM has \"" + machine.openblas() + "\"");
        }
        return Optional.empty();
    }

    private static String width(int bits) {
        return bits > 0 ? bits + "-bit vectors" : "no Vector API";
    }

    private record Parsed(Thresholds thresholds, Properties properties) {}

    private static Parsed parse(Reader reader, String source) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        long[] one = new long[Op.values().length], many = new long[Op.values().length];
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith("machine.") && !isThresholdKey(key)) {
                throw new IllegalArgumentException(source + ": unknown key " + key
                        + " (expected <op>.threads1 or <op>.threads2 with op one of gemm, syrk, gemv, gemvT, ger, dot, axpy, scal, nrm2, sums; or machine.*)");
            }
        }
        for (Op op : Op.values()) {
            one[op.ordinal()] = value(p, op.key() + ".threads1", source);
            many[op.ordinal()] = value(p, op.key() + ".threads2", source);
        }
        return new Parsed(new Thresholds(one, many, source), p);
    }

    private static boolean isThresholdKey(String key) {
        for (Op op : Op.values()) {
            if (key.equals(op.key() + ".threads1") || key.equals(op.key() + ".threads2")) return true;
        }
        return false;
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
