package io.latentj.models.gan;

import io.latentj.models.nn.Activation;
import io.latentj.models.nn.Dense;
import io.latentj.models.nn.Parameter;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron over minibatches of up to {@code maxRows} rows: hidden layers with one activation, an
 * output layer with another; forward keeps every layer's pre-activation and activation for backward. Buffers are
 * allocated once. Mutable: one thread.
 */
final class Mlp {
    final Dense[] layers;
    final List<Parameter> params;
    private final Path path;
    private final FMatrix[] z, a, d;
    private FMatrix input;
    private int rows;

    /** Layers inputs → sizes… → outputs over the given [weight, bias] pairs (used as they are), or zero ones when null. */
    Mlp(Path path, int inputs, int[] hidden, int outputs, Activation f, Activation outF, int maxRows, List<FMatrix[]> weights) {
        this.path = path;
        layers = new Dense[hidden.length + 1];
        for (int i = 0; i <= hidden.length; i++) {
            int in = i == 0 ? inputs : hidden[i - 1], out = i == hidden.length ? outputs : hidden[i];
            Activation act = i == hidden.length ? outF : f;
            if (weights == null) layers[i] = Dense.of(in, out, act);
            else layers[i] = Dense.of(new Parameter("weight", weights.get(i)[0], true), new Parameter("bias", weights.get(i)[1], false), act);
            if (layers[i].inputs() != in || layers[i].outputs() != out) {
                throw new IllegalArgumentException("layer " + i + " is " + layers[i] + ", expected " + in + " → " + out);
            }
        }
        List<Parameter> p = new ArrayList<>();
        for (Dense l : layers) { p.add(l.weight()); p.add(l.bias()); }
        params = List.copyOf(p);
        z = new FMatrix[layers.length];
        a = new FMatrix[layers.length];
        d = new FMatrix[layers.length];
        for (int i = 0; i < layers.length; i++) {
            z[i] = FMatrix.zeros(maxRows, layers[i].outputs());
            a[i] = FMatrix.zeros(maxRows, layers[i].outputs());
            d[i] = FMatrix.zeros(maxRows, layers[i].outputs());
        }
    }

    int inputs() { return layers[0].inputs(); }
    int outputs() { return layers[layers.length - 1].outputs(); }

    /** Weights N(0, std²), std = 1/√fan-in unless {@code std} &gt; 0. */
    void initialise(Rng rng, double std) {
        for (Dense l : layers) l.initialise(path, rng, (float) (std > 0 ? std : 1 / Math.sqrt(l.inputs())));
    }

    /** The output for the rows of x (a view into this MLP's buffer, valid until the next forward). */
    FMatrix forward(FMatrix x) {
        input = x;
        rows = x.rows();
        FMatrix in = x;
        for (int i = 0; i < layers.length; i++) {
            FMatrix zb = z[i].rowRange(0, rows), ab = a[i].rowRange(0, rows);
            layers[i].forward(path, in, zb, ab);
            in = ab;
        }
        return in;
    }

    /** The gradient buffer of the output activation for the last forward's rows: fill it, then {@link #backward}. */
    FMatrix outputGradient() { return d[layers.length - 1].rowRange(0, rows); }

    /**
     * Back from {@link #outputGradient()}: accumulates into the parameters' gradients and, when {@code dx} is not
     * null, writes the gradient with respect to the last forward's input.
     */
    void backward(FMatrix dx) {
        for (int i = layers.length - 1; i >= 0; i--) {
            FMatrix in = i == 0 ? input : a[i - 1].rowRange(0, rows), di = d[i].rowRange(0, rows);
            layers[i].backward(path, in, z[i].rowRange(0, rows), a[i].rowRange(0, rows), di, di, i == 0 ? dx : d[i - 1].rowRange(0, rows));
        }
    }

    void zeroGrad() { for (Parameter p : params) p.zeroGrad(); }

    List<FMatrix[]> snapshot() {
        List<FMatrix[]> l = new ArrayList<>();
        for (Dense d : layers) l.add(new FMatrix[] {d.weight().value().copy(), d.bias().value().copy()});
        return l;
    }
}
