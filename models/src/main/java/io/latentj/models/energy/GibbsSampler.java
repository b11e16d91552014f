package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/**
 * Gibbs sampling of binary states x ∈ {0, 1}^d under any energy: one transition is a systematic sweep over the
 * coordinates, each redrawn from its conditional p(x_i = 1 | x_−i) = σ(E(x_i = 0) − E(x_i = 1)). Each coordinate
 * costs two batched energy evaluations (all chains at once), so a sweep costs 2d; models with cheap conditionals
 * (an RBM's) have their own samplers. States must hold 0 or 1.
 */
public final class GibbsSampler implements TransitionOperator {
    private float[] e0, e1;

    @Override
    public double step(EnergyModel model, FMatrix x, Rng rng) {
        Batches.requirePoints("chains", x, model.dimension());
        int n = x.rows(), d = x.cols();
        if (n == 0) return 1;
        if (e0 == null || e0.length != n) {
            e0 = new float[n];
            e1 = new float[n];
        }
        float[] data = x.data();
        for (int i = 0; i < d; i++) {
            for (int r = 0; r < n; r++) data[x.rowOffset(r) + i] = 0f;
            model.energy(x, e0, 0);
            for (int r = 0; r < n; r++) data[x.rowOffset(r) + i] = 1f;
            model.energy(x, e1, 0);
            for (int r = 0; r < n; r++) {
                double p1 = 1 / (1 + Math.exp((double) e1[r] - e0[r]));
                data[x.rowOffset(r) + i] = rng.nextFloat() < p1 ? 1f : 0f;
            }
        }
        return 1;
    }

    @Override
    public String toString() {
        return "GibbsSampler";
    }
}
