package io.latentj.models.boltzmann;

import io.latentj.models.Encoder;
import io.latentj.models.Inputs;
import io.latentj.models.Sampler;
import io.latentj.models.Checkpointing;
import io.latentj.models.TrainingListener;
import io.latentj.models.io.FormatException;
import io.latentj.models.io.ModelFile;
import io.latentj.models.io.ModelSource;
import io.latentj.models.io.SafeTensors.Tensor;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.ScratchPool;
import io.latentj.simd.Trans;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A general Boltzmann machine with binary visible units v and hidden units h and couplings inside each layer:
 * <pre>E(v, h) = −vᵀWᵀh − ½ vᵀLv − ½ hᵀJh − bᵀv − cᵀh,</pre>
 * W hidden × visible, L (visible-visible) and J (hidden-hidden) symmetric with zero diagonals (Salakhutdinov &amp;
 * Hinton, "Deep Boltzmann Machines", 2009, section 2). With L = 0 and J = 0 it is a restricted Boltzmann machine.
 *
 * <p>As an {@link Encoder} it maps v to the mean-field marginals of the hidden posterior, q(h_j = 1 | v): the fixed
 * point of q = σ(c + Wv + Jq) by the config's {@link MeanField} (exact when J = 0). {@link #sample} draws by
 * sequential Gibbs sampling of all units ({@link GibbsSampler}). Exact log Z and log-likelihood of small machines:
 * {@link BoltzmannLikelihood}.
 *
 * <p>Immutable: every method may be called from any number of threads at once; {@link #transformInto} allocates
 * nothing (one GEMV, then one GEMV per mean-field sweep, in a pooled workspace).
 *
 * <p>Model file (safetensors): tensors {@code weight} [hidden, visible], {@code visible_coupling} [visible, visible],
 * {@code hidden_coupling} [hidden, hidden], {@code visible_bias} [visible], {@code hidden_bias} [hidden], all F32;
 * metadata {@code model=BoltzmannMachine}, {@code format_version=1}, {@link BoltzmannConfig#toMap()} as
 * {@code config.*} (the mean-field settings among them) and provenance entries. Couplings that are not symmetric or
 * have a non-zero diagonal, and non-finite values, are refused.
 */
public final class BoltzmannMachine implements Encoder, Sampler {
    static final String TYPE = "BoltzmannMachine";
    static final String FORMAT_VERSION = "1";

    private final FMatrix w, l, j;
    private final float[] b, c;
    private final BoltzmannConfig config;
    private final Map<String, String> provenance;
    private final IsingModel joint;
    private final ScratchPool<float[][]> workspace;

    BoltzmannMachine(FMatrix w, FMatrix l, FMatrix j, float[] b, float[] c, BoltzmannConfig config, Map<String, String> provenance) {
        if (w == null || b == null || c == null || config == null) throw new IllegalArgumentException("parameters and config must not be null");
        int nv = b.length, nh = c.length;
        if (w.rows() != nh || w.cols() != nv) {
            throw new IllegalArgumentException("weight " + w.shape() + " needs " + w.rows() + " hidden and " + w.cols()
                    + " visible biases, got " + nh + " and " + nv);
        }
        Symmetric.requireCouplings("visible coupling L", l, nv);
        Symmetric.requireCouplings("hidden coupling J", j, nh);
        Elementwise.requireFinite(Path.SCALAR, "weight", w);
        Elementwise.requireFinite(Path.SCALAR, "visible coupling L", l);
        Elementwise.requireFinite(Path.SCALAR, "hidden coupling J", j);
        Elementwise.requireFinite(Path.SCALAR, "visible bias", FMatrix.wrap(b, 1, nv));
        Elementwise.requireFinite(Path.SCALAR, "hidden bias", FMatrix.wrap(c, 1, nh));
        this.w = w.copy();
        this.l = l.copy();
        this.j = j.copy();
        this.b = b.clone();
        this.c = c.clone();
        this.config = config;
        this.provenance = Map.copyOf(provenance);
        int n = nv + nh;
        FMatrix a = FMatrix.zeros(n, n);
        a.block(0, 0, nv, nv).copyFrom(l);
        a.block(nv, nv, nh, nh).copyFrom(j);
        a.block(nv, 0, nh, nv).copyFrom(w);
        for (int k = 0; k < nh; k++) for (int i = 0; i < nv; i++) a.set(i, nv + k, w.get(k, i));
        float[] theta = new float[n];
        System.arraycopy(b, 0, theta, 0, nv);
        System.arraycopy(c, 0, theta, nv, nh);
        this.joint = IsingModel.trusted(a, theta, config.path());
        this.workspace = ScratchPool.of(() -> new float[][] {new float[nh], new float[nh]});
    }

    /**
     * A machine with the given parameters (copied): weight hidden × visible, couplings L (visible × visible) and J
     * (hidden × hidden), symmetric with zero diagonals, visible bias b and hidden bias c.
     */
    public static BoltzmannMachine of(FMatrix weight, FMatrix visibleCoupling, FMatrix hiddenCoupling, float[] visibleBias,
                                      float[] hiddenBias, BoltzmannConfig config) {
        return new BoltzmannMachine(weight, visibleCoupling, hiddenCoupling, visibleBias, hiddenBias, config, Map.of());
    }

    /** Trains on the rows of {@code data} (binary, or values in [0, 1]) as {@code config} says: PCD with a mean-field positive phase. */
    public static BoltzmannMachine fit(BoltzmannConfig config, FMatrix data) {
        return new BoltzmannTrainer(config, data, TrainingListener.NONE, null).train();
    }

    /** Trains as {@link #fit(BoltzmannConfig, FMatrix)}, reporting each epoch (with the exact log-likelihood when the machine is small). */
    public static BoltzmannMachine fit(BoltzmannConfig config, FMatrix data, TrainingListener listener) {
        return new BoltzmannTrainer(config, data, listener, null).train();
    }

    /**
     * Trains as {@link #fit(BoltzmannConfig, FMatrix, TrainingListener)}, saving the full training state (parameters,
     * momentum velocities, persistent particles, random-stream positions) where and as often as {@code checkpointing}
     * says, and resuming from it: a resumed run ends with exactly the parameters of an uninterrupted one; a diverging
     * run stops before overwriting the last good checkpoint.
     */
    public static BoltzmannMachine fit(BoltzmannConfig config, FMatrix data, TrainingListener listener, Checkpointing checkpointing) {
        return new BoltzmannTrainer(config, data, listener, checkpointing).train();
    }

    public int visible() { return b.length; }
    public int hidden() { return c.length; }
    @Override public int inputSize() { return visible(); }
    @Override public int outputSize() { return hidden(); }
    public BoltzmannConfig config() { return config; }
    public Map<String, String> provenance() { return provenance; }
    /** A copy of W (hidden × visible). */
    public FMatrix weights() { return w.copy(); }
    /** A copy of L (visible × visible). */
    public FMatrix visibleCouplings() { return l.copy(); }
    /** A copy of J (hidden × hidden). */
    public FMatrix hiddenCouplings() { return j.copy(); }
    public float[] visibleBias() { return b.clone(); }
    public float[] hiddenBias() { return c.clone(); }
    /** The machine as one {@link IsingModel} over (v, h): couplings [[L, Wᵀ], [W, J]], fields (b, c). */
    public IsingModel joint() { return joint; }
    FMatrix w() { return w; }
    FMatrix l() { return l; }
    FMatrix j() { return j; }
    float[] b() { return b; }
    float[] c() { return c; }
    Path path() { return config.path(); }

    /** Mean-field hidden marginals q(h = 1 | v) of every row, by the config's {@link MeanField} (one GEMM per sweep). */
    @Override
    public FMatrix transform(FMatrix v) {
        Inputs.requireMatrix(path(), "input", v, visible());
        FMatrix field = FMatrix.zeros(v.rows(), hidden()), q = FMatrix.zeros(v.rows(), hidden());
        hiddenField(v, field);
        Elementwise.sigmoid(path(), field, q);
        config.meanField().solveBatch(path(), j, field, q);
        return q;
    }

    /** c + Wv of every row of {@code v} into {@code field}. */
    void hiddenField(FMatrix v, FMatrix field) {
        field.fillRows(c, 0);
        Linalg.gemm(path(), Trans.N, Trans.T, 1f, v, w, 1f, field);
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(path(), x, xOff, visible(), out, outOff, hidden());
        float[][] ws = workspace.borrow();
        try {
            float[] field = ws[0];
            int nh = hidden();
            System.arraycopy(c, 0, field, 0, nh);
            Linalg.gemv(path(), Trans.N, 1f, w, x, xOff, 1f, field, 0);
            Elementwise.sigmoid(path(), field, 0, out, outOff, nh);
            config.meanField().solveInto(path(), j, field, 0, out, outOff, ws[1]);
        } finally {
            workspace.release(ws);
        }
    }

    /** E(v, h) of every pair of rows of {@code v} (rows × visible) and {@code h} (rows × hidden). */
    public float[] energy(FMatrix v, FMatrix h) {
        return joint.energy(concat(v, h));
    }

    private FMatrix concat(FMatrix v, FMatrix h) {
        Inputs.requireMatrix(path(), "visible states", v, visible());
        Inputs.requireMatrix(path(), "hidden states", h, hidden());
        if (v.rows() != h.rows()) throw new IllegalArgumentException("visible states have " + v.rows() + " rows, hidden states " + h.rows());
        FMatrix s = FMatrix.zeros(v.rows(), visible() + hidden());
        s.colRange(0, visible()).copyFrom(v);
        s.colRange(visible(), visible() + hidden()).copyFrom(h);
        return s;
    }

    /**
     * ∂E/∂θ averaged over the rows of (v, h), for every parameter θ; a coupling L_ik = L_ki (and J likewise) counts as
     * one parameter, so ∂E/∂L_ik = −v_i v_k. The log-likelihood gradient is ⟨−∂E/∂θ⟩_data − ⟨−∂E/∂θ⟩_model.
     */
    public record Gradient(FMatrix weight, FMatrix visibleCoupling, FMatrix hiddenCoupling, float[] visibleBias, float[] hiddenBias) {}

    /** The energy's gradient with respect to the parameters, averaged over the rows of {@code v} and {@code h}. */
    public Gradient energyGradient(FMatrix v, FMatrix h) {
        FMatrix s = concat(v, h);
        int nv = visible(), nh = hidden(), n = nv + nh;
        FMatrix g = FMatrix.zeros(n, n);
        float[] mean = new float[n];
        if (s.rows() > 0) statistics(path(), s, -1f / s.rows(), 0f, g, mean, -1f);
        return new Gradient(g.block(nv, 0, nh, nv).copy(), g.block(0, 0, nv, nv).copy(), g.block(nv, nv, nh, nh).copy(),
                java.util.Arrays.copyOfRange(mean, 0, nv), java.util.Arrays.copyOfRange(mean, nv, n));
    }

    /**
     * The sufficient statistics of joint states {@code s} (rows × n): g = alpha·sᵀs + beta·g with the diagonal zeroed
     * (⟨s_i s_k⟩ for i ≠ k: with marginals in place of states, the mean-field E_q[s_i s_k] = q_i q_k), and
     * means += scale · column means of s.
     */
    static void statistics(Path path, FMatrix s, float alpha, float beta, FMatrix g, float[] means, float scale) {
        Linalg.syrk(path, Trans.T, alpha, s, beta, g);
        Symmetric.symmetrize(g);
        float[] col = new float[s.cols()];
        Linalg.colMeans(path, s, col, 0);
        Linalg.axpy(path, s.cols(), scale, col, 0, means, 0);
    }

    /**
     * {@code sweeps} sweeps of sequential Gibbs sampling from each row of {@code start} (binary joint states
     * (v, h), rows × (visible + hidden)); returns the final joint states.
     */
    public FMatrix gibbs(FMatrix start, int sweeps, Rng rng) {
        return joint.gibbs(start, sweeps, rng);
    }

    /**
     * {@code n} visible samples after {@code steps} Gibbs sweeps of all units from uniform noise: binary states, or
     * ({@code mean}) the conditional probabilities p(v_i = 1 | everything else) at the final state.
     */
    @Override
    public FMatrix sample(int n, int steps, Rng rng, boolean mean) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative, got " + n);
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        int nv = visible(), units = nv + hidden();
        FMatrix s = FMatrix.zeros(n, units);
        s.fill(0.5f);
        Sampling.bernoulli(path(), rng, s, s);
        GibbsSampler.sweeps(path(), joint.a(), joint.theta(), 0, s, steps, rng);
        if (!mean) return s.colRange(0, nv).copy();
        FMatrix p = FMatrix.zeros(n, nv);
        p.fillRows(b, 0);
        Linalg.gemm(path(), Trans.N, Trans.N, 1f, s, joint.a().colRange(0, nv), 1f, p);
        Elementwise.sigmoid(path(), p, p);
        return p;
    }

    /** Writes the model as safetensors (atomically). */
    public void save(java.nio.file.Path file) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(hidden(), visible(), w.toArray()));
        t.put("visible_coupling", Tensor.matrix(visible(), visible(), l.toArray()));
        t.put("hidden_coupling", Tensor.matrix(hidden(), hidden(), j.toArray()));
        t.put("visible_bias", Tensor.vector(b.clone()));
        t.put("hidden_bias", Tensor.vector(c.clone()));
        ModelFile.write(file, TYPE, FORMAT_VERSION, t, config.toMap(), provenance);
    }

    /** Reads a model written by {@link #save} (or by any tool that follows the documented tensor names). */
    public static BoltzmannMachine load(java.nio.file.Path file) throws IOException {
        return load(ModelSource.of(file), io.latentj.simd.Path.defaultPath());
    }

    /** Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on the default kernel path. */
    public static BoltzmannMachine load(ModelSource source) throws IOException {
        return load(source, io.latentj.simd.Path.defaultPath());
    }

    /**
     * Reads a model as {@link #load(java.nio.file.Path)} does, from any source, to run on {@code kernelPath} whatever
     * path trained it.
     *
     * @throws IllegalArgumentException when {@code kernelPath} cannot run on this machine
     */
    public static BoltzmannMachine load(ModelSource source, io.latentj.simd.Path kernelPath) throws IOException {
        ModelFile mf = ModelFile.read(source, TYPE, FORMAT_VERSION, kernelPath);
        String file = source.name();
        int[] ws = mf.shape("weight");
        if (ws.length != 2) throw new FormatException(file, "tensor weight", "must be a matrix [hidden, visible]");
        int nh = ws[0], nv = ws[1];
        float[] w = mf.tensor("weight", nh, nv), l = mf.tensor("visible_coupling", nv, nv), j = mf.tensor("hidden_coupling", nh, nh);
        float[] b = mf.tensor("visible_bias", nv), c = mf.tensor("hidden_bias", nh);
        Map<String, String> cfg = mf.config();
        cfg.put("hidden", Integer.toString(nh));
        BoltzmannConfig config;
        try {
            config = BoltzmannConfig.fromMap(cfg);
        } catch (IllegalArgumentException e) {
            throw mf.badConfig(e);
        }
        try {
            return new BoltzmannMachine(FMatrix.wrap(w, nh, nv), FMatrix.wrap(l, nv, nv), FMatrix.wrap(j, nh, nh), b, c, config, mf.provenance());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "tensors", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "BoltzmannMachine[" + visible() + " visible, " + hidden() + " hidden]";
    }
}
