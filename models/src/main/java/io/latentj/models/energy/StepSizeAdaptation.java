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

    /**
     * The adaptive burn-in of a sampler with one step size: {@code steps} transitions ({@code step} returns each one's
     * mean acceptance), the step size set after each by Robbins–Monro towards {@code target} and finally frozen at
     * its average; returns the mean acceptance.
     */
    static double burnIn(double stepSize, double target, int steps, java.util.function.DoubleSupplier step,
                         java.util.function.DoubleConsumer setStepSize) {
        StepSizeAdaptation adapt = new StepSizeAdaptation(stepSize, target, steps);
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            double a = step.getAsDouble();
            sum += a;
            setStepSize.accept(adapt.update(a));
        }
        setStepSize.accept(adapt.finalStepSize());
        return sum / steps;
    }

    /** Saves a sampler's (possibly adapted) step size as {@code <prefix>step_size}. */
    static void save(io.latentj.models.TrainingState s, String prefix, float stepSize) {
        s.put(prefix + "step_size", new float[] {stepSize});
    }

    /** The step size saved by {@link #save}. */
    static float restore(io.latentj.models.TrainingState.Restored r, String prefix) {
        float[] v = new float[1];
        r.into(prefix + "step_size", v);
        return v[0];
    }
}
