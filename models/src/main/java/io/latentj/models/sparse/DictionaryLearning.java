package io.latentj.models.sparse;

import io.latentj.models.Minibatches;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Trans;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learns a dictionary D (atoms as rows, k × d, every atom unit-norm) for sparse coding of the rows of X (n × d):
 * <pre>  min_{D, A} Σ_i ½‖x_i − Dᵀa_i‖² + λ‖a_i‖₁   subject to ‖d_j‖ = 1</pre>
 * (the objective of {@link SparseCoder}).
 *
 * <p>{@link #fit} alternates two exact-or-improving steps, so the objective never increases:
 * <ol>
 * <li>codes: FISTA from the previous codes with D fixed; if the new codes are worse than the old ones (FISTA is not
 *     monotone and may be stopped early) the old ones are kept;</li>
 * <li>dictionary: block coordinate descent on the sufficient statistics A = Σ a aᵀ = CᵀC (k × k, a SYRK) and
 *     B = Σ a xᵀ = CᵀX (k × d, a GEMM) as in Mairal, Bach, Ponce &amp; Sapiro (2009, 2010): for atom j,
 *     v = B_j − Σ_{l≠j} A_jl d_l, d_j = v/‖v‖. With the equality constraint ‖d_j‖ = 1 this is the exact minimiser
 *     over d_j (the ½A_jj‖d_j‖² term is constant on the sphere), where Mairal et al. project onto the ball instead.
 *     An atom no code uses (A_jj = 0) is replaced by a random sample, normalised: the objective does not change.</li>
 * </ol>
 *
 * <p>{@link #fitOnline} is the online algorithm of Mairal et al. for data too large to code at once: per minibatch of
 * η rows, exact codes by the homotopy ({@link SparseCoder.Solver#HOMOTOPY}) with the current D, then
 * A ← β_t A + CᵀC/η, B ← β_t B + CᵀX/η with β_t = (1 − 1/t)^ρ (t counts minibatches,
 * ρ = {@link DictionaryLearningConfig#forgetting()}), and one block coordinate sweep as above. Its objective history is per epoch the mean of the minibatch objectives (each at the
 * dictionary that coded it), divided by the minibatch size: an estimate, not the full-data objective.
 *
 * <p>Initialisation (both): k distinct data rows chosen with the seeded {@link Rng}, normalised (an all-zero row is
 * replaced by the next draw).
 */
public final class DictionaryLearning {
    private DictionaryLearning() {}

    /**
     * A learned dictionary as a {@link SparseCoder} (FISTA with the training λ, iteration cap and tolerance) and the
     * objective after initialisation (codes all zero) and after every iteration (batch) or epoch (online).
     */
    public record Result(SparseCoder coder, double[] objectives) {
        public Result {
            objectives = objectives.clone();
        }

        @Override
        public double[] objectives() { return objectives.clone(); }
    }

    private static void check(DictionaryLearningConfig config, FMatrix data) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        if (data == null) throw new IllegalArgumentException("training data must not be null");
        if (data.rows() < config.atoms()) {
            throw new IllegalArgumentException("training data has " + data.rows() + " rows, fewer than the " + config.atoms() + " atoms");
        }
        if (data.cols() < 1) throw new IllegalArgumentException("training data has no columns");
        Elementwise.requireFinite(config.path(), "training data", data);
    }

    /** Batch alternating minimisation over all rows of {@code data}. */
    public static Result fit(DictionaryLearningConfig config, FMatrix data) {
        return fit(config, data, null, null);
    }

    /**
     * As {@link #fit(DictionaryLearningConfig, FMatrix)}, telling {@code listener} the objective after every iteration
     * (one "epoch"), saving the state every {@code checkpointing.everyEpochs()} iterations and resuming from it
     * ({@link DictionaryCheckpoints}; null: none): a resumed fit ends with exactly the dictionary of an uninterrupted one.
     */
    public static Result fit(DictionaryLearningConfig config, FMatrix data, io.latentj.models.TrainingListener listener,
                             io.latentj.models.Checkpointing checkpointing) {
        check(config, data);
        Path p = config.path();
        Rng rng = Rng.of(config.seed());
        int n = data.rows(), k = config.atoms(), d = data.cols();
        float lambda = (float) config.lambda();
        FMatrix x = data.isContiguous() ? data : data.copy();
        DictionaryCheckpoints ck = DictionaryCheckpoints.batch(config, data, listener, checkpointing);
        FMatrix dict = ck.resuming() ? FMatrix.zeros(k, d) : initialDictionary(p, x, k, rng);
        FMatrix codes = FMatrix.zeros(n, k), gramA = FMatrix.zeros(k, k), statB = FMatrix.zeros(k, d);
        double[] objectives = new double[config.iterations() + 1];
        int start = ck.resuming() ? ck.restoreBatch(dict, codes, rng, objectives) : 0;
        if (start == 0) objectives[0] = SparseCoder.objective(p, dict, lambda, x, codes);
        double current = objectives[start];
        for (int it = start; it < config.iterations(); it++) {
            SparseCoder coder = coder(config, dict, Map.of());
            FMatrix trial = codes.copy();
            coder.encode(x, trial, true);
            double trialObjective = SparseCoder.objective(p, dict, lambda, x, trial);
            if (trialObjective <= current) codes = trial;
            Linalg.syrk(p, Trans.T, 1f, codes, 0f, gramA);
            Linalg.gemm(p, Trans.T, Trans.N, 1f, codes, x, 0f, statB);
            for (int pass = 0; pass < config.dictionaryPasses(); pass++) updateAtoms(p, dict, gramA, statB, x, rng);
            current = SparseCoder.objective(p, dict, lambda, x, codes);
            objectives[it + 1] = current;
            ck.afterBatch(it + 1, dict, codes, rng, objectives);
        }
        return new Result(coder(config, dict, provenance("dictionary_learning", config, current)), objectives);
    }

    /** The online minibatch algorithm: {@link DictionaryLearningConfig#epochs()} passes in a seeded random order. */
    public static Result fitOnline(DictionaryLearningConfig config, FMatrix data) {
        return fitOnline(config, data, null, null);
    }

    /**
     * As {@link #fitOnline(DictionaryLearningConfig, FMatrix)}, telling {@code listener} the objective estimate after
     * every epoch, saving the state every {@code checkpointing.everyEpochs()} epochs and resuming from it
     * ({@link DictionaryCheckpoints}; null: none): a resumed fit ends with exactly the dictionary of an uninterrupted one.
     */
    public static Result fitOnline(DictionaryLearningConfig config, FMatrix data, io.latentj.models.TrainingListener listener,
                                   io.latentj.models.Checkpointing checkpointing) {
        check(config, data);
        Path p = config.path();
        Rng rng = Rng.of(config.seed());
        int n = data.rows(), k = config.atoms(), d = data.cols(), eta = Math.min(config.batchSize(), n);
        float lambda = (float) config.lambda();
        DictionaryCheckpoints ck = DictionaryCheckpoints.online(config, data, listener, checkpointing);
        FMatrix dict = ck.resuming() ? FMatrix.zeros(k, d) : initialDictionary(p, data, k, rng);
        FMatrix gramA = FMatrix.zeros(k, k), statB = FMatrix.zeros(k, d);
        double[] objectives = new double[config.epochs() + 1];
        long[] resumed = ck.resuming() ? ck.restoreOnline(dict, gramA, statB, rng, objectives) : new long[2];
        if (resumed[0] == 0) objectives[0] = SparseCoder.objective(p, dict, lambda, data, FMatrix.zeros(n, k)) / n;
        int[] order = new int[n];
        FMatrix xBuf = FMatrix.zeros(Math.min(eta, n), d), cBuf = FMatrix.zeros(Math.min(eta, n), k);
        long t = resumed[1];
        for (int epoch = (int) resumed[0]; epoch < config.epochs(); epoch++) {
            Minibatches.shuffle(order, rng);
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < n; start += eta) {
                int m = Math.min(eta, n - start);
                FMatrix xb = xBuf.rowRange(0, m), cb = cBuf.rowRange(0, m);
                Minibatches.gather(data, order, start, m, xb);
                minibatchCoder(config, dict).encode(xb, cb, false);
                sum += SparseCoder.objective(p, dict, lambda, xb, cb) / m;
                batches++;
                t++;
                float beta = (float) Math.pow(1 - 1.0 / t, config.forgetting());
                Linalg.syrk(p, Trans.T, 1f / m, cb, beta, gramA);
                Linalg.gemm(p, Trans.T, Trans.N, 1f / m, cb, xb, beta, statB);
                updateAtoms(p, dict, gramA, statB, xb, rng);
            }
            objectives[epoch + 1] = sum / batches;
            ck.afterOnline(epoch + 1, t, dict, gramA, statB, rng, objectives);
        }
        return new Result(coder(config, dict, provenance("online_dictionary_learning", config, objectives[objectives.length - 1])), objectives);
    }

    private static SparseCoder coder(DictionaryLearningConfig config, FMatrix dict, Map<String, String> provenance) {
        return new SparseCoder(dict, (float) config.lambda(), SparseCoder.Solver.FISTA, config.codingIterations(),
                config.codingTolerance(), config.path(), provenance);
    }

    /**
     * The coder of the online algorithm's minibatches, whose codes start from zero: the homotopy (exact codes; its step
     * cap is the coding iteration cap), which is faster there than FISTA to the coding tolerance.
     */
    private static SparseCoder minibatchCoder(DictionaryLearningConfig config, FMatrix dict) {
        return new SparseCoder(dict, (float) config.lambda(), SparseCoder.Solver.HOMOTOPY, config.codingIterations(),
                config.codingTolerance(), config.path(), Map.of());
    }

    private static Map<String, String> provenance(String trainer, DictionaryLearningConfig config, double objective) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trainer", trainer);
        config.toMap().forEach((k, v) -> m.put("trainer." + k, v));
        m.put("final_objective", Double.toString(objective));
        return m;
    }

    /** k distinct rows of {@code x} drawn with {@code rng}, each normalised; all-zero rows are skipped. */
    static FMatrix initialDictionary(Path p, FMatrix x, int k, Rng rng) {
        int n = x.rows(), d = x.cols();
        FMatrix dict = FMatrix.zeros(k, d);
        boolean[] used = new boolean[n];
        int filled = 0, draws = 0;
        while (filled < k && draws < 20 * n + 100) {
            draws++;
            int r = rng.nextInt(n);
            if (used[r]) continue;
            used[r] = true;
            float norm = Linalg.nrm2(p, d, x.data(), x.rowOffset(r));
            if (norm == 0) continue;
            System.arraycopy(x.data(), x.rowOffset(r), dict.data(), dict.rowOffset(filled), d);
            Linalg.scal(p, d, 1f / norm, dict.data(), dict.rowOffset(filled));
            filled++;
        }
        if (filled < k) throw new IllegalArgumentException("training data has fewer than " + k + " non-zero rows to start the atoms from");
        return dict;
    }

    /**
     * One block-coordinate sweep over the atoms of {@code dict} (k × d, rows unit-norm) for the statistics A (k × k)
     * and B (k × d). Unused atoms (A_jj = 0) are restarted from a random non-zero row of {@code x}.
     */
    static void updateAtoms(Path p, FMatrix dict, FMatrix a, FMatrix b, FMatrix x, Rng rng) {
        int k = dict.rows(), d = dict.cols();
        float[] v = new float[d];
        for (int j = 0; j < k; j++) {
            float ajj = a.get(j, j);
            if (ajj <= 0) {
                int r = rng.nextInt(x.rows());
                float norm = Linalg.nrm2(p, d, x.data(), x.rowOffset(r));
                if (norm > 0) {
                    System.arraycopy(x.data(), x.rowOffset(r), dict.data(), dict.rowOffset(j), d);
                    Linalg.scal(p, d, 1f / norm, dict.data(), dict.rowOffset(j));
                }
                continue;
            }
            // v = B_j − Σ_l A_jl d_l + A_jj d_j
            System.arraycopy(b.data(), b.rowOffset(j), v, 0, d);
            Linalg.gemv(p, Trans.T, -1f, dict, a.data(), a.rowOffset(j), 1f, v, 0);
            Linalg.axpy(p, d, ajj, dict.data(), dict.rowOffset(j), v, 0);
            float norm = Linalg.nrm2(p, d, v, 0);
            if (!(norm > 1e-20f)) continue; // any unit atom is optimal: keep this one
            Linalg.scal(p, d, 1f / norm, v, 0);
            System.arraycopy(v, 0, dict.data(), dict.rowOffset(j), d);
        }
    }
}
