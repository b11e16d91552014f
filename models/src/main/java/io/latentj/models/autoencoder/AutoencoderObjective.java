package io.latentj.models.autoencoder;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Optimizer;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.Derivatives;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Losses;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

import java.util.List;

/**
 * The training objective of an autoencoder on one minibatch and its exact gradient, with every product a GEMM:
 * <pre>
 *   H = f(X̃Wᵀ + b),  Y = g(H·W + c)  (untied: g(H·Vᵀ + c))
 *   J = loss(Y, X) + β Σ_j KL(ρ ‖ ρ̂_j) + (λ/N) Σ_r Σ_j (h_rj(1 − h_rj))² ω_j,   ρ̂ = colMeans(H), ω_j = Σ_i W_ji²
 * </pre>
 * where X̃ is the (possibly corrupted) input and X the clean target. The KL gradient adds
 * (β/N)(−ρ/ρ̂_j + (1 − ρ)/(1 − ρ̂_j)) to every row of dH; the contractive term adds (2λ/N)·q_rj·ω_j to dZ₁
 * (q = s(1 − 2h), s = (h(1 − h))²) and (2λ/N)(Σ_r s_rj)·W_j to row j of dW.
 *
 * <p>Mutable training state for one thread: the parameters, their gradients and the minibatch buffers.
 */
final class AutoencoderObjective {
    final AutoencoderConfig cfg;
    final Path path;
    final Dense enc, dec;
    final List<Parameter> params;
    final int nv, nh;
    private final FMatrix z1, h, z2, y, dy, dz2, dh, dz1, s, q;
    private final float[] rhoHat, klGrad, ones, omega, sSum;

    /** Values of the last {@link #evaluate}: the reconstruction loss and the two penalties. */
    double lastLoss, lastSparsity, lastContraction;

    AutoencoderObjective(AutoencoderConfig cfg, int visible, int maxRows) {
        this.cfg = cfg;
        this.path = cfg.path();
        nv = visible;
        nh = cfg.hidden();
        enc = Dense.of(nv, nh, cfg.encoder());
        dec = cfg.tied() ? enc.tiedTranspose(cfg.decoder()) : Dense.of(nh, nv, cfg.decoder());
        params = cfg.tied() ? List.of(enc.weight(), enc.bias(), dec.bias())
                : List.of(enc.weight(), enc.bias(), dec.weight(), dec.bias());
        z1 = FMatrix.zeros(maxRows, nh);
        h = FMatrix.zeros(maxRows, nh);
        dh = FMatrix.zeros(maxRows, nh);
        dz1 = FMatrix.zeros(maxRows, nh);
        z2 = FMatrix.zeros(maxRows, nv);
        y = FMatrix.zeros(maxRows, nv);
        dy = FMatrix.zeros(maxRows, nv);
        dz2 = FMatrix.zeros(maxRows, nv);
        boolean contractive = cfg.contraction() > 0;
        s = contractive ? FMatrix.zeros(maxRows, nh) : null;
        q = contractive ? FMatrix.zeros(maxRows, nh) : null;
        rhoHat = new float[nh];
        klGrad = new float[nh];
        omega = new float[nh];
        sSum = new float[nh];
        ones = new float[maxRows];
        java.util.Arrays.fill(ones, 1f);
    }

    /** The decoder's weight: W itself (tied, hidden × visible) or V (visible × hidden). */
    FMatrix decoderWeight() { return dec.weight().value(); }

    private static FMatrix rows(FMatrix m, int n) {
        return n == m.rows() ? m : m.rowRange(0, n);
    }

    /**
     * J on the first rows of {@code corrupted} (encoded) against {@code clean} (the target), with the gradient of J
     * written into the parameters' gradients (overwriting them) when {@code gradient}.
     *
     * <p>Five GEMMs per minibatch and a few elementwise passes; nothing is allocated when the batch has the full
     * {@code maxRows} rows. The first product into each gradient overwrites it (β = 0), so gradients need no zeroing
     * pass, and the bias gradients are column sums written straight into them.
     */
    double evaluate(FMatrix corrupted, FMatrix clean, boolean gradient) {
        int n = clean.rows();
        FMatrix z1b = rows(z1, n), hb = rows(h, n), z2b = rows(z2, n), yb = rows(y, n);
        FMatrix dz2b = rows(dz2, n), dhb = rows(dh, n), dz1b = rows(dz1, n);
        enc.forward(path, corrupted, z1b, hb);
        if (cfg.loss() == Loss.BINARY_CROSS_ENTROPY) dec.preActivation(path, hb, z2b); // the loss takes the logits
        else dec.forward(path, hb, z2b, yb);
        FMatrix w = enc.weight().value(), gw = enc.weight().grad();

        // reconstruction, and its gradient with respect to the decoder's pre-activation (one fused pass for a
        // sigmoid decoder: the gradient buffer doubles as scratch when only the loss is wanted)
        float inv = 1f / n;
        if (cfg.loss() == Loss.BINARY_CROSS_ENTROPY) {
            lastLoss = Losses.sigmoidCrossEntropy(path, z2b, clean, inv, dz2b) / n;
        } else if (cfg.decoder() == Activation.SIGMOID) {
            lastLoss = 0.5 * Losses.squaredErrorSigmoid(path, yb, clean, inv, dz2b) / n;
        } else {
            lastLoss = 0.5 * Linalg.squaredDistance(path, yb, clean) / n;
            if (gradient) {
                FMatrix dyb = rows(dy, n);
                difference(yb, clean, dyb); // dL/dy = (y − x)/N
                Linalg.scal(path, inv, dyb);
                cfg.decoder().backward(path, z2b, yb, dyb, dz2b);
            }
        }
        double j = lastLoss;
        if (gradient) {
            // decoder: tied dW = Hᵀ·dZ₂ (the encoder's term is added below), untied dV = dZ₂ᵀ·H; dc = colSums(dZ₂); dH = dZ₂·op(W)
            if (cfg.tied()) Linalg.gemm(path, Trans.T, Trans.N, 1f, hb, dz2b, 0f, gw);
            else Linalg.gemm(path, Trans.T, Trans.N, 1f, dz2b, hb, 0f, dec.weight().grad());
            Linalg.colSums(path, dz2b, dec.bias().grad().data(), 0);
            Linalg.gemm(path, Trans.N, cfg.tied() ? Trans.T : Trans.N, 1f, dz2b, decoderWeight(), 0f, dhb);
        }

        // sparsity: β Σ_j KL(ρ ‖ ρ̂_j)
        lastSparsity = 0;
        if (cfg.sparse()) {
            double rho = cfg.sparsityTarget(), beta = cfg.sparsityWeight();
            Linalg.colMeans(path, hb, rhoHat, 0);
            double kl = 0;
            for (int u = 0; u < nh; u++) { // O(hidden) per minibatch
                double r = Math.min(Math.max(rhoHat[u], 1e-7), 1 - 1e-7);
                kl += rho * Math.log(rho / r) + (1 - rho) * Math.log((1 - rho) / (1 - r));
                klGrad[u] = (float) (beta / n * (-rho / r + (1 - rho) / (1 - r)));
            }
            lastSparsity = beta * kl;
            j += lastSparsity;
            if (gradient) Linalg.ger(path, 1f, ones, 0, klGrad, 0, dhb); // dH += 1·klGradᵀ
        }

        // encoder backward to the pre-activation
        if (gradient) cfg.encoder().backward(path, z1b, hb, dhb, dz1b);

        // contraction: (λ/N) Σ_r Σ_j s_rj ω_j
        lastContraction = 0;
        float k = 0f;
        if (cfg.contraction() > 0) {
            FMatrix sb = rows(s, n), qb = rows(q, n);
            for (int u = 0; u < nh; u++) omega[u] = Linalg.dot(path, nv, w.data(), w.rowOffset(u), w.data(), w.rowOffset(u));
            Derivatives.contractive(path, hb, sb, qb);
            Linalg.colSums(path, sb, sSum, 0);
            float lambda = (float) cfg.contraction();
            lastContraction = lambda * (double) Linalg.dot(path, nh, sSum, 0, omega, 0) / n;
            j += lastContraction;
            if (gradient) {
                k = 2f * lambda / n;
                Elementwise.scaleColumns(path, qb, omega, 0, qb);
                for (int r = 0; r < n; r++) Linalg.axpy(path, nh, k, qb.data(), qb.rowOffset(r), dz1b.data(), dz1b.rowOffset(r));
            }
        }
        if (gradient) {
            // encoder: dW (+)= dZ₁ᵀ·X̃, db = colSums(dZ₁)
            Linalg.gemm(path, Trans.T, Trans.N, 1f, dz1b, corrupted, cfg.tied() ? 1f : 0f, gw);
            Linalg.colSums(path, dz1b, enc.bias().grad().data(), 0);
            if (k != 0f) {
                for (int u = 0; u < nh; u++) Linalg.axpy(path, nv, k * sSum[u], w.data(), w.rowOffset(u), gw.data(), gw.rowOffset(u));
            }
        }
        return j;
    }

    /**
     * Whether one minibatch's gradient may be computed in row blocks and unit blocks ({@link #rows}, {@link #units})
     * on several threads: only without the sparsity and contraction terms, which need every row's codes before the
     * backward pass.
     */
    boolean splittable() {
        return !cfg.sparse() && cfg.contraction() == 0;
    }

    /**
     * Row block [r0, r1) of a minibatch of n = clean.rows() rows (no sparsity, no contraction): encodes, decodes,
     * and with the gradient scale 1/n computes dZ₂ and back to dZ₁ for those rows only; returns the block's part of
     * n·J (the loss summed over its rows). Disjoint row blocks touch disjoint memory; {@link #units} then needs all.
     */
    double rows(FMatrix corrupted, FMatrix clean, int r0, int r1) {
        if (!splittable()) throw new IllegalStateException("sparse or contractive objectives are evaluated whole");
        int n = clean.rows();
        if (r0 == r1) return 0;
        FMatrix xb = corrupted.rowRange(r0, r1), tb = clean.rowRange(r0, r1);
        FMatrix z1b = z1.rowRange(r0, r1), hb = h.rowRange(r0, r1), z2b = z2.rowRange(r0, r1), yb = y.rowRange(r0, r1);
        FMatrix dz2b = dz2.rowRange(r0, r1), dhb = dh.rowRange(r0, r1), dz1b = dz1.rowRange(r0, r1);
        enc.forward(path, xb, z1b, hb);
        float inv = 1f / n;
        double loss;
        if (cfg.loss() == Loss.BINARY_CROSS_ENTROPY) {
            dec.preActivation(path, hb, z2b);
            loss = Losses.sigmoidCrossEntropy(path, z2b, tb, inv, dz2b);
        } else {
            dec.forward(path, hb, z2b, yb);
            if (cfg.decoder() == Activation.SIGMOID) {
                loss = 0.5 * Losses.squaredErrorSigmoid(path, yb, tb, inv, dz2b);
            } else {
                loss = 0.5 * Linalg.squaredDistance(path, yb, tb);
                FMatrix dyb = dy.rowRange(r0, r1);
                difference(yb, tb, dyb);
                Linalg.scal(path, inv, dyb);
                cfg.decoder().backward(path, z2b, yb, dyb, dz2b);
            }
        }
        dec.inputGradient(path, dz2b, dhb);
        cfg.encoder().backward(path, z1b, hb, dhb, dz1b);
        return loss;
    }

    /**
     * Part {@code part} of {@code parts} of the gradient after {@link #rows} covered all n rows: overwrites the
     * gradient of a block of hidden units (the encoder's weight rows and biases; tied, both terms of W's rows) and
     * of visible units (the decoder's bias and, untied, its weight rows), then updates those slices with {@code opt}
     * (after its {@link Optimizer#beginStep}). Different parts write disjoint memory.
     */
    void units(FMatrix corrupted, int n, int part, int parts, Optimizer opt) {
        int j0 = (int) ((long) nh * part / parts), j1 = (int) ((long) nh * (part + 1) / parts);
        int i0 = (int) ((long) nv * part / parts), i1 = (int) ((long) nv * (part + 1) / parts);
        FMatrix xb = corrupted.rowRange(0, n), hb = h.rowRange(0, n), dz2b = dz2.rowRange(0, n), dz1b = dz1.rowRange(0, n);
        if (cfg.tied()) {
            if (j1 > j0) {
                FMatrix gw = enc.weight().grad().rowRange(j0, j1);
                Linalg.gemm(path, Trans.T, Trans.N, 1f, hb.colRange(j0, j1), dz2b, 0f, gw); // decoder's term Hᵀ·dZ₂
                Linalg.gemm(path, Trans.T, Trans.N, 1f, dz1b.colRange(j0, j1), xb, 1f, gw); // encoder's term dZ₁ᵀ·X̃
                Linalg.colSums(path, dz1b.colRange(j0, j1), enc.bias().grad().data(), j0);
            }
            if (i1 > i0) Linalg.colSums(path, dz2b.colRange(i0, i1), dec.bias().grad().data(), i0);
        } else {
            enc.setGradient(path, xb, dz1b, j0, j1);
            dec.setGradient(path, hb, dz2b, i0, i1);
            opt.stepSlice(path, dec.weight(), i0 * nh, i1 * nh);
        }
        opt.stepSlice(path, enc.weight(), j0 * nv, j1 * nv);
        opt.stepSlice(path, enc.bias(), j0, j1);
        opt.stepSlice(path, dec.bias(), i0, i1);
    }

    /** d = y − x, as one pass over contiguous matrices (row by row otherwise). */
    private void difference(FMatrix yb, FMatrix x, FMatrix d) {
        d.copyFrom(yb);
        if (x.isContiguous() && d.isContiguous()) {
            Linalg.axpy(path, Math.toIntExact(d.size()), -1f, x.data(), x.offset(), d.data(), d.offset());
        } else {
            for (int r = 0; r < d.rows(); r++) Linalg.axpy(path, d.cols(), -1f, x.data(), x.rowOffset(r), d.data(), d.rowOffset(r));
        }
    }

    /** Hidden codes of the last {@link #evaluate} (rows as given). */
    FMatrix hidden(int rows) { return h.rowRange(0, rows); }

    Activation encoderActivation() { return cfg.encoder(); }
}
