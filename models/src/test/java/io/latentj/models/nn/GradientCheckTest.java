package io.latentj.models.nn;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The float layers, activations and losses against central finite differences of a double-precision reference
 * ({@link Ref}): elementwise relative error (GradientCheck.relativeError) below 1e-4 on the scalar and the default
 * path. Sizes are odd so the SIMD kernels run their masked tails.
 */
class GradientCheckTest {
    static final double H = 1e-5, TOL = 1e-4;
    static final int N = 5, IN = 7, OUT = 3;

    static Stream<Arguments> activationsAndPaths() {
        List<Arguments> a = new ArrayList<>();
        for (Path p : new Path[] {Path.SCALAR, Path.defaultPath()}) for (Activation f : Activation.values()) a.add(Arguments.of(f, p));
        return a.stream();
    }

    static double[] random(SplittableRandom r, int n, double scale) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        return d;
    }

    static void report(String what, float[] analytic, double[] numeric) {
        double e = GradientCheck.relativeError(analytic, numeric);
        System.out.printf("gradient check %-45s rel %.2e  norm-rel %.2e%n", what, e, GradientCheck.normRelativeError(analytic, numeric));
        assertTrue(e < TOL, what + ": relative error " + e);
    }

    /** θ = (W, b, X); objective Σ R ⊙ f(X Wᵀ + b) with a fixed random R, so dA = R. */
    @ParameterizedTest
    @MethodSource("activationsAndPaths")
    void denseLayerWithEachActivation(Activation f, Path path) {
        SplittableRandom r = new SplittableRandom(11 + f.ordinal());
        double[] theta = random(r, OUT * IN + OUT + N * IN, 1.0);
        double[] rr = random(r, N * OUT, 1.0);
        int wOff = 0, bOff = OUT * IN, xOff = bOff + OUT;
        GradientCheck.Objective obj = t -> {
            double[] z = Ref.matmul(t, xOff, N, IN, t, wOff, OUT, true);
            Ref.addBias(z, N, OUT, t, bOff);
            return Ref.dot(rr, Ref.activate(f, z, N, OUT));
        };
        Dense layer = Dense.of(IN, OUT, f);
        layer.weight().value().copyFrom(Ref.toF(theta, wOff, OUT, IN));
        layer.bias().value().copyFrom(Ref.toF(theta, bOff, 1, OUT));
        FMatrix x = Ref.toF(theta, xOff, N, IN), z = FMatrix.zeros(N, OUT), a = FMatrix.zeros(N, OUT), dz = FMatrix.zeros(N, OUT), dx = FMatrix.zeros(N, IN);
        layer.forward(path, x, z, a);
        assertEquals(obj.value(theta), Ref.dot(rr, Ref.of(a)), 1e-4, "float forward matches the double reference");
        layer.backward(path, x, z, a, Ref.toF(rr, 0, N, OUT), dz, dx);
        double[] num = GradientCheck.numericGradient(obj, theta, H);
        report("dense " + f.id() + " dW " + path, layer.weight().grad().toArray(), java.util.Arrays.copyOfRange(num, wOff, bOff));
        report("dense " + f.id() + " db " + path, layer.bias().grad().toArray(), java.util.Arrays.copyOfRange(num, bOff, xOff));
        report("dense " + f.id() + " dX " + path, dx.toArray(), java.util.Arrays.copyOfRange(num, xOff, num.length));
    }

    /**
     * A tied pair: H = σ(X Wᵀ + b), Y = g(H W + c), objective Σ R ⊙ Y; the encoder's and decoder's contributions to
     * dW must add up in the one shared gradient.
     */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "LINEAR", "TANH"})
    void tiedEncoderDecoderPair(Activation g) {
        for (Path path : new Path[] {Path.SCALAR, Path.defaultPath()}) {
            SplittableRandom r = new SplittableRandom(5);
            int hid = OUT;
            double[] theta = random(r, hid * IN + hid + IN + N * IN, 1.0);
            double[] rr = random(r, N * IN, 1.0);
            int wOff = 0, bOff = hid * IN, cOff = bOff + hid, xOff = cOff + IN;
            GradientCheck.Objective obj = t -> {
                double[] z1 = Ref.matmul(t, xOff, N, IN, t, wOff, hid, true);
                Ref.addBias(z1, N, hid, t, bOff);
                double[] h = Ref.activate(Activation.SIGMOID, z1, N, hid);
                double[] z2 = Ref.matmul(h, 0, N, hid, t, wOff, IN, false);
                Ref.addBias(z2, N, IN, t, cOff);
                return Ref.dot(rr, Ref.activate(g, z2, N, IN));
            };
            Dense enc = Dense.of(IN, hid, Activation.SIGMOID);
            Dense dec = enc.tiedTranspose(g);
            assertSame(enc.weight(), dec.weight());
            enc.weight().value().copyFrom(Ref.toF(theta, wOff, hid, IN));
            enc.bias().value().copyFrom(Ref.toF(theta, bOff, 1, hid));
            dec.bias().value().copyFrom(Ref.toF(theta, cOff, 1, IN));
            FMatrix x = Ref.toF(theta, xOff, N, IN);
            FMatrix z1 = FMatrix.zeros(N, hid), h = FMatrix.zeros(N, hid), z2 = FMatrix.zeros(N, IN), y = FMatrix.zeros(N, IN);
            enc.forward(path, x, z1, h);
            dec.forward(path, h, z2, y);
            FMatrix dz2 = FMatrix.zeros(N, IN), dh = FMatrix.zeros(N, hid), dz1 = FMatrix.zeros(N, hid), dx = FMatrix.zeros(N, IN);
            dec.backward(path, h, z2, y, Ref.toF(rr, 0, N, IN), dz2, dh);
            enc.backward(path, x, z1, h, dh, dz1, dx);
            double[] num = GradientCheck.numericGradient(obj, theta, H);
            report("tied " + g.id() + " dW " + path, enc.weight().grad().toArray(), java.util.Arrays.copyOfRange(num, wOff, bOff));
            report("tied " + g.id() + " db " + path, enc.bias().grad().toArray(), java.util.Arrays.copyOfRange(num, bOff, cOff));
            report("tied " + g.id() + " dc " + path, dec.bias().grad().toArray(), java.util.Arrays.copyOfRange(num, cOff, xOff));
            report("tied " + g.id() + " dX " + path, dx.toArray(), java.util.Arrays.copyOfRange(num, xOff, num.length));
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void eachLoss(Loss loss) {
        for (Path path : new Path[] {Path.SCALAR, Path.defaultPath()}) {
            SplittableRandom r = new SplittableRandom(7 + loss.ordinal());
            double[] z = random(r, N * IN, 3.0);
            double[] t = new double[N * IN];
            for (int i = 0; i < t.length; i++) t[i] = (float) r.nextDouble();
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY) { // rows of t are distributions
                for (int row = 0; row < N; row++) {
                    double s = 0;
                    for (int c = 0; c < IN; c++) s += t[row * IN + c];
                    for (int c = 0; c < IN; c++) t[row * IN + c] /= s;
                }
            }
            FMatrix grad = FMatrix.zeros(N, IN);
            FMatrix tf = Ref.toF(t, 0, N, IN);
            double[] tq = Ref.of(tf); // the float targets, exactly
            double value = loss.evaluate(path, Ref.toF(z, 0, N, IN), tf, grad);
            GradientCheck.Objective obj = th -> Ref.loss(loss, th, tq, N, IN);
            assertEquals(obj.value(z), value, 1e-5 * Math.abs(value), "float loss matches the double reference");
            report("loss " + loss.id() + " " + path, grad.toArray(), GradientCheck.numericGradient(obj, z, H));
        }
    }

    @Test
    void crossEntropyIsStableForSaturatedLogits() {
        FMatrix z = FMatrix.wrap(new float[] {80f, -80f, 80f, -80f}, 1, 4), t = FMatrix.wrap(new float[] {1f, 0f, 0f, 1f}, 1, 4);
        FMatrix g = FMatrix.zeros(1, 4);
        double l = Loss.BINARY_CROSS_ENTROPY.evaluate(Path.defaultPath(), z, t, g);
        assertEquals(160.0, l, 1e-3); // two confident mistakes of 80 nats each, two ~0 terms: no Inf, no NaN
        assertArrayEquals(new float[] {0f, 0f, 1f, -1f}, g.toArray(), 1e-6f);
        double s = Loss.SOFTMAX_CROSS_ENTROPY.evaluate(Path.defaultPath(), FMatrix.wrap(new float[] {100f, -100f}, 1, 2),
                FMatrix.wrap(new float[] {0f, 1f}, 1, 2), null);
        assertEquals(200.0, s, 1e-3);
    }

    @Test
    void hingeRankingLoss() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 9;
        double[] theta = new double[2 * n];
        for (int i = 0; i < n; i++) { // margins away from the kink at 0: half active, half not
            theta[i] = (float) r.nextDouble();
            theta[n + i] = (float) (theta[i] + (i % 2 == 0 ? -1.5 : -0.5) + 0.2 * r.nextDouble());
        }
        GradientCheck.Objective obj = t -> {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.max(0, 1 - t[i] + t[n + i]);
            return s / n;
        };
        float[] s = new float[n], sc = new float[n], gs = new float[n], gc = new float[n];
        for (int i = 0; i < n; i++) { s[i] = (float) theta[i]; sc[i] = (float) theta[n + i]; }
        double l = HingeRanking.evaluate(s, sc, gs, gc);
        assertEquals(obj.value(theta), l, 1e-6);
        float[] both = new float[2 * n];
        System.arraycopy(gs, 0, both, 0, n);
        System.arraycopy(gc, 0, both, n, n);
        report("hinge ranking", both, GradientCheck.numericGradient(obj, theta, H));
        int active = 0;
        for (float v : gs) if (v != 0) active++;
        assertTrue(active > 0 && active < n, "both sides of the hinge are exercised");
    }

    @Test
    void badShapesAreRefused() {
        Dense d = Dense.of(4, 3, Activation.TANH);
        assertThrows(IllegalArgumentException.class, () -> d.forward(Path.SCALAR, FMatrix.zeros(2, 5), FMatrix.zeros(2, 3), FMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> d.forward(Path.SCALAR, FMatrix.zeros(2, 4), FMatrix.zeros(3, 3), FMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Loss.SQUARED_ERROR.evaluate(Path.SCALAR, FMatrix.zeros(2, 3), FMatrix.zeros(2, 4), null));
        assertThrows(IllegalArgumentException.class, () -> d.tiedTranspose(Activation.LINEAR).tiedTranspose(Activation.LINEAR));
        assertThrows(IllegalArgumentException.class, () -> HingeRanking.evaluate(new float[2], new float[3], null, null));
    }
}
