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
 * The Fortran LAPACK routines LatentJ uses, from {@code lapack.h} (regenerate with
 * {@code jextract @native-bindings/jextract/lapack.args}). Fortran conventions: every argument by pointer,
 * matrices column-major, and one hidden trailing {@code size_t} length per character argument (pass 1).
 * Present in every OpenBLAS build that includes LAPACK, with or without LAPACKE.
 */
@SuppressWarnings({"unused", "checkstyle:all"})
public class lapack_h {

    lapack_h() {
        // Should not be called directly
    }

    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

    private static class ssyevd_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("ssyevd_");

        public static final MethodHandle HANDLE = Downcalls.handle("ssyevd_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void ssyevd_(const char* jobz, const char* uplo, const lapack_int* n, float* a, const lapack_int* lda, float* w, float* work, const lapack_int* lwork, lapack_int* iwork, const lapack_int* liwork, lapack_int* info, size_t jobz_len, size_t uplo_len)
     * }
     */
    public static FunctionDescriptor ssyevd_$descriptor() {
        return ssyevd_.DESC;
    }

    /** Downcall method handle for ssyevd_. */
    public static MethodHandle ssyevd_$handle() {
        return ssyevd_.HANDLE;
    }

    /** Address of ssyevd_, or {@code NULL} when it is not loaded. */
    public static MemorySegment ssyevd_$address() {
        return ssyevd_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void ssyevd_(const char* jobz, const char* uplo, const lapack_int* n, float* a, const lapack_int* lda, float* w, float* work, const lapack_int* lwork, lapack_int* iwork, const lapack_int* liwork, lapack_int* info, size_t jobz_len, size_t uplo_len)
     * }
     */
    public static void ssyevd_(MemorySegment jobz, MemorySegment uplo, MemorySegment n, MemorySegment a, MemorySegment lda, MemorySegment w, MemorySegment work, MemorySegment lwork, MemorySegment iwork, MemorySegment liwork, MemorySegment info, long jobz_len, long uplo_len) {
        var mh$ = ssyevd_.HANDLE;
        try {
            mh$.invokeExact(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, jobz_len, uplo_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class sgesdd_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("sgesdd_");

        public static final MethodHandle HANDLE = Downcalls.handle("sgesdd_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void sgesdd_(const char* jobz, const lapack_int* m, const lapack_int* n, float* a, const lapack_int* lda, float* s, float* u, const lapack_int* ldu, float* vt, const lapack_int* ldvt, float* work, const lapack_int* lwork, lapack_int* iwork, lapack_int* info, size_t jobz_len)
     * }
     */
    public static FunctionDescriptor sgesdd_$descriptor() {
        return sgesdd_.DESC;
    }

    /** Downcall method handle for sgesdd_. */
    public static MethodHandle sgesdd_$handle() {
        return sgesdd_.HANDLE;
    }

    /** Address of sgesdd_, or {@code NULL} when it is not loaded. */
    public static MemorySegment sgesdd_$address() {
        return sgesdd_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void sgesdd_(const char* jobz, const lapack_int* m, const lapack_int* n, float* a, const lapack_int* lda, float* s, float* u, const lapack_int* ldu, float* vt, const lapack_int* ldvt, float* work, const lapack_int* lwork, lapack_int* iwork, lapack_int* info, size_t jobz_len)
     * }
     */
    public static void sgesdd_(MemorySegment jobz, MemorySegment m, MemorySegment n, MemorySegment a, MemorySegment lda, MemorySegment s, MemorySegment u, MemorySegment ldu, MemorySegment vt, MemorySegment ldvt, MemorySegment work, MemorySegment lwork, MemorySegment iwork, MemorySegment info, long jobz_len) {
        var mh$ = sgesdd_.HANDLE;
        try {
            mh$.invokeExact(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, jobz_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class spotrf_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("spotrf_");

        public static final MethodHandle HANDLE = Downcalls.handle("spotrf_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void spotrf_(const char* uplo, const lapack_int* n, float* a, const lapack_int* lda, lapack_int* info, size_t uplo_len)
     * }
     */
    public static FunctionDescriptor spotrf_$descriptor() {
        return spotrf_.DESC;
    }

    /** Downcall method handle for spotrf_. */
    public static MethodHandle spotrf_$handle() {
        return spotrf_.HANDLE;
    }

    /** Address of spotrf_, or {@code NULL} when it is not loaded. */
    public static MemorySegment spotrf_$address() {
        return spotrf_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void spotrf_(const char* uplo, const lapack_int* n, float* a, const lapack_int* lda, lapack_int* info, size_t uplo_len)
     * }
     */
    public static void spotrf_(MemorySegment uplo, MemorySegment n, MemorySegment a, MemorySegment lda, MemorySegment info, long uplo_len) {
        var mh$ = spotrf_.HANDLE;
        try {
            mh$.invokeExact(uplo, n, a, lda, info, uplo_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class spotrs_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("spotrs_");

        public static final MethodHandle HANDLE = Downcalls.handle("spotrs_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void spotrs_(const char* uplo, const lapack_int* n, const lapack_int* nrhs, const float* a, const lapack_int* lda, float* b, const lapack_int* ldb, lapack_int* info, size_t uplo_len)
     * }
     */
    public static FunctionDescriptor spotrs_$descriptor() {
        return spotrs_.DESC;
    }

    /** Downcall method handle for spotrs_. */
    public static MethodHandle spotrs_$handle() {
        return spotrs_.HANDLE;
    }

    /** Address of spotrs_, or {@code NULL} when it is not loaded. */
    public static MemorySegment spotrs_$address() {
        return spotrs_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void spotrs_(const char* uplo, const lapack_int* n, const lapack_int* nrhs, const float* a, const lapack_int* lda, float* b, const lapack_int* ldb, lapack_int* info, size_t uplo_len)
     * }
     */
    public static void spotrs_(MemorySegment uplo, MemorySegment n, MemorySegment nrhs, MemorySegment a, MemorySegment lda, MemorySegment b, MemorySegment ldb, MemorySegment info, long uplo_len) {
        var mh$ = spotrs_.HANDLE;
        try {
            mh$.invokeExact(uplo, n, nrhs, a, lda, b, ldb, info, uplo_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class dsyevd_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("dsyevd_");

        public static final MethodHandle HANDLE = Downcalls.handle("dsyevd_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void dsyevd_(const char* jobz, const char* uplo, const lapack_int* n, double* a, const lapack_int* lda, double* w, double* work, const lapack_int* lwork, lapack_int* iwork, const lapack_int* liwork, lapack_int* info, size_t jobz_len, size_t uplo_len)
     * }
     */
    public static FunctionDescriptor dsyevd_$descriptor() {
        return dsyevd_.DESC;
    }

    /** Downcall method handle for dsyevd_. */
    public static MethodHandle dsyevd_$handle() {
        return dsyevd_.HANDLE;
    }

    /** Address of dsyevd_, or {@code NULL} when it is not loaded. */
    public static MemorySegment dsyevd_$address() {
        return dsyevd_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void dsyevd_(const char* jobz, const char* uplo, const lapack_int* n, double* a, const lapack_int* lda, double* w, double* work, const lapack_int* lwork, lapack_int* iwork, const lapack_int* liwork, lapack_int* info, size_t jobz_len, size_t uplo_len)
     * }
     */
    public static void dsyevd_(MemorySegment jobz, MemorySegment uplo, MemorySegment n, MemorySegment a, MemorySegment lda, MemorySegment w, MemorySegment work, MemorySegment lwork, MemorySegment iwork, MemorySegment liwork, MemorySegment info, long jobz_len, long uplo_len) {
        var mh$ = dsyevd_.HANDLE;
        try {
            mh$.invokeExact(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, jobz_len, uplo_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class dgesdd_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("dgesdd_");

        public static final MethodHandle HANDLE = Downcalls.handle("dgesdd_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void dgesdd_(const char* jobz, const lapack_int* m, const lapack_int* n, double* a, const lapack_int* lda, double* s, double* u, const lapack_int* ldu, double* vt, const lapack_int* ldvt, double* work, const lapack_int* lwork, lapack_int* iwork, lapack_int* info, size_t jobz_len)
     * }
     */
    public static FunctionDescriptor dgesdd_$descriptor() {
        return dgesdd_.DESC;
    }

    /** Downcall method handle for dgesdd_. */
    public static MethodHandle dgesdd_$handle() {
        return dgesdd_.HANDLE;
    }

    /** Address of dgesdd_, or {@code NULL} when it is not loaded. */
    public static MemorySegment dgesdd_$address() {
        return dgesdd_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void dgesdd_(const char* jobz, const lapack_int* m, const lapack_int* n, double* a, const lapack_int* lda, double* s, double* u, const lapack_int* ldu, double* vt, const lapack_int* ldvt, double* work, const lapack_int* lwork, lapack_int* iwork, lapack_int* info, size_t jobz_len)
     * }
     */
    public static void dgesdd_(MemorySegment jobz, MemorySegment m, MemorySegment n, MemorySegment a, MemorySegment lda, MemorySegment s, MemorySegment u, MemorySegment ldu, MemorySegment vt, MemorySegment ldvt, MemorySegment work, MemorySegment lwork, MemorySegment iwork, MemorySegment info, long jobz_len) {
        var mh$ = dgesdd_.HANDLE;
        try {
            mh$.invokeExact(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, jobz_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class dpotrf_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("dpotrf_");

        public static final MethodHandle HANDLE = Downcalls.handle("dpotrf_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void dpotrf_(const char* uplo, const lapack_int* n, double* a, const lapack_int* lda, lapack_int* info, size_t uplo_len)
     * }
     */
    public static FunctionDescriptor dpotrf_$descriptor() {
        return dpotrf_.DESC;
    }

    /** Downcall method handle for dpotrf_. */
    public static MethodHandle dpotrf_$handle() {
        return dpotrf_.HANDLE;
    }

    /** Address of dpotrf_, or {@code NULL} when it is not loaded. */
    public static MemorySegment dpotrf_$address() {
        return dpotrf_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void dpotrf_(const char* uplo, const lapack_int* n, double* a, const lapack_int* lda, lapack_int* info, size_t uplo_len)
     * }
     */
    public static void dpotrf_(MemorySegment uplo, MemorySegment n, MemorySegment a, MemorySegment lda, MemorySegment info, long uplo_len) {
        var mh$ = dpotrf_.HANDLE;
        try {
            mh$.invokeExact(uplo, n, a, lda, info, uplo_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class dpotrs_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("dpotrs_");

        public static final MethodHandle HANDLE = Downcalls.handle("dpotrs_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void dpotrs_(const char* uplo, const lapack_int* n, const lapack_int* nrhs, const double* a, const lapack_int* lda, double* b, const lapack_int* ldb, lapack_int* info, size_t uplo_len)
     * }
     */
    public static FunctionDescriptor dpotrs_$descriptor() {
        return dpotrs_.DESC;
    }

    /** Downcall method handle for dpotrs_. */
    public static MethodHandle dpotrs_$handle() {
        return dpotrs_.HANDLE;
    }

    /** Address of dpotrs_, or {@code NULL} when it is not loaded. */
    public static MemorySegment dpotrs_$address() {
        return dpotrs_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void dpotrs_(const char* uplo, const lapack_int* n, const lapack_int* nrhs, const double* a, const lapack_int* lda, double* b, const lapack_int* ldb, lapack_int* info, size_t uplo_len)
     * }
     */
    public static void dpotrs_(MemorySegment uplo, MemorySegment n, MemorySegment nrhs, MemorySegment a, MemorySegment lda, MemorySegment b, MemorySegment ldb, MemorySegment info, long uplo_len) {
        var mh$ = dpotrs_.HANDLE;
        try {
            mh$.invokeExact(uplo, n, nrhs, a, lda, b, ldb, info, uplo_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class ssyevr_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG, lapack_h.C_LONG, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("ssyevr_");

        public static final MethodHandle HANDLE = Downcalls.handle("ssyevr_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void ssyevr_(const char* jobz, const char* range, const char* uplo, const lapack_int* n, float* a, const lapack_int* lda, const float* vl, const float* vu, const lapack_int* il, const lapack_int* iu, const float* abstol, lapack_int* m, float* w, float* z, const lapack_int* ldz, lapack_int* isuppz, float* work, const lapack_int* lwork, lapack_int* iwork, const lapack_int* liwork, lapack_int* info, size_t jobz_len, size_t range_len, size_t uplo_len)
     * }
     */
    public static FunctionDescriptor ssyevr_$descriptor() {
        return ssyevr_.DESC;
    }

    /** Downcall method handle for ssyevr_. */
    public static MethodHandle ssyevr_$handle() {
        return ssyevr_.HANDLE;
    }

    /** Address of ssyevr_, or {@code NULL} when it is not loaded. */
    public static MemorySegment ssyevr_$address() {
        return ssyevr_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void ssyevr_(const char* jobz, const char* range, const char* uplo, const lapack_int* n, float* a, const lapack_int* lda, const float* vl, const float* vu, const lapack_int* il, const lapack_int* iu, const float* abstol, lapack_int* m, float* w, float* z, const lapack_int* ldz, lapack_int* isuppz, float* work, const lapack_int* lwork, lapack_int* iwork, const lapack_int* liwork, lapack_int* info, size_t jobz_len, size_t range_len, size_t uplo_len)
     * }
     */
    public static void ssyevr_(MemorySegment jobz, MemorySegment range, MemorySegment uplo, MemorySegment n, MemorySegment a, MemorySegment lda, MemorySegment vl, MemorySegment vu, MemorySegment il, MemorySegment iu, MemorySegment abstol, MemorySegment m, MemorySegment w, MemorySegment z, MemorySegment ldz, MemorySegment isuppz, MemorySegment work, MemorySegment lwork, MemorySegment iwork, MemorySegment liwork, MemorySegment info, long jobz_len, long range_len, long uplo_len) {
        var mh$ = ssyevr_.HANDLE;
        try {
            mh$.invokeExact(jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol, m, w, z, ldz, isuppz, work, lwork, iwork, liwork, info, jobz_len, range_len, uplo_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class dsyevr_ {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_POINTER, lapack_h.C_LONG, lapack_h.C_LONG, lapack_h.C_LONG);

        public static final MemorySegment ADDR = Downcalls.address("dsyevr_");

        public static final MethodHandle HANDLE = Downcalls.handle("dsyevr_", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void dsyevr_(const char* jobz, const char* range, const char* uplo, const lapack_int* n, double* a, const lapack_int* lda, const double* vl, const double* vu, const lapack_int* il, const lapack_int* iu, const double* abstol, lapack_int* m, double* w, double* z, const lapack_int* ldz, lapack_int* isuppz, double* work, const lapack_int* lwork, lapack_int* iwork, const lapack_int* liwork, lapack_int* info, size_t jobz_len, size_t range_len, size_t uplo_len)
     * }
     */
    public static FunctionDescriptor dsyevr_$descriptor() {
        return dsyevr_.DESC;
    }

    /** Downcall method handle for dsyevr_. */
    public static MethodHandle dsyevr_$handle() {
        return dsyevr_.HANDLE;
    }

    /** Address of dsyevr_, or {@code NULL} when it is not loaded. */
    public static MemorySegment dsyevr_$address() {
        return dsyevr_.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void dsyevr_(const char* jobz, const char* range, const char* uplo, const lapack_int* n, double* a, const lapack_int* lda, const double* vl, const double* vu, const lapack_int* il, const lapack_int* iu, const double* abstol, lapack_int* m, double* w, double* z, const lapack_int* ldz, lapack_int* isuppz, double* work, const lapack_int* lwork, lapack_int* iwork, const lapack_int* liwork, lapack_int* info, size_t jobz_len, size_t range_len, size_t uplo_len)
     * }
     */
    public static void dsyevr_(MemorySegment jobz, MemorySegment range, MemorySegment uplo, MemorySegment n, MemorySegment a, MemorySegment lda, MemorySegment vl, MemorySegment vu, MemorySegment il, MemorySegment iu, MemorySegment abstol, MemorySegment m, MemorySegment w, MemorySegment z, MemorySegment ldz, MemorySegment isuppz, MemorySegment work, MemorySegment lwork, MemorySegment iwork, MemorySegment liwork, MemorySegment info, long jobz_len, long range_len, long uplo_len) {
        var mh$ = dsyevr_.HANDLE;
        try {
            mh$.invokeExact(jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol, m, w, z, ldz, isuppz, work, lwork, iwork, liwork, info, jobz_len, range_len, uplo_len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
