package io.latentj.models.nn;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The optimisers on small problems whose answers are known, and their options (weight decay, clipping). */
class OptimizerTest {
    /** Minimises ½‖w − target‖² from 0 with the given optimiser; returns the final w. */
    private static float[] minimise(Optimizer opt, float[] target, int steps, double decay) {
        Parameter p = new Parameter("w", FMatrix.zeros(1, target.length), true);
        for (int s = 0; s < steps; s++) {
            float[] w = p.value().data(), g = p.grad().data();
            for (int i = 0; i < w.length; i++) g[i] = w[i] - target[i];
            opt.step(Path.defaultPath(), List.of(p));
        }
        return p.value().toArray();
    }

    private static final float[] TARGET = {1f, -2f, 0.5f, 3f, -0.25f};

    @Test
    void eachKindReachesTheMinimum() {
        for (Optimizer opt : new Optimizer[] {Optimizer.sgd(0.1, 0.9), Optimizer.adagrad(0.5), Optimizer.adam(0.05)}) {
            float[] w = minimise(opt, TARGET, 1500, 0);
            assertArrayEquals(TARGET, w, 1e-2f, opt.toString());
        }
    }

    @Test
    void sgdWithoutMomentumIsPlainGradientDescent() {
        Parameter p = new Parameter("w", FMatrix.wrap(new float[] {1f, 2f}, 1, 2), true);
        p.grad().data()[0] = 0.5f;
        p.grad().data()[1] = -1f;
        Optimizer.sgd(0.1, 0).withWeightDecay(0.2).step(Path.SCALAR, List.of(p));
        // w −= lr (g + λw)
        assertArrayEquals(new float[] {1f - 0.1f * (0.5f + 0.2f), 2f - 0.1f * (-1f + 0.4f)}, p.value().toArray(), 1e-6f);
    }

    @Test
    void weightDecayShrinksTheSolutionAndSparesBiases() {
        // minimum of ½‖w − t‖² + ½λ‖w‖² is t / (1 + λ)
        float[] w = minimise(Optimizer.sgd(0.1, 0.5).withWeightDecay(1.0), TARGET, 800, 1.0);
        for (int i = 0; i < w.length; i++) assertEquals(TARGET[i] / 2, w[i], 1e-3);
        Parameter bias = new Parameter("b", FMatrix.wrap(new float[] {1f}, 1, 1), false);
        Optimizer.sgd(0.1, 0).withWeightDecay(1.0).step(Path.SCALAR, List.of(bias)); // zero gradient, no decay
        assertEquals(1f, bias.value().get(0, 0));
    }

    @Test
    void clippingBoundsTheJointNorm() {
        Parameter a = new Parameter("a", FMatrix.zeros(1, 2), true), b = new Parameter("b", FMatrix.zeros(1, 1), false);
        a.grad().data()[0] = 3f;
        a.grad().data()[1] = 0f;
        b.grad().data()[0] = 4f; // joint norm 5
        double norm = Optimizer.clipGradients(Path.defaultPath(), List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-6);
        assertEquals(1.0, Optimizer.gradientNorm(Path.defaultPath(), List.of(a, b)), 1e-6);
        assertEquals(0.6f, a.grad().get(0, 0), 1e-6f);
        assertEquals(0.8f, b.grad().get(0, 0), 1e-6f);
        // a step with clipping at 1 moves by lr·(clipped gradient)
        a.grad().data()[0] = 30f;
        Optimizer.sgd(1.0, 0).withClipNorm(1.0).step(Path.SCALAR, List.of(a));
        assertEquals(-1f, a.value().get(0, 0), 1e-6f);
    }

    @Test
    void aStepTakenInSlicesIsExactlyTheWholeStep() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (Optimizer.Kind kind : Optimizer.Kind.values()) {
            for (Path path : new Path[] {Path.SCALAR, Path.AUTO}) {
                Optimizer whole = make(kind), sliced = make(kind);
                Parameter[] a = {new Parameter("w", FMatrix.zeros(7, 37), true), new Parameter("b", FMatrix.zeros(1, 37), false)};
                Parameter[] b = {new Parameter("w", FMatrix.zeros(7, 37), true), new Parameter("b", FMatrix.zeros(1, 37), false)};
                for (int k = 0; k < 2; k++) {
                    float[] v = a[k].value().data();
                    for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
                    b[k].value().copyFrom(a[k].value());
                }
                for (int step = 0; step < 4; step++) {
                    for (int k = 0; k < 2; k++) {
                        float[] g = a[k].grad().data();
                        for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
                        b[k].grad().copyFrom(a[k].grad());
                    }
                    whole.step(path, List.of(a));
                    sliced.beginStep(List.of(b));
                    // uneven slices with tails, in a scrambled order
                    sliced.stepSlice(path, b[0], 100, 259);
                    sliced.stepSlice(path, b[1], 17, 37);
                    sliced.stepSlice(path, b[0], 0, 100);
                    sliced.stepSlice(path, b[1], 0, 17);
                    for (int k = 0; k < 2; k++) {
                        assertArrayEquals(a[k].value().toArray(), b[k].value().toArray(), kind + " " + path + " step " + step + " " + a[k]);
                    }
                }
                assertEquals(whole.steps(), sliced.steps());
            }
        }
    }

    private static Optimizer make(Optimizer.Kind kind) {
        return switch (kind) {
            case SGD -> Optimizer.sgd(0.05, 0.9).withWeightDecay(0.01);
            case ADAGRAD -> Optimizer.adagrad(0.1).withWeightDecay(0.01);
            case ADAM -> Optimizer.adam(0.01).withWeightDecay(0.01);
        };
    }

    @Test
    void slicedStepsRefuseClippingUnknownParametersAndBadRanges() {
        Parameter p = new Parameter("w", FMatrix.zeros(2, 3), true), q = new Parameter("v", FMatrix.zeros(1, 2), true);
        assertThrows(IllegalStateException.class, () -> Optimizer.adam(0.1).withClipNorm(1).beginStep(List.of(p)));
        Optimizer o = Optimizer.adam(0.1);
        o.beginStep(List.of(p));
        assertThrows(IllegalStateException.class, () -> o.stepSlice(Path.AUTO, q, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> o.stepSlice(Path.AUTO, p, 0, 7));
        assertThrows(IllegalArgumentException.class, () -> o.stepSlice(Path.AUTO, p, 4, 2));
    }

    @Test
    void badHyperparametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(-1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adagrad(0.1).withWeightDecay(-1));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(0.1).withClipNorm(0));
    }
}
