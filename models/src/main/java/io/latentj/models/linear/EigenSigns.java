package io.latentj.models.linear;

/** The sign convention of every model in this package for eigenvector rows (the decomposition is {@link io.latentj.simd.SymmetricEigen}). */
final class EigenSigns {
    private EigenSigns() {}

    /**
     * Flips the sign of each vector row so that its entry of largest magnitude is positive (the first such entry on
     * ties).
     */
    static void fix(float[] rows, int count, int n) {
        for (int k = 0; k < count; k++) {
            int best = 0;
            for (int i = 1; i < n; i++) if (Math.abs(rows[k * n + i]) > Math.abs(rows[k * n + best])) best = i;
            if (rows[k * n + best] < 0) for (int i = 0; i < n; i++) rows[k * n + i] = -rows[k * n + i];
        }
    }
}
