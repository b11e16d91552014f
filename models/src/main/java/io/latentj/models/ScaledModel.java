package io.latentj.models;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;
import io.latentj.simd.ScratchPool;

/**
 * A model together with the {@link InputScaling} its training data went through: every input is scaled first, and
 * reconstructions and samples are mapped back to raw units. {@link ModelFiles#load} returns one for a model file that
 * records a scaling. It reconstructs and samples exactly when the wrapped model does ({@link #of} picks the class).
 * Immutable and thread-safe like the model it wraps; {@link #transformInto} allocates nothing (a pooled buffer
 * holds the scaled input).
 */
public class ScaledModel implements Encoder {
    private final InputScaling scaling;
    private final Encoder model;
    private final ScratchPool<float[]> scratch;

    private ScaledModel(InputScaling scaling, Encoder model) {
        this.scaling = scaling;
        this.model = model;
        if (scaling.features() >= 0 && scaling.features() != model.inputSize()) {
            throw new IllegalArgumentException("the input scaling has " + scaling.features() + " features, the model takes " + model.inputSize());
        }
        this.scratch = ScratchPool.of(() -> new float[model.inputSize()]);
    }

    /** The model with its input scaling, reconstructing and sampling when the model does; NONE returns the model. */
    public static Encoder of(InputScaling scaling, Encoder model) {
        if (scaling.isNone()) return model;
        if (model instanceof Reconstructor && model instanceof Sampler) return new Generative(scaling, model);
        if (model instanceof Reconstructor) return new Reconstructing(scaling, model);
        return new ScaledModel(scaling, model);
    }

    public InputScaling scaling() {
        return scaling;
    }

    /** The wrapped model, which expects scaled inputs. */
    public Encoder model() {
        return model;
    }

    @Override
    public int inputSize() {
        return model.inputSize();
    }

    @Override
    public int outputSize() {
        return model.outputSize();
    }

    @Override
    public FMatrix transform(FMatrix x) {
        return model.transform(scaling.apply(x));
    }

    @Override
    public void transformInto(float[] x, int xOff, float[] out, int outOff) {
        Inputs.requireSample(io.latentj.simd.Path.AUTO, x, xOff, inputSize(), out, outOff, outputSize());
        float[] s = scratch.borrow();
        try {
            scaling.applyInto(x, xOff, s, 0, s.length);
            model.transformInto(s, 0, out, outOff);
        } finally {
            scratch.release(s);
        }
    }

    @Override
    public String toString() {
        return model + " after " + scaling;
    }

    private static class Reconstructing extends ScaledModel implements Reconstructor {
        Reconstructing(InputScaling scaling, Encoder model) {
            super(scaling, model);
        }

        @Override
        public FMatrix reconstruct(FMatrix x) {
            return scaling().invert(((Reconstructor) model()).reconstruct(scaling().apply(x)));
        }
    }

    private static final class Generative extends Reconstructing implements Sampler {
        Generative(InputScaling scaling, Encoder model) {
            super(scaling, model);
        }

        @Override
        public FMatrix sample(int n, int steps, Rng rng, boolean mean) {
            return scaling().invert(((Sampler) model()).sample(n, steps, rng, mean));
        }
    }
}
