package io.latentj.models.rbm;

import io.latentj.simd.FMatrix;

/**
 * The two elementwise operations the Gaussian–Bernoulli RBM needs that the {@code io.latentj.simd} facades do not
 * offer yet: scaling the columns of a matrix by a vector (x·diag(s)) and the column sums of an elementwise product
 * (diag(AᵀB)). Both are one pass over the matrix; they are the only numeric loops of the model and are meant to move
 * into {@code simd} ({@code Elementwise.scaleColumns}, {@code Linalg.colDots}) when those kernels exist.
 */
final class GaussianKernels {
    private GaussianKernels() {}

    /** dst[r][i] = src[r][i] · s[i]; {@code dst} may be {@code src}. */
    static void scaleColumns(FMatrix src, float[] s, FMatrix dst) {
        if (src.rows() != dst.rows() || src.cols() != dst.cols() || s.length < src.cols()) {
            throw new IllegalArgumentException("scaleColumns: " + src.shape() + " by " + s.length + " into " + dst.shape());
        }
        float[] a = src.data(), d = dst.data();
        int n = src.cols();
        for (int r = 0; r < src.rows(); r++) {
            int so = src.rowOffset(r), o = dst.rowOffset(r);
            for (int i = 0; i < n; i++) d[o + i] = a[so + i] * s[i];
        }
    }

    /** out[i] = Σ_r a[r][i] · b[r][i]. */
    static void colDots(FMatrix a, FMatrix b, float[] out) {
        if (a.rows() != b.rows() || a.cols() != b.cols() || out.length < a.cols()) {
            throw new IllegalArgumentException("colDots: " + a.shape() + " and " + b.shape() + " into " + out.length);
        }
        int n = a.cols();
        java.util.Arrays.fill(out, 0, n, 0f);
        float[] x = a.data(), y = b.data();
        for (int r = 0; r < a.rows(); r++) {
            int ao = a.rowOffset(r), bo = b.rowOffset(r);
            for (int i = 0; i < n; i++) out[i] += x[ao + i] * y[bo + i];
        }
    }

    /** out[i] = x[i] · y[i] over the first n entries (vectors of the visible layer). */
    static void mul(int n, float[] x, float[] y, float[] out) {
        for (int i = 0; i < n; i++) out[i] = x[i] * y[i];
    }
}
