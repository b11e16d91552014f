package io.latentj.models.sparse;

import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;

import io.latentj.models.Inputs;
import io.latentj.models.Encoder;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Parallelism;
import io.latentj.simd.Path;
import io.latentj.simd.Proximal;
import io.latentj.simd.ScratchPool;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sparse codes of samples over a fixed dictionary: for each sample x (length d) the code a (length k) minimising
 * <pre>  ½‖x − Dᵀa‖² + λ‖a‖₁</pre>
 * where D is the dictionary stored <b>atoms as rows</b> (k × d; atoms are expected to be unit-norm, as
 * {@link DictionaryLearning} makes them, but any finite dictionary is accepted). For a batch stored one sample per
 * row (X, n × d) the codes are the rows of A (n × k) and the reconstruction is A·D.
 *
 * <p>Objective convention: the squared error is <i>not</i> divided by the number of features. scikit-learn's
 * {@code sparse_encode(..., algorithm='lasso_cd', alpha=λ)} (and {@code SparseCoder(transform_alpha=λ)}) solves the
 * same problem: it passes α = λ / n_features to {@code Lasso}, whose objective is (1 / (2·n_features))‖x − Dᵀa‖² + α‖a‖₁,
 * the objective above divided by n_features. So λ here equals scikit-learn's {@code transform_alpha}, and a
 * {@code Lasso(alpha=α)} fitted directly corresponds to λ = α·d.
 *
 * <p>Solvers ({@link Solver}): ISTA and FISTA (Beck &amp; Teboulle 2009) run on the whole batch at once: with
 * G = D·Dᵀ and C = X·Dᵀ precomputed, the gradient of the smooth part is A·G − C (one GEMM per iteration), the
 * proximal step is the two-sided {@code shrink} kernel with threshold λ/L, where L is the largest eigenvalue of G
 * (power iteration, times a safety factor 1.01 because the iteration approaches it from below). Batched FISTA
 * restarts a row's momentum whenever it points uphill (adaptive restart, O'Donoghue &amp; Candès 2015) and fuses
 * the shrink, momentum and stopping sums into one kernel ({@link Proximal#fistaRows}); each of its rows stops on
 * its own relative change (as the single-sample routine does) and leaves the batch. Coordinate descent
 * works one sample at a time on the covariance form: c = D·x − G·a is kept up to date with one AXPY per changed
 * coordinate. All three stop when the relative change of the codes, ‖A_new − A‖ / ‖A_new‖ (Frobenius, over the
 * batch for ISTA, per row for batched FISTA and single samples; for coordinate descent the max-norm over one sample),
 * falls below the tolerance, or after the iteration cap.
 *
 * <p>{@link Solver#HOMOTOPY} follows the LASSO path (Osborne, Presnell &amp; Turlach 2000; LARS-Lasso, Efron et al.
 * 2004) from λ' = max|D·x| down to λ, one atom entering or leaving per step ({@link LassoHomotopy}, in double): its
 * codes are exact up to rounding, so the tolerance does not apply, and the iteration cap bounds the steps. It is the
 * fastest solver when codes are sparse and atoms coherent (natural images), where coordinate descent needs hundreds
 * of sweeps and FISTA hundreds of iterations. The batch splits the rows over
 * {@link io.latentj.simd.Parallelism#threads()} threads and codes each exactly as {@link #transformInto} does (batch
 * and single codes are bit-identical). A row whose path stops early (step cap, or an atom
 * numerically dependent on the active ones, as with more atoms than features) is finished by coordinate descent
 * from where the path stopped.
 *
 * <p>Immutable; {@link #transformInto} allocates nothing once warm, on any thread, new or not (it borrows
 * a pooled workspace). The batch {@link #transform} with {@link Solver#COORDINATE_DESCENT} or {@link Solver#HOMOTOPY} runs
 * exactly the single-sample routine per row, so the two agree bit for bit; with ISTA/FISTA single and batch codes agree to the tolerance
 * only (the batch restarts momentum, the single-sample routine does not).
 *
 * <p>Model file (safetensors): tensor {@code dictionary} [atoms, features] F32; metadata {@code model=SparseCoder},
 * {@code format_version=1}, {@code config.lambda}, {@code config.solver}, {@code config.max_iterations},
 * {@code config.tolerance}, {@code config.path}, provenance entries.
 */
public final class SparseCoder implements Encoder {
    static final String TYPE = "SparseCoder";
    static final String FORMAT_VERSION = "1";

    /** How the LASSO problems are solved. */
    public enum Solver { ISTA, FISTA, COORDINATE_DESCENT, HOMOTOPY }

    private final FMatrix d;
    private final FMatrix gram;
    private final float lipschitz;
    private final FMatrix stepMatrix;
    private final float lambda;
    private final Solver solver;
    private final int maxIterations;
    private final double tolerance;
    private final Path path;
    private final Map<String, String> provenance;
    private final ScratchPool<float[][]> workspace;
    /** G in double, row-major, for the homotopy (null for the other solvers). */
    private final double[] gramDouble;
    private final ScratchPool<LassoHomotopy> homotopyWorkspace;
    /** Rows per thread below which a batch is not split (a row costs a few microseconds, a handoff about as much). */
    private static final int ROWS_PER_THREAD = 16;
    /** Iterations in a row a batched FISTA row's relative change must stay under the tolerance before it stops. */
    private static final int CALM_ITERATIONS = 3;

    SparseCoder(FMatrix dictionary, float lambda, Solver solver, int maxIterations, double tolerance, Path path,
                Map<String, String> provenance) {
        if (dictionary == null) throw new IllegalArgumentException("dictionary must not be null");
        if (dictionary.rows() < 1 || dictionary.cols() < 1) {
            throw new IllegalArgumentException("dictionary must have at least one atom and one feature, got " + dictionary.shape());
        }
        if (!(lambda >= 0) || !Float.isFinite(lambda)) throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        if (solver == null) throw new IllegalArgumentException("solver must not be null");
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
        if (path == null) throw new IllegalArgumentException("path must not be null");
        Elementwise.requireFinite(Path.SCALAR, "dictionary", dictionary);
        this.d = dictionary.copy();
        this.lambda = lambda;
        this.solver = solver;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.path = path;
        this.provenance = Map.copyOf(provenance);
        int k = d.rows();
        this.gram = FMatrix.zeros(k, k);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, d, d, 0f, gram);
        // the step size and I − G/L only for the proximal-gradient solvers (the power iteration costs up to 500 GEMVs)
        boolean proximal = solver == Solver.ISTA || solver == Solver.FISTA;
        this.lipschitz = proximal ? largestEigenvalue(path, gram) : Float.NaN;
        this.stepMatrix = proximal ? FMatrix.zeros(k, k) : null; // I − G/L
        for (int i = 0; proximal && i < k; i++) {
            Linalg.axpy(path, k, -1f / lipschitz, gram.data(), gram.rowOffset(i), stepMatrix.data(), stepMatrix.rowOffset(i));
            stepMatrix.set(i, i, stepMatrix.get(i, i) + 1f);
        }
        this.workspace = ScratchPool.of(() -> new float[][] {new float[k], new float[k], new float[k], new float[k]});
        if (solver == Solver.HOMOTOPY) {
            gramDouble = new double[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) gramDouble[i * k + j] = gram.get(i, j);
            }
            homotopyWorkspace = ScratchPool.of(() -> new LassoHomotopy(k));
        } else {
            gramDouble = null;
            homotopyWorkspace = null;
        }
    }

    /** A coder over {@code dictionary} (atoms as rows, copied) with FISTA, 1000 iterations, tolerance 1e-6, default path. */
    public static SparseCoder of(FMatrix dictionary, double lambda) {
        return of(dictionary, lambda, Solver.FISTA, 1000, 1e-6, Path.defaultPath());
    }

    /** A coder over {@code dictionary} (atoms as rows, copied) with the given solver and stopping rule. */
    public static SparseCoder of(FMatrix dictionary, double lambda, Solver solver, int maxIterations, double tolerance, Path path) {
        return new SparseCoder(dictionary, (float) lambda, solver, maxIterations, tolerance, path, Map.of());
    }

    /** The same dictionary and λ solved another way. */
    public SparseCoder withSolver(Solver solver, int maxIterations, double tolerance) {
        return new SparseCoder(d, lambda, solver, maxIterations, tolerance, path, provenance);
    }

    /**
     * Largest eigenvalue of the symmetric positive semi-definite {@code g} by power iteration from the all-ones
     * vector (Rayleigh quotient), times 1.01: an upper bound for the step size 1/L in practice.
     */
    static float largestEigenvalue(Path path, FMatrix g) {
        int k = g.rows();
        float[] v = new float[k], w = new float[k];
        java.util.Arrays.fill(v, (float) (1 / Math.sqrt(k)));
        double est = 0;
        for (int it = 0; it < 500; it++) {
            Linalg.gemv(path, Trans.N, 1f, g, v, 0, 0f, w, 0);
            double rq = Linalg.dot(path, k, v, 0, w, 0);
            float norm = Linalg.nrm2(path, k, w, 0);
            if (norm == 0) return 1f; // G = 0: every code is 0; any step works
            Linalg.scal(path, k, 1f / norm, w, 0);
            float[] t = v; v = w; w = t;
            if (it > 5 && Math.abs(rq - est) <= 1e-7 * Math.abs(rq)) { est = rq; break; }
            est = rq;
        }
        return (float) (est * 1.01);
    }

    public FMatrix dictionary() { return d.copy(); }
    public int atoms() { return d.rows(); }
    public int features() { return d.cols(); }
    public float lambda() { return lambda; }
    public Solver solver() { return solver; }
    public int maxIterations() { return maxIterations; }
    public double tolerance() { return tolerance; }
    public Path path() { return path; }
    public Map<String, String> provenance() { return provenance; }
    /** The step-size constant L (1.01 × the largest eigenvalue of D·Dᵀ). */
    public float lipschitz() { return Float.isNaN(lipschitz) ? largestEigenvalue(path, gram) : lipschitz; }
    @Override public int inputSize() { return d.cols(); }
    @Override public int outputSize() { return d.rows(); }
    FMatrix d() { return d; }
    FMatrix gram() { return gram; }

    private void requireInput(String what, FMatrix x, int cols) {
        Inputs.requireMatrix(path, what, x, cols);
    }

    /** Codes of every row of {@code x} (n × d) as a new n × k matrix. */
    @Override
    public FMatrix transform(FMatrix x) {
        requireInput("input", x, features());
        FMatrix a = FMatrix.zeros(x.rows(), atoms());
        encode(x, a, false);
        return a;
    }

    /**
     * Codes of the rows of {@code x} into {@code codes} (n × k); with {@code warmStart} the iterations start from the
     * codes already there (ISTA/FISTA/coordinate descent alike; the homotopy always starts from zero, where its path
     * starts), else from zero. Returns the iterations run (the maximum over samples for coordinate descent and the
     * homotopy). Inputs are not checked: callers check them.
     */
    int encode(FMatrix x, FMatrix codes, boolean warmStart) {
        if (x.rows() == 0) return 0;
        if (solver == Solver.HOMOTOPY) return homotopy(x, codes);
        if (!warmStart) codes.fill(0f);
        if (solver == Solver.COORDINATE_DESCENT) {
            float[] c = new float[atoms()];
            int most = 0;
            for (int r = 0; r < x.rows(); r++) {
                most = Math.max(most, coordinateDescent(x.data(), x.rowOffset(r), codes.data(), codes.rowOffset(r), c));
            }
            return most;
        }
        return proximalGradient(x, codes, solver == Solver.FISTA);
    }

    /**
     * Batched ISTA/FISTA on contiguous copies; the result is written back into {@code codes}. FISTA runs the fused
     * {@link Proximal#fistaRows} kernel after one GEMM per iteration: with M = I − G/L and C/L precomputed, the
     * gradient step is Y·M + C/L, and each row restarts its momentum when it points uphill (O'Donoghue &amp; Candès
     * 2015), which keeps FISTA's rate and removes its oscillations on ill-conditioned dictionaries.
     */
    private int proximalGradient(FMatrix x, FMatrix codes, boolean accelerate) {
        int n = x.rows(), k = atoms();
        int len = n * k;
        float invL = 1f / lipschitz, thr = lambda * invL;
        FMatrix xd = FMatrix.zeros(n, k);               // C = X·Dᵀ (times 1/L for FISTA)
        Linalg.gemm(path, Trans.N, Trans.T, accelerate ? invL : 1f, x, d, 0f, xd);
        FMatrix a = codes.copy();
        if (accelerate) return fista(xd, a, codes, thr);
        FMatrix next = FMatrix.zeros(n, k), step = FMatrix.zeros(n, k);
        int it = 0;
        while (it < maxIterations) {
            it++;
            // step = A + (C − A·G) / L
            System.arraycopy(a.data(), 0, step.data(), 0, len);
            Linalg.axpy(path, len, invL, xd.data(), 0, step.data(), 0);
            Linalg.gemm(path, Trans.N, Trans.N, -invL, a, gram, 1f, step);
            Elementwise.shrink(path, thr, step, next);
            double change = Math.sqrt(Linalg.squaredDistance(path, next, a));
            double size = Linalg.nrm2(path, len, next.data(), 0);
            FMatrix tmp = a; a = next; next = tmp;
            if (change <= tolerance * size || size == 0 && change == 0) break;
        }
        codes.copyFrom(a);
        return it;
    }

    /**
     * Batched FISTA from the codes in {@code a} (C/L in {@code xd}); each row stops on its own once its relative change
     * ‖a_new − a‖ ≤ tol·‖a_new‖ held for {@value #CALM_ITERATIONS} iterations in a row (one small step, as right after
     * a restart, is not convergence), is written to {@code codes} and leaves the batch: the remaining rows are moved to the
     * front so that the GEMM shrinks with them. Returns the iterations of the slowest row.
     */
    private int fista(FMatrix xd, FMatrix a, FMatrix codes, float thr) {
        int n = a.rows(), k = atoms();
        FMatrix y = a.copy(), next = FMatrix.zeros(n, k), step = FMatrix.zeros(n, k);
        double[] t = new double[n], stats = new double[2 * n];
        java.util.Arrays.fill(t, 1);
        int[] rows = new int[n], calm = new int[n];
        for (int r = 0; r < n; r++) rows[r] = r;
        int active = n, it = 0;
        while (active > 0 && it < maxIterations) {
            it++;
            FMatrix ya = y.rowRange(0, active), sa = step.rowRange(0, active), aa = a.rowRange(0, active);
            Linalg.gemm(path, Trans.N, Trans.N, 1f, ya, stepMatrix, 0f, sa);
            Proximal.fistaRows(path, thr, sa, xd.rowRange(0, active), aa, ya, next.rowRange(0, active), t, stats);
            FMatrix tmp = a; a = next; next = tmp;
            int kept = 0;
            for (int r = 0; r < active; r++) {
                double change = Math.sqrt(stats[2 * r]), size = Math.sqrt(stats[2 * r + 1]);
                calm[r] = change <= tolerance * size ? calm[r] + 1 : 0;
                if (calm[r] >= CALM_ITERATIONS || size == 0 && change == 0) {
                    System.arraycopy(a.data(), a.rowOffset(r), codes.data(), codes.rowOffset(rows[r]), k);
                    continue;
                }
                if (kept != r) {
                    System.arraycopy(a.data(), a.rowOffset(r), a.data(), a.rowOffset(kept), k);
                    System.arraycopy(y.data(), y.rowOffset(r), y.data(), y.rowOffset(kept), k);
                    System.arraycopy(xd.data(), xd.rowOffset(r), xd.data(), xd.rowOffset(kept), k);
                    t[kept] = t[r];
                    calm[kept] = calm[r];
                    rows[kept] = rows[r];
                }
                kept++;
            }
            active = kept;
        }
        for (int r = 0; r < active; r++) System.arraycopy(a.data(), a.rowOffset(r), codes.data(), codes.rowOffset(rows[r]), k);
        return it;
    }

    /**
     * The homotopy for every row, the rows split over {@link Parallelism#threads()} threads: each row exactly as
     * {@link #transformInto} codes it ({@link #homotopyRow}), so batch and single codes are bit-identical. Returns the
     * most steps (or sweeps) of any row.
     */
    private int homotopy(FMatrix x, FMatrix codes) {
        int n = x.rows(), k = atoms();
        int[] most = new int[n];
        Parallelism.forRange(n, ROWS_PER_THREAD, (lo, hi) -> {
            LassoHomotopy h = new LassoHomotopy(k);
            float[] c = new float[k], cd = new float[k];
            for (int r = lo; r < hi; r++) {
                most[r] = homotopyRow(h, x.data(), x.rowOffset(r), codes.data(), codes.rowOffset(r), c, cd);
            }
        });
        int m = 0;
        for (int v : most) m = Math.max(m, v);
        return m;
    }

    /**
     * One sample's homotopy: c = D·x (one GEMV; D is small enough to stay in cache across rows), the path from c,
     * then coordinate descent if the path stopped early. {@code c} and {@code cdWork} (length k) are workspace.
     */
    private int homotopyRow(LassoHomotopy h, float[] x, int xOff, float[] out, int outOff, float[] c, float[] cdWork) {
        Linalg.gemv(path, Trans.N, 1f, d, x, xOff, 0f, c, 0);
        int steps = h.solve(path, gramDouble, c, 0, lambda, maxIterations, out, outOff);
        if (steps >= 0) return steps;
        return -steps - 1 + coordinateDescent(x, xOff, out, outOff, cdWork);
    }

    /**
     * Coordinate descent for one sample x[xOff ..] into a[aOff ..] (a holds the starting point), with c (length k)
     * as workspace. Returns the sweeps run.
     */
    private int coordinateDescent(float[] x, int xOff, float[] a, int aOff, float[] c) {
        int k = atoms();
        // c = D·x − G·a
        Linalg.gemv(path, Trans.N, 1f, d, x, xOff, 0f, c, 0);
        Linalg.gemv(path, Trans.N, -1f, gram, a, aOff, 1f, c, 0);
        float[] g = gram.data();
        int sweeps = 0;
        while (sweeps < maxIterations) {
            sweeps++;
            float maxChange = 0, maxCode = 0;
            for (int j = 0; j < k; j++) {
                int gj = gram.rowOffset(j);
                float gjj = g[gj + j];
                if (gjj <= 0) continue; // a zero atom: its code stays 0
                float old = a[aOff + j];
                float z = c[j] + gjj * old;
                float mag = Math.abs(z) - lambda;
                float now = mag > 0 ? Math.copySign(mag, z) / gjj : 0f;
                float delta = now - old;
                if (delta != 0) {
                    Linalg.axpy(path, k, -delta, g, gj, c, 0);
                    a[aOff + j] = now;
                    maxChange = Math.max(maxChange, Math.abs(delta));
                }
                maxCode = Math.max(maxCode, Math.abs(now));
            }
            if (maxChange <= tolerance * maxCode) break;
        }
        return sweeps;
    }

    /** One sample's code, allocation-free once warm (pooled scratch: on any thread, new or not). */
    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        int dd = features(), k = atoms();
        Inputs.requireSample(path, x, xOff, dd, out, outOff, k);
        float[][] ws = workspace.borrow();
        try {
            if (solver == Solver.COORDINATE_DESCENT) {
                java.util.Arrays.fill(out, outOff, outOff + k, 0f);
                coordinateDescent(x, xOff, out, outOff, ws[0]);
            } else if (solver == Solver.HOMOTOPY) {
                LassoHomotopy h = homotopyWorkspace.borrow();
                try {
                    homotopyRow(h, x, xOff, out, outOff, ws[1], ws[0]);
                } finally {
                    homotopyWorkspace.release(h);
                }
            } else {
                proximalGradientOne(x, xOff, out, outOff, ws);
            }
        } finally {
            workspace.release(ws);
        }
    }

    /** ISTA/FISTA for one sample with GEMVs on G (no allocation). */
    private void proximalGradientOne(float[] x, int xOff, float[] out, int outOff, float[][] ws) {
        int k = atoms();
        float[] c = ws[0], a = ws[1], y = ws[2], step = ws[3];
        Linalg.gemv(path, Trans.N, 1f, d, x, xOff, 0f, c, 0);
        java.util.Arrays.fill(a, 0f);
        java.util.Arrays.fill(y, 0f);
        float invL = 1f / lipschitz, thr = lambda * invL;
        boolean accelerate = solver == Solver.FISTA;
        double t = 1;
        for (int it = 0; it < maxIterations; it++) {
            System.arraycopy(y, 0, step, 0, k);
            Linalg.axpy(path, k, invL, c, 0, step, 0);
            Linalg.gemv(path, Trans.N, -invL, gram, y, 0, 1f, step, 0);
            Elementwise.shrink(path, thr, step, 0, out, outOff, k);
            // change = ‖out − a‖, size = ‖out‖; step is free again
            System.arraycopy(out, outOff, step, 0, k);
            Linalg.axpy(path, k, -1f, a, 0, step, 0);
            double change = Linalg.nrm2(path, k, step, 0);
            double size = Linalg.nrm2(path, k, out, outOff);
            if (accelerate) {
                double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                float beta = (float) ((t - 1) / tNext);
                System.arraycopy(out, outOff, y, 0, k);
                Linalg.axpy(path, k, beta, step, 0, y, 0);
                t = tNext;
            } else {
                System.arraycopy(out, outOff, y, 0, k);
            }
            System.arraycopy(out, outOff, a, 0, k);
            if (change <= tolerance * size) break;
        }
    }

    /**
     * The objective Σ_rows ½‖x − Dᵀa‖² + λ‖a‖₁ of codes {@code codes} (n × k) for samples {@code x} (n × d), in double.
     */
    public double objective(FMatrix x, FMatrix codes) {
        requireInput("input", x, features());
        requireInput("codes", codes, atoms());
        if (codes.rows() != x.rows()) throw new IllegalArgumentException("codes have " + codes.rows() + " rows, input " + x.rows());
        return objective(path, d, lambda, x, codes);
    }

    static double objective(Path path, FMatrix d, float lambda, FMatrix x, FMatrix codes) {
        FMatrix recon = FMatrix.zeros(x.rows(), d.cols());
        Linalg.gemm(path, Trans.N, Trans.N, 1f, codes, d, 0f, recon);
        double fit = 0.5 * Linalg.squaredDistance(path, recon, x);
        return fit + lambda * l1(codes);
    }

    /** Σ|a_ij| in double (a monitor, not a hot loop). */
    static double l1(FMatrix a) {
        double s = 0;
        for (int r = 0; r < a.rows(); r++) {
            int o = a.rowOffset(r);
            for (int j = 0; j < a.cols(); j++) s += Math.abs(a.data()[o + j]);
        }
        return s;
    }

    Map<String, String> config() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lambda", Float.toString(lambda));
        m.put("solver", solver.name().toLowerCase(Locale.ROOT));
        m.put("max_iterations", Integer.toString(maxIterations));
        m.put("tolerance", Double.toString(tolerance));
        m.put("path", path.name().toLowerCase(Locale.ROOT));
        return m;
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("dictionary", Tensor.matrix(atoms(), features(), d.toArray()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static SparseCoder load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static SparseCoder load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static SparseCoder load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        SafeTensors.Contents contents = mf.contents();
        Tensor dt = contents.tensor(file, "dictionary");
        if (dt.shape().length != 2 || dt.shape()[0] < 1 || dt.shape()[1] < 1) {
            throw new FormatException(file, "dictionary", "shape " + java.util.Arrays.toString(dt.shape()) + " is not [atoms, features]");
        }
        Map<String, String> cfg = mf.config(), prov = mf.provenance();
        try {
            return new SparseCoder(FMatrix.wrap(dt.data(), dt.shape()[0], dt.shape()[1]),
                    Float.parseFloat(cfg.getOrDefault("lambda", "0.1")),
                    Solver.valueOf(cfg.getOrDefault("solver", "fista").toUpperCase(Locale.ROOT)),
                    Integer.parseInt(cfg.getOrDefault("max_iterations", "1000")),
                    Double.parseDouble(cfg.getOrDefault("tolerance", "1e-6")),
                    mf.kernelPath(), prov);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "model", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SparseCoder[" + atoms() + " atoms × " + features() + " features, λ=" + lambda + ", " + solver + "]";
    }
}
