package io.latentj.models.rbm;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;

/**
 * Per-column standardisation (x − mean)/std, the preprocessing a {@link GaussianBernoulliRBM} with unit variances
 * expects. Columns with zero spread get std 1 (they are only centred). Immutable.
 */
public record GaussianStandardizer(float[] mean, float[] std) {
    public GaussianStandardizer {
        if (mean == null || std == null || mean.length != std.length) throw new IllegalArgumentException("mean and std must have the same length");
        mean = mean.clone();
        std = std.clone();
    }

    /** Column means and (population) standard deviations of {@code data}. */
    public static GaussianStandardizer fit(FMatrix data) {
        if (data == null || data.rows() == 0) throw new IllegalArgumentException("need at least one row to standardise");
        Path p = Path.defaultPath();
        Elementwise.requireFinite(p, "data", data);
        int n = data.cols();
        float[] mean = new float[n], std = new float[n];
        Linalg.colMeans(p, data, mean, 0);
        FMatrix d = FMatrix.zeros(data.rows(), n);
        GaussianConditionals.standardised(p, data, mean, null, d);
        Linalg.colDots(p, d, d, std, 0);
        for (int i = 0; i < n; i++) {
            float s = (float) Math.sqrt(std[i] / data.rows());
            std[i] = s > 0 ? s : 1f;
        }
        return new GaussianStandardizer(mean, std);
    }

    /** (x − mean)/std, as a new matrix. */
    public FMatrix apply(FMatrix x) {
        check(x);
        float[] inv = new float[std.length];
        for (int i = 0; i < inv.length; i++) inv[i] = 1f / std[i];
        FMatrix out = FMatrix.zeros(x.rows(), x.cols());
        GaussianConditionals.standardised(Path.defaultPath(), x, mean, inv, out);
        return out;
    }

    /** x·std + mean, as a new matrix (back to the data's units). */
    public FMatrix invert(FMatrix x) {
        check(x);
        FMatrix out = FMatrix.zeros(x.rows(), x.cols());
        Elementwise.scaleColumns(Path.defaultPath(), x, std, 0, out);
        for (int r = 0; r < out.rows(); r++) Linalg.axpy(Path.defaultPath(), out.cols(), 1f, mean, 0, out.data(), out.rowOffset(r));
        return out;
    }

    private void check(FMatrix x) {
        if (x == null || x.cols() != mean.length) {
            throw new IllegalArgumentException("input has " + (x == null ? "no" : x.cols()) + " columns, the standardiser expects " + mean.length);
        }
    }

    @Override public float[] mean() { return mean.clone(); }
    @Override public float[] std() { return std.clone(); }
}
