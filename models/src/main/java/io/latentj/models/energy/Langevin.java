package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;

/**
 * Langevin dynamics: x′ = x − τ∇E(x) + √(2τ) ξ with ξ ~ N(0, I), per chain. Unadjusted (ULA), q is invariant only
 * as τ → 0; with the Metropolis test of the Metropolis-adjusted Langevin algorithm (MALA), exactly: accept with
 * probability min(1, exp(E(x) − E(x′) + ½‖ξ‖² − ‖x − x′ + τ∇E(x′)‖²/(4τ))). A MALA instance given a target
 * acceptance rate (0.574 is optimal in high dimension) adapts τ by Robbins–Monro during {@link #burnIn} only.
 * Mutable (step size, scratch): one instance per thread.
 */
public final class Langevin implements TransitionOperator {
    private float tau;
    private final boolean metropolis;
    private final double targetAcceptance;
    private FMatrix x0, g0, g1, xi, back;
    private float[] e0, e1, ratio, tmp;

    private Langevin(double tau, boolean metropolis, double targetAcceptance) {
        if (!(tau > 0) || !Double.isFinite(tau)) throw new IllegalArgumentException("step size must be positive, got " + tau);
        if (!Double.isNaN(targetAcceptance) && !(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException("target acceptance must be in (0, 1), got " + targetAcceptance);
        }
        this.tau = (float) tau;
        this.metropolis = metropolis;
        this.targetAcceptance = targetAcceptance;
    }

    /** Unadjusted Langevin with step size τ (biased by O(τ); keep τ small). */
    public static Langevin unadjusted(double tau) {
        return new Langevin(tau, false, Double.NaN);
    }

    /** MALA with step size τ, not adapted. */
    public static Langevin metropolisAdjusted(double tau) {
        return new Langevin(tau, true, Double.NaN);
    }

    /** MALA adapting τ towards {@code targetAcceptance} during burn-in. */
    public static Langevin metropolisAdjusted(double tau, double targetAcceptance) {
        return new Langevin(tau, true, targetAcceptance);
    }

    public double stepSize() { return tau; }
    public boolean isMetropolisAdjusted() { return metropolis; }

    private void buffers(int n, int d) {
        if (x0 == null || x0.rows() != n || x0.cols() != d) {
            x0 = FMatrix.zeros(n, d);
            g0 = FMatrix.zeros(n, d);
            g1 = FMatrix.zeros(n, d);
            xi = FMatrix.zeros(n, d);
            back = FMatrix.zeros(n, d);
            e0 = new float[n];
            e1 = new float[n];
            ratio = new float[n];
            tmp = new float[n];
        }
    }

    @Override
    public double step(EnergyModel model, FMatrix x, Rng rng) {
        Batches.requirePoints("chains", x, model.dimension());
        int n = x.rows();
        if (n == 0) return Double.NaN;
        Path path = model.path();
        buffers(n, x.cols());
        model.gradient(x, g0, metropolis ? e0 : null);
        if (metropolis) x0.copyFrom(x);
        Sampling.gaussian(path, rng, 0f, 1f, xi);
        Batches.axpy(path, -tau, g0, x);
        Batches.axpy(path, (float) Math.sqrt(2 * tau), xi, x);
        if (!metropolis) return 1;
        model.gradient(x, g1, e1);
        back.copyFrom(x0); // x − x′ + τ∇E(x′)
        Batches.axpy(path, -1f, x, back);
        Batches.axpy(path, tau, g1, back);
        Batches.rowSquaredNorms(path, back, ratio, 0);
        Batches.rowSquaredNorms(path, xi, tmp, 0);
        for (int r = 0; r < n; r++) ratio[r] = e0[r] - e1[r] + 0.5f * tmp[r] - ratio[r] / (4 * tau);
        return Metropolis.acceptOrRestore(ratio, x, x0, rng);
    }

    @Override
    public double burnIn(EnergyModel model, FMatrix chains, Rng rng, int steps) {
        if (Double.isNaN(targetAcceptance) || steps == 0) return TransitionOperator.super.burnIn(model, chains, rng, steps);
        return StepSizeAdaptation.burnIn(tau, targetAcceptance, steps, () -> step(model, chains, rng), v -> tau = (float) v);
    }

    /** The step size, possibly adapted by {@link #burnIn}, as {@code <prefix>step_size}. */
    @Override
    public void saveState(io.latentj.models.TrainingState s, String prefix) {
        StepSizeAdaptation.save(s, prefix, tau);
    }

    @Override
    public void restoreState(io.latentj.models.TrainingState.Restored r, String prefix) {
        tau = StepSizeAdaptation.restore(r, prefix);
    }

    @Override
    public String toString() {
        return (metropolis ? "MALA" : "ULA") + "[τ=" + tau + "]";
    }
}
