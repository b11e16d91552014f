package io.latentj.models;

import io.latentj.simd.FMatrix;

/** A model that maps inputs back to the input space (decode(encode(x))): RBMs, autoencoders, PCA. */
public interface Reconstructor {
    /** The reconstruction of every row of {@code x}. */
    FMatrix reconstruct(FMatrix x);
}
