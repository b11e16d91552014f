package io.latentj.simd;

import java.util.Locale;

/**
 * Where a kernel runs. {@link #SCALAR} is plain Java and the reference every other path is tested against;
 * {@link #SIMD} uses the JDK Vector API; {@link #BLAS} calls OpenBLAS through FFM where BLAS has the
 * operation (elsewhere it runs the SIMD code); {@link #AUTO} picks, per operation and shape, the path measured
 * fastest on this machine (see {@link AutoPolicy}).
 */
public enum Path {
    SCALAR, SIMD, BLAS, AUTO;

    /** System property holding the default path: {@code scalar}, {@code simd}, {@code blas} or {@code auto}. */
    public static final String PROPERTY = "latentj.path";

    private static volatile Path defaultPath = fromProperty();

    private static Path fromProperty() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? AUTO : parse(v);
    }

    /** Parses {@code scalar|simd|blas|auto}, case-insensitively. */
    public static Path parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown path '" + name + "': expected scalar, simd, blas or auto");
        }
    }

    /** The process-wide default, from {@code -Dlatentj.path} or {@link #AUTO}. */
    public static Path defaultPath() {
        return defaultPath;
    }

    /** Sets the process-wide default path used by models that were not given one. */
    public static void setDefault(Path path) {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        defaultPath = path;
    }

    /** True when this path can run here (the Vector API module is readable, OpenBLAS was loaded). */
    public boolean isAvailable() {
        return switch (this) {
            case SCALAR, AUTO -> true;
            case SIMD -> Capabilities.vectorApi();
            case BLAS -> Capabilities.blas();
        };
    }
}
