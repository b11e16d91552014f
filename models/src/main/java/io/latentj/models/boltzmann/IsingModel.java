package io.latentj.models.boltzmann;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Trans;

/**
 * A Boltzmann machine over n binary units s ∈ {0,1}ⁿ without a visible/hidden split (an Ising model in 0/1 form):
 * energy E(s) = −½ sᵀAs − θᵀs with symmetric couplings A (zero diagonal) and fields θ, p(s) = exp(−E(s)) / Z.
 * A {@link BoltzmannMachine} is one of these over (v, h) with A = [[L, Wᵀ], [W, J]] and θ = (b, c).
 *
 * <p>Immutable and safe to share across threads. {@link #exactLogPartition} enumerates all 2ⁿ states (up to
 * {@link #MAX_EXACT_UNITS} units); {@link MeanField} gives the mean-field lower bound on log Z; {@link GibbsSampler}
 * samples by sequential site updates.
 */
public final class IsingModel {
    /** Largest model whose partition function {@link #exactLogPartition} enumerates (2²⁶ ≈ 67 million states). */
    public static final int MAX_EXACT_UNITS = 26;

    private final FMatrix a;
    private final float[] theta;
    private final Path path;

    private IsingModel(FMatrix couplings, float[] fields, Path path) {
        this.a = couplings;
        this.theta = fields;
        this.path = path;
    }

    /**
     * The model with the given couplings (n × n, symmetric, zero diagonal) and fields (n), both copied; {@code path}
     * runs its kernels.
     */
    public static IsingModel of(FMatrix couplings, float[] fields, Path path) {
        if (fields == null) throw new IllegalArgumentException("fields must not be null");
        if (path == null) throw new IllegalArgumentException("path must not be null");
        Symmetric.requireCouplings("couplings", couplings, fields.length);
        Elementwise.requireFinite(Path.SCALAR, "couplings", couplings);
        Elementwise.requireFinite(Path.SCALAR, "fields", FMatrix.wrap(fields, 1, fields.length));
        return new IsingModel(couplings.copy(), fields.clone(), path);
    }

    /** Wraps arrays the caller has already checked and will not change. */
    static IsingModel trusted(FMatrix couplings, float[] fields, Path path) {
        return new IsingModel(couplings, fields, path);
    }

    /** Number of units n. */
    public int size() { return theta.length; }
    /** A copy of the couplings A. */
    public FMatrix couplings() { return a.copy(); }
    /** A copy of the fields θ. */
    public float[] fields() { return theta.clone(); }
    public Path path() { return path; }
    FMatrix a() { return a; }
    float[] theta() { return theta; }

    /** E(s) = −½ sᵀAs − θᵀs of every row of {@code states} (rows × n, any real values). */
    public float[] energy(FMatrix states) {
        if (states == null || states.cols() != size()) {
            throw new IllegalArgumentException("states must have " + size() + " columns, got " + (states == null ? "null" : states.shape()));
        }
        Elementwise.requireFinite(path, "states", states);
        FMatrix sa = FMatrix.zeros(states.rows(), size());
        Linalg.gemm(path, Trans.N, Trans.N, 1f, states, a, 0f, sa);
        float[] e = new float[states.rows()];
        Linalg.gemv(path, Trans.N, -1f, states, theta, 0, 0f, e, 0);
        for (int r = 0; r < e.length; r++) {
            e[r] -= 0.5f * Linalg.dot(path, size(), sa.data(), sa.rowOffset(r), states.data(), states.rowOffset(r));
        }
        return e;
    }

    /**
     * log Z exactly, by enumerating every state: the units are split in two halves, the first enumerated in chunks
     * of rows, the second summed for all those rows at once by {@link Enumeration#logPartitions} (one GEMM per chunk).
     *
     * @throws IllegalArgumentException when the model has more than {@link #MAX_EXACT_UNITS} units
     */
    public double exactLogPartition() {
        int n = size();
        if (n > MAX_EXACT_UNITS) {
            throw new IllegalArgumentException("exact log Z enumerates 2^n states and is limited to n <= " + MAX_EXACT_UNITS
                    + " units; this model has " + n + " (use MeanField for a lower bound)");
        }
        if (n == 0) return 0;
        int inner = n / 2, outer = n - inner;
        FMatrix a11 = a.block(0, 0, outer, outer), a12 = a.block(0, outer, outer, inner), a22 = a.block(outer, outer, inner, inner);
        long total = 1L << outer;
        int chunk = (int) Math.min(4096, total);
        FMatrix x = FMatrix.zeros(chunk, outer), xa = FMatrix.zeros(chunk, outer), f = FMatrix.zeros(chunk, inner);
        float[] own = new float[chunk];
        double[] rest = new double[chunk];
        double logZ = Double.NEGATIVE_INFINITY;
        for (long first = 0; first < total; first += chunk) {
            int rows = (int) Math.min(chunk, total - first);
            FMatrix xc = x.rowRange(0, rows), xac = xa.rowRange(0, rows), fc = f.rowRange(0, rows);
            Enumeration.configurations(first, xc);
            // the outer units' own terms θ₁ᵀx + ½ xᵀA₁₁x, and the inner units' fields θ₂ + A₂₁x
            if (outer > 0) {
                Linalg.gemm(path, Trans.N, Trans.N, 1f, xc, a11, 0f, xac);
                Linalg.gemv(path, Trans.N, 1f, xc, theta, 0, 0f, own, 0);
                for (int r = 0; r < rows; r++) own[r] += 0.5f * Linalg.dot(path, outer, xac.data(), xac.rowOffset(r), xc.data(), xc.rowOffset(r));
            } else {
                own[0] = 0f;
            }
            if (inner > 0) fc.fillRows(theta, outer);
            if (outer > 0 && inner > 0) Linalg.gemm(path, Trans.N, Trans.N, 1f, xc, a12, 1f, fc);
            Enumeration.logPartitions(path, a22, fc, rest);
            for (int r = 0; r < rows; r++) logZ = Enumeration.logAddExp(logZ, own[r] + rest[r]);
        }
        return logZ;
    }

    /** Mean-field inference on this model as {@code meanField} says, from the factorised start q = σ(θ). */
    public MeanField.Result meanField(MeanField meanField) {
        return meanField.solve(this);
    }

    /**
     * {@code sweeps} sweeps of sequential Gibbs sampling from each row of {@code start} (binary, rows × n), every
     * row an independent chain; returns the final states (start is not changed).
     */
    public FMatrix gibbs(FMatrix start, int sweeps, Rng rng) {
        if (start == null || start.cols() != size()) {
            throw new IllegalArgumentException("start must have " + size() + " columns, got " + (start == null ? "null" : start.shape()));
        }
        Symmetric.requireBinary("start", start);
        FMatrix s = start.copy();
        GibbsSampler.sweeps(path, a, theta, 0, s, sweeps, rng);
        return s;
    }

    @Override
    public String toString() {
        return "IsingModel[" + size() + " units]";
    }
}
