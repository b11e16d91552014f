package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

/**
 * An unnormalised density q(x; θ) ∝ exp(−E(x; θ)) over rows x of an {@link FMatrix}: the energy, its gradient with
 * respect to x (what the samplers need) and to θ (what the learning rules need) and, where it exists, its Laplacian
 * in x and the θ-derivatives score matching needs. Every method works on a batch: row r of x is one point.
 *
 * <p>θ is one flat float vector ({@link #parameters()}), live: learning rules update it in place and then call
 * {@link #project()}. A model is therefore mutable and not thread-safe while it trains; the energy methods themselves
 * keep no state between calls (scratch is allocated per call), so a model that is no longer trained may be shared.
 * Parameter gradients are accumulated ({@code g += scale · Σ_r …}) so a rule can combine the data and model terms
 * without a temporary.
 */
public interface EnergyModel {
    /** Length of a point x. */
    int dimension();

    /** Length of θ. */
    int parameterCount();

    /** θ itself (not a copy), laid out as the implementation documents. */
    float[] parameters();

    /** The kernel path the model computes on. */
    Path path();

    /** E(x_r; θ) of every row r into {@code out[off + r]}. */
    void energy(FMatrix x, float[] out, int off);

    /** ∇ₓE(x_r) of every row into the same row of {@code grad} (x's shape); the energies into {@code energy} when not null. */
    void gradient(FMatrix x, FMatrix grad, float[] energy);

    /** g[0 .. parameterCount()) += scale · Σ_r ∇_θ E(x_r; θ). */
    void accumulateParameterGradient(FMatrix x, float scale, float[] g);

    /** True when {@link #laplacian} and the two score-matching gradients below are implemented. */
    default boolean hasLaplacian() {
        return false;
    }

    /** ΔₓE(x_r) = Σ_i ∂²E/∂x_i² of every row into {@code out[off + r]}. */
    default void laplacian(FMatrix x, float[] out, int off) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no Laplacian in x");
    }

    /** g += scale · Σ_r ∇_θ ΔₓE(x_r; θ). */
    default void accumulateLaplacianGradient(FMatrix x, float scale, float[] g) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no Laplacian in x");
    }

    /**
     * g += scale · Σ_r ∇_θ (v_rᵀ ∇ₓE(x_r; θ)) with v held fixed: the mixed second derivative applied to v. With
     * v = ∇ₓE it is the θ-gradient of ½‖∇ₓE‖², the second term of the score-matching objective.
     */
    default void accumulateMixedGradient(FMatrix x, FMatrix v, float scale, float[] g) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no Laplacian in x");
    }

    /** Restores the constraints on θ after an update (positive scales, symmetric precision, …); by default none. */
    default void project() {}
}
