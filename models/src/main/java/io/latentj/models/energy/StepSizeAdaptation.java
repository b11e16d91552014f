package io.latentj.models.energy;

/**
 * Step-size adaptation towards a target acceptance probability δ by Robbins–Monro stochastic approximation on
 * log ε: after the t-th burn-in transition with mean acceptance probability a_t over the chains,
 * log ε ← log ε + t^(−0.6) (a_t − δ) (too many acceptances: longer steps). The gains sum to infinity and their squares
 * do not, so log ε converges to the root of E[a(ε)] = δ; the frozen value is the Polyak–Ruppert average of log ε over
 * the second half of burn-in, which damps the noise of a few chains. Used during burn-in only: adapting for ever
 * would break the chain's invariance.
 *
 * <p>Dual averaging (Hoffman and Gelman) was tried first: with many chains per transition its large early steps
 * oscillate across the cliff where a stiff Gaussian's acceptance falls to zero (the leapfrog stability limit), and
 * its average froze ε well below the root (acceptance 0.86–0.88 for a target of 0.65 in SamplerTest).
 */
final class StepSizeAdaptation {
    private final double target;
    private final int steps;
    private double logEps, sum;
    private int t, averaged;

    /** Adaptation over a burn-in of {@code steps} transitions, from {@code initialStepSize}. */
    StepSizeAdaptation(double initialStepSize, double target, int steps) {
        this.target = target;
        this.steps = steps;
        this.logEps = Math.log(initialStepSize);
    }

    /** Records one transition's acceptance probability; returns the step size to use next. */
    double update(double acceptance) {
        t++;
        double a = Double.isNaN(acceptance) ? 0 : acceptance;
        logEps += Math.pow(t, -0.6) * (a - target);
        if (t > steps / 2) {
            sum += logEps;
            averaged++;
        }
        return Math.exp(logEps);
    }

    /** The step size to freeze after burn-in. */
    double finalStepSize() {
        return Math.exp(averaged == 0 ? logEps : sum / averaged);
    }
}
