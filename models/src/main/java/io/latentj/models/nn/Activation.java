package io.latentj.models.nn;

import io.latentj.simd.Derivatives;
import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

/**
 * Activation functions of a layer over a minibatch (one example per row): forward a = f(z) and backward
 * dz = da ⊙ f'(z) (row-wise Jacobian product for softmax). Backward reads z and/or a, whichever gives the
 * derivative without re-evaluating a transcendental; {@code dz} may be {@code da} (in place).
 */
public enum Activation {
    /** σ(z) = 1 / (1 + e^(−z)); σ' = σ(1 − σ). */
    SIGMOID,
    /** tanh z; tanh' = 1 − tanh². */
    TANH,
    /** max(0, z); derivative 1 where z &gt; 0, else 0. */
    RELU,
    /** log(1 + e^z); derivative σ(z). */
    SOFTPLUS,
    /** z. */
    LINEAR,
    /** Row-wise e^(z_j) / Σ_k e^(z_k); backward dz_j = a_j (da_j − Σ_k a_k da_k). */
    SOFTMAX;

    /** a = f(z), same shape; {@code a} may be {@code z}. */
    public void forward(Path path, FMatrix z, FMatrix a) {
        switch (this) {
            case SIGMOID -> Elementwise.sigmoid(path, z, a);
            case TANH -> Elementwise.tanh(path, z, a);
            case RELU -> Elementwise.relu(path, z, a);
            case SOFTPLUS -> Elementwise.softplus(path, z, a);
            case LINEAR -> { if (!sameView(z, a)) a.copyFrom(z); }
            case SOFTMAX -> Elementwise.softmaxRows(path, z, a);
        }
    }

    /** dz = da ⊙ f'(z) (softmax: the row-wise Jacobian product), given the forward's z and a. */
    public void backward(Path path, FMatrix z, FMatrix a, FMatrix da, FMatrix dz) {
        switch (this) {
            case SIGMOID -> Derivatives.sigmoid(path, a, da, dz);
            case TANH -> Derivatives.tanh(path, a, da, dz);
            case RELU -> Derivatives.relu(path, z, da, dz);
            case SOFTPLUS -> {
                FMatrix s = sameView(da, dz) ? FMatrix.zeros(z.rows(), z.cols()) : dz;
                Elementwise.sigmoid(path, z, s);
                for (int r = 0; r < z.rows(); r++) {
                    Elementwise.mul(path, s.data(), s.rowOffset(r), da.data(), da.rowOffset(r), dz.data(), dz.rowOffset(r), z.cols());
                }
            }
            case LINEAR -> { if (!sameView(da, dz)) dz.copyFrom(da); }
            case SOFTMAX -> Derivatives.softmaxRows(path, a, da, dz);
        }
    }

    /** Name as written in model files: lower case. */
    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Parses {@link #id()} (any case). */
    public static Activation parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown activation '" + s + "': expected sigmoid, tanh, relu, softplus, linear or softmax");
        }
    }

    private static boolean sameView(FMatrix a, FMatrix b) {
        return a.data() == b.data() && a.offset() == b.offset() && a.rowStride() == b.rowStride();
    }
}
