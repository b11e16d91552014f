package io.latentj.models.autoencoder;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.GradientCheck;
import io.latentj.models.nn.Loss;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The full autoencoder objective (reconstruction + KL sparsity + contraction) against central differences of an
 * independent double-precision implementation of the formulas: every parameter gradient within 1e-4 relative.
 */
class AutoencoderGradientTest {
    static final int N = 6, NV = 9, NH = 5;

    /** The objective in double, θ = (W [NH×NV], b [NH], c [NV], V [NV×NH] when untied). */
    static double reference(AutoencoderConfig cfg, double[] t, double[] xt, double[] x) {
        int wOff = 0, bOff = NH * NV, cOff = bOff + NH, vOff = cOff + NV;
        double[] h = new double[N * NH];
        for (int r = 0; r < N; r++) for (int j = 0; j < NH; j++) {
            double z = t[bOff + j];
            for (int i = 0; i < NV; i++) z += t[wOff + j * NV + i] * xt[r * NV + i];
            h[r * NH + j] = act(cfg.encoder(), z);
        }
        double loss = 0;
        for (int r = 0; r < N; r++) for (int i = 0; i < NV; i++) {
            double z = t[cOff + i];
            for (int j = 0; j < NH; j++) z += h[r * NH + j] * (cfg.tied() ? t[wOff + j * NV + i] : t[vOff + i * NH + j]);
            double target = x[r * NV + i];
            if (cfg.loss() == Loss.BINARY_CROSS_ENTROPY) {
                double p = 1 / (1 + Math.exp(-z));
                loss -= target * Math.log(p) + (1 - target) * Math.log(1 - p);
            } else {
                double y = act(cfg.decoder(), z);
                loss += 0.5 * (y - target) * (y - target);
            }
        }
        double j = loss / N;
        if (cfg.sparse()) {
            double rho = cfg.sparsityTarget(), kl = 0;
            for (int u = 0; u < NH; u++) {
                double m = 0;
                for (int r = 0; r < N; r++) m += h[r * NH + u];
                m /= N;
                kl += rho * Math.log(rho / m) + (1 - rho) * Math.log((1 - rho) / (1 - m));
            }
            j += cfg.sparsityWeight() * kl;
        }
        if (cfg.contraction() > 0) { // ‖J‖²_F = Σ_j Σ_i (h_j(1 − h_j) W_ji)², written out element by element
            double pen = 0;
            for (int r = 0; r < N; r++) for (int u = 0; u < NH; u++) for (int i = 0; i < NV; i++) {
                double hv = h[r * NH + u], dji = hv * (1 - hv) * t[wOff + u * NV + i];
                pen += dji * dji;
            }
            j += cfg.contraction() * pen / N;
        }
        return j;
    }

    static double act(Activation f, double z) {
        return switch (f) {
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case LINEAR -> z;
            case RELU -> Math.max(0, z);
            case SOFTPLUS -> z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            case SOFTMAX -> throw new IllegalArgumentException();
        };
    }

    static double check(String name, AutoencoderConfig cfg, Path path) {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        AutoencoderObjective obj = new AutoencoderObjective(cfg, NV, N);
        int nθ = NH * NV + NH + NV + (cfg.tied() ? 0 : NV * NH);
        double[] theta = new double[nθ];
        for (int i = 0; i < nθ; i++) theta[i] = (float) (r.nextGaussian() * 0.7);
        double[] x = new double[N * NV], xt = new double[N * NV];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
            xt[i] = (float) (x[i] + 0.3 * r.nextGaussian());
        }
        // load θ into the float parameters
        int off = 0;
        for (Parameter p : cfg.tied() ? new Parameter[] {obj.enc.weight(), obj.enc.bias(), obj.dec.bias()}
                : new Parameter[] {obj.enc.weight(), obj.enc.bias(), obj.dec.bias(), obj.dec.weight()}) {
            for (int i = 0; i < p.size(); i++) p.value().data()[i] = (float) theta[off + i];
            off += p.size();
        }
        FMatrix xf = FMatrix.zeros(N, NV), xtf = FMatrix.zeros(N, NV);
        for (int i = 0; i < x.length; i++) { xf.data()[i] = (float) x[i]; xtf.data()[i] = (float) xt[i]; }
        obj.evaluate(xf, xtf, true); // another batch first: evaluate must overwrite the gradients, not add to them
        double j = obj.evaluate(xtf, xf, true);
        GradientCheck.Objective f = th -> reference(cfg, th, xt, x);
        assertEquals(f.value(theta), j, 2e-5 * Math.abs(j), name + ": float objective matches the double reference");
        float[] analytic = new float[nθ];
        off = 0;
        for (Parameter p : cfg.tied() ? new Parameter[] {obj.enc.weight(), obj.enc.bias(), obj.dec.bias()}
                : new Parameter[] {obj.enc.weight(), obj.enc.bias(), obj.dec.bias(), obj.dec.weight()}) {
            System.arraycopy(p.grad().data(), 0, analytic, off, p.size());
            off += p.size();
        }
        double[] num = GradientCheck.numericGradient(f, theta, 1e-5);
        double e = GradientCheck.relativeError(analytic, num);
        System.out.printf("autoencoder gradient %-32s %s rel %.2e norm-rel %.2e (J=%.4f, loss %.4f, KL %.4f, contraction %.4f)%n", name, path, e,
                GradientCheck.normRelativeError(analytic, num), j, obj.lastLoss, obj.lastSparsity, obj.lastContraction);
        assertTrue(e < 1e-4, name + " on " + path + ": relative error " + e + "\nanalytic " + Arrays.toString(analytic) + "\nnumeric " + Arrays.toString(num));
        return e;
    }

    private static void both(String name, AutoencoderConfig cfg) {
        check(name, cfg.toBuilder().path(Path.SCALAR).build(), Path.SCALAR);
        check(name, cfg.toBuilder().path(Path.defaultPath()).build(), Path.defaultPath());
    }

    @Test
    void tiedSquaredError() {
        both("tied sigmoid/sigmoid SE", AutoencoderConfig.builder(NH).build());
    }

    @Test
    void untiedCrossEntropy() {
        both("untied sigmoid/sigmoid CE", AutoencoderConfig.builder(NH).tied(false).loss(Loss.BINARY_CROSS_ENTROPY).build());
    }

    @Test
    void tanhEncoderLinearDecoder() {
        both("tied tanh/linear SE", AutoencoderConfig.builder(NH).encoder(Activation.TANH).decoder(Activation.LINEAR).build());
    }

    @Test
    void sparseKlPenalty() {
        both("sparse KL", AutoencoderConfig.builder(NH).sparsity(0.1, 0.5).build());
    }

    @Test
    void contractivePenalty() {
        both("contractive", AutoencoderConfig.builder(NH).contraction(0.3).build());
        both("contractive untied CE", AutoencoderConfig.builder(NH).tied(false).loss(Loss.BINARY_CROSS_ENTROPY).contraction(0.3).build());
    }

    @Test
    void allPenaltiesTogether() {
        both("sparse+contractive untied", AutoencoderConfig.builder(NH).tied(false).sparsity(0.2, 0.3).contraction(0.2).build());
    }
}
