package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;

/**
 * Hybrid (Hamiltonian) Monte Carlo (Duane et al.; Neal): each transition draws momenta p ~ N(0, I), integrates
 * Hamilton's equations for H(x, p) = E(x) + ½‖p‖² by {@code L} leapfrog steps of size ε
 * (p ← p − ε/2 ∇E; L × [x ← x + εp; p ← p − ε∇E] with the last momentum step halved), and accepts the end point with
 * probability min(1, exp(H(x, p) − H(x′, p′))), per chain. Leapfrog is volume-preserving and reversible, so the
 * Metropolis test makes q invariant exactly. All chains (rows) move together: each leapfrog step is one batched
 * gradient of the energy.
 *
 * <p>Jitter (Neal's advice) draws each transition's step size uniformly from ε·[1 − j, 1 + j], the same for all
 * chains and independent of their states, so invariance holds; it smooths the acceptance rate's dependence on ε,
 * which for a stiff Gaussian falls off a cliff near the leapfrog stability limit 2/√λ_max(Π), and avoids
 * trajectories that return to their start.
 *
 * <p>With a target acceptance rate, {@link #burnIn} adapts ε by Robbins–Monro ({@link StepSizeAdaptation}) and then
 * freezes it; {@link #step} never adapts. Mutable (step size, scratch): one instance per thread.
 */
public final class HamiltonianMonteCarlo implements TransitionOperator {
    private float stepSize;
    private final int leapfrogSteps;
    private final double targetAcceptance; // NaN: no adaptation
    private final double jitter;
    private FMatrix x0, p, g;
    private float[] h0, h1, e;
    private double lastAcceptance = Double.NaN;

    /** HMC with step size ε and L leapfrog steps per transition, without adaptation. */
    public HamiltonianMonteCarlo(double stepSize, int leapfrogSteps) {
        this(stepSize, leapfrogSteps, Double.NaN);
    }

    /** HMC that adapts ε towards {@code targetAcceptance} ∈ (0, 1) during {@link #burnIn} (0.65 is the usual choice). */
    public HamiltonianMonteCarlo(double stepSize, int leapfrogSteps, double targetAcceptance) {
        this(stepSize, leapfrogSteps, targetAcceptance, 0);
    }

    /**
     * HMC with step-size jitter j ∈ [0, 1) and, unless {@code targetAcceptance} is NaN, adaptation of ε towards it
     * during {@link #burnIn}.
     */
    public HamiltonianMonteCarlo(double stepSize, int leapfrogSteps, double targetAcceptance, double jitter) {
        if (!(jitter >= 0 && jitter < 1)) throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        this.jitter = jitter;
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) throw new IllegalArgumentException("step size must be positive, got " + stepSize);
        if (leapfrogSteps < 1) throw new IllegalArgumentException("leapfrog steps must be at least 1, got " + leapfrogSteps);
        if (!Double.isNaN(targetAcceptance) && !(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException("target acceptance must be in (0, 1), got " + targetAcceptance);
        }
        this.stepSize = (float) stepSize;
        this.leapfrogSteps = leapfrogSteps;
        this.targetAcceptance = targetAcceptance;
    }

    public double stepSize() { return stepSize; }
    public int leapfrogSteps() { return leapfrogSteps; }
    /** The mean acceptance probability of the last transition. */
    public double lastAcceptance() { return lastAcceptance; }

    private void buffers(int n, int d) {
        if (x0 == null || x0.rows() != n || x0.cols() != d) {
            x0 = FMatrix.zeros(n, d);
            p = FMatrix.zeros(n, d);
            g = FMatrix.zeros(n, d);
            h0 = new float[n];
            h1 = new float[n];
            e = new float[n];
        }
    }

    /**
     * L leapfrog steps from (x, p) in place; on entry {@code grad} holds ∇E(x), on exit ∇E at the end point and
     * {@code energy} (when not null) the end point's energies. Reversible: negating p and integrating again returns
     * to the start (up to rounding).
     */
    void leapfrog(EnergyModel model, FMatrix x, FMatrix momentum, FMatrix grad, float[] energy) {
        leapfrog(model, x, momentum, grad, energy, stepSize);
    }

    private void leapfrog(EnergyModel model, FMatrix x, FMatrix momentum, FMatrix grad, float[] energy, float eps) {
        Path path = model.path();
        Batches.axpy(path, -0.5f * eps, grad, momentum);
        for (int l = 1; l <= leapfrogSteps; l++) {
            Batches.axpy(path, eps, momentum, x);
            model.gradient(x, grad, l == leapfrogSteps ? energy : null);
            Batches.axpy(path, l == leapfrogSteps ? -0.5f * eps : -eps, grad, momentum);
        }
    }

    @Override
    public double step(EnergyModel model, FMatrix x, Rng rng) {
        Batches.requirePoints("chains", x, model.dimension());
        int n = x.rows();
        if (n == 0) return Double.NaN;
        Path path = model.path();
        buffers(n, x.cols());
        float eps = jitter == 0 ? stepSize : (float) (stepSize * (1 + jitter * (2 * rng.nextFloat() - 1)));
        x0.copyFrom(x);
        Sampling.gaussian(path, rng, 0f, 1f, p);
        model.gradient(x, g, h0);
        Batches.rowSquaredNorms(path, p, e, 0);
        for (int r = 0; r < n; r++) h0[r] += 0.5f * e[r];
        leapfrog(model, x, p, g, h1, eps);
        Batches.rowSquaredNorms(path, p, e, 0);
        for (int r = 0; r < n; r++) e[r] = h0[r] - (h1[r] + 0.5f * e[r]); // log acceptance ratio H₀ − H₁
        lastAcceptance = Metropolis.acceptOrRestore(e, x, x0, rng);
        return lastAcceptance;
    }

    /** Burn-in; adapts ε by Robbins–Monro when a target acceptance was given, then freezes it. */
    @Override
    public double burnIn(EnergyModel model, FMatrix chains, Rng rng, int steps) {
        if (Double.isNaN(targetAcceptance) || steps == 0) return TransitionOperator.super.burnIn(model, chains, rng, steps);
        return StepSizeAdaptation.burnIn(stepSize, targetAcceptance, steps, () -> step(model, chains, rng), v -> stepSize = (float) v);
    }

    /** The step size, possibly adapted by {@link #burnIn}, as {@code <prefix>step_size}. */
    @Override
    public void saveState(io.latentj.models.TrainingState s, String prefix) {
        StepSizeAdaptation.save(s, prefix, stepSize);
    }

    @Override
    public void restoreState(io.latentj.models.TrainingState.Restored r, String prefix) {
        stepSize = StepSizeAdaptation.restore(r, prefix);
    }

    @Override
    public String toString() {
        return "HamiltonianMonteCarlo[ε=" + stepSize + ", L=" + leapfrogSteps + (Double.isNaN(targetAcceptance) ? "" : ", target " + targetAcceptance)
                + (jitter == 0 ? "" : ", jitter " + jitter) + "]";
    }
}
