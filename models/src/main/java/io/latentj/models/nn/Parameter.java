package io.latentj.models.nn;

import io.latentj.simd.FMatrix;

/**
 * A trainable array and its gradient, of the same shape (a bias is a 1 × n matrix). Layers accumulate into
 * {@link #grad()}; an {@link Optimizer} reads it and updates {@link #value()}. {@code decays} says whether L2
 * weight decay applies (weights yes, biases no). Mutable: owned by one training run on one thread.
 */
public final class Parameter {
    private final String name;
    private final FMatrix value;
    private final FMatrix grad;
    private final boolean decays;

    public Parameter(String name, FMatrix value, boolean decays) {
        if (name == null || value == null) throw new IllegalArgumentException("name and value must not be null");
        if (!value.isContiguous() || value.offset() != 0) {
            throw new IllegalArgumentException("parameter " + name + " must be a contiguous matrix at offset 0, got " + value);
        }
        this.name = name;
        this.value = value;
        this.grad = FMatrix.zeros(value.rows(), value.cols());
        this.decays = decays;
    }

    /** A zero parameter of the given shape. */
    public static Parameter zeros(String name, int rows, int cols, boolean decays) {
        return new Parameter(name, FMatrix.zeros(rows, cols), decays);
    }

    public String name() { return name; }
    public FMatrix value() { return value; }
    public FMatrix grad() { return grad; }
    public boolean decays() { return decays; }
    public int size() { return Math.toIntExact(value.size()); }

    /** Sets the gradient to zero (before accumulating a new minibatch). */
    public void zeroGrad() { grad.fill(0f); }

    @Override
    public String toString() { return "Parameter[" + name + " " + value.shape() + "]"; }
}
