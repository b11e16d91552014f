package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/**
 * Hyvärinen's score matching: minimise J(θ) = E_data[Σ_i (∂ψ_i/∂x_i + ½ψ_i²)] with the model score ψ = ∇ₓ log q
 * = −∇ₓE, i.e. J = E_data[−ΔₓE + ½‖∇ₓE‖²] (the second derivative enters with a minus sign: ∂ψ_i/∂x_i =
 * −∂²E/∂x_i²). It needs no partition function and no sampling. Its gradient,
 * ∇_θ J = E_data[−∇_θ ΔₓE + ∇_θ(vᵀ∇ₓE)|_{v = ∇ₓE}], comes from the model's Laplacian gradients
 * ({@link EnergyModel#hasLaplacian()}). Stateless.
 */
public final class ScoreMatching implements LearningRule {
    /** J on a batch: the mean over rows of −ΔₓE + ½‖∇ₓE‖². */
    public static double objective(EnergyModel model, FMatrix x) {
        requireLaplacian(model);
        Batches.requirePoints("x", x, model.dimension());
        int n = x.rows();
        if (n == 0) return Double.NaN;
        FMatrix g = FMatrix.zeros(n, model.dimension());
        float[] lap = new float[n], sq = new float[n];
        model.gradient(x, g, null);
        model.laplacian(x, lap, 0);
        Batches.rowSquaredNorms(model.path(), g, sq, 0);
        double j = 0;
        for (int r = 0; r < n; r++) j += -lap[r] + 0.5 * sq[r];
        return j / n;
    }

    private static void requireLaplacian(EnergyModel model) {
        if (!model.hasLaplacian()) throw new IllegalArgumentException("score matching needs the Laplacian in x, which " + model + " does not have");
    }

    @Override
    public double gradient(EnergyModel model, FMatrix x, float[] grad, Rng rng) {
        requireLaplacian(model);
        Batches.requirePoints("batch", x, model.dimension());
        Batches.requireVector("grad", grad, 0, model.parameterCount());
        int n = x.rows();
        if (n == 0) return Double.NaN;
        FMatrix g = FMatrix.zeros(n, model.dimension());
        float[] lap = new float[n], sq = new float[n];
        model.gradient(x, g, null);
        model.laplacian(x, lap, 0);
        Batches.rowSquaredNorms(model.path(), g, sq, 0);
        float inv = 1f / n;
        model.accumulateLaplacianGradient(x, -inv, grad);
        model.accumulateMixedGradient(x, g, inv, grad);
        double j = 0;
        for (int r = 0; r < n; r++) j += -lap[r] + 0.5 * sq[r];
        return j / n;
    }

    @Override
    public String monitorName() {
        return "score_matching";
    }

    @Override
    public String toString() {
        return "ScoreMatching";
    }
}
