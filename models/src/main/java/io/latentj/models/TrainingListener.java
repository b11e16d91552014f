package io.latentj.models;

/** Receives progress while a model trains; the CLI turns these calls into a progress bar and a training curve. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    /** After each minibatch; {@code batch} counts from 1 within the epoch. */
    default void onBatch(int epoch, int batch, int batches) {}

    /** After each epoch with its measurements. */
    default void onEpoch(EpochReport report) {}
}
