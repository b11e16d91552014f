/*
 * Native baseline for LatentJ's BLAS path: times cblas_sgemm and cblas_sgemv from plain C against the same
 * libopenblas the JVM loads, so the Java numbers can be read as "OpenBLAS + FFM overhead".
 *
 * Build (bench/run-all.sh does this):  gcc -O2 -o gemm_baseline gemm_baseline.c /path/to/libopenblas.so.0 -ldl
 * Run:  gemm_baseline [--quick]
 * Output: TSV on stdout, one line per (op, shape, threads):
 *   op  trans  m  n  k  threads  reps  median_us  min_us  gflops
 * gflops uses 2*m*n*k (sgemm) or 2*m*n (sgemv) and the median time.
 * stderr names the library actually loaded (dladdr) and its openblas_get_config() string.
 * The prototypes are declared here, so no cblas.h (libopenblas-dev) is needed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };
void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc);
void cblas_sgemv(int order, int trans, int m, int n, float alpha, const float *a, int lda, const float *x, int incx,
                 float beta, float *y, int incy);
void openblas_set_num_threads(int n);
int openblas_get_num_threads(void);
char *openblas_get_config(void);

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static float *random_floats(size_t n, unsigned seed) {
    float *v = malloc(n * sizeof *v);
    if (!v) { perror("malloc"); exit(1); }
    unsigned s = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        v[i] = (float) ((s >> 8) * (1.0 / 16777216.0)) * 2.0f - 1.0f;
    }
    return v;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

typedef struct { int gemv, ta, m, n, k; const float *a, *b; float *c; } job;

static void run_once(const job *j) {
    if (j->gemv) {
        /* y(m) = A(m x n) x, or y(n) = A^T h(m) */
        cblas_sgemv(RowMajor, j->ta ? Trans : NoTrans, j->m, j->n, 1.0f, j->a, j->n, j->b, 1, 0.0f, j->c, 1);
    } else {
        /* C(m x n) = op(A)(m x k) B(k x n); A stored k x m when transposed */
        cblas_sgemm(RowMajor, j->ta ? Trans : NoTrans, NoTrans, j->m, j->n, j->k, 1.0f,
                    j->a, j->ta ? j->m : j->k, j->b, j->n, 0.0f, j->c, j->n);
    }
}

/* Warm up for ~warm_ms, then take `samples` samples, each a batch of calls lasting >= batch_ms; report per call. */
static void measure(const char *name, int gemv, int ta, int m, int n, int k, int threads, int samples,
                    double warm_ms, double batch_ms) {
    openblas_set_num_threads(threads);
    size_t asz = gemv ? (size_t) m * n : (size_t) m * k;
    size_t bsz = gemv ? (size_t) (ta ? m : n) : (size_t) k * n;
    size_t csz = gemv ? (size_t) (ta ? n : m) : (size_t) m * n;
    job j = { gemv, ta, m, n, k, random_floats(asz, 1), random_floats(bsz, 2), calloc(csz, sizeof(float)) };

    double t0 = now_us();
    long calls = 0;
    do { run_once(&j); calls++; } while (now_us() - t0 < warm_ms * 1000 || calls < 2);
    double per_call = (now_us() - t0) / calls;
    long batch = (long) (batch_ms * 1000 / per_call);
    if (batch < 1) batch = 1;

    double *t = malloc(samples * sizeof *t);
    for (int s = 0; s < samples; s++) {
        double start = now_us();
        for (long i = 0; i < batch; i++) run_once(&j);
        t[s] = (now_us() - start) / batch;
    }
    qsort(t, samples, sizeof *t, cmp_double);
    double med = samples % 2 ? t[samples / 2] : (t[samples / 2 - 1] + t[samples / 2]) / 2;
    double flops = gemv ? 2.0 * m * n : 2.0 * m * n * k;
    printf("%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.2f\n", name, ta ? "T" : "N", m, n, gemv ? 1 : k, threads,
           samples, med, t[0], flops / med / 1e3);
    fflush(stdout);
    free(t);
    free((void *) j.a); free((void *) j.b); free(j.c);
}

int main(int argc, char **argv) {
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    int samples = quick ? 7 : 15;
    double warm = quick ? 300 : 1000, batch = quick ? 50 : 100;
    Dl_info info;
    char real[4096];
    if (dladdr((void *) cblas_sgemm, &info) && info.dli_fname) {
        fprintf(stderr, "library: %s\n", realpath(info.dli_fname, real) ? real : info.dli_fname);
    }
    fprintf(stderr, "config: %s\n", openblas_get_config());
    printf("op\ttrans\tm\tn\tk\tthreads\tsamples\tmedian_us\tmin_us\tgflops\n");
    for (int threads = 1; threads <= 2; threads++) {
        measure("sgemm", 0, 0, 2048, 2048, 2048, threads, quick ? 5 : 9, warm, 1); /* one call per sample */
        measure("sgemm", 0, 0, 100, 256, 784, threads, samples, warm, batch);
        measure("sgemm", 0, 0, 100, 500, 784, threads, samples, warm, batch);
        measure("sgemm", 0, 1, 784, 256, 100, threads, samples, warm, batch);
        measure("sgemv", 1, 0, 500, 784, 0, threads, samples, warm, batch);
        measure("sgemv", 1, 1, 500, 784, 0, threads, samples, warm, batch);
        measure("sgemv", 1, 0, 8, 8, 0, threads, samples, warm, batch);
    }
    return 0;
}
