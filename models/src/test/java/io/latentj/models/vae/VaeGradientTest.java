package io.latentj.models.vae;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.GradientCheck;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The negative ELBO's analytic gradient (VaeNetwork, float, fused kernels) against central differences of a plain
 * double-precision reference of the same objective, with the noise E held fixed: every weight and bias of encoder,
 * μ/log σ² layer and decoder, for Bernoulli and Gaussian decoders, several activations, 0 to 2 hidden layers, β ≠ 1.
 */
class VaeGradientTest {
    @ParameterizedTest(name = "{0} {1} hidden={2} beta={3} {4}")
    @CsvSource({
            "BERNOULLI, RELU, 5, 1, AUTO",
            "BERNOULLI, TANH, 5, 1, SCALAR",
            "BERNOULLI, SIGMOID, 6:4, 0.5, AUTO",
            "GAUSSIAN, SOFTPLUS, 5, 1, AUTO",
            "GAUSSIAN, TANH, '', 2, SCALAR",
            "BERNOULLI, TANH, 4:3, 1, SIMD",
    })
    void gradientMatchesCentralDifferences(VaeConfig.Likelihood lik, Activation f, String hidden, double beta, Path path) {
        int nv = 7, nz = 3, n = 4;
        int[] h = hidden.isEmpty() ? new int[0] : Arrays.stream(hidden.split(":")).mapToInt(Integer::parseInt).toArray();
        VaeConfig cfg = VaeConfig.builder(nz).hidden(h).activation(f).likelihood(lik).decoderStd(0.7).beta(beta).path(path).build();
        VaeNetwork net = new VaeNetwork(cfg, nv, n);
        VaeTrainer.initialise(net, Rng.of(3));
        SplittableRandom r = new SplittableRandom(11);
        for (Dense d : net.layers()) {
            float[] b = d.bias().value().data();
            for (int i = 0; i < b.length; i++) b[i] = (float) (r.nextDouble() - 0.5) * 0.4f;
        }
        // scale the stats layer a little so σ differs from 1 noticeably
        FMatrix x = FMatrix.zeros(n, nv);
        for (int i = 0; i < n; i++) for (int j = 0; j < nv; j++) x.set(i, j, lik == VaeConfig.Likelihood.BERNOULLI ? (float) r.nextDouble() : (float) r.nextGaussian());
        Sampling.gaussian(Path.SCALAR, Rng.of(5), 0f, 1f, net.noise(n));
        float[] eps = net.noise(n).toArray();

        double j = net.evaluate(x, true);
        List<Parameter> ps = net.params;
        int total = ps.stream().mapToInt(Parameter::size).sum();
        double[] theta = new double[total];
        float[] analytic = new float[total];
        int o = 0;
        for (Parameter p : ps) {
            float[] v = p.value().toArray(), g = p.grad().toArray();
            for (int i = 0; i < v.length; i++, o++) { theta[o] = v[i]; analytic[o] = g[i]; }
        }
        GradientCheck.Objective obj = th -> reference(cfg, h, nv, th, x, eps);
        assertEquals(obj.value(theta), j, 2e-5 * Math.max(1, Math.abs(j)), "float objective matches the double reference");
        double[] num = GradientCheck.numericGradient(obj, theta, 1e-5);
        double e = GradientCheck.relativeError(analytic, num);
        assertTrue(e < 2e-4, "relative error " + e + "\nanalytic " + Arrays.toString(analytic) + "\nnumeric " + Arrays.toString(num));
    }

    /** The gradient computed in row blocks and unit blocks on a Team of threads equals the one-call gradient. */
    @org.junit.jupiter.api.Test
    void gradientSplitOverATeamMatchesTheOneCallGradient() {
        int nv = 13, nz = 3, n = 11;
        VaeConfig cfg = VaeConfig.builder(nz).hidden(9, 5).activation(Activation.TANH).build();
        VaeNetwork net = new VaeNetwork(cfg, nv, n);
        VaeTrainer.initialise(net, Rng.of(4));
        SplittableRandom r = new SplittableRandom(12);
        FMatrix x = FMatrix.zeros(n, nv);
        for (int i = 0; i < n; i++) for (int j = 0; j < nv; j++) x.set(i, j, (float) r.nextDouble());
        Sampling.gaussian(Path.SCALAR, Rng.of(6), 0f, 1f, net.noise(n));
        double j = net.evaluate(x, true);
        List<float[]> whole = net.params.stream().map(p -> p.grad().toArray()).toList();
        for (Parameter p : net.params) p.grad().fill(7f); // stale: must be overwritten
        try (io.latentj.simd.Team team = io.latentj.simd.Team.of(3)) {
            team.run(p -> net.rows(x, n * p / 3, n * (p + 1) / 3, true, true));
            team.run(p -> net.parameterGradients(x, p, 3, null));
        }
        assertEquals(j, net.objective(n), 1e-6 * Math.abs(j));
        for (int k = 0; k < whole.size(); k++) assertArrayEquals(whole.get(k), net.params.get(k).grad().toArray(), 1e-6f, net.params.get(k).toString());
    }

    /** −ELBO (mean over rows) in double, written out plainly, parameters in VaeNetwork.params order. */
    static double reference(VaeConfig cfg, int[] h, int nv, double[] th, FMatrix x, float[] eps) {
        int nz = cfg.latent(), n = x.rows();
        int[] in = new int[2 * h.length + 2], out = new int[2 * h.length + 2];
        int li = 0;
        for (int i = 0; i < h.length; i++, li++) { in[li] = i == 0 ? nv : h[i - 1]; out[li] = h[i]; }
        in[li] = h.length == 0 ? nv : h[h.length - 1]; out[li++] = 2 * nz;
        for (int i = 0; i < h.length; i++, li++) { in[li] = i == 0 ? nz : h[h.length - i]; out[li] = h[h.length - 1 - i]; }
        in[li] = h.length == 0 ? nz : h[0]; out[li] = nv;
        int[] off = new int[in.length];
        int o = 0;
        for (int l = 0; l < in.length; l++) { off[l] = o; o += out[l] * in[l] + out[l]; }
        double total = 0, s = cfg.decoderStd();
        for (int r = 0; r < n; r++) {
            double[] a = new double[nv];
            for (int j = 0; j < nv; j++) a[j] = x.get(r, j);
            int l = 0;
            for (int i = 0; i < h.length; i++, l++) a = act(cfg.activation(), affine(th, off[l], in[l], out[l], a));
            double[] st = affine(th, off[l++], in[l - 1], out[l - 1], a);
            double kl = 0;
            double[] z = new double[nz];
            for (int k = 0; k < nz; k++) {
                double mu = st[k], lv = st[nz + k];
                z[k] = mu + Math.exp(lv / 2) * eps[r * nz + k];
                kl += 0.5 * (mu * mu + Math.exp(lv) - 1 - lv);
            }
            a = z;
            for (int i = 0; i < h.length; i++, l++) a = act(cfg.activation(), affine(th, off[l], in[l], out[l], a));
            double[] y = affine(th, off[l], in[l], out[l], a);
            double nll = 0;
            for (int j = 0; j < nv; j++) {
                double t = x.get(r, j);
                if (cfg.likelihood() == VaeConfig.Likelihood.BERNOULLI) {
                    nll += Math.max(y[j], 0) + Math.log1p(Math.exp(-Math.abs(y[j]))) - t * y[j];
                } else {
                    nll += 0.5 * (y[j] - t) * (y[j] - t) / (s * s) + 0.5 * Math.log(2 * Math.PI * s * s);
                }
            }
            total += nll + cfg.beta() * kl;
        }
        return total / n;
    }

    /** W·a + b with W [out, in] row-major at th[off], b after it. */
    private static double[] affine(double[] th, int off, int in, int out, double[] a) {
        double[] y = new double[out];
        for (int u = 0; u < out; u++) {
            double s = th[off + out * in + u];
            for (int i = 0; i < in; i++) s += th[off + u * in + i] * a[i];
            y[u] = s;
        }
        return y;
    }

    private static double[] act(Activation f, double[] z) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double v = z[i];
            a[i] = switch (f) {
                case RELU -> Math.max(v, 0);
                case TANH -> Math.tanh(v);
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case SOFTPLUS -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
                default -> throw new IllegalArgumentException();
            };
        }
        return a;
    }
}
