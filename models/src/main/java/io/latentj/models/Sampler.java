package io.latentj.models;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/** A generative model that draws samples of its inputs: RBMs by Gibbs sampling from noise. */
public interface Sampler {
    /** {@code n} samples after {@code steps} sampling steps; {@code mean}: conditional means instead of drawn states. */
    FMatrix sample(int n, int steps, Rng rng, boolean mean);
}
