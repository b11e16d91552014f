package io.latentj.simd;

import io.latentj.bindings.OpenBlas;
import io.latentj.simd.vector.VectorInfo;

import java.lang.System.Logger.Level;

/**
 * Which paths can run in this JVM. Each is probed once; a missing one is logged once, with how to enable it,
 * and the library keeps working on the remaining paths.
 */
public final class Capabilities {
    private static final System.Logger LOG = System.getLogger("io.latentj.simd");

    private Capabilities() {}

    private static final class VectorProbe {
        static final String DESCRIPTION;
        static final int BITS;
        static {
            String d;
            int bits = 0;
            try {
                d = VectorInfo.describe();
                bits = VectorInfo.FLOATS.vectorBitSize();
                if (VectorInfo.floatLanes() < 4) {
                    LOG.log(Level.INFO, "Vector API species has only " + VectorInfo.floatLanes()
                            + " float lanes; the simd path stays on but gains little here");
                }
            } catch (Throwable t) { // NoClassDefFoundError / IllegalAccessError when the module is not readable
                d = null;
                LOG.log(Level.WARNING, "The Vector API (jdk.incubator.vector) is not readable, so the simd path runs the scalar "
                        + "kernels. Start the JVM with --add-modules jdk.incubator.vector to enable it. (" + t + ")");
            }
            DESCRIPTION = d;
            BITS = d == null ? 0 : bits;
        }
    }

    private static final class BlasProbe {
        static final boolean AVAILABLE;
        static {
            boolean ok;
            try {
                ok = OpenBlas.isAvailable();
                if (!ok) {
                    LOG.log(Level.WARNING, "OpenBLAS is unavailable, so the blas path is off and auto uses the other paths. "
                            + OpenBlas.unavailableReason().orElse(""));
                }
            } catch (Throwable t) {
                ok = false;
                LOG.log(Level.WARNING, "OpenBLAS could not be loaded, so the blas path is off: " + t);
            }
            AVAILABLE = ok;
        }
    }

    /** True when the Vector API module is readable. */
    public static boolean vectorApi() {
        return VectorProbe.DESCRIPTION != null;
    }

    /**
     * Bits of the preferred float species ({@code FloatVector.SPECIES_PREFERRED.vectorBitSize()}: 512 with AVX-512,
     * 256 with AVX2, 128 with SSE or NEON; it follows {@code -XX:UseAVX} and {@code -XX:MaxVectorSize}), or 0 when the
     * Vector API is not readable.
     */
    public static int vectorBits() {
        return VectorProbe.BITS;
    }

    /** e.g. "FloatVector 512 bits, 16 lanes", or "unavailable". */
    public static String vectorDescription() {
        return vectorApi() ? VectorProbe.DESCRIPTION : "unavailable (add --add-modules jdk.incubator.vector)";
    }

    /** True when OpenBLAS was found and loaded. */
    public static boolean blas() {
        return BlasProbe.AVAILABLE;
    }

    /** Multi-line summary of the paths, the OpenBLAS library and the thread settings, for logs and the CLI. */
    public static String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("java       ").append(Runtime.version()).append(" (").append(System.getProperty("java.vm.name")).append(")\n");
        sb.append("cpus       ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        sb.append("simd       ").append(vectorDescription()).append('\n');
        if (blas()) {
            sb.append("blas       ").append(OpenBlas.libraryPath().map(Object::toString).orElse("?"))
              .append(" (").append(OpenBlas.source().orElse("?")).append(")\n");
            sb.append("           ").append(OpenBlas.config()).append('\n');
            sb.append("           lapacke ").append(OpenBlas.hasLapacke() ? "yes" : "no (Fortran LAPACK symbols)").append('\n');
        } else {
            sb.append("blas       unavailable: ").append(OpenBlas.unavailableReason().orElse("?")).append('\n');
        }
        sb.append("threads    ").append(Parallelism.threads()).append(" (java and OpenBLAS)\n");
        sb.append("path       default ").append(Path.defaultPath().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        return sb.toString();
    }
}
