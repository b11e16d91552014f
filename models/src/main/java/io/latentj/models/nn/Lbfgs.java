package io.latentj.models.nn;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, algorithms 7.4 and 7.5) for smooth full-batch
 * problems: the two-loop recursion over the last {@code memory} steps, a backtracking line search with the Armijo
 * condition, and curvature pairs with sᵀy ≤ 0 skipped so the implicit Hessian stays positive definite.
 * Parameters are in double: the objective converts to float for the kernels if it wants.
 */
public final class Lbfgs {
    private Lbfgs() {}

    /** A differentiable objective: returns f(x) and writes ∇f(x) into {@code gradient}. */
    @FunctionalInterface
    public interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /** Iterations over which f must have stalled before the run counts as converged without a small gradient. */
    static final int STALL_WINDOW = 3;

    /** The minimiser found, f there, and how it stopped. */
    public record Result(double[] x, double value, int iterations, int evaluations, boolean converged) {}

    /**
     * Minimises {@code f} from {@code x0} (not modified) until ‖∇f‖∞ ≤ {@code gradientTolerance}, or f has decreased by
     * less than 1e-10 relative over the last {@link #STALL_WINDOW} iterations (one flat step, which the rounding of a
     * float objective can produce, does not end the run), or {@code maxIterations} iterations (then
     * {@code converged} is false, as when the line search fails).
     */
    public static Result minimize(Objective f, double[] x0, int maxIterations, double gradientTolerance, int memory) {
        if (memory < 1) throw new IllegalArgumentException("memory must be at least 1");
        int n = x0.length;
        double[] x = x0.clone(), g = new double[n], d = new double[n], xNew = new double[n], gNew = new double[n];
        double[][] s = new double[memory][n], y = new double[memory][n];
        double[] rho = new double[memory], alpha = new double[memory];
        int stored = 0, head = 0, evaluations = 1;
        double fx = f.evaluate(x, g);
        if (!Double.isFinite(fx)) throw new ArithmeticException("objective is " + fx + " at the starting point");
        int it = 0;
        boolean converged = maxNorm(g) <= gradientTolerance;
        double[] recent = new double[STALL_WINDOW + 1]; // f after the last iterations, a ring
        recent[0] = fx;
        while (!converged && it < maxIterations) {
            it++;
            // two-loop recursion: d = −H·g
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, memory);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], y[i], d);
            }
            double gamma = 1;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
            } else {
                gamma = 1 / Math.max(1e-12, Math.sqrt(dot(g, g)));
            }
            for (int i = 0; i < n; i++) d[i] *= gamma;
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, memory);
                double beta = rho[i] * dot(y[i], d);
                axpy(alpha[i] - beta, s[i], d);
            }
            for (int i = 0; i < n; i++) d[i] = -d[i];
            double slope = dot(g, d);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) d[i] = -g[i] / Math.max(1e-12, Math.sqrt(dot(g, g)));
                slope = dot(g, d);
            }
            // backtracking line search (Armijo, c1 = 1e-4)
            double step = 1, fNew;
            while (true) {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
                fNew = f.evaluate(xNew, gNew);
                evaluations++;
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) break;
                step *= 0.5;
                if (step < 1e-20) return new Result(x, fx, it, evaluations, false);
            }
            // curvature pair
            double sy = 0, yy = 0;
            for (int i = 0; i < n; i++) {
                double si = xNew[i] - x[i], yi = gNew[i] - g[i];
                s[head][i] = si;
                y[head][i] = yi;
                sy += si * yi;
                yy += yi * yi;
            }
            if (sy > 1e-10 * yy) {
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            double before = recent[Math.floorMod(it - STALL_WINDOW, STALL_WINDOW + 1)]; // f after iteration it − STALL_WINDOW
            recent[it % (STALL_WINDOW + 1)] = fx;
            converged = maxNorm(g) <= gradientTolerance
                    || it >= STALL_WINDOW && before - fx <= STALL_WINDOW * 1e-10 * Math.max(1, Math.abs(before));
        }
        return new Result(x, fx, it, evaluations, converged);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    private static double maxNorm(double[] g) {
        double m = 0;
        for (double v : g) m = Math.max(m, Math.abs(v));
        return m;
    }
}
