// Written by hand in the shape jextract generates (see native-bindings/jextract/README.md).

package io.latentj.bindings.cblas;

import io.latentj.bindings.internal.Downcalls;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * CBLAS and OpenBLAS control functions from {@code cblas.h}, filtered to what LatentJ uses (regenerate with
 * {@code jextract @native-bindings/jextract/cblas.args}). Handles are plain (non-critical) downcalls: pass native
 * segments. For short calls on Java arrays use {@link cblas_h_critical}. When OpenBLAS is unavailable every
 * function throws {@link IllegalStateException} with the reason (no class initializer fails).
 */
@SuppressWarnings({"unused", "checkstyle:all"})
public class cblas_h {

    cblas_h() {
        // Should not be called directly
    }

    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

    private static final int CblasRowMajor = (int) 101L;

    /** {@snippet lang=c : CblasRowMajor = 101 } */
    public static int CblasRowMajor() {
        return CblasRowMajor;
    }

    private static final int CblasColMajor = (int) 102L;

    /** {@snippet lang=c : CblasColMajor = 102 } */
    public static int CblasColMajor() {
        return CblasColMajor;
    }

    private static final int CblasNoTrans = (int) 111L;

    /** {@snippet lang=c : CblasNoTrans = 111 } */
    public static int CblasNoTrans() {
        return CblasNoTrans;
    }

    private static final int CblasTrans = (int) 112L;

    /** {@snippet lang=c : CblasTrans = 112 } */
    public static int CblasTrans() {
        return CblasTrans;
    }

    private static final int CblasConjTrans = (int) 113L;

    /** {@snippet lang=c : CblasConjTrans = 113 } */
    public static int CblasConjTrans() {
        return CblasConjTrans;
    }

    private static final int CblasUpper = (int) 121L;

    /** {@snippet lang=c : CblasUpper = 121 } */
    public static int CblasUpper() {
        return CblasUpper;
    }

    private static final int CblasLower = (int) 122L;

    /** {@snippet lang=c : CblasLower = 122 } */
    public static int CblasLower() {
        return CblasLower;
    }

    private static class cblas_sgemm {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_sgemm");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_sgemm", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void cblas_sgemm(const enum CBLAS_ORDER Order, const enum CBLAS_TRANSPOSE TransA, const enum CBLAS_TRANSPOSE TransB, const blasint M, const blasint N, const blasint K, const float alpha, const float *A, const blasint lda, const float *B, const blasint ldb, const float beta, float *C, const blasint ldc)
     * }
     */
    public static FunctionDescriptor cblas_sgemm$descriptor() {
        return cblas_sgemm.DESC;
    }

    /** Downcall method handle for cblas_sgemm. */
    public static MethodHandle cblas_sgemm$handle() {
        return cblas_sgemm.HANDLE;
    }

    /** Address of cblas_sgemm, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_sgemm$address() {
        return cblas_sgemm.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void cblas_sgemm(const enum CBLAS_ORDER Order, const enum CBLAS_TRANSPOSE TransA, const enum CBLAS_TRANSPOSE TransB, const blasint M, const blasint N, const blasint K, const float alpha, const float *A, const blasint lda, const float *B, const blasint ldb, const float beta, float *C, const blasint ldc)
     * }
     */
    public static void cblas_sgemm(int Order, int TransA, int TransB, int M, int N, int K, float alpha, MemorySegment A, int lda, MemorySegment B, int ldb, float beta, MemorySegment C, int ldc) {
        var mh$ = cblas_sgemm.HANDLE;
        try {
            mh$.invokeExact(Order, TransA, TransB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_sgemv {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_sgemv");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_sgemv", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void cblas_sgemv(const enum CBLAS_ORDER order, const enum CBLAS_TRANSPOSE trans, const blasint m, const blasint n, const float alpha, const float *a, const blasint lda, const float *x, const blasint incx, const float beta, float *y, const blasint incy)
     * }
     */
    public static FunctionDescriptor cblas_sgemv$descriptor() {
        return cblas_sgemv.DESC;
    }

    /** Downcall method handle for cblas_sgemv. */
    public static MethodHandle cblas_sgemv$handle() {
        return cblas_sgemv.HANDLE;
    }

    /** Address of cblas_sgemv, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_sgemv$address() {
        return cblas_sgemv.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void cblas_sgemv(const enum CBLAS_ORDER order, const enum CBLAS_TRANSPOSE trans, const blasint m, const blasint n, const float alpha, const float *a, const blasint lda, const float *x, const blasint incx, const float beta, float *y, const blasint incy)
     * }
     */
    public static void cblas_sgemv(int order, int trans, int m, int n, float alpha, MemorySegment a, int lda, MemorySegment x, int incx, float beta, MemorySegment y, int incy) {
        var mh$ = cblas_sgemv.HANDLE;
        try {
            mh$.invokeExact(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_sger {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_sger");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_sger", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void cblas_sger(const enum CBLAS_ORDER order, const blasint M, const blasint N, const float alpha, const float *X, const blasint incX, const float *Y, const blasint incY, float *A, const blasint lda)
     * }
     */
    public static FunctionDescriptor cblas_sger$descriptor() {
        return cblas_sger.DESC;
    }

    /** Downcall method handle for cblas_sger. */
    public static MethodHandle cblas_sger$handle() {
        return cblas_sger.HANDLE;
    }

    /** Address of cblas_sger, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_sger$address() {
        return cblas_sger.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void cblas_sger(const enum CBLAS_ORDER order, const blasint M, const blasint N, const float alpha, const float *X, const blasint incX, const float *Y, const blasint incY, float *A, const blasint lda)
     * }
     */
    public static void cblas_sger(int order, int M, int N, float alpha, MemorySegment X, int incX, MemorySegment Y, int incY, MemorySegment A, int lda) {
        var mh$ = cblas_sger.HANDLE;
        try {
            mh$.invokeExact(order, M, N, alpha, X, incX, Y, incY, A, lda);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_saxpy {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_saxpy");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_saxpy", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void cblas_saxpy(const blasint n, const float alpha, const float *x, const blasint incx, float *y, const blasint incy)
     * }
     */
    public static FunctionDescriptor cblas_saxpy$descriptor() {
        return cblas_saxpy.DESC;
    }

    /** Downcall method handle for cblas_saxpy. */
    public static MethodHandle cblas_saxpy$handle() {
        return cblas_saxpy.HANDLE;
    }

    /** Address of cblas_saxpy, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_saxpy$address() {
        return cblas_saxpy.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void cblas_saxpy(const blasint n, const float alpha, const float *x, const blasint incx, float *y, const blasint incy)
     * }
     */
    public static void cblas_saxpy(int n, float alpha, MemorySegment x, int incx, MemorySegment y, int incy) {
        var mh$ = cblas_saxpy.HANDLE;
        try {
            mh$.invokeExact(n, alpha, x, incx, y, incy);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_sdot {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(cblas_h.C_FLOAT, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_sdot");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_sdot", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * float cblas_sdot(const blasint n, const float *x, const blasint incx, const float *y, const blasint incy)
     * }
     */
    public static FunctionDescriptor cblas_sdot$descriptor() {
        return cblas_sdot.DESC;
    }

    /** Downcall method handle for cblas_sdot. */
    public static MethodHandle cblas_sdot$handle() {
        return cblas_sdot.HANDLE;
    }

    /** Address of cblas_sdot, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_sdot$address() {
        return cblas_sdot.ADDR;
    }

    /**
     * {@snippet lang=c :
     * float cblas_sdot(const blasint n, const float *x, const blasint incx, const float *y, const blasint incy)
     * }
     */
    public static float cblas_sdot(int n, MemorySegment x, int incx, MemorySegment y, int incy) {
        var mh$ = cblas_sdot.HANDLE;
        try {
            return (float) mh$.invokeExact(n, x, incx, y, incy);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_snrm2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(cblas_h.C_FLOAT, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_snrm2");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_snrm2", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * float cblas_snrm2(const blasint N, const float *X, const blasint incX)
     * }
     */
    public static FunctionDescriptor cblas_snrm2$descriptor() {
        return cblas_snrm2.DESC;
    }

    /** Downcall method handle for cblas_snrm2. */
    public static MethodHandle cblas_snrm2$handle() {
        return cblas_snrm2.HANDLE;
    }

    /** Address of cblas_snrm2, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_snrm2$address() {
        return cblas_snrm2.ADDR;
    }

    /**
     * {@snippet lang=c :
     * float cblas_snrm2(const blasint N, const float *X, const blasint incX)
     * }
     */
    public static float cblas_snrm2(int N, MemorySegment X, int incX) {
        var mh$ = cblas_snrm2.HANDLE;
        try {
            return (float) mh$.invokeExact(N, X, incX);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_sscal {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_sscal");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_sscal", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void cblas_sscal(const blasint N, const float alpha, float *X, const blasint incX)
     * }
     */
    public static FunctionDescriptor cblas_sscal$descriptor() {
        return cblas_sscal.DESC;
    }

    /** Downcall method handle for cblas_sscal. */
    public static MethodHandle cblas_sscal$handle() {
        return cblas_sscal.HANDLE;
    }

    /** Address of cblas_sscal, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_sscal$address() {
        return cblas_sscal.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void cblas_sscal(const blasint N, const float alpha, float *X, const blasint incX)
     * }
     */
    public static void cblas_sscal(int N, float alpha, MemorySegment X, int incX) {
        var mh$ = cblas_sscal.HANDLE;
        try {
            mh$.invokeExact(N, alpha, X, incX);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_ssyrk {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_FLOAT, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_ssyrk");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_ssyrk", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void cblas_ssyrk(const enum CBLAS_ORDER Order, const enum CBLAS_UPLO Uplo, const enum CBLAS_TRANSPOSE Trans, const blasint N, const blasint K, const float alpha, const float *A, const blasint lda, const float beta, float *C, const blasint ldc)
     * }
     */
    public static FunctionDescriptor cblas_ssyrk$descriptor() {
        return cblas_ssyrk.DESC;
    }

    /** Downcall method handle for cblas_ssyrk. */
    public static MethodHandle cblas_ssyrk$handle() {
        return cblas_ssyrk.HANDLE;
    }

    /** Address of cblas_ssyrk, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_ssyrk$address() {
        return cblas_ssyrk.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void cblas_ssyrk(const enum CBLAS_ORDER Order, const enum CBLAS_UPLO Uplo, const enum CBLAS_TRANSPOSE Trans, const blasint N, const blasint K, const float alpha, const float *A, const blasint lda, const float beta, float *C, const blasint ldc)
     * }
     */
    public static void cblas_ssyrk(int Order, int Uplo, int Trans, int N, int K, float alpha, MemorySegment A, int lda, float beta, MemorySegment C, int ldc) {
        var mh$ = cblas_ssyrk.HANDLE;
        try {
            mh$.invokeExact(Order, Uplo, Trans, N, K, alpha, A, lda, beta, C, ldc);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_dgemm {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_DOUBLE, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_DOUBLE, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_dgemm");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_dgemm", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void cblas_dgemm(const enum CBLAS_ORDER Order, const enum CBLAS_TRANSPOSE TransA, const enum CBLAS_TRANSPOSE TransB, const blasint M, const blasint N, const blasint K, const double alpha, const double *A, const blasint lda, const double *B, const blasint ldb, const double beta, double *C, const blasint ldc)
     * }
     */
    public static FunctionDescriptor cblas_dgemm$descriptor() {
        return cblas_dgemm.DESC;
    }

    /** Downcall method handle for cblas_dgemm. */
    public static MethodHandle cblas_dgemm$handle() {
        return cblas_dgemm.HANDLE;
    }

    /** Address of cblas_dgemm, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_dgemm$address() {
        return cblas_dgemm.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void cblas_dgemm(const enum CBLAS_ORDER Order, const enum CBLAS_TRANSPOSE TransA, const enum CBLAS_TRANSPOSE TransB, const blasint M, const blasint N, const blasint K, const double alpha, const double *A, const blasint lda, const double *B, const blasint ldb, const double beta, double *C, const blasint ldc)
     * }
     */
    public static void cblas_dgemm(int Order, int TransA, int TransB, int M, int N, int K, double alpha, MemorySegment A, int lda, MemorySegment B, int ldb, double beta, MemorySegment C, int ldc) {
        var mh$ = cblas_dgemm.HANDLE;
        try {
            mh$.invokeExact(Order, TransA, TransB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cblas_dgemv {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_INT, cblas_h.C_DOUBLE, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_POINTER, cblas_h.C_INT, cblas_h.C_DOUBLE, cblas_h.C_POINTER, cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("cblas_dgemv");

        public static final MethodHandle HANDLE = Downcalls.handle("cblas_dgemv", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void cblas_dgemv(const enum CBLAS_ORDER order, const enum CBLAS_TRANSPOSE trans, const blasint m, const blasint n, const double alpha, const double *a, const blasint lda, const double *x, const blasint incx, const double beta, double *y, const blasint incy)
     * }
     */
    public static FunctionDescriptor cblas_dgemv$descriptor() {
        return cblas_dgemv.DESC;
    }

    /** Downcall method handle for cblas_dgemv. */
    public static MethodHandle cblas_dgemv$handle() {
        return cblas_dgemv.HANDLE;
    }

    /** Address of cblas_dgemv, or {@code NULL} when it is not loaded. */
    public static MemorySegment cblas_dgemv$address() {
        return cblas_dgemv.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void cblas_dgemv(const enum CBLAS_ORDER order, const enum CBLAS_TRANSPOSE trans, const blasint m, const blasint n, const double alpha, const double *a, const blasint lda, const double *x, const blasint incx, const double beta, double *y, const blasint incy)
     * }
     */
    public static void cblas_dgemv(int order, int trans, int m, int n, double alpha, MemorySegment a, int lda, MemorySegment x, int incx, double beta, MemorySegment y, int incy) {
        var mh$ = cblas_dgemv.HANDLE;
        try {
            mh$.invokeExact(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class openblas_set_num_threads {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("openblas_set_num_threads");

        public static final MethodHandle HANDLE = Downcalls.handle("openblas_set_num_threads", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void openblas_set_num_threads(int num_threads)
     * }
     */
    public static FunctionDescriptor openblas_set_num_threads$descriptor() {
        return openblas_set_num_threads.DESC;
    }

    /** Downcall method handle for openblas_set_num_threads. */
    public static MethodHandle openblas_set_num_threads$handle() {
        return openblas_set_num_threads.HANDLE;
    }

    /** Address of openblas_set_num_threads, or {@code NULL} when it is not loaded. */
    public static MemorySegment openblas_set_num_threads$address() {
        return openblas_set_num_threads.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void openblas_set_num_threads(int num_threads)
     * }
     */
    public static void openblas_set_num_threads(int num_threads) {
        var mh$ = openblas_set_num_threads.HANDLE;
        try {
            mh$.invokeExact(num_threads);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class openblas_get_num_threads {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(cblas_h.C_INT);

        public static final MemorySegment ADDR = Downcalls.address("openblas_get_num_threads");

        public static final MethodHandle HANDLE = Downcalls.handle("openblas_get_num_threads", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int openblas_get_num_threads(void)
     * }
     */
    public static FunctionDescriptor openblas_get_num_threads$descriptor() {
        return openblas_get_num_threads.DESC;
    }

    /** Downcall method handle for openblas_get_num_threads. */
    public static MethodHandle openblas_get_num_threads$handle() {
        return openblas_get_num_threads.HANDLE;
    }

    /** Address of openblas_get_num_threads, or {@code NULL} when it is not loaded. */
    public static MemorySegment openblas_get_num_threads$address() {
        return openblas_get_num_threads.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int openblas_get_num_threads(void)
     * }
     */
    public static int openblas_get_num_threads() {
        var mh$ = openblas_get_num_threads.HANDLE;
        try {
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class openblas_get_config {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(cblas_h.C_POINTER);

        public static final MemorySegment ADDR = Downcalls.address("openblas_get_config");

        public static final MethodHandle HANDLE = Downcalls.handle("openblas_get_config", DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * char *openblas_get_config(void)
     * }
     */
    public static FunctionDescriptor openblas_get_config$descriptor() {
        return openblas_get_config.DESC;
    }

    /** Downcall method handle for openblas_get_config. */
    public static MethodHandle openblas_get_config$handle() {
        return openblas_get_config.HANDLE;
    }

    /** Address of openblas_get_config, or {@code NULL} when it is not loaded. */
    public static MemorySegment openblas_get_config$address() {
        return openblas_get_config.ADDR;
    }

    /**
     * {@snippet lang=c :
     * char *openblas_get_config(void)
     * }
     */
    public static MemorySegment openblas_get_config() {
        var mh$ = openblas_get_config.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
