package io.latentj.models.nn;

/**
 * Finite-difference checks of analytic gradients, in double precision. The objective is evaluated in double (a
 * double-precision reference of the float computation under test), so a central difference with step h ≈ 1e-5
 * has truncation error O(h²) and rounding error O(ε_double/h), both far below the float analytic gradient's own
 * rounding (~1e-7 relative): the check measures the analytic gradient, not the difference quotient.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** A scalar function of a parameter vector, in double. */
    @FunctionalInterface
    public interface Objective {
        double value(double[] theta);
    }

    /** Central differences (f(θ + h e_i) − f(θ − h e_i)) / 2h for every i; θ is restored afterwards. */
    public static double[] numericGradient(Objective f, double[] theta, double h) {
        if (!(h > 0)) throw new IllegalArgumentException("step must be positive, got " + h);
        double[] g = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double t = theta[i];
            theta[i] = t + h;
            double plus = f.value(theta);
            theta[i] = t - h;
            double minus = f.value(theta);
            theta[i] = t;
            g[i] = (plus - minus) / (2 * h);
        }
        return g;
    }

    /**
     * The largest elementwise relative error max_i |a_i − n_i| / max(|a_i|, |n_i|, floor), where the floor,
     * 1e-3·max_k |n_k|, keeps entries that are zero up to rounding (a gradient entry that cancels to 1e-9 in an
     * array whose largest entry is 1) from reporting float rounding as a relative error of order one.
     */
    public static double relativeError(float[] analytic, double[] numeric) {
        if (analytic.length != numeric.length) throw new IllegalArgumentException("lengths differ: " + analytic.length + " vs " + numeric.length);
        double scale = 0;
        for (double v : numeric) scale = Math.max(scale, Math.abs(v));
        double floor = Math.max(1e-3 * scale, 1e-12);
        double worst = 0;
        for (int i = 0; i < analytic.length; i++) {
            double a = analytic[i], n = numeric[i];
            double d = Math.abs(a - n) / Math.max(Math.max(Math.abs(a), Math.abs(n)), floor);
            if (!(d <= worst)) worst = d; // NaN propagates as the worst error
        }
        return worst;
    }

    /** The norm-wise relative error ‖a − n‖₂ / max(‖a‖₂, ‖n‖₂) (0 when both are zero). */
    public static double normRelativeError(float[] analytic, double[] numeric) {
        if (analytic.length != numeric.length) throw new IllegalArgumentException("lengths differ: " + analytic.length + " vs " + numeric.length);
        double d = 0, a2 = 0, n2 = 0;
        for (int i = 0; i < analytic.length; i++) {
            double e = analytic[i] - numeric[i];
            d += e * e;
            a2 += (double) analytic[i] * analytic[i];
            n2 += numeric[i] * numeric[i];
        }
        double m = Math.sqrt(Math.max(a2, n2));
        return m == 0 ? Math.sqrt(d) : Math.sqrt(d) / m;
    }
}
