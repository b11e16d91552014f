package io.latentj.models.nn;

import io.latentj.simd.Linalg;
import io.latentj.simd.Optimizers;
import io.latentj.simd.Path;
import io.latentj.simd.Updates;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A first-order optimiser that minimises: SGD with classical momentum, AdaGrad or Adam, each a fused SIMD pass per
 * parameter array ({@link Updates#momentum}, {@link Optimizers#adagrad}, {@link Optimizers#adam}). L2 weight decay
 * (added to the gradient as λ·w, on parameters that {@link Parameter#decays()}) and gradient-norm clipping (all
 * gradients scaled together so their joint L2 norm is at most {@code clipNorm}) are options of every kind.
 *
 * <p>The factories give a configured optimiser without state; {@link #step} allocates the per-parameter state
 * (velocity, accumulators, moments) on first sight of a parameter. One instance serves one training run.
 */
public final class Optimizer {
    /** The update rule. */
    public enum Kind { SGD, ADAGRAD, ADAM }

    private final Kind kind;
    private final float learningRate, momentum, beta1, beta2, eps, weightDecay, clipNorm;
    private final Map<Parameter, float[][]> state = new IdentityHashMap<>();
    private long steps;
    /** Adam's bias-corrected step size of the current step. */
    private float adamStep;

    private Optimizer(Kind kind, double lr, double momentum, double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
        requireFinite("learning rate", lr, lr > 0);
        requireFinite("momentum", momentum, momentum >= 0 && momentum < 1);
        requireFinite("beta1", beta1, beta1 >= 0 && beta1 < 1);
        requireFinite("beta2", beta2, beta2 >= 0 && beta2 < 1);
        requireFinite("epsilon", eps, eps > 0);
        requireFinite("weight decay", weightDecay, weightDecay >= 0);
        if (!(clipNorm > 0)) throw new IllegalArgumentException("clip norm must be positive (or infinite for none), got " + clipNorm);
        this.kind = kind;
        this.learningRate = (float) lr;
        this.momentum = (float) momentum;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
        this.clipNorm = (float) Math.min(clipNorm, Float.MAX_VALUE);
    }

    private static void requireFinite(String what, double v, boolean ok) {
        if (!Double.isFinite(v) || !ok) throw new IllegalArgumentException(what + " out of range: " + v);
    }

    /** SGD with classical momentum: v = μv − lr·g; w += v. */
    public static Optimizer sgd(double learningRate, double momentum) {
        return new Optimizer(Kind.SGD, learningRate, momentum, 0.9, 0.999, 1e-8, 0, Double.POSITIVE_INFINITY);
    }

    /** AdaGrad (Duchi et al.): w −= lr·g / (√Σg² + ε), ε = 1e-8. */
    public static Optimizer adagrad(double learningRate) {
        return new Optimizer(Kind.ADAGRAD, learningRate, 0, 0.9, 0.999, 1e-8, 0, Double.POSITIVE_INFINITY);
    }

    /** Adam (Kingma and Ba) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public static Optimizer adam(double learningRate) {
        return new Optimizer(Kind.ADAM, learningRate, 0, 0.9, 0.999, 1e-8, 0, Double.POSITIVE_INFINITY);
    }

    /** Adam with the given moment decays and ε. */
    public static Optimizer adam(double learningRate, double beta1, double beta2, double eps) {
        return new Optimizer(Kind.ADAM, learningRate, 0, beta1, beta2, eps, 0, Double.POSITIVE_INFINITY);
    }

    /** A copy with L2 weight decay λ (gradient += λ·w on decaying parameters). */
    public Optimizer withWeightDecay(double lambda) {
        return new Optimizer(kind, learningRate, momentum, beta1, beta2, eps, lambda, clipNorm);
    }

    /** A copy that scales all gradients together so their joint L2 norm is at most {@code maxNorm}. */
    public Optimizer withClipNorm(double maxNorm) {
        return new Optimizer(kind, learningRate, momentum, beta1, beta2, eps, weightDecay, maxNorm);
    }

    public Kind kind() { return kind; }
    public double learningRate() { return learningRate; }
    public double momentum() { return momentum; }
    public double weightDecay() { return weightDecay; }
    public double clipNorm() { return clipNorm; }
    /** Whether gradients are clipped to a joint norm (then updates need {@link #step}). */
    public boolean hasClipNorm() { return clipNorm < Float.MAX_VALUE; }
    public long steps() { return steps; }

    /** The joint L2 norm of the gradients of {@code params}. */
    public static double gradientNorm(Path path, List<Parameter> params) {
        double s = 0;
        for (Parameter p : params) {
            double n = Linalg.nrm2(path, p.size(), p.grad().data(), p.grad().offset());
            s += n * n;
        }
        return Math.sqrt(s);
    }

    /**
     * Scales every gradient by maxNorm/‖g‖ when their joint norm ‖g‖ exceeds {@code maxNorm}; returns ‖g‖ before
     * clipping.
     */
    public static double clipGradients(Path path, List<Parameter> params, double maxNorm) {
        double norm = gradientNorm(path, params);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (Parameter p : params) Linalg.scal(path, p.size(), scale, p.grad().data(), p.grad().offset());
        }
        return norm;
    }

    /**
     * One update of every parameter from its accumulated gradient (clipped first when a clip norm is set). Returns
     * the gradients' joint norm before clipping (NaN when no clip norm is set, to save the pass).
     */
    public double step(Path path, List<Parameter> params) {
        double norm = Double.NaN;
        if (clipNorm < Float.MAX_VALUE) norm = clipGradients(path, params, clipNorm);
        advance();
        for (Parameter p : params) update(path, p, stateOf(p), 0, p.size());
        return norm;
    }

    /** Counts one step and sets the Adam step size of this step. */
    private void advance() {
        steps++;
        if (kind == Kind.ADAM) {
            adamStep = (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, steps)) / (1 - Math.pow(beta1, steps)));
        }
    }

    private float[][] stateOf(Parameter p) {
        return state.computeIfAbsent(p, k -> new float[kind == Kind.ADAM ? 2 : 1][p.size()]);
    }

    /** Updates elements [from, to) of p with the current step's constants. */
    private void update(Path path, Parameter p, float[][] s, int from, int to) {
        int n = to - from;
        float[] g = p.grad().data(), w = p.value().data();
        float wd = p.decays() ? weightDecay : 0f;
        switch (kind) {
            // Updates.momentum ascends: vel = μ·vel + lr'·(g' − wc'·w); lr' = −lr and wc' = −λ make it descend on g + λw
            case SGD -> Updates.momentum(path, n, momentum, -learningRate, -wd, g, from, s[0], from, w, from);
            case ADAGRAD -> Optimizers.adagrad(path, n, learningRate, eps, wd, g, from, s[0], from, w, from);
            case ADAM -> Optimizers.adam(path, n, adamStep, beta1, beta2, eps, wd, g, from, s[0], from, s[1], from, w, from);
        }
    }

    /**
     * Begins one update that is then applied in slices by {@link #stepSlice} (on one thread or several, each slice
     * once): counts the step and makes the state of every parameter in {@code params}. The slices together give
     * exactly what {@link #step} gives. Not with a clip norm, which needs every gradient before any update.
     */
    public void beginStep(List<Parameter> params) {
        if (clipNorm < Float.MAX_VALUE) throw new IllegalStateException("an optimiser with a clip norm steps all parameters at once (step)");
        for (Parameter p : params) stateOf(p);
        advance();
    }

    /**
     * Updates elements [from, to) (row-major) of {@code p} from its gradient, as part of the step begun by
     * {@link #beginStep}, whose list held p. Slices of different parameters, or disjoint slices of one, may be
     * updated on different threads at the same time.
     */
    public void stepSlice(Path path, Parameter p, int from, int to) {
        if (from < 0 || to > p.size() || from > to) throw new IllegalArgumentException("slice [" + from + ", " + to + ") outside " + p);
        float[][] s = state.get(p);
        if (s == null) throw new IllegalStateException(p + " was not in the list given to beginStep");
        update(path, p, s, from, to);
    }

    @Override
    public String toString() {
        return "Optimizer[" + kind + ", lr " + learningRate + (kind == Kind.SGD ? ", momentum " + momentum : "")
                + (weightDecay > 0 ? ", weight decay " + weightDecay : "") + (clipNorm < Float.MAX_VALUE ? ", clip " + clipNorm : "") + "]";
    }

    /**
     * Adds this optimiser's state to a training checkpoint: the step count ({@code optimizer_steps}) and, per
     * parameter i of {@code params}, its moment vectors ({@code optimizer.<i>.<k>}).
     */
    public void saveState(io.latentj.models.TrainingState s, List<Parameter> params) {
        saveState(s, "", params);
    }

    /** Restores what {@link #saveState} wrote, for the same parameters in the same order. */
    public void restoreState(io.latentj.models.TrainingState.Restored r, List<Parameter> params) {
        restoreState(r, "", params);
    }

    /**
     * As {@link #saveState(io.latentj.models.TrainingState, List)} with every name prefixed by {@code prefix} (e.g.
     * {@code "generator."}), so that several optimisers of one trainer share a checkpoint:
     * {@code <prefix>optimizer_steps} and {@code <prefix>optimizer.<i>.<k>}.
     */
    public void saveState(io.latentj.models.TrainingState s, String prefix, List<Parameter> params) {
        s.putCounter(prefix + "optimizer_steps", steps);
        for (int i = 0; i < params.size(); i++) {
            float[][] st = state.get(params.get(i));
            if (st == null) continue;
            for (int k = 0; k < st.length; k++) s.put(prefix + "optimizer." + i + "." + k, st[k]);
        }
    }

    /** Restores what {@link #saveState(io.latentj.models.TrainingState, String, List)} wrote under {@code prefix}. */
    public void restoreState(io.latentj.models.TrainingState.Restored r, String prefix, List<Parameter> params) {
        steps = r.counter(prefix + "optimizer_steps");
        state.clear();
        for (int i = 0; i < params.size(); i++) {
            if (!r.has(prefix + "optimizer." + i + ".0")) continue;
            float[][] st = new float[kind == Kind.ADAM ? 2 : 1][params.get(i).size()];
            for (int k = 0; k < st.length; k++) r.into(prefix + "optimizer." + i + "." + k, st[k]);
            state.put(params.get(i), st);
        }
    }
}
