package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/** The centring and covariance steps shared by the models of this package. */
final class Moments {
    private Moments() {}

    /** Column means of x. */
    static float[] mean(Path path, FMatrix x) {
        float[] mean = new float[x.cols()];
        Linalg.colMeans(path, x, mean, 0);
        return mean;
    }

    /** A new matrix x − 1·meanᵀ (a copy and one rank-one update). */
    static FMatrix centred(Path path, FMatrix x, float[] mean) {
        FMatrix xc = x.copy();
        float[] ones = new float[x.rows()];
        java.util.Arrays.fill(ones, 1f);
        Linalg.ger(path, -1f, ones, 0, mean, 0, xc);
        return xc;
    }

    /** The covariance XcᵀXc / divisor of centred data (one SYRK). */
    static FMatrix covariance(Path path, FMatrix xc, double divisor) {
        FMatrix s = FMatrix.zeros(xc.cols(), xc.cols());
        Linalg.syrk(path, Trans.T, (float) (1 / divisor), xc, 0f, s);
        return s;
    }

    /** The diagonal of a square matrix. */
    static float[] diagonal(FMatrix s) {
        float[] d = new float[s.rows()];
        for (int i = 0; i < d.length; i++) d[i] = s.get(i, i);
        return d;
    }

}
