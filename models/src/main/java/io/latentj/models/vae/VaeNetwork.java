package io.latentj.models.vae;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.Optimizer;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Variational;

import java.util.ArrayList;
import java.util.List;

/**
 * The VAE's layers over a minibatch and the negative ELBO with its exact gradient, every product a GEMM and every
 * elementwise step a fused kernel of {@link Variational}:
 * <pre>
 *   encoder  H_k = f(H_{k−1}·W_kᵀ + b_k),  [M | V] = H·W_sᵀ + b_s      (M = μ(x), V = log σ²(x))
 *   latent   Z = M + exp(V/2) ⊙ E,  E ~ N(0, I)                         (reparameterisation)
 *   decoder  G_k = f(G_{k−1}·U_kᵀ + c_k),  Y = G·U_oᵀ + c_o              (Bernoulli logits or Gaussian means)
 *   J = (1/N) Σ_r [−log p(x_r | z_r) + β·KL(q(z | x_r) ‖ N(0, I))]
 * </pre>
 * with the analytic KL ½Σ(μ² + σ² − 1 − log σ²). Backward: dY from the likelihood kernel, back through the decoder
 * to dZ, then dM = dZ + (β/N)M and dV = ½(dZ ⊙ E ⊙ σ + (β/N)(σ² − 1)), then back through the encoder.
 *
 * <p>Owns buffers for up to {@code maxRows} rows and allocates nothing per minibatch. Mutable: one thread.
 */
final class VaeNetwork {
    final VaeConfig cfg;
    final Path path;
    final int nv, nz, maxRows;
    final Dense[] enc, dec;
    final Dense stats, out;
    final List<Parameter> params;
    private final List<Dense> layers;
    private final FMatrix[] encZ, encA, encD, decZ, decA, decD;
    private final FMatrix statsBuf, dStats, eps, z, dz, y, dy;
    /** Per-row −log p(x | z) and KL of the last {@link #evaluate}. */
    final double[] rowNll, rowKl;
    private final double nllConstant;
    private final float invVar;

    /** A network with zero parameters (the trainer initialises them). */
    VaeNetwork(VaeConfig cfg, int visible, int maxRows) {
        this(cfg, visible, maxRows, null);
    }

    /**
     * A network over the given layer weights and biases (used as they are, not copied), in the order of
     * {@link #layers()}, or zero parameters when {@code weights} is null.
     */
    VaeNetwork(VaeConfig cfg, int visible, int maxRows, List<FMatrix[]> weights) {
        this.cfg = cfg;
        this.path = cfg.path();
        this.nv = visible;
        this.nz = cfg.latent();
        this.maxRows = maxRows;
        int[] h = cfg.hidden();
        Activation f = cfg.activation();
        int li = 0;
        enc = new Dense[h.length];
        for (int i = 0; i < h.length; i++) enc[i] = layer(weights, li++, i == 0 ? nv : h[i - 1], h[i], f);
        int top = h.length == 0 ? nv : h[h.length - 1];
        stats = layer(weights, li++, top, 2 * nz, Activation.LINEAR);
        dec = new Dense[h.length];
        for (int i = 0; i < h.length; i++) {
            int units = h[h.length - 1 - i];
            dec[i] = layer(weights, li++, i == 0 ? nz : h[h.length - i], units, f);
        }
        out = layer(weights, li, h.length == 0 ? nz : h[0], nv, Activation.LINEAR);
        List<Dense> l = new ArrayList<>(List.of(enc));
        l.add(stats);
        l.addAll(List.of(dec));
        l.add(out);
        layers = List.copyOf(l);
        List<Parameter> p = new ArrayList<>();
        for (Dense d : layers) { p.add(d.weight()); p.add(d.bias()); }
        params = List.copyOf(p);
        encZ = buffers(enc);
        encA = buffers(enc);
        encD = buffers(enc);
        decZ = buffers(dec);
        decA = buffers(dec);
        decD = buffers(dec);
        statsBuf = FMatrix.zeros(maxRows, 2 * nz);
        dStats = FMatrix.zeros(maxRows, 2 * nz);
        eps = FMatrix.zeros(maxRows, nz);
        z = FMatrix.zeros(maxRows, nz);
        dz = FMatrix.zeros(maxRows, nz);
        y = FMatrix.zeros(maxRows, nv);
        dy = FMatrix.zeros(maxRows, nv);
        rowNll = new double[maxRows];
        rowKl = new double[maxRows];
        double s = cfg.decoderStd();
        invVar = (float) (1 / (s * s));
        nllConstant = cfg.likelihood() == VaeConfig.Likelihood.GAUSSIAN ? 0.5 * nv * Math.log(2 * Math.PI * s * s) : 0;
    }

    private static Dense layer(List<FMatrix[]> weights, int i, int in, int units, Activation f) {
        if (weights == null) return Dense.of(in, units, f);
        FMatrix[] wb = weights.get(i);
        return Dense.of(new Parameter("weight", wb[0], true), new Parameter("bias", wb[1], false), f);
    }

    private FMatrix[] buffers(Dense[] layers) {
        FMatrix[] b = new FMatrix[layers.length];
        for (int i = 0; i < layers.length; i++) b[i] = FMatrix.zeros(maxRows, layers[i].outputs());
        return b;
    }

    /** Every layer in file order: encoder hidden layers, the μ/log σ² layer, decoder hidden layers, the output layer. */
    List<Dense> layers() {
        return layers;
    }

    /** The encoder's [μ | log σ²] of the first rows of x (views into this network's buffers). */
    FMatrix encode(FMatrix x) {
        encodeRows(x, 0, x.rows());
        return statsBuf.rowRange(0, x.rows());
    }

    /** The encoder on rows [r0, r1) of x, into the same rows of this network's buffers. */
    private void encodeRows(FMatrix x, int r0, int r1) {
        FMatrix in = x.rowRange(r0, r1);
        for (int i = 0; i < enc.length; i++) {
            FMatrix zb = encZ[i].rowRange(r0, r1), ab = encA[i].rowRange(r0, r1);
            enc[i].forward(path, in, zb, ab);
            in = ab;
        }
        FMatrix sb = statsBuf.rowRange(r0, r1);
        stats.forward(path, in, sb, sb);
    }

    /** The decoder's output Y (logits or means) for the codes {@code codes}, as a view into this network's buffer. */
    FMatrix decode(FMatrix codes) {
        decodeRows(codes, 0, codes.rows());
        return y.rowRange(0, codes.rows());
    }

    /** The decoder on rows [r0, r1) of codes, into the same rows of this network's buffers. */
    private void decodeRows(FMatrix codes, int r0, int r1) {
        FMatrix in = codes.rowRange(r0, r1);
        for (int i = 0; i < dec.length; i++) {
            FMatrix zb = decZ[i].rowRange(r0, r1), ab = decA[i].rowRange(r0, r1);
            dec[i].forward(path, in, zb, ab);
            in = ab;
        }
        FMatrix yb = y.rowRange(r0, r1);
        out.forward(path, in, yb, yb);
    }

    /** The noise matrix E for n rows, to be filled by the caller before {@link #evaluate}. */
    FMatrix noise(int n) { return eps.rowRange(0, n); }

    /** The latent sample Z of the last {@link #evaluate}. */
    FMatrix latent(int n) { return z.rowRange(0, n); }

    /** −log p(x | z) of one row given the decoder output y; grad (nullable) receives scale·∂/∂y. */
    double nll(float[] yd, int yOff, float[] x, int xOff, float[] grad, int gOff, float scale) {
        if (cfg.likelihood() == VaeConfig.Likelihood.BERNOULLI) return Variational.bernoulliNll(path, nv, yd, yOff, x, xOff, grad, gOff, scale);
        return 0.5 * invVar * Variational.squaredError(path, nv, yd, yOff, x, xOff, grad, gOff, scale * invVar) + nllConstant;
    }

    /**
     * J (the mean over rows of −log p(x | z) + β·KL) for the rows of x with the noise already in {@link #noise}; with
     * {@code gradient} the parameters' gradients are overwritten with ∂J/∂θ. Per-row terms go to {@link #rowNll}
     * and {@link #rowKl}.
     */
    double evaluate(FMatrix x, boolean gradient) {
        int n = x.rows();
        if (n > maxRows) throw new IllegalArgumentException(n + " rows exceed the network's " + maxRows);
        rows(x, 0, n, true, gradient);
        if (gradient) parameterGradients(x, 0, 1, null);
        return objective(n);
    }

    /** J of the last {@link #rows} passes that covered rows [0, n): (Σ −log p(x | z) + β·Σ KL) / n. */
    double objective(int n) {
        double nll = 0, kl = 0;
        for (int r = 0; r < n; r++) {
            nll += rowNll[r];
            kl += rowKl[r];
        }
        return (nll + cfg.beta() * kl) / n;
    }

    /** The encoder's [μ | log σ²] of the last {@link #encode} (n rows). */
    FMatrix encoded(int n) { return statsBuf.rowRange(0, n); }

    /**
     * {@link #evaluate} after {@link #encode}: draws Z from the encoder's output (in this network's buffer) with the
     * noise in {@link #noise}, decodes and scores (several noise draws per encoding, as an importance-weighted bound
     * needs).
     */
    double evaluateEncoded(FMatrix x, FMatrix sb, boolean gradient) {
        int n = x.rows();
        if (sb.data() != statsBuf.data() || sb.offset() != 0 || sb.rows() != n) throw new IllegalArgumentException("not this network's encoding of x");
        rows(x, 0, n, false, gradient);
        if (gradient) parameterGradients(x, 0, 1, null);
        return objective(n);
    }

    /**
     * The row-wise part of one evaluation, for rows [r0, r1) of x (of x.rows() rows in all, the J's 1/n): encodes
     * them (unless {@code encode} is false and the encoding is already in the buffer), draws Z, decodes and scores
     * into {@link #rowNll} and {@link #rowKl}; with {@code gradient} also every layer's pre-activation gradient
     * dZ, back to the first layer. Touches only rows [r0, r1) of every buffer, so disjoint row ranges may run on
     * different threads; {@link #parameterGradients} then needs all rows.
     */
    void rows(FMatrix x, int r0, int r1, boolean encode, boolean gradient) {
        int n = x.rows();
        if (r0 == r1) return;
        if (encode) encodeRows(x, r0, r1);
        FMatrix sb = statsBuf, eb = eps, zb = z;
        for (int r = r0; r < r1; r++) {
            int so = sb.rowOffset(r);
            rowKl[r] = Variational.reparameterize(path, nz, sb.data(), so, sb.data(), so + nz, eb.data(), eb.rowOffset(r), zb.data(), zb.rowOffset(r));
        }
        decodeRows(zb, r0, r1);
        float inv = 1f / n;
        for (int r = r0; r < r1; r++) {
            rowNll[r] = nll(y.data(), y.rowOffset(r), x.data(), x.rowOffset(r), gradient ? dy.data() : null, gradient ? dy.rowOffset(r) : 0, inv);
        }
        if (!gradient) return;

        FMatrix dzb = dz.rowRange(r0, r1);
        int nd = dec.length;
        out.inputGradient(path, dy.rowRange(r0, r1), nd == 0 ? dzb : decD[nd - 1].rowRange(r0, r1));
        for (int i = nd - 1; i >= 0; i--) {
            FMatrix d = decD[i].rowRange(r0, r1);
            dec[i].activation().backward(path, decZ[i].rowRange(r0, r1), decA[i].rowRange(r0, r1), d, d);
            dec[i].inputGradient(path, d, i == 0 ? dzb : decD[i - 1].rowRange(r0, r1));
        }
        float klScale = (float) (cfg.beta() / n);
        for (int r = r0; r < r1; r++) {
            int so = sb.rowOffset(r), dso = dStats.rowOffset(r);
            Variational.reparameterizeBackward(path, nz, dz.data(), dz.rowOffset(r), sb.data(), so, sb.data(), so + nz,
                    eb.data(), eb.rowOffset(r), klScale, dStats.data(), dso, dStats.data(), dso + nz);
        }
        int ne = enc.length;
        if (ne > 0) stats.inputGradient(path, dStats.rowRange(r0, r1), encD[ne - 1].rowRange(r0, r1));
        for (int i = ne - 1; i >= 0; i--) {
            FMatrix d = encD[i].rowRange(r0, r1);
            enc[i].activation().backward(path, encZ[i].rowRange(r0, r1), encA[i].rowRange(r0, r1), d, d);
            if (i > 0) enc[i].inputGradient(path, d, encD[i - 1].rowRange(r0, r1));
        }
    }

    /**
     * Part {@code part} of {@code parts} of the parameter gradients after {@link #rows} covered all rows of x: for
     * every layer, the gradient of its units [part·u/parts, (part+1)·u/parts) is overwritten, and with an optimiser
     * (after its {@link Optimizer#beginStep}) those units' weights and biases are updated right away, while their
     * gradient is still in cache. Different parts write disjoint memory and may run on different threads.
     */
    void parameterGradients(FMatrix x, int part, int parts, Optimizer opt) {
        int n = x.rows();
        List<Dense> all = layers;
        for (int li = 0; li < all.size(); li++) {
            Dense d = all.get(li);
            int units = d.outputs(), from = (int) ((long) units * part / parts), to = (int) ((long) units * (part + 1) / parts);
            if (from == to) continue;
            d.setGradient(path, layerInput(li, x).rowRange(0, n), layerDelta(li).rowRange(0, n), from, to);
            if (opt != null) {
                opt.stepSlice(path, d.weight(), from * d.inputs(), to * d.inputs());
                opt.stepSlice(path, d.bias(), from, to);
            }
        }
    }

    /** The input of layer li (in {@link #layers()} order) in the last pass. */
    private FMatrix layerInput(int li, FMatrix x) {
        int ne = enc.length, nd = dec.length;
        if (li < ne) return li == 0 ? x : encA[li - 1];
        if (li == ne) return ne == 0 ? x : encA[ne - 1];
        int di = li - ne - 1;
        if (di < nd) return di == 0 ? z : decA[di - 1];
        return nd == 0 ? z : decA[nd - 1];
    }

    /** The pre-activation gradient of layer li in the last pass. */
    private FMatrix layerDelta(int li) {
        int ne = enc.length, nd = dec.length;
        if (li < ne) return encD[li];
        if (li == ne) return dStats;
        int di = li - ne - 1;
        return di < nd ? decD[di] : dy;
    }

    /** Copies of every layer's weight and bias in {@link #layers()} order. */
    List<FMatrix[]> snapshot() {
        List<FMatrix[]> l = new ArrayList<>();
        for (Dense d : layers()) l.add(new FMatrix[] {d.weight().value().copy(), d.bias().value().copy()});
        return l;
    }
}
