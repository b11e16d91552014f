package io.latentj.models.nn;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Sampling;
import io.latentj.simd.Trans;

/**
 * A fully connected layer over a minibatch X (one example per row): Z = X·Wᵀ + 1bᵀ, A = f(Z), with W stored
 * outputs × inputs. Backward accumulates dW += dZᵀX and db += colSums(dZ) into the parameters' gradients and
 * returns dX = dZ·W; every product is a GEMM.
 *
 * <p>A <em>tied</em> layer ({@link #tiedTranspose}) uses another layer's weight transposed: Z = X·W + 1cᵀ, with its
 * own bias c and the <em>same</em> {@link Parameter} for W, so its weight gradient Xᵀ·dZ accumulates into the
 * same gradient as the original layer's (the decoder of a tied autoencoder).
 *
 * <p>Layers are training objects: mutable (they own a small scratch vector), for one thread.
 */
public final class Dense {
    private final Parameter weight;
    private final Parameter bias;
    private final boolean transposed;
    private final Activation activation;
    private final float[] biasScratch;

    private Dense(Parameter weight, Parameter bias, boolean transposed, Activation activation) {
        if (activation == null) throw new IllegalArgumentException("activation must not be null");
        this.weight = weight;
        this.bias = bias;
        this.transposed = transposed;
        this.activation = activation;
        this.biasScratch = new float[bias.size()];
        int out = transposed ? weight.value().cols() : weight.value().rows();
        if (bias.value().rows() != 1 || bias.value().cols() != out) {
            throw new IllegalArgumentException("bias " + bias.value().shape() + " must be 1 × " + out);
        }
    }

    /** A layer of {@code inputs → outputs} units with zero weights and biases. */
    public static Dense of(int inputs, int outputs, Activation activation) {
        if (inputs < 1 || outputs < 1) throw new IllegalArgumentException("a layer needs at least one input and one output, got " + inputs + " → " + outputs);
        return new Dense(Parameter.zeros("weight", outputs, inputs, true), Parameter.zeros("bias", 1, outputs, false), false, activation);
    }

    /** A layer over existing parameters: weight outputs × inputs, bias 1 × outputs. */
    public static Dense of(Parameter weight, Parameter bias, Activation activation) {
        return new Dense(weight, bias, false, activation);
    }

    /**
     * The layer that maps this layer's outputs back to its inputs with the transposed weight, Z = X·W + c: it shares
     * this layer's weight parameter (and gradient) and has a new zero bias of this layer's input size.
     */
    public Dense tiedTranspose(Activation activation) {
        if (transposed) throw new IllegalArgumentException("the layer is already a transpose");
        return new Dense(weight, Parameter.zeros("tied_bias", 1, inputs(), false), true, activation);
    }

    public int inputs() { return transposed ? weight.value().rows() : weight.value().cols(); }
    public int outputs() { return transposed ? weight.value().cols() : weight.value().rows(); }
    public Parameter weight() { return weight; }
    public Parameter bias() { return bias; }
    public boolean isTransposed() { return transposed; }
    public Activation activation() { return activation; }

    /** Weights from N(0, std²) drawn from {@code rng}; biases unchanged. */
    public void initialise(Path path, Rng rng, float std) {
        Sampling.gaussian(path, rng, 0f, std, weight.value());
    }

    private void requireRows(String what, FMatrix m, int rows, int cols) {
        if (m == null) throw new IllegalArgumentException(what + " must not be null");
        if (m.rows() != rows || m.cols() != cols) {
            throw new IllegalArgumentException(what + " is " + m.shape() + ", the layer needs " + rows + "×" + cols);
        }
    }

    /** Z = X·op(W) + 1bᵀ. */
    public void preActivation(Path path, FMatrix x, FMatrix z) {
        if (x == null) throw new IllegalArgumentException("input must not be null");
        requireRows("input", x, x.rows(), inputs());
        requireRows("pre-activation", z, x.rows(), outputs());
        z.fillRows(bias.value().data(), 0);
        Linalg.gemm(path, Trans.N, transposed ? Trans.N : Trans.T, 1f, x, weight.value(), 1f, z);
    }

    /** Z = X·op(W) + 1bᵀ and A = f(Z) ({@code a} may be {@code z} when backward will not need Z). */
    public void forward(Path path, FMatrix x, FMatrix z, FMatrix a) {
        preActivation(path, x, z);
        requireRows("activation", a, x.rows(), outputs());
        activation.forward(path, z, a);
    }

    /**
     * Backward from dA: dZ = dA ⊙ f'(Z) (dz may be da), then {@link #backwardPreActivation}. {@code dx} may be
     * null when the input's gradient is not needed.
     */
    public void backward(Path path, FMatrix x, FMatrix z, FMatrix a, FMatrix da, FMatrix dz, FMatrix dx) {
        requireRows("activation gradient", da, x.rows(), outputs());
        requireRows("pre-activation gradient", dz, x.rows(), outputs());
        activation.backward(path, z, a, da, dz);
        backwardPreActivation(path, x, dz, dx);
    }

    /** Accumulates dW += dZᵀX (tied: XᵀdZ) and db += colSums(dZ); writes dX = dZ·W (tied: dZ·Wᵀ) unless dx is null. */
    public void backwardPreActivation(Path path, FMatrix x, FMatrix dz, FMatrix dx) {
        if (x == null) throw new IllegalArgumentException("input must not be null");
        requireRows("input", x, x.rows(), inputs());
        requireRows("pre-activation gradient", dz, x.rows(), outputs());
        if (transposed) Linalg.gemm(path, Trans.T, Trans.N, 1f, x, dz, 1f, weight.grad());
        else Linalg.gemm(path, Trans.T, Trans.N, 1f, dz, x, 1f, weight.grad());
        Linalg.colSums(path, dz, biasScratch, 0);
        Linalg.axpy(path, biasScratch.length, 1f, biasScratch, 0, bias.grad().data(), 0);
        if (dx != null) {
            requireRows("input gradient", dx, x.rows(), inputs());
            Linalg.gemm(path, Trans.N, transposed ? Trans.T : Trans.N, 1f, dz, weight.value(), 0f, dx);
        }
    }

    /** dX = dZ·W (tied: dZ·Wᵀ), overwriting dx: the input gradient alone (each row from the same row of dZ). */
    public void inputGradient(Path path, FMatrix dz, FMatrix dx) {
        requireRows("pre-activation gradient", dz, dz == null ? 0 : dz.rows(), outputs());
        requireRows("input gradient", dx, dz.rows(), inputs());
        Linalg.gemm(path, Trans.N, transposed ? Trans.T : Trans.N, 1f, dz, weight.value(), 0f, dx);
    }

    /**
     * Sets (does not accumulate) the gradient of output units [from, to): rows from … to−1 of dW become
     * dZ[:, from:to]ᵀ·X and db[from:to] the column sums of dZ[:, from:to]. Disjoint unit ranges write disjoint
     * memory, so the parts of one minibatch's gradient can be computed on different threads; the ranges of a
     * partition together give what {@link #backwardPreActivation} accumulates into zeroed gradients. Not for a
     * tied layer, whose weight gradient is shared.
     */
    public void setGradient(Path path, FMatrix x, FMatrix dz, int from, int to) {
        if (transposed) throw new IllegalStateException("a tied layer accumulates into a shared gradient: use backwardPreActivation");
        if (x == null) throw new IllegalArgumentException("input must not be null");
        requireRows("input", x, x.rows(), inputs());
        requireRows("pre-activation gradient", dz, x.rows(), outputs());
        if (from < 0 || to > outputs() || from > to) throw new IllegalArgumentException("units [" + from + ", " + to + ") outside 0.." + outputs());
        if (from == to) return;
        FMatrix dzUnits = dz.colRange(from, to);
        Linalg.gemm(path, Trans.T, Trans.N, 1f, dzUnits, x, 0f, weight.grad().rowRange(from, to));
        Linalg.colSums(path, dzUnits, bias.grad().data(), from);
    }

    /** Checks that {@code x} has this layer's input width and only finite values. */
    public void requireInput(Path path, String what, FMatrix x) {
        if (x == null) throw new IllegalArgumentException(what + " must not be null");
        if (x.cols() != inputs()) throw new IllegalArgumentException(what + " has " + x.cols() + " columns, the layer expects " + inputs());
        Elementwise.requireFinite(path, what, x);
    }

    @Override
    public String toString() {
        return "Dense[" + inputs() + " → " + outputs() + ", " + activation.id() + (transposed ? ", tied" : "") + "]";
    }
}
