package io.latentj.models.nn;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The MLP classifier: its backpropagated gradient against central differences of an independent double-precision
 * implementation (every activation, one and two hidden layers, both paths), that it learns a problem no linear
 * classifier can (XOR-like rings), that fine-tuning starts from the given layers, and its refusals.
 */
class MlpClassifierTest {
    static final int N = 7, D = 6, K = 3;

    /** Mean cross-entropy of the MLP in double; θ = (W₁, b₁, …, U, c) as the objective's parameters list them. */
    static double reference(int[] sizes, Activation f, double[] theta, double[] x, int[] y) {
        double[] in = x;
        int inCols = D, off = 0;
        for (int l = 0; l <= sizes.length; l++) {
            int out = l < sizes.length ? sizes[l] : K;
            double[] z = Ref.matmul(in, 0, N, inCols, theta, off, out, true);
            off += out * inCols;
            Ref.addBias(z, N, out, theta, off);
            off += out;
            in = l < sizes.length ? Ref.activate(f, z, N, out) : z;
            inCols = out;
        }
        double[] onehot = new double[N * K];
        for (int r = 0; r < N; r++) onehot[r * K + y[r]] = 1;
        return Ref.loss(Loss.SOFTMAX_CROSS_ENTROPY, in, onehot, N, K);
    }

    static double check(int[] sizes, Activation f, Path path) {
        SplittableRandom r = new SplittableRandom(31L * Arrays.hashCode(sizes) + f.ordinal());
        Dense[] layers = new Dense[sizes.length + 1];
        int in = D;
        for (int l = 0; l <= sizes.length; l++) {
            int out = l < sizes.length ? sizes[l] : K;
            layers[l] = Dense.of(in, out, l < sizes.length ? f : Activation.LINEAR);
            in = out;
        }
        MlpObjective obj = new MlpObjective(path, layers, N);
        int size = 0;
        for (Parameter p : obj.params) size += p.size();
        double[] theta = new double[size];
        int off = 0;
        for (Parameter p : obj.params) {
            for (int i = 0; i < p.size(); i++) {
                double v = r.nextGaussian() * 0.8;
                if (f == Activation.RELU) while (Math.abs(v) < 0.05) v = r.nextGaussian() * 0.8; // keep pre-activations off the kink
                p.value().data()[i] = (float) v;
                theta[off + i] = (float) v;
            }
            off += p.size();
        }
        double[] x = new double[N * D];
        FMatrix xf = FMatrix.zeros(N, D);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian());
            xf.data()[i] = (float) x[i];
        }
        int[] y = new int[N];
        for (int i = 0; i < N; i++) y[i] = r.nextInt(K);
        double j = obj.evaluate(xf, y, 0, true);
        GradientCheck.Objective fn = th -> reference(sizes, f, th, x, y);
        assertEquals(fn.value(theta), j, 1e-5 * Math.max(1, Math.abs(j)), "float loss matches the double reference");
        float[] analytic = new float[size];
        off = 0;
        for (Parameter p : obj.params) {
            System.arraycopy(p.grad().data(), 0, analytic, off, p.size());
            off += p.size();
        }
        double[] num = GradientCheck.numericGradient(fn, theta, 1e-5);
        // Per parameter array, the norm-wise relative error must be below 1e-4: a wrong block (a bias, one layer's
        // weight) shows however small its entries. Elementwise, entries that cancel to ~1e-6 in float carry the float
        // rounding of their ~1e-2 terms (a few 1e-8 absolute), so the elementwise bound is 1e-3 there.
        double e = 0;
        off = 0;
        for (Parameter p : obj.params) {
            float[] a = Arrays.copyOfRange(analytic, off, off + p.size());
            double[] nm = Arrays.copyOfRange(num, off, off + p.size());
            double pe = GradientCheck.normRelativeError(a, nm);
            assertTrue(pe < 1e-4, Arrays.toString(sizes) + " " + f + " on " + path + ", parameter " + off + "+" + p + ": norm-wise relative error " + pe
                    + "\nanalytic " + Arrays.toString(a) + "\nnumeric " + Arrays.toString(nm));
            e = Math.max(e, pe);
            off += p.size();
        }
        double elementwise = GradientCheck.relativeError(analytic, num);
        System.out.printf("MLP gradient %-8s %-8s %-6s per-parameter norm-rel %.2e, elementwise rel %.2e%n", Arrays.toString(sizes), f.id(), path, e, elementwise);
        assertTrue(elementwise < 1e-3, Arrays.toString(sizes) + " " + f + " on " + path + ": elementwise relative error " + elementwise);
        return e;
    }

    @Test
    void backpropagationMatchesCentralDifferences() {
        for (Path path : new Path[] {Path.SCALAR, Path.defaultPath()}) {
            for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.SOFTPLUS, Activation.LINEAR}) {
                check(new int[] {5}, f, path);
            }
            check(new int[] {5, 4}, Activation.SIGMOID, path);
            check(new int[] {4, 5}, Activation.TANH, path);
            check(new int[] {}, Activation.SIGMOID, path); // softmax regression
        }
    }

    /** Two classes on concentric rings in 2-D (with 3 noise columns): not linearly separable. */
    static FMatrix rings(int n, int[] labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(n, 5);
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
            double radius = (labels[i] == 0 ? 1.0 : 2.2) + 0.25 * r.nextGaussian(), angle = r.nextDouble() * 2 * Math.PI;
            x.set(i, 0, (float) (radius * Math.cos(angle)));
            x.set(i, 1, (float) (radius * Math.sin(angle)));
            for (int j = 2; j < 5; j++) x.set(i, j, (float) (0.3 * r.nextGaussian()));
        }
        return x;
    }

    @Test
    void learnsWhatNoLinearClassifierCan() {
        int[] y = new int[1000], yt = new int[500];
        FMatrix x = rings(1000, y, 1), xt = rings(500, yt, 2);
        MlpClassifier mlp = MlpClassifier.fit(MlpConfig.builder(16).learningRate(0.02).epochs(40).batchSize(50).seed(3).build(), x, y, 2);
        MlpClassifier linear = MlpClassifier.fit(MlpConfig.builder().learningRate(0.02).epochs(40).batchSize(50).seed(3).build(), x, y, 2);
        double a = mlp.accuracy(xt, yt), al = linear.accuracy(xt, yt);
        System.out.println("rings: MLP accuracy " + a + ", softmax regression " + al);
        assertTrue(a > 0.95, "MLP accuracy " + a);
        assertTrue(al < 0.75, "a linear classifier cannot separate rings, got " + al);
        FMatrix p = mlp.transform(xt);
        for (int i = 0; i < p.rows(); i++) assertEquals(1.0, p.get(i, 0) + p.get(i, 1), 1e-5);
        int[] pred = mlp.predict(xt);
        for (int i = 0; i < pred.length; i++) assertEquals(p.get(i, 1) > p.get(i, 0) ? 1 : 0, pred[i]);
    }

    @Test
    void fineTuningStartsFromThePretrainedLayersAndLeavesThemAlone() {
        int[] y = new int[200];
        FMatrix x = rings(200, y, 4);
        Dense pre = Dense.of(5, 8, Activation.SIGMOID);
        pre.initialise(Path.SCALAR, io.latentj.simd.Rng.of(9), 0.5f);
        float[] before = pre.weight().value().toArray();
        MlpConfig zero = MlpConfig.builder(8).hiddenActivation(Activation.SIGMOID).epochs(0).build();
        MlpClassifier m = MlpClassifier.fineTune(zero, List.of(pre), x, y, 2);
        assertArrayEquals(before, m.weights(0).data(), "no epochs: the hidden layer is the pre-trained one");
        MlpClassifier t = MlpClassifier.fineTune(zero.toBuilder().epochs(3).build(), List.of(pre), x, y, 2);
        assertArrayEquals(before, pre.weight().value().toArray(), "the given layer is not modified");
        assertFalse(Arrays.equals(before, t.weights(0).data()), "fine-tuning changes the copy");

        // a tied transpose is copied transposed
        Dense wide = Dense.of(8, 5, Activation.SIGMOID);
        wide.initialise(Path.SCALAR, io.latentj.simd.Rng.of(10), 0.5f);
        Dense tr = wide.tiedTranspose(Activation.SIGMOID); // 5 → 8
        MlpClassifier mt = MlpClassifier.fineTune(zero, List.of(tr), x, y, 2);
        for (int o = 0; o < 8; o++) for (int i = 0; i < 5; i++) assertEquals(wide.weight().value().get(i, o), mt.weights(0).get(o, i));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpClassifier.fineTune(MlpConfig.builder(9).hiddenActivation(Activation.SIGMOID).build(), List.of(pre), x, y, 2));
        assertTrue(e.getMessage().contains("5 → 8") && e.getMessage().contains("5 → 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MlpClassifier.fineTune(MlpConfig.builder(8, 4).hiddenActivation(Activation.SIGMOID).build(), List.of(pre), x, y, 2));
        assertTrue(e.getMessage().contains("1 pre-trained layers but the config has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MlpClassifier.fineTune(MlpConfig.builder(8).build(), List.of(pre), x, y, 2));
        assertTrue(e.getMessage().contains("activation sigmoid"), e.getMessage());
    }

    @Test
    void badInputsAreRefusedClearly() {
        int[] y = new int[50];
        FMatrix x = rings(50, y, 5);
        MlpConfig cfg = MlpConfig.builder(4).epochs(1).build();
        assertThrows(IllegalArgumentException.class, () -> MlpClassifier.fit(cfg, x, new int[49], 2));
        int[] bad = y.clone();
        bad[7] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpClassifier.fit(cfg, x, bad, 2));
        assertTrue(e.getMessage().contains("row 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MlpClassifier.fit(cfg, x, y, 1));
        FMatrix nan = x.copy();
        nan.set(11, 2, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> MlpClassifier.fit(cfg, nan, y, 2));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MlpConfig.builder(0));
        assertThrows(IllegalArgumentException.class, () -> MlpConfig.builder(3).hiddenActivation(Activation.SOFTMAX).build());
        assertThrows(IllegalArgumentException.class, () -> MlpConfig.builder(3).learningRate(0).build());
        MlpClassifier m = MlpClassifier.fit(cfg, x, y, 2);
        assertThrows(IllegalArgumentException.class, () -> m.predict(FMatrix.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> m.accuracy(x, new int[3]));
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir java.nio.file.Path dir) throws Exception {
        int[] y = new int[100];
        FMatrix x = rings(100, y, 6);
        MlpClassifier m = MlpClassifier.fit(MlpConfig.builder(7, 3).hiddenActivation(Activation.TANH).epochs(2).build(), x, y, 2);
        java.nio.file.Path f = dir.resolve("mlp.safetensors");
        m.save(f);
        MlpClassifier back = MlpClassifier.load(f);
        assertArrayEquals(m.transform(x).data(), back.transform(x).data());
        assertEquals(m.config().toMap(), back.config().toMap());
        assertEquals("MlpClassifier", io.latentj.models.ModelFiles.type(f));
        assertInstanceOf(MlpClassifier.class, io.latentj.models.ModelFiles.load(f));
    }
}
