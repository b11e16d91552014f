package io.latentj.models.vae;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
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
        List<Parameter> p = new ArrayList<>();
        for (Dense d : layers()) { p.add(d.weight()); p.add(d.bias()); }
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
        List<Dense> l = new ArrayList<>(List.of(enc));
        l.add(stats);
        l.addAll(List.of(dec));
        l.add(out);
        return l;
    }

    /** The encoder's [μ | log σ²] of the first rows of x (views into this network's buffers). */
    FMatrix encode(FMatrix x) {
        int n = x.rows();
        FMatrix in = x;
        for (int i = 0; i < enc.length; i++) {
            FMatrix zb = encZ[i].rowRange(0, n), ab = encA[i].rowRange(0, n);
            enc[i].forward(path, in, zb, ab);
            in = ab;
        }
        FMatrix sb = statsBuf.rowRange(0, n);
        stats.forward(path, in, sb, sb);
        return sb;
    }

    /** The decoder's output Y (logits or means) for the codes {@code codes}, as a view into this network's buffer. */
    FMatrix decode(FMatrix codes) {
        int n = codes.rows();
        FMatrix in = codes;
        for (int i = 0; i < dec.length; i++) {
            FMatrix zb = decZ[i].rowRange(0, n), ab = decA[i].rowRange(0, n);
            dec[i].forward(path, in, zb, ab);
            in = ab;
        }
        FMatrix yb = y.rowRange(0, n);
        out.forward(path, in, yb, yb);
        return yb;
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
     * {@code gradient} the parameters' gradients are zeroed and then hold ∂J/∂θ. Per-row terms go to {@link #rowNll}
     * and {@link #rowKl}.
     */
    double evaluate(FMatrix x, boolean gradient) {
        int n = x.rows();
        if (n > maxRows) throw new IllegalArgumentException(n + " rows exceed the network's " + maxRows);
        return evaluateEncoded(x, encode(x), gradient);
    }

    /** The encoder's [μ | log σ²] of the last {@link #encode} (n rows). */
    FMatrix encoded(int n) { return statsBuf.rowRange(0, n); }

    /**
     * {@link #evaluate} after {@link #encode}: draws Z from the encoder's output {@code sb} with the noise in
     * {@link #noise}, decodes and scores (several noise draws per encoding, as an importance-weighted bound needs).
     */
    double evaluateEncoded(FMatrix x, FMatrix sb, boolean gradient) {
        int n = x.rows();
        FMatrix zb = z.rowRange(0, n), eb = eps.rowRange(0, n);
        double kl = 0;
        for (int r = 0; r < n; r++) {
            int so = sb.rowOffset(r);
            rowKl[r] = Variational.reparameterize(path, nz, sb.data(), so, sb.data(), so + nz, eb.data(), eb.rowOffset(r), zb.data(), zb.rowOffset(r));
            kl += rowKl[r];
        }
        FMatrix yb = decode(zb), dyb = dy.rowRange(0, n);
        float inv = 1f / n;
        double nll = 0;
        for (int r = 0; r < n; r++) {
            rowNll[r] = nll(yb.data(), yb.rowOffset(r), x.data(), x.rowOffset(r), gradient ? dyb.data() : null, gradient ? dyb.rowOffset(r) : 0, inv);
            nll += rowNll[r];
        }
        double j = (nll + cfg.beta() * kl) / n;
        if (!gradient) return j;

        for (Parameter p : params) p.zeroGrad();
        FMatrix dzb = dz.rowRange(0, n);
        int nd = dec.length;
        out.backwardPreActivation(path, nd == 0 ? zb : decA[nd - 1].rowRange(0, n), dyb, nd == 0 ? dzb : decD[nd - 1].rowRange(0, n));
        for (int i = nd - 1; i >= 0; i--) {
            FMatrix in = i == 0 ? zb : decA[i - 1].rowRange(0, n), d = decD[i].rowRange(0, n);
            dec[i].backward(path, in, decZ[i].rowRange(0, n), decA[i].rowRange(0, n), d, d, i == 0 ? dzb : decD[i - 1].rowRange(0, n));
        }
        FMatrix dsb = dStats.rowRange(0, n);
        float klScale = (float) (cfg.beta() / n);
        for (int r = 0; r < n; r++) {
            int so = sb.rowOffset(r), dso = dsb.rowOffset(r);
            Variational.reparameterizeBackward(path, nz, dzb.data(), dzb.rowOffset(r), sb.data(), so, sb.data(), so + nz,
                    eb.data(), eb.rowOffset(r), klScale, dsb.data(), dso, dsb.data(), dso + nz);
        }
        int ne = enc.length;
        stats.backwardPreActivation(path, ne == 0 ? x : encA[ne - 1].rowRange(0, n), dsb, ne == 0 ? null : encD[ne - 1].rowRange(0, n));
        for (int i = ne - 1; i >= 0; i--) {
            FMatrix in = i == 0 ? x : encA[i - 1].rowRange(0, n), d = encD[i].rowRange(0, n);
            enc[i].backward(path, in, encZ[i].rowRange(0, n), encA[i].rowRange(0, n), d, d, i == 0 ? null : encD[i - 1].rowRange(0, n));
        }
        return j;
    }

    /** Copies of every layer's weight and bias in {@link #layers()} order. */
    List<FMatrix[]> snapshot() {
        List<FMatrix[]> l = new ArrayList<>();
        for (Dense d : layers()) l.add(new FMatrix[] {d.weight().value().copy(), d.bias().value().copy()});
        return l;
    }
}
