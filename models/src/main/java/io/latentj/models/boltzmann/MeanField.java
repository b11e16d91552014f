package io.latentj.models.boltzmann;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Mean-field variational inference for binary units with couplings A (symmetric, zero diagonal) and fields θ:
 * the factorised q(s) = Π_i q_i^{s_i} (1 − q_i)^{1−s_i} that maximises the lower bound on log Z
 * <pre>ELBO(q) = −E_q[E] + H(q) = θᵀq + ½ qᵀAq + Σ_i H(q_i) ≤ log Z,</pre>
 * whose stationary points satisfy the mean-field equations q_i = σ(θ_i + Σ_j A_ij q_j). Two schedules:
 * <ul>
 * <li>{@link Schedule#SEQUENTIAL}: coordinate ascent, one unit at a time with the newest values of the others;
 *     each update maximises the ELBO over q_i (or moves part of the way there when damped), so the ELBO never falls;</li>
 * <li>{@link Schedule#PARALLEL}: damped fixed-point iteration, all units from the previous sweep's values — one GEMM
 *     per sweep for a batch; damping keeps it from oscillating.</li>
 * </ul>
 * An update moves q_i to {@code damping·q_i + (1 − damping)·σ(θ_i + A_i·q)}. Iteration stops after the first sweep
 * in which no q_i moved by more than {@code tolerance}, or after {@code maxSweeps} sweeps. Immutable; build with
 * {@link #builder()}.
 */
public final class MeanField {
    /** The order of the updates within a sweep. */
    public enum Schedule { SEQUENTIAL, PARALLEL }

    /** The marginals q, the ELBO at q (in double), the sweeps run and whether the tolerance was met. */
    public record Result(float[] marginals, double elbo, int sweeps, boolean converged) {}

    private final Schedule schedule;
    private final double damping;
    private final double tolerance;
    private final int maxSweeps;

    private MeanField(Builder b) {
        schedule = b.schedule;
        damping = b.damping;
        tolerance = b.tolerance;
        maxSweeps = b.maxSweeps;
    }

    /** Defaults: parallel, damping 0.5, tolerance 1e-6, at most 100 sweeps. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().schedule(schedule).damping(damping).tolerance(tolerance).maxSweeps(maxSweeps);
    }

    public Schedule schedule() { return schedule; }
    public double damping() { return damping; }
    public double tolerance() { return tolerance; }
    public int maxSweeps() { return maxSweeps; }

    /** Runs mean field on {@code model} from the factorised start q = σ(θ). */
    public Result solve(IsingModel model) {
        float[] q = new float[model.size()];
        Elementwise.sigmoid(model.path(), model.theta(), 0, q, 0, q.length);
        return solve(model, q);
    }

    /** Runs mean field on {@code model} from {@code start} (marginals in [0, 1], not changed). */
    public Result solve(IsingModel model, float[] start) {
        if (start == null || start.length != model.size()) {
            throw new IllegalArgumentException("start must have " + model.size() + " marginals, got " + (start == null ? "null" : start.length));
        }
        Elementwise.requireWithin(Path.SCALAR, "start", FMatrix.wrap(start, 1, start.length), 0f, 1f);
        float[] q = start.clone(), scratch = new float[q.length];
        int sweeps = solveInto(model.path(), model.a(), model.theta(), 0, q, 0, scratch);
        return new Result(q, elbo(model.a(), model.theta(), 0, q, 0), Math.abs(sweeps), sweeps > 0);
    }

    /**
     * Mean field for one set of fields {@code field[fOff .. fOff+n)} on couplings {@code a} (n × n, any view),
     * updating the marginals {@code q[qOff .. qOff+n)} in place; {@code scratch} holds at least n floats. Allocates
     * nothing. Returns the sweeps run, negated when the tolerance was not met.
     */
    int solveInto(Path path, FMatrix a, float[] field, int fOff, float[] q, int qOff, float[] scratch) {
        int n = a.rows();
        float keep = (float) damping, step = 1f - keep, tol = (float) tolerance;
        for (int sweep = 1; sweep <= maxSweeps; sweep++) {
            boolean still;
            if (schedule == Schedule.PARALLEL) {
                System.arraycopy(field, fOff, scratch, 0, n);
                Linalg.gemv(path, Trans.N, 1f, a, q, qOff, 1f, scratch, 0);
                Elementwise.sigmoid(path, scratch, 0, scratch, 0, n);
                Linalg.axpy(path, n, -1f, q, qOff, scratch, 0);        // σ − q
                float bound = tol / step;
                still = Elementwise.firstOutside(path, -bound, bound, scratch, 0, n) < 0;
                Linalg.axpy(path, n, step, scratch, 0, q, qOff);
            } else {
                float largest = 0f;
                for (int i = 0; i < n; i++) {
                    float t = field[fOff + i] + Linalg.dot(path, n, a.data(), a.rowOffset(i), q, qOff);
                    float change = step * ((float) (1 / (1 + Math.exp(-t))) - q[qOff + i]);
                    q[qOff + i] += change;
                    largest = Math.max(largest, Math.abs(change));
                }
                still = largest <= tol;
            }
            if (still) return sweep;
        }
        return -maxSweeps;
    }

    /**
     * Mean field for every row of {@code fields} (rows × n) at once on couplings {@code a} (n × n, any view),
     * updating {@code q} (rows × n, the starting marginals) in place. {@link Schedule#PARALLEL} runs one GEMM per
     * sweep for the whole batch until every row has met the tolerance; {@link Schedule#SEQUENTIAL} solves row by row.
     * Returns the sweeps run (the most of any row), negated when some row did not meet the tolerance.
     */
    public int solveBatch(Path path, FMatrix a, FMatrix fields, FMatrix q) {
        int n = a.rows(), rows = fields.rows();
        if (a.cols() != n || fields.cols() != n || q.cols() != n || q.rows() != rows) {
            throw new IllegalArgumentException("couplings " + a.shape() + ", fields " + fields.shape() + " and marginals " + q.shape() + " do not fit");
        }
        if (rows == 0 || n == 0) return 0;
        if (schedule == Schedule.SEQUENTIAL) {
            float[] f = new float[n], qr = new float[n], scratch = new float[n];
            int most = 0;
            boolean all = true;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(fields.data(), fields.rowOffset(r), f, 0, n);
                System.arraycopy(q.data(), q.rowOffset(r), qr, 0, n);
                int s = solveInto(path, a, f, 0, qr, 0, scratch);
                System.arraycopy(qr, 0, q.data(), q.rowOffset(r), n);
                most = Math.max(most, Math.abs(s));
                all &= s > 0;
            }
            return all ? most : -most;
        }
        FMatrix qc = q.copy(), t = FMatrix.zeros(rows, n);
        int size = rows * n;
        float step = (float) (1 - damping), bound = (float) tolerance / step;
        for (int sweep = 1; sweep <= maxSweeps; sweep++) {
            t.copyFrom(fields);
            Linalg.gemm(path, Trans.N, Trans.N, 1f, qc, a, 1f, t);
            Elementwise.sigmoid(path, t, t);
            Linalg.axpy(path, size, -1f, qc.data(), 0, t.data(), 0);
            boolean still = Elementwise.firstOutside(path, -bound, bound, t.data(), 0, size) < 0;
            Linalg.axpy(path, size, step, t.data(), 0, qc.data(), 0);
            if (still) {
                q.copyFrom(qc);
                return sweep;
            }
        }
        q.copyFrom(qc);
        return -maxSweeps;
    }

    /** The mean-field ELBO θᵀq + ½ qᵀAq + Σ H(q_i) of {@code q} for {@code model}, in double. */
    public static double elbo(IsingModel model, float[] q) {
        if (q == null || q.length != model.size()) throw new IllegalArgumentException("q must have " + model.size() + " marginals");
        Elementwise.requireWithin(Path.SCALAR, "q", FMatrix.wrap(q, 1, q.length), 0f, 1f);
        return elbo(model.a(), model.theta(), 0, q, 0);
    }

    static double elbo(FMatrix a, float[] theta, int tOff, float[] q, int qOff) {
        int n = a.rows();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double qi = q[qOff + i];
            s += theta[tOff + i] * qi + entropy(qi);
            int o = a.rowOffset(i);
            double row = 0;
            for (int j = 0; j < i; j++) row += (double) a.data()[o + j] * q[qOff + j];
            s += qi * row; // ½ Σ_{i≠j} A_ij q_i q_j = Σ_{j<i} A_ij q_i q_j
        }
        return s;
    }

    /** H(p) of a Bernoulli(p) in nats, with 0·log 0 = 0. */
    static double entropy(double p) {
        double h = 0;
        if (p > 0) h -= p * Math.log(p);
        if (p < 1) h -= (1 - p) * Math.log1p(-p);
        return h;
    }

    /** The settings as strings (for model-file metadata), keys prefixed with {@code prefix}. */
    public Map<String, String> toMap(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(prefix + "schedule", schedule.name().toLowerCase(Locale.ROOT));
        m.put(prefix + "damping", Double.toString(damping));
        m.put(prefix + "tolerance", Double.toString(tolerance));
        m.put(prefix + "max_sweeps", Integer.toString(maxSweeps));
        return m;
    }

    /** Settings from {@link #toMap}'s output; missing keys keep their defaults. */
    public static MeanField fromMap(Map<String, String> m, String prefix) {
        Builder b = builder();
        String s = m.get(prefix + "schedule");
        if (s != null) {
            try {
                b.schedule(Schedule.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mean-field schedule " + s + " (sequential or parallel)");
            }
        }
        if (m.containsKey(prefix + "damping")) b.damping(Double.parseDouble(m.get(prefix + "damping")));
        if (m.containsKey(prefix + "tolerance")) b.tolerance(Double.parseDouble(m.get(prefix + "tolerance")));
        if (m.containsKey(prefix + "max_sweeps")) b.maxSweeps(Integer.parseInt(m.get(prefix + "max_sweeps")));
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeanField f && f.schedule == schedule && f.damping == damping && f.tolerance == tolerance && f.maxSweeps == maxSweeps;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(schedule, damping, tolerance, maxSweeps);
    }

    @Override
    public String toString() {
        return "MeanField" + toMap("");
    }

    /** Builder; defaults: parallel, damping 0.5, tolerance 1e-6, at most 100 sweeps. */
    public static final class Builder {
        private Schedule schedule = Schedule.PARALLEL;
        private double damping = 0.5;
        private double tolerance = 1e-6;
        private int maxSweeps = 100;

        private Builder() {}

        public Builder schedule(Schedule v) {
            if (v == null) throw new IllegalArgumentException("schedule must not be null");
            schedule = v;
            return this;
        }

        /** Weight of the old value in each update, in [0, 1): 0 is the plain fixed-point (or coordinate-ascent) update. */
        public Builder damping(double v) {
            if (!(v >= 0 && v < 1)) throw new IllegalArgumentException("damping must be in [0, 1), got " + v);
            damping = v;
            return this;
        }

        /** Stop after a sweep in which no marginal moved by more than this. */
        public Builder tolerance(double v) {
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("tolerance must be in [0, 1], got " + v);
            tolerance = v;
            return this;
        }

        public Builder maxSweeps(int v) {
            if (v < 1 || v > 1_000_000) throw new IllegalArgumentException("max sweeps must be in [1, 1000000], got " + v);
            maxSweeps = v;
            return this;
        }

        public MeanField build() {
            return new MeanField(this);
        }
    }
}
