package io.latentj.models.energy;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Potentials;
import io.latentj.simd.Trans;

import java.util.Arrays;

/**
 * A product of experts on linear filter responses: E(x) = Σ_j α_j φ(w_jᵀx), one expert per filter w_j (a row of the
 * J × d matrix W). Two experts:
 * <ul>
 * <li>{@link Potential#STUDENT_T}, φ(u) = log(1 + ½u²): the Student-t product of experts of Welling, Hinton and
 *     Osindero, with learned scales α_j &gt; 0; θ = [W (J × d, row-major), α (J)].</li>
 * <li>{@link Potential#LOG_COSH}, φ(u) = log cosh u with α ≡ 1: the super-Gaussian ICA energy (Hyvärinen), θ = W.</li>
 * </ul>
 * With u = Wx: ∇ₓE = Wᵀ(α ⊙ φ′(u)); ∂E/∂w_j = α_j φ′(u_j) x; ∂E/∂α_j = φ(u_j);
 * ΔₓE = Σ_j α_j φ″(u_j)‖w_j‖²; ∂ΔₓE/∂w_j = α_j‖w_j‖² φ‴(u_j) x + 2α_j φ″(u_j) w_j; ∂ΔₓE/∂α_j = φ″(u_j)‖w_j‖²;
 * and for the mixed term, with s = Wv: ∂(vᵀ∇ₓE)/∂w_j = α_j(φ″(u_j) s_j x + φ′(u_j) v), ∂(vᵀ∇ₓE)/∂α_j = φ′(u_j) s_j.
 */
public final class FilterExperts implements EnergyModel {
    /** The one-dimensional expert φ. */
    public enum Potential {
        /** φ(u) = log(1 + ½u²), heavy-tailed (Student-t); scales α learned. */
        STUDENT_T,
        /** φ(u) = log cosh u, super-Gaussian (ICA); α ≡ 1. */
        LOG_COSH
    }

    /** Smallest scale {@link #project()} lets a Student-t expert keep (a non-positive α makes q improper). */
    public static final float MIN_SCALE = 1e-3f;

    private final Potential potential;
    private final int experts, d;
    private final float[] theta;
    private final float[] ones; // α for LOG_COSH
    private final Path path;

    private FilterExperts(Potential potential, int experts, int d, float[] theta, Path path) {
        this.potential = potential;
        this.experts = experts;
        this.d = d;
        this.theta = theta;
        this.path = path;
        this.ones = new float[experts];
        Arrays.fill(ones, 1f);
    }

    /** Student-t experts with filters W (J × d, copied) and scales α (J, copied, positive). */
    public static FilterExperts studentT(FMatrix filters, float[] scales, Path path) {
        check(filters, path);
        if (scales == null || scales.length != filters.rows()) {
            throw new IllegalArgumentException("need " + filters.rows() + " scales, one per filter, got " + (scales == null ? "null" : scales.length));
        }
        for (float a : scales) if (!(a > 0) || !Float.isFinite(a)) throw new IllegalArgumentException("scales must be positive and finite, got " + a);
        int j = filters.rows(), d = filters.cols();
        float[] theta = new float[j * d + j];
        System.arraycopy(filters.toArray(), 0, theta, 0, j * d);
        System.arraycopy(scales, 0, theta, j * d, j);
        return new FilterExperts(Potential.STUDENT_T, j, d, theta, path);
    }

    /** The log cosh (ICA) energy with filters W (J × d, copied). */
    public static FilterExperts logCosh(FMatrix filters, Path path) {
        check(filters, path);
        return new FilterExperts(Potential.LOG_COSH, filters.rows(), filters.cols(), filters.toArray(), path);
    }

    private static void check(FMatrix filters, Path path) {
        if (filters == null || path == null) throw new IllegalArgumentException("filters and path must not be null");
        if (filters.rows() < 1 || filters.cols() < 1) throw new IllegalArgumentException("need at least one filter of at least one entry, got " + filters.shape());
        Elementwise.requireFinite(path, "filters", filters);
    }

    public Potential potential() { return potential; }
    /** Number of experts J. */
    public int experts() { return experts; }
    @Override public int dimension() { return d; }
    @Override public int parameterCount() { return theta.length; }
    @Override public float[] parameters() { return theta; }
    @Override public Path path() { return path; }

    /** A copy of W (J × d). */
    public FMatrix filters() { return w().copy(); }

    /** A copy of α (all ones for LOG_COSH). */
    public float[] scales() { return alpha().clone(); }

    private FMatrix w() { return Batches.block(theta, 0, experts, d); }

    private float[] alpha() { return potential == Potential.STUDENT_T ? Arrays.copyOfRange(theta, experts * d, experts * d + experts) : ones; }

    private boolean learnsScales() { return potential == Potential.STUDENT_T; }

    /** The filter responses U = XWᵀ (rows × J) into {@code out}. */
    public void responses(FMatrix x, FMatrix out) {
        Batches.requirePoints("x", x, d);
        if (out == null || out.rows() != x.rows() || out.cols() != experts) {
            throw new IllegalArgumentException("responses need a " + x.rows() + "x" + experts + " output, got " + (out == null ? "null" : out.shape()));
        }
        if (x.rows() > 0) Linalg.gemm(path, Trans.N, Trans.T, 1f, x, w(), 0f, out);
    }

    private FMatrix responses(FMatrix x) {
        FMatrix u = FMatrix.zeros(x.rows(), experts);
        responses(x, u);
        return u;
    }

    private void potentials(FMatrix u, FMatrix value, FMatrix first, FMatrix second) {
        if (potential == Potential.STUDENT_T) Potentials.studentT(path, u, value, first, second);
        else Potentials.logCosh(path, u, value, first, second);
    }

    private void third(FMatrix u, FMatrix out) {
        if (potential == Potential.STUDENT_T) Potentials.studentTThird(path, u, out);
        else Potentials.logCoshThird(path, u, out);
    }

    /** ‖w_j‖² of every filter. */
    private float[] filterNorms() {
        float[] n = new float[experts];
        Batches.rowSquaredNorms(path, w(), n, 0);
        return n;
    }

    @Override
    public void energy(FMatrix x, float[] out, int off) {
        Batches.requirePoints("x", x, d);
        Batches.requireVector("out", out, off, x.rows());
        if (x.rows() == 0) return;
        FMatrix u = responses(x), phi = FMatrix.zeros(x.rows(), experts);
        potentials(u, phi, null, null);
        Linalg.gemv(path, Trans.N, 1f, phi, alpha(), 0, 0f, out, off);
    }

    @Override
    public void gradient(FMatrix x, FMatrix grad, float[] energy) {
        Batches.requirePoints("x", x, d);
        Batches.requireSameShape("grad", grad, x);
        if (energy != null) Batches.requireVector("energy", energy, 0, x.rows());
        if (x.rows() == 0) return;
        FMatrix u = responses(x), f = FMatrix.zeros(x.rows(), experts), phi = energy == null ? null : FMatrix.zeros(x.rows(), experts);
        potentials(u, phi, f, null);
        float[] a = alpha();
        if (energy != null) Linalg.gemv(path, Trans.N, 1f, phi, a, 0, 0f, energy, 0);
        if (learnsScales()) Elementwise.scaleColumns(path, f, a, 0, f);
        Linalg.gemm(path, Trans.N, Trans.N, 1f, f, w(), 0f, grad);
    }

    @Override
    public void accumulateParameterGradient(FMatrix x, float scale, float[] g) {
        Batches.requirePoints("x", x, d);
        Batches.requireVector("g", g, 0, theta.length);
        if (x.rows() == 0) return;
        FMatrix u = responses(x), f = FMatrix.zeros(x.rows(), experts), phi = learnsScales() ? FMatrix.zeros(x.rows(), experts) : null;
        potentials(u, phi, f, null);
        if (learnsScales()) {
            Elementwise.scaleColumns(path, f, alpha(), 0, f);
            float[] sums = new float[experts];
            Linalg.colSums(path, phi, sums, 0);
            Linalg.axpy(path, experts, scale, sums, 0, g, experts * d);
        }
        Linalg.gemm(path, Trans.T, Trans.N, scale, f, x, 1f, Batches.block(g, 0, experts, d));
    }

    @Override public boolean hasLaplacian() { return true; }

    @Override
    public void laplacian(FMatrix x, float[] out, int off) {
        Batches.requirePoints("x", x, d);
        Batches.requireVector("out", out, off, x.rows());
        if (x.rows() == 0) return;
        FMatrix u = responses(x), second = FMatrix.zeros(x.rows(), experts);
        potentials(u, null, null, second);
        float[] c = filterNorms();
        Elementwise.mul(path, c, 0, alpha(), 0, c, 0, experts);
        Linalg.gemv(path, Trans.N, 1f, second, c, 0, 0f, out, off);
    }

    @Override
    public void accumulateLaplacianGradient(FMatrix x, float scale, float[] g) {
        Batches.requirePoints("x", x, d);
        Batches.requireVector("g", g, 0, theta.length);
        if (x.rows() == 0) return;
        FMatrix u = responses(x), second = FMatrix.zeros(x.rows(), experts), t3 = FMatrix.zeros(x.rows(), experts);
        potentials(u, null, null, second);
        third(u, t3);
        float[] a = alpha(), norms = filterNorms(), c = new float[experts], s = new float[experts];
        Elementwise.mul(path, norms, 0, a, 0, c, 0, experts);
        Elementwise.scaleColumns(path, t3, c, 0, t3);
        FMatrix gw = Batches.block(g, 0, experts, d), w = w();
        Linalg.gemm(path, Trans.T, Trans.N, scale, t3, x, 1f, gw);
        Linalg.colSums(path, second, s, 0);
        for (int j = 0; j < experts; j++) Linalg.axpy(path, d, 2 * scale * a[j] * s[j], w.data(), w.rowOffset(j), g, j * d);
        if (learnsScales()) {
            Elementwise.mul(path, norms, 0, s, 0, s, 0, experts);
            Linalg.axpy(path, experts, scale, s, 0, g, experts * d);
        }
    }

    @Override
    public void accumulateMixedGradient(FMatrix x, FMatrix v, float scale, float[] g) {
        Batches.requirePoints("x", x, d);
        Batches.requireSameShape("v", v, x);
        Batches.requireVector("g", g, 0, theta.length);
        if (x.rows() == 0) return;
        int n = x.rows();
        FMatrix u = responses(x), sv = responses(v), first = FMatrix.zeros(n, experts), second = FMatrix.zeros(n, experts);
        potentials(u, null, first, second);
        int size = n * experts;
        float[] a = alpha();
        FMatrix gw = Batches.block(g, 0, experts, d);
        if (learnsScales()) {
            FMatrix fs = FMatrix.zeros(n, experts);
            Elementwise.mul(path, first.data(), 0, sv.data(), 0, fs.data(), 0, size);
            float[] sums = new float[experts];
            Linalg.colSums(path, fs, sums, 0);
            Linalg.axpy(path, experts, scale, sums, 0, g, experts * d);
        }
        Elementwise.mul(path, second.data(), 0, sv.data(), 0, second.data(), 0, size);
        if (learnsScales()) {
            Elementwise.scaleColumns(path, second, a, 0, second);
            Elementwise.scaleColumns(path, first, a, 0, first);
        }
        Linalg.gemm(path, Trans.T, Trans.N, scale, second, x, 1f, gw);
        Linalg.gemm(path, Trans.T, Trans.N, scale, first, v, 1f, gw);
    }

    /** α_j ← max(α_j, {@link #MIN_SCALE}) for Student-t experts. */
    @Override
    public void project() {
        if (!learnsScales()) return;
        for (int j = 0; j < experts; j++) {
            int i = experts * d + j;
            if (!(theta[i] >= MIN_SCALE)) theta[i] = Float.isNaN(theta[i]) ? theta[i] : MIN_SCALE;
        }
    }

    @Override
    public String toString() {
        return "FilterExperts[" + potential + ", " + experts + " experts, d=" + d + "]";
    }
}
