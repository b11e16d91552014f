// Written by hand in the shape jextract generates (see native-bindings/jextract/README.md).

package io.latentj.bindings.lapack;

import io.latentj.bindings.internal.Downcalls;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * LAPACKE (the C interface of LAPACK) from {@code lapacke.h}, filtered to the routines LatentJ uses (regenerate
 * with {@code jextract @native-bindings/jextract/lapacke.args}). Only present when the loaded OpenBLAS was built
 * with LAPACKE (the bundled build is; Debian's is not): check {@code OpenBlas.hasLapacke()}, or use {@link Lapack},
 * which picks this or {@link lapack_h}. {@code lapack_int} is a 32-bit int in both builds.
 */
@SuppressWarnings({"unused", "checkstyle:all"})
public class lapacke_h {

    lapacke_h() {
        // Should not be called directly
    }

    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

    private static final int LAPACK_ROW_MAJOR = (int) 101L;

    /** {@snippet lang=c : LAPACK_ROW_MAJOR = 101 } */
    public static int LAPACK_ROW_MAJOR() {
        return LAPACK_ROW_MAJOR;
    }

    private static final int LAPACK_COL_MAJOR = (int) 102L;

    /** {@snippet lang=c : LAPACK_COL_MAJOR = 102 } */
    public static int LAPACK_COL_MAJOR() {
        return LAPACK_COL_MAJOR;
    }

    private static class LAPACKE_ssyevd {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_CHAR, lapacke_h.C_CHAR, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT, lapacke_h.C_POINTER);

        public static final MemorySegment ADDR = Downcalls.address("LAPACKE_ssyevd");

        public static final MethodHandle HANDLE = Downcalls.handle("LAPACKE_ssyevd", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * lapack_int LAPACKE_ssyevd(int matrix_layout, char jobz, char uplo, lapack_int n, float* a, lapack_int lda, float* w)
     * }
     */
    public static FunctionDescriptor LAPACKE_ssyevd$descriptor() {
        return LAPACKE_ssyevd.DESC;
    }

    /** Downcall method handle for LAPACKE_ssyevd. */
    public static MethodHandle LAPACKE_ssyevd$handle() {
        return LAPACKE_ssyevd.HANDLE;
    }

    /** Address of LAPACKE_ssyevd, or {@code NULL} when it is not loaded. */
    public static MemorySegment LAPACKE_ssyevd$address() {
        return LAPACKE_ssyevd.ADDR;
    }

    /**
     * {@snippet lang=c :
     * lapack_int LAPACKE_ssyevd(int matrix_layout, char jobz, char uplo, lapack_int n, float* a, lapack_int lda, float* w)
     * }
     */
    public static int LAPACKE_ssyevd(int matrix_layout, byte jobz, byte uplo, int n, MemorySegment a, int lda, MemorySegment w) {
        var mh$ = LAPACKE_ssyevd.HANDLE;
        try {
            return (int) mh$.invokeExact(matrix_layout, jobz, uplo, n, a, lda, w);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class LAPACKE_sgesdd {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_CHAR, lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_POINTER, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("LAPACKE_sgesdd");

        public static final MethodHandle HANDLE = Downcalls.handle("LAPACKE_sgesdd", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * lapack_int LAPACKE_sgesdd(int matrix_layout, char jobz, lapack_int m, lapack_int n, float* a, lapack_int lda, float* s, float* u, lapack_int ldu, float* vt, lapack_int ldvt)
     * }
     */
    public static FunctionDescriptor LAPACKE_sgesdd$descriptor() {
        return LAPACKE_sgesdd.DESC;
    }

    /** Downcall method handle for LAPACKE_sgesdd. */
    public static MethodHandle LAPACKE_sgesdd$handle() {
        return LAPACKE_sgesdd.HANDLE;
    }

    /** Address of LAPACKE_sgesdd, or {@code NULL} when it is not loaded. */
    public static MemorySegment LAPACKE_sgesdd$address() {
        return LAPACKE_sgesdd.ADDR;
    }

    /**
     * {@snippet lang=c :
     * lapack_int LAPACKE_sgesdd(int matrix_layout, char jobz, lapack_int m, lapack_int n, float* a, lapack_int lda, float* s, float* u, lapack_int ldu, float* vt, lapack_int ldvt)
     * }
     */
    public static int LAPACKE_sgesdd(int matrix_layout, byte jobz, int m, int n, MemorySegment a, int lda, MemorySegment s, MemorySegment u, int ldu, MemorySegment vt, int ldvt) {
        var mh$ = LAPACKE_sgesdd.HANDLE;
        try {
            return (int) mh$.invokeExact(matrix_layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class LAPACKE_spotrf {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_CHAR, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("LAPACKE_spotrf");

        public static final MethodHandle HANDLE = Downcalls.handle("LAPACKE_spotrf", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * lapack_int LAPACKE_spotrf(int matrix_layout, char uplo, lapack_int n, float* a, lapack_int lda)
     * }
     */
    public static FunctionDescriptor LAPACKE_spotrf$descriptor() {
        return LAPACKE_spotrf.DESC;
    }

    /** Downcall method handle for LAPACKE_spotrf. */
    public static MethodHandle LAPACKE_spotrf$handle() {
        return LAPACKE_spotrf.HANDLE;
    }

    /** Address of LAPACKE_spotrf, or {@code NULL} when it is not loaded. */
    public static MemorySegment LAPACKE_spotrf$address() {
        return LAPACKE_spotrf.ADDR;
    }

    /**
     * {@snippet lang=c :
     * lapack_int LAPACKE_spotrf(int matrix_layout, char uplo, lapack_int n, float* a, lapack_int lda)
     * }
     */
    public static int LAPACKE_spotrf(int matrix_layout, byte uplo, int n, MemorySegment a, int lda) {
        var mh$ = LAPACKE_spotrf.HANDLE;
        try {
            return (int) mh$.invokeExact(matrix_layout, uplo, n, a, lda);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class LAPACKE_spotrs {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_CHAR, lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("LAPACKE_spotrs");

        public static final MethodHandle HANDLE = Downcalls.handle("LAPACKE_spotrs", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * lapack_int LAPACKE_spotrs(int matrix_layout, char uplo, lapack_int n, lapack_int nrhs, const float* a, lapack_int lda, float* b, lapack_int ldb)
     * }
     */
    public static FunctionDescriptor LAPACKE_spotrs$descriptor() {
        return LAPACKE_spotrs.DESC;
    }

    /** Downcall method handle for LAPACKE_spotrs. */
    public static MethodHandle LAPACKE_spotrs$handle() {
        return LAPACKE_spotrs.HANDLE;
    }

    /** Address of LAPACKE_spotrs, or {@code NULL} when it is not loaded. */
    public static MemorySegment LAPACKE_spotrs$address() {
        return LAPACKE_spotrs.ADDR;
    }

    /**
     * {@snippet lang=c :
     * lapack_int LAPACKE_spotrs(int matrix_layout, char uplo, lapack_int n, lapack_int nrhs, const float* a, lapack_int lda, float* b, lapack_int ldb)
     * }
     */
    public static int LAPACKE_spotrs(int matrix_layout, byte uplo, int n, int nrhs, MemorySegment a, int lda, MemorySegment b, int ldb) {
        var mh$ = LAPACKE_spotrs.HANDLE;
        try {
            return (int) mh$.invokeExact(matrix_layout, uplo, n, nrhs, a, lda, b, ldb);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class LAPACKE_dsyevd {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_CHAR, lapacke_h.C_CHAR, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT, lapacke_h.C_POINTER);

        public static final MemorySegment ADDR = Downcalls.address("LAPACKE_dsyevd");

        public static final MethodHandle HANDLE = Downcalls.handle("LAPACKE_dsyevd", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * lapack_int LAPACKE_dsyevd(int matrix_layout, char jobz, char uplo, lapack_int n, double* a, lapack_int lda, double* w)
     * }
     */
    public static FunctionDescriptor LAPACKE_dsyevd$descriptor() {
        return LAPACKE_dsyevd.DESC;
    }

    /** Downcall method handle for LAPACKE_dsyevd. */
    public static MethodHandle LAPACKE_dsyevd$handle() {
        return LAPACKE_dsyevd.HANDLE;
    }

    /** Address of LAPACKE_dsyevd, or {@code NULL} when it is not loaded. */
    public static MemorySegment LAPACKE_dsyevd$address() {
        return LAPACKE_dsyevd.ADDR;
    }

    /**
     * {@snippet lang=c :
     * lapack_int LAPACKE_dsyevd(int matrix_layout, char jobz, char uplo, lapack_int n, double* a, lapack_int lda, double* w)
     * }
     */
    public static int LAPACKE_dsyevd(int matrix_layout, byte jobz, byte uplo, int n, MemorySegment a, int lda, MemorySegment w) {
        var mh$ = LAPACKE_dsyevd.HANDLE;
        try {
            return (int) mh$.invokeExact(matrix_layout, jobz, uplo, n, a, lda, w);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class LAPACKE_dgesdd {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_CHAR, lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_POINTER, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("LAPACKE_dgesdd");

        public static final MethodHandle HANDLE = Downcalls.handle("LAPACKE_dgesdd", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * lapack_int LAPACKE_dgesdd(int matrix_layout, char jobz, lapack_int m, lapack_int n, double* a, lapack_int lda, double* s, double* u, lapack_int ldu, double* vt, lapack_int ldvt)
     * }
     */
    public static FunctionDescriptor LAPACKE_dgesdd$descriptor() {
        return LAPACKE_dgesdd.DESC;
    }

    /** Downcall method handle for LAPACKE_dgesdd. */
    public static MethodHandle LAPACKE_dgesdd$handle() {
        return LAPACKE_dgesdd.HANDLE;
    }

    /** Address of LAPACKE_dgesdd, or {@code NULL} when it is not loaded. */
    public static MemorySegment LAPACKE_dgesdd$address() {
        return LAPACKE_dgesdd.ADDR;
    }

    /**
     * {@snippet lang=c :
     * lapack_int LAPACKE_dgesdd(int matrix_layout, char jobz, lapack_int m, lapack_int n, double* a, lapack_int lda, double* s, double* u, lapack_int ldu, double* vt, lapack_int ldvt)
     * }
     */
    public static int LAPACKE_dgesdd(int matrix_layout, byte jobz, int m, int n, MemorySegment a, int lda, MemorySegment s, MemorySegment u, int ldu, MemorySegment vt, int ldvt) {
        var mh$ = LAPACKE_dgesdd.HANDLE;
        try {
            return (int) mh$.invokeExact(matrix_layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class LAPACKE_dpotrf {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_CHAR, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("LAPACKE_dpotrf");

        public static final MethodHandle HANDLE = Downcalls.handle("LAPACKE_dpotrf", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * lapack_int LAPACKE_dpotrf(int matrix_layout, char uplo, lapack_int n, double* a, lapack_int lda)
     * }
     */
    public static FunctionDescriptor LAPACKE_dpotrf$descriptor() {
        return LAPACKE_dpotrf.DESC;
    }

    /** Downcall method handle for LAPACKE_dpotrf. */
    public static MethodHandle LAPACKE_dpotrf$handle() {
        return LAPACKE_dpotrf.HANDLE;
    }

    /** Address of LAPACKE_dpotrf, or {@code NULL} when it is not loaded. */
    public static MemorySegment LAPACKE_dpotrf$address() {
        return LAPACKE_dpotrf.ADDR;
    }

    /**
     * {@snippet lang=c :
     * lapack_int LAPACKE_dpotrf(int matrix_layout, char uplo, lapack_int n, double* a, lapack_int lda)
     * }
     */
    public static int LAPACKE_dpotrf(int matrix_layout, byte uplo, int n, MemorySegment a, int lda) {
        var mh$ = LAPACKE_dpotrf.HANDLE;
        try {
            return (int) mh$.invokeExact(matrix_layout, uplo, n, a, lda);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class LAPACKE_dpotrs {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_CHAR, lapacke_h.C_INT, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT, lapacke_h.C_POINTER, lapacke_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("LAPACKE_dpotrs");

        public static final MethodHandle HANDLE = Downcalls.handle("LAPACKE_dpotrs", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * lapack_int LAPACKE_dpotrs(int matrix_layout, char uplo, lapack_int n, lapack_int nrhs, const double* a, lapack_int lda, double* b, lapack_int ldb)
     * }
     */
    public static FunctionDescriptor LAPACKE_dpotrs$descriptor() {
        return LAPACKE_dpotrs.DESC;
    }

    /** Downcall method handle for LAPACKE_dpotrs. */
    public static MethodHandle LAPACKE_dpotrs$handle() {
        return LAPACKE_dpotrs.HANDLE;
    }

    /** Address of LAPACKE_dpotrs, or {@code NULL} when it is not loaded. */
    public static MemorySegment LAPACKE_dpotrs$address() {
        return LAPACKE_dpotrs.ADDR;
    }

    /**
     * {@snippet lang=c :
     * lapack_int LAPACKE_dpotrs(int matrix_layout, char uplo, lapack_int n, lapack_int nrhs, const double* a, lapack_int lda, double* b, lapack_int ldb)
     * }
     */
    public static int LAPACKE_dpotrs(int matrix_layout, byte uplo, int n, int nrhs, MemorySegment a, int lda, MemorySegment b, int ldb) {
        var mh$ = LAPACKE_dpotrs.HANDLE;
        try {
            return (int) mh$.invokeExact(matrix_layout, uplo, n, nrhs, a, lda, b, ldb);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
