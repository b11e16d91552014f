package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/** The Metropolis–Hastings accept/reject step shared by the samplers, per chain (row). */
final class Metropolis {
    private Metropolis() {}

    /**
     * Accepts chain r's proposal with probability min(1, exp(logRatio[r])) (NaN: rejected); a rejected chain gets
     * its previous state back from {@code previous}. Returns the mean acceptance probability over chains.
     */
    static double acceptOrRestore(float[] logRatio, FMatrix proposal, FMatrix previous, Rng rng) {
        double sum = 0;
        int n = proposal.rows(), d = proposal.cols();
        for (int r = 0; r < n; r++) {
            double lr = logRatio[r];
            double a = lr >= 0 ? 1 : (Double.isNaN(lr) ? 0 : Math.exp(lr));
            sum += a;
            float u = rng.nextFloat();
            if (!(u < a)) System.arraycopy(previous.data(), previous.rowOffset(r), proposal.data(), proposal.rowOffset(r), d);
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
