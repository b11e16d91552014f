package io.latentj.models.linear;

import io.latentj.models.FitCheckpoints;
import io.latentj.models.TrainingState;
import io.latentj.simd.FMatrix;

/**
 * Checkpoints of {@link LatentEm} (probabilistic PCA and factor analysis by EM) through {@link FitCheckpoints}: after
 * an M-step, the loadings Wᵀ ({@code loadings} [q, d]), the noise variances ({@code noise_variance} [d]) and the
 * log-likelihood trace so far ({@code log_likelihood_trace}, whose last {@link LatentEm#WINDOW} entries the
 * convergence test reads); {@code epochs_done} counts M-steps. EM draws no random numbers after its start, so nothing else
 * influences the rest of the fit.
 */
final class EmCheckpoints implements LatentEm.Checkpoints {
    private final FitCheckpoints checkpoints;
    private final String model;

    EmCheckpoints(FitCheckpoints checkpoints, String model) {
        this.checkpoints = checkpoints;
        this.model = model;
    }

    @Override
    public int resume(FMatrix load, float[] psi, double[] trace) {
        if (!checkpoints.resuming()) return 0;
        TrainingState.Restored r = checkpoints.restore(checkpoints.layout().matrix("loadings", load).vector("noise_variance", psi));
        double[] saved = r.values("log_likelihood_trace");
        if (saved.length != r.epochsDone()) {
            throw new IllegalArgumentException("checkpoint " + r.file() + ": " + saved.length + " log-likelihoods for " + r.epochsDone() + " iterations");
        }
        System.arraycopy(saved, 0, trace, 0, saved.length);
        return saved.length;
    }

    @Override
    public void after(int done, FMatrix load, float[] psi, double[] trace) {
        if (!checkpoints.due(done)) return;
        TrainingState s = checkpoints.layout().matrix("loadings", load).vector("noise_variance", psi).state(done)
                .putValues("log_likelihood_trace", trace, done);
        checkpoints.save(s, model, "check the data for near-constant or duplicated columns", load.data(), psi);
    }
}
