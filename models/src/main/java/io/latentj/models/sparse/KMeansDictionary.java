package io.latentj.models.sparse;

import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;

import io.latentj.models.Inputs;
import io.latentj.models.Encoder;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.models.sparse.KMeansConfig.Encoding;
import io.latentj.simd.Argmax;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Fused;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.SymmetricEigen;
import io.latentj.simd.Rng;
import io.latentj.simd.RowDots;
import io.latentj.simd.ScratchPool;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A k-means dictionary with a soft-threshold or triangle encoder (Coates, Lee &amp; Ng 2011; Coates &amp; Ng 2011,
 * 2012). A sample x (length d) is pre-processed into z (optional per-sample normalisation, then optional ZCA
 * whitening z = W(x̃ − μ)) and encoded against the centroids D (k × d, rows; unit-norm after training) as
 * <ul>
 * <li>{@link Encoding#SOFT_THRESHOLD}: f_j = max(0, D_j·z − α), one fused GEMV + threshold per sample
 *     ({@link Fused#softThresholdAffine}), GEMM + {@link Elementwise#softThreshold} for a batch;</li>
 * <li>{@link Encoding#TRIANGLE}: f_j = max(0, μ(dist) − dist_j) with dist_j = ‖z − D_j‖ and μ the mean over the k
 *     centroids; distances from the same GEMV/GEMM as ‖z‖² − 2D_j·z + ‖D_j‖².</li>
 * </ul>
 *
 * <p>Training ({@link #fit}) is spherical k-means as Coates &amp; Ng (2012) describe it, started from k
 * (pre-processed, normalised) samples chosen by k-means++ seeding adapted to directions ({@link #seeds}); each iteration assigns every sample to the centroid of largest |D_j·z| with
 * weight s = D_j·z, sets D_j ← D_j + Σ_{i→j} s_i z_i (the old centroid keeps an empty cluster alive) and renormalises
 * every row. With {@link KMeansConfig.Clustering#EUCLIDEAN} training is Lloyd's k-means instead ({@link #lloyd}:
 * GEMM scores and a fused arg-max per block of rows, greedy k-means++ seeds on a subsample); its centroids are
 * means, not unit vectors, and {@link #inertia} gives the objective it lowers. Whitening decomposes the covariance on LAPACK when OpenBLAS is loaded, else on the pure-Java
 * Jacobi method ({@link io.latentj.simd.SymmetricEigen}); encoding needs no LAPACK.
 *
 * <p>Immutable; {@link #transformInto} allocates nothing once warm, on any thread (pooled workspace).
 *
 * <p>Model file (safetensors): {@code centroids} [k, d], and when whitening is on {@code whitening_mean} [d] and
 * {@code whitening} [d, d]; metadata {@code model=KMeansDictionary}, {@code format_version=1},
 * {@link KMeansConfig#toMap()} prefixed {@code config.}, provenance entries.
 */
public final class KMeansDictionary implements Encoder {
    static final String TYPE = "KMeansDictionary";
    static final String FORMAT_VERSION = "1";

    private final FMatrix centroids;
    private final float[] mean;      // whitening mean, null without whitening
    private final FMatrix whitening; // d × d symmetric, null without whitening
    private final float[] centroidSquares;
    private final float[] ones;
    private final KMeansConfig config;
    private final Map<String, String> provenance;
    private final ScratchPool<float[][]> workspace;

    KMeansDictionary(FMatrix centroids, float[] mean, FMatrix whitening, KMeansConfig config, Map<String, String> provenance) {
        int k = centroids.rows(), d = centroids.cols();
        if (k != config.centroids()) throw new IllegalArgumentException("config says " + config.centroids() + " centroids, got " + k);
        if (config.whiten() != (whitening != null) || (mean == null) != (whitening == null)) {
            throw new IllegalArgumentException("whitening " + (config.whiten() ? "on needs" : "off takes no") + " mean and matrix");
        }
        if (whitening != null && (mean.length != d || whitening.rows() != d || whitening.cols() != d)) {
            throw new IllegalArgumentException("whitening mean [" + mean.length + "] and matrix " + whitening.shape() + " do not fit " + d + " features");
        }
        Elementwise.requireFinite(Path.SCALAR, "centroids", centroids);
        if (whitening != null) {
            Elementwise.requireFinite(Path.SCALAR, "whitening", whitening);
            Elementwise.requireFinite(Path.SCALAR, "whitening mean", FMatrix.wrap(mean, 1, d));
        }
        this.centroids = centroids.copy();
        this.mean = mean == null ? null : mean.clone();
        this.whitening = whitening == null ? null : whitening.copy();
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        this.centroidSquares = new float[k];
        for (int j = 0; j < k; j++) {
            float n = Linalg.nrm2(Path.SCALAR, d, this.centroids.data(), this.centroids.rowOffset(j));
            centroidSquares[j] = n * n;
        }
        this.ones = new float[d];
        java.util.Arrays.fill(ones, 1f);
        this.workspace = ScratchPool.of(() -> new float[][] {new float[d], new float[d]});
    }

    /**
     * A dictionary with the given centroids (k × d, copied; k must equal {@code config.centroids()}) and no whitening
     * ({@code config.whiten()} must be off): for centroids learned elsewhere.
     */
    public static KMeansDictionary of(FMatrix centroids, KMeansConfig config) {
        return of(centroids, null, null, config);
    }

    /** As {@link #of(FMatrix, KMeansConfig)} with a ZCA mean (d) and matrix (d × d), both null when whitening is off. */
    public static KMeansDictionary of(FMatrix centroids, float[] whiteningMean, FMatrix whitening, KMeansConfig config) {
        if (centroids == null || config == null) throw new IllegalArgumentException("centroids and config must not be null");
        if (centroids.rows() < 1 || centroids.cols() < 1) throw new IllegalArgumentException("centroids must not be empty, got " + centroids.shape());
        return new KMeansDictionary(centroids, whiteningMean, whitening, config, Map.of());
    }

    /** Learns centroids from the rows of {@code data} as {@code config} says. */
    public static KMeansDictionary fit(KMeansConfig config, FMatrix data) {
        return fit(config, data, null, null);
    }

    /**
     * As {@link #fit(KMeansConfig, FMatrix)}, telling {@code listener} the objective after every centroid update
     * (one "epoch"), saving the state every {@code checkpointing.everyEpochs()} updates and resuming from it
     * ({@link KMeansCheckpoints}; null: none): a resumed fit ends with exactly the centroids of an uninterrupted one.
     */
    public static KMeansDictionary fit(KMeansConfig config, FMatrix data, io.latentj.models.TrainingListener listener,
                                       io.latentj.models.Checkpointing checkpointing) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        if (data == null) throw new IllegalArgumentException("training data must not be null");
        if (data.rows() < config.centroids()) {
            throw new IllegalArgumentException("training data has " + data.rows() + " rows, fewer than the " + config.centroids() + " centroids");
        }
        if (data.cols() < 1) throw new IllegalArgumentException("training data has no columns");
        Path p = config.path();
        Elementwise.requireFinite(p, "training data", data);
        int n = data.rows(), d = data.cols(), k = config.centroids();
        FMatrix z = config.normalize() || config.whiten() ? data.copy() : data; // pre-processing works in place
        float[] ones = new float[d];
        java.util.Arrays.fill(ones, 1f);
        if (config.normalize()) {
            for (int r = 0; r < n; r++) normalizeRun(p, z.data(), z.rowOffset(r), d, (float) config.normalizeEpsilon(), ones);
        }
        float[] mu = null;
        FMatrix w = null;
        if (config.whiten()) {
            mu = new float[d];
            Linalg.colMeans(p, z, mu, 0);
            for (int r = 0; r < n; r++) Linalg.axpy(p, d, -1f, mu, 0, z.data(), z.rowOffset(r));
            w = zcaMatrix(p, z, (float) config.whitenEpsilon());
            FMatrix white = FMatrix.zeros(n, d);
            Linalg.gemm(p, Trans.N, Trans.T, 1f, z, w, 0f, white);
            z = white;
        }
        Rng rng = Rng.of(config.seed());
        KMeansCheckpoints ck = new KMeansCheckpoints(config, data, listener, checkpointing);
        if (config.clustering() == KMeansConfig.Clustering.EUCLIDEAN) {
            double[] inertia = new double[1];
            int[] iterations = new int[1];
            boolean[] converged = new boolean[1];
            FMatrix dict = lloyd(p, z, k, config.iterations(), rng, inertia, iterations, converged, ck);
            Map<String, String> prov = new LinkedHashMap<>();
            prov.put("trainer", "lloyd_kmeans");
            prov.put("iterations", Integer.toString(iterations[0]));
            prov.put("converged", Boolean.toString(converged[0]));
            prov.put("mean_squared_distance", Double.toString(inertia[0] / n));
            return new KMeansDictionary(dict, mu, w, config, prov);
        }
        FMatrix dict = ck.resuming() ? ck.restore(k, d, null) : seeds(p, z, k, rng);
        FMatrix proj = FMatrix.zeros(n, k);
        double objective = ck.objective();
        for (int it = ck.done(); it < config.iterations(); it++) {
            Linalg.gemm(p, Trans.N, Trans.T, 1f, z, dict, 0f, proj);
            FMatrix next = dict.copy();
            double sum = 0;
            for (int r = 0; r < n; r++) {
                int best = argmaxAbs(proj.data(), proj.rowOffset(r), k);
                float s = proj.get(r, best);
                sum += (double) s * s;
                Linalg.axpy(p, d, s, z.data(), z.rowOffset(r), next.data(), next.rowOffset(best));
            }
            for (int j = 0; j < k; j++) {
                float norm = Linalg.nrm2(p, d, next.data(), next.rowOffset(j));
                if (norm > 0) Linalg.scal(p, d, 1f / norm, next.data(), next.rowOffset(j));
                else System.arraycopy(dict.data(), dict.rowOffset(j), next.data(), next.rowOffset(j), d);
            }
            dict = next;
            objective = sum / n;
            double reached = objective;
            ck.after(it + 1, dict, null, "mean_squared_projection", () -> reached);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("trainer", "spherical_kmeans");
        prov.put("mean_squared_projection", Double.toString(objective));
        return new KMeansDictionary(dict, mu, w, config, prov);
    }

    /** Rows per block of the assignment step: the block's scores (rows × k) stay in cache between GEMM and arg-max. */
    private static final int BLOCK = 2048;

    /**
     * Lloyd's algorithm from {@link #euclideanSeeds}: per iteration, scores Z·Dᵀ by blocked GEMM and the nearest
     * centroid of every row as the arg-max of D_j·z − ½‖D_j‖² ({@link Argmax#rows}, fused with the bias), then every
     * centroid with samples becomes their mean (an empty one keeps its place). Stops after {@code iterations} updates
     * (without assigning again to the final centroids: that GEMM would only serve the reported inertia) or once an
     * assignment repeats the previous one (the update would change nothing). {@code inertia[0]} gets Σ ‖z − D_j‖²
     * over the last assignment with the returned centroids (each distance computed directly, no cancellation; an
     * upper bound of their inertia, which re-assigning could only lower), {@code done[0]} the updates made,
     * {@code converged[0]} whether the assignment was seen to repeat (false when the cap ended the run first). With {@code ck}
     * resuming, from its checkpoint instead of the seeds.
     */
    static FMatrix lloyd(Path p, FMatrix z, int k, int iterations, Rng rng, double[] inertia, int[] done, boolean[] converged, KMeansCheckpoints ck) {
        int n = z.rows(), d = z.cols();
        int[] assign = new int[n], previous = new int[n];
        FMatrix dict = ck.resuming() ? ck.restore(k, d, previous) : euclideanSeeds(p, z, k, rng);
        int[] counts = new int[k];
        FMatrix sums = FMatrix.zeros(k, d);
        Scratch scratch = new Scratch(Math.min(BLOCK, n), k);
        done[0] = ck.done();
        for (int it = done[0]; ; it++) {
            nearest(p, z, dict, assign, scratch);
            converged[0] = it > 0 && java.util.Arrays.equals(assign, previous); // a fixed point: Lloyd would change nothing
            if (it == iterations || converged[0]) break;
            sums.fill(0f);
            java.util.Arrays.fill(counts, 0);
            for (int r = 0; r < n; r++) {
                int j = assign[r];
                counts[j]++;
                Linalg.axpy(p, d, 1f, z.data(), z.rowOffset(r), sums.data(), sums.rowOffset(j));
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] == 0) continue;
                System.arraycopy(sums.data(), sums.rowOffset(j), dict.data(), dict.rowOffset(j), d);
                Linalg.scal(p, d, 1f / counts[j], dict.data(), dict.rowOffset(j));
            }
            done[0]++;
            final int[] used = assign;
            ck.after(done[0], dict, used, "mean_squared_distance", () -> distances(p, z, dict, used) / n);
            if (done[0] == iterations) break;
            int[] t = previous; previous = assign; assign = t;
        }
        inertia[0] = distances(p, z, dict, assign);
        return dict;
    }

    /** Buffers of the blocked assignment step. */
    private record Scratch(FMatrix scores, float[] bias, float[] best) {
        Scratch(int rows, int k) {
            this(FMatrix.zeros(rows, k), new float[k], new float[rows]);
        }
    }

    /** The nearest centroid (squared Euclidean distance, first on ties) of every row of z into {@code assign}. */
    private static void nearest(Path p, FMatrix z, FMatrix dict, int[] assign, Scratch s) {
        int n = z.rows(), k = dict.rows(), d = dict.cols();
        for (int j = 0; j < k; j++) {
            float norm = Linalg.nrm2(p, d, dict.data(), dict.rowOffset(j));
            s.bias()[j] = -0.5f * norm * norm;
        }
        int block = s.scores().rows();
        for (int r0 = 0; r0 < n; r0 += block) {
            int m = Math.min(block, n - r0);
            FMatrix zb = z.rowRange(r0, r0 + m), sc = s.scores().rowRange(0, m);
            Linalg.gemm(p, Trans.N, Trans.T, 1f, zb, dict, 0f, sc);
            Argmax.rows(p, sc, s.bias(), 0, assign, r0, s.best(), 0);
        }
    }

    /** Σ ‖z_r − D_assign[r]‖², each distance recomputed directly (no cancellation). */
    private static double distances(Path p, FMatrix z, FMatrix dict, int[] assign) {
        double total = 0;
        for (int r = 0; r < z.rows(); r++) total += Linalg.squaredDistance(p, z.row(r), dict.row(assign[r]));
        return total;
    }

    /**
     * The nearest centroid of every row of z into {@code assign}; returns Σ ‖z − D_assign‖² ({@link #distances}).
     */
    private static double assign(Path p, FMatrix z, FMatrix dict, int[] assign, Scratch s) {
        nearest(p, z, dict, assign, s);
        return distances(p, z, dict, assign);
    }

    /**
     * Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007) on a seeded random subsample of min(n, max(4096, 16k))
     * rows: the first centroid a random row, each next one the best (lowest total squared distance to the nearest
     * centroid) of 2 + ⌊ln k⌋ subsample rows drawn with probability ∝ that squared distance; the candidates'
     * distances come from one pass over the subsample per step ({@link RowDots}: a GEMM would pack the whole
     * subsample for a product with a handful of rows).
     */
    static FMatrix euclideanSeeds(Path p, FMatrix z, int k, Rng rng) {
        int n = z.rows(), d = z.cols();
        int m = (int) Math.min(n, Math.max(4096L, 16L * k));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = 0; i < m; i++) { // partial Fisher–Yates: the first m entries are a uniform sample
            int j = i + rng.nextInt(n - i);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        FMatrix sub = FMatrix.zeros(m, d);
        for (int i = 0; i < m; i++) System.arraycopy(z.data(), z.rowOffset(order[i]), sub.data(), sub.rowOffset(i), d);
        float[] squares = new float[m];
        for (int i = 0; i < m; i++) {
            float norm = Linalg.nrm2(p, d, sub.data(), sub.rowOffset(i));
            squares[i] = norm * norm;
        }
        int candidates = 2 + (int) Math.log(k);
        FMatrix dict = FMatrix.zeros(k, d), cand = FMatrix.zeros(candidates, d), dots = FMatrix.zeros(m, candidates);
        float[] closest = new float[m], trial = new float[m], best = new float[m];
        int first = rng.nextInt(m);
        System.arraycopy(sub.data(), sub.rowOffset(first), dict.data(), 0, d);
        RowDots.of(p, sub, dict.rowRange(0, 1), dots.colRange(0, 1));
        double total = distancesTo(dots, 0, squares, squares[first], null, closest);
        int[] picks = new int[candidates];
        for (int j = 1; j < k; j++) {
            for (int c = 0; c < candidates; c++) {
                picks[c] = drawByWeight(closest, total, rng);
                System.arraycopy(sub.data(), sub.rowOffset(picks[c]), cand.data(), cand.rowOffset(c), d);
            }
            RowDots.of(p, sub, cand, dots);
            double bestTotal = Double.POSITIVE_INFINITY;
            int bestC = 0;
            for (int c = 0; c < candidates; c++) {
                double sum = distancesTo(dots, c, squares, squares[picks[c]], closest, trial);
                if (sum < bestTotal) {
                    bestTotal = sum;
                    bestC = c;
                    float[] t = best; best = trial; trial = t;
                }
            }
            System.arraycopy(cand.data(), cand.rowOffset(bestC), dict.data(), dict.rowOffset(j), d);
            float[] t = closest; closest = best; best = t;
            total = bestTotal;
        }
        return dict;
    }

    /**
     * out[i] = min(closest[i], ‖s_i − c‖²) with ‖s_i − c‖² = ‖s_i‖² − 2 s_i·c + ‖c‖² (column {@code col} of dots),
     * floored at 0; closest null reads as +∞. Returns Σ out.
     */
    private static double distancesTo(FMatrix dots, int col, float[] squares, float cc, float[] closest, float[] out) {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            float dist = Math.max(0f, squares[i] - 2 * dots.get(i, col) + cc);
            out[i] = closest == null ? dist : Math.min(closest[i], dist);
            sum += out[i];
        }
        return sum;
    }

    /** An index drawn with probability ∝ weight (uniform when every weight is 0). */
    private static int drawByWeight(float[] weight, double total, Rng rng) {
        if (!(total > 0)) return rng.nextInt(weight.length);
        double u = rng.nextFloat() * total, acc = 0;
        int last = 0;
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] <= 0) continue;
            last = i;
            acc += weight[i];
            if (acc > u) return i;
        }
        return last;
    }

    /**
     * The k-means inertia of {@code x}: Σ over rows of the squared Euclidean distance from the pre-processed row z to
     * its nearest centroid (what {@link KMeansConfig.Clustering#EUCLIDEAN} training lowers).
     */
    public double inertia(FMatrix x) {
        requireInput("input", x);
        if (x.rows() == 0) return 0;
        FMatrix z = preprocessChecked(x);
        return assign(config.path(), z, centroids, new int[z.rows()], new Scratch(Math.min(BLOCK, z.rows()), centroidCount()));
    }

    /**
     * k-means++ seeding (Arthur &amp; Vassilvitskii 2007) for directions: the first centroid is a random non-zero row,
     * each next one the best (lowest total potential) of 2 + ⌊ln k⌋ rows drawn with probability
     * ∝ 1 − max_j cos²(z, D_j) (the squared distance to the nearest chosen line; "greedy" k-means++), normalised. Plain random rows (Coates &amp; Ng) often put two centroids in one cluster.
     */
    static FMatrix seeds(Path p, FMatrix z, int k, Rng rng) {
        int n = z.rows(), d = z.cols();
        int candidates = 2 + (int) Math.log(k);
        float[] norms = new float[n], far = new float[n], proj = new float[n], trial = new float[n], best = new float[n];
        float[] atom = new float[d];
        double total = 0;
        for (int r = 0; r < n; r++) {
            norms[r] = Linalg.nrm2(p, d, z.data(), z.rowOffset(r));
            far[r] = norms[r] > 0 ? 1f : 0f;
            total += far[r];
        }
        if (total < k) throw new IllegalArgumentException("training data has fewer than " + k + " non-zero rows to start the centroids from");
        FMatrix dict = FMatrix.zeros(k, d);
        for (int j = 0; j < k; j++) {
            double bestTotal = Double.POSITIVE_INFINITY;
            int tries = j == 0 ? 1 : candidates;
            for (int c = 0; c < tries; c++) {
                int pick = draw(far, norms, total, rng);
                System.arraycopy(z.data(), z.rowOffset(pick), atom, 0, d);
                Linalg.scal(p, d, 1f / norms[pick], atom, 0);
                Linalg.gemv(p, Trans.N, 1f, z, atom, 0, 0f, proj, 0);
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    float v = far[r];
                    if (norms[r] > 0) {
                        float cos = proj[r] / norms[r];
                        v = Math.max(0f, Math.min(v, 1f - cos * cos));
                    }
                    trial[r] = v;
                    sum += v;
                }
                if (sum < bestTotal) {
                    bestTotal = sum;
                    System.arraycopy(atom, 0, dict.data(), dict.rowOffset(j), d);
                    System.arraycopy(trial, 0, best, 0, n);
                }
            }
            System.arraycopy(best, 0, far, 0, n);
            total = bestTotal;
        }
        return dict;
    }

    /** A row drawn with probability ∝ weight (any non-zero row when every weight is 0). */
    private static int draw(float[] weight, float[] norms, double total, Rng rng) {
        double u = rng.nextFloat() * total, acc = 0;
        int pick = -1;
        for (int r = 0; r < weight.length; r++) {
            if (weight[r] <= 0) continue;
            pick = r;
            acc += weight[r];
            if (acc > u) break;
        }
        for (int r = 0; r < norms.length && pick < 0; r++) if (norms[r] > 0) pick = r;
        return pick;
    }

    /** Index of the largest |x[off + j]|, j &lt; k (the first on ties). */
    private static int argmaxAbs(float[] x, int off, int k) {
        int best = 0;
        float bv = -1;
        for (int j = 0; j < k; j++) {
            float v = Math.abs(x[off + j]);
            if (v > bv) { bv = v; best = j; }
        }
        return best;
    }

    /**
     * W = V·diag(1/sqrt(max(λ, 0) + ε))·Vᵀ for the covariance (1/n)·XcᵀXc of the centred rows {@code xc}; the
     * eigen-decomposition runs on LAPACK when OpenBLAS is loaded and on the Java reference otherwise.
     */
    static FMatrix zcaMatrix(Path p, FMatrix xc, float eps) {
        int n = xc.rows(), d = xc.cols();
        FMatrix cov = FMatrix.zeros(d, d);
        Linalg.syrk(p, Trans.T, 1f / n, xc, 0f, cov);
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) { // syrk fills the upper triangle
                c[i * d + j] = cov.get(i, j);
                c[j * d + i] = cov.get(i, j);
            }
        }
        SymmetricEigen e = SymmetricEigen.of(Path.AUTO, c, d);
        FMatrix v = FMatrix.zeros(d, d), scaled = FMatrix.zeros(d, d), w = FMatrix.zeros(d, d);
        for (int k = 0; k < d; k++) {
            double s = 1 / Math.sqrt(Math.max(e.values()[k], 0) + eps);
            for (int i = 0; i < d; i++) {
                v.set(k, i, (float) e.vectors()[k * d + i]);
                scaled.set(k, i, (float) (s * e.vectors()[k * d + i]));
            }
        }
        Linalg.gemm(p, Trans.T, Trans.N, 1f, v, scaled, 0f, w); // Σ_k s_k v_k v_kᵀ
        return w;
    }

    /** x ← (x − mean(x)) / sqrt(var(x) + ε) over a run of d values. */
    private static void normalizeRun(Path p, float[] x, int off, int d, float eps, float[] ones) {
        float m = Linalg.dot(p, d, ones, 0, x, off) / d;
        Linalg.axpy(p, d, -m, ones, 0, x, off);
        float norm = Linalg.nrm2(p, d, x, off);
        Linalg.scal(p, d, (float) (1 / Math.sqrt((double) norm * norm / d + eps)), x, off);
    }

    /** The same centroids and pre-processing with another encoder. */
    public KMeansDictionary withEncoding(Encoding encoding, double alpha) {
        return new KMeansDictionary(centroids, mean, whitening, config.toBuilder().encoding(encoding).alpha(alpha).build(), provenance);
    }

    public int centroidCount() { return centroids.rows(); }
    public int features() { return centroids.cols(); }
    @Override public int inputSize() { return centroids.cols(); }
    @Override public int outputSize() { return centroids.rows(); }
    public KMeansConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    /** A copy of the centroids (k × d, in the pre-processed space). */
    public FMatrix centroids() { return centroids.copy(); }
    /** A copy of the ZCA matrix, or null without whitening. */
    public FMatrix whitening() { return whitening == null ? null : whitening.copy(); }
    /** A copy of the whitening mean, or null without whitening. */
    public float[] whiteningMean() { return mean == null ? null : mean.clone(); }

    private void requireInput(String what, FMatrix x) {
        Inputs.requireMatrix(config.path(), what, x, features());
    }

    /** The pre-processed rows z of {@code x} (normalised and whitened as configured), as a new matrix. */
    public FMatrix preprocess(FMatrix x) {
        requireInput("input", x);
        FMatrix z = preprocessChecked(x);
        return z == x ? x.copy() : z;
    }

    private FMatrix preprocessChecked(FMatrix x) {
        Path p = config.path();
        int d = features();
        if (!config.normalize() && whitening == null) return x; // nothing to do: callers only read z
        FMatrix z = x.copy();
        if (config.normalize()) {
            for (int r = 0; r < z.rows(); r++) normalizeRun(p, z.data(), z.rowOffset(r), d, (float) config.normalizeEpsilon(), ones);
        }
        if (whitening == null) return z;
        for (int r = 0; r < z.rows(); r++) Linalg.axpy(p, d, -1f, mean, 0, z.data(), z.rowOffset(r));
        FMatrix white = FMatrix.zeros(z.rows(), d);
        Linalg.gemm(p, Trans.N, Trans.T, 1f, z, whitening, 0f, white);
        return white;
    }

    @Override
    public FMatrix transform(FMatrix x) {
        requireInput("input", x);
        Path p = config.path();
        int n = x.rows(), k = outputSize();
        FMatrix out = FMatrix.zeros(n, k);
        if (n == 0) return out;
        FMatrix z = preprocessChecked(x);
        Linalg.gemm(p, Trans.N, Trans.T, 1f, z, centroids, 0f, out);
        if (config.encoding() == Encoding.SOFT_THRESHOLD) {
            Elementwise.softThreshold(p, (float) config.alpha(), out, out);
        } else {
            for (int r = 0; r < n; r++) {
                float zn = Linalg.nrm2(p, features(), z.data(), z.rowOffset(r));
                triangle(out.data(), out.rowOffset(r), k, zn * zn, centroidSquares);
            }
        }
        return out;
    }

    /** In place: projections D_j·z → max(0, μ(dist) − dist_j), dist_j = sqrt(max(0, ‖z‖² − 2 D_j·z + ‖D_j‖²)). */
    private static void triangle(float[] f, int off, int k, float zz, float[] dd) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            float dist = (float) Math.sqrt(Math.max(0f, zz - 2 * f[off + j] + dd[j]));
            f[off + j] = dist;
            sum += dist;
        }
        float mu = (float) (sum / k);
        for (int j = 0; j < k; j++) f[off + j] = Math.max(0f, mu - f[off + j]);
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        int d = features(), k = outputSize();
        Path p = config.path();
        Inputs.requireSample(config.path(), x, xOff, d, out, outOff, k);
        float[][] ws = workspace.borrow();
        try {
            float[] z = ws[0];
            System.arraycopy(x, xOff, z, 0, d);
            if (config.normalize()) normalizeRun(p, z, 0, d, (float) config.normalizeEpsilon(), ones);
            if (whitening != null) {
                Linalg.axpy(p, d, -1f, mean, 0, z, 0);
                Linalg.gemv(p, Trans.N, 1f, whitening, z, 0, 0f, ws[1], 0);
                z = ws[1];
            }
            if (config.encoding() == Encoding.SOFT_THRESHOLD) {
                // with two threads configured, auto sends a large dictionary to OpenBLAS's threads (a GEMV over megabytes)
                Fused.softThresholdAffine(p, Trans.N, centroids, z, 0, (float) config.alpha(), out, outOff);
            } else {
                Linalg.gemv(p, Trans.N, 1f, centroids, z, 0, 0f, out, outOff);
                float zn = Linalg.nrm2(p, d, z, 0);
                triangle(out, outOff, k, zn * zn, centroidSquares);
            }
        } finally {
            workspace.release(ws);
        }
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("centroids", Tensor.matrix(centroidCount(), features(), centroids.toArray()));
        if (whitening != null) {
            t.put("whitening_mean", Tensor.vector(mean.clone()));
            t.put("whitening", Tensor.matrix(features(), features(), whitening.toArray()));
        }
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save}. */
    public static KMeansDictionary load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static KMeansDictionary load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static KMeansDictionary load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        SafeTensors.Contents contents = mf.contents();
        Tensor ct = contents.tensor(file, "centroids");
        if (ct.shape().length != 2 || ct.shape()[0] < 1 || ct.shape()[1] < 1) {
            throw new FormatException(file, "centroids", "shape " + java.util.Arrays.toString(ct.shape()) + " is not [centroids, features]");
        }
        Map<String, String> cfg = mf.config(), prov = mf.provenance();
        cfg.put("centroids", Integer.toString(ct.shape()[0]));
        try {
            KMeansConfig config = KMeansConfig.fromMap(cfg);
            float[] mu = null;
            FMatrix w = null;
            if (config.whiten()) {
                Tensor mt = contents.tensor(file, "whitening_mean"), wt = contents.tensor(file, "whitening");
                if (mt.shape().length != 1 || wt.shape().length != 2) {
                    throw new FormatException(file, "whitening", "whitening_mean must be a vector and whitening a matrix");
                }
                mu = mt.data();
                w = FMatrix.wrap(wt.data(), wt.shape()[0], wt.shape()[1]);
            }
            return new KMeansDictionary(FMatrix.wrap(ct.data(), ct.shape()[0], ct.shape()[1]), mu, w, config, prov);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "model", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "KMeansDictionary[" + centroidCount() + " centroids × " + features() + " features, " + config.encoding() + "]";
    }
}
