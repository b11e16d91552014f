package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One model family as the common contract test sees it: how to train a small instance from a seed, and how to save
 * and load it. Every model of the library adds one subject to {@link ContractSubjects#all()}.
 */
interface ContractSubject {
    String name();

    /** Training data the model accepts (rows × input size), small enough to train in a second. */
    FMatrix data();

    /** Trains a model with this seed. */
    Encoder fit(long seed, FMatrix data);

    /**
     * True when {@link #fit} trains on {@code data} itself, so NaN/Inf in it must be refused with row and column.
     * A model whose training data is not a matrix (the ratings of a softmax RBM) checks its own format instead.
     */
    default boolean trainsOnData() {
        return true;
    }

    /** False for a model without randomness (PCA): another seed cannot change its outputs. */
    default boolean seeded() {
        return true;
    }

    void save(Encoder model, Path file) throws IOException;

    Encoder load(Path file) throws IOException;
}
