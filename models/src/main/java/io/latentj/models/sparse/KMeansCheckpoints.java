package io.latentj.models.sparse;

import io.latentj.models.Checkpointing;
import io.latentj.models.FitCheckpoints;
import io.latentj.models.TrainingListener;
import io.latentj.models.TrainingState;
import io.latentj.simd.FMatrix;

import java.util.Map;

/**
 * Checkpoints of k-means training (spherical and Lloyd's) through {@link FitCheckpoints}, one "epoch" per centroid
 * update: the centroids ({@code centroids} [k, d]), for Lloyd's algorithm the assignment the last update used
 * ({@code assignment} [n], centroid indices as floats: exact below 2²⁴), which its convergence test compares the next
 * one with, and the objective so far ({@code objective}). Seeding is the only random step and is not repeated on
 * resume; pre-processing (normalisation, whitening) is recomputed from the same data.
 */
final class KMeansCheckpoints {
    static final String TYPE = "KMeansDictionary-checkpoint";

    private final FitCheckpoints checkpoints;
    private int done;
    private double objective = Double.NaN;

    KMeansCheckpoints(KMeansConfig config, FMatrix data, TrainingListener listener, Checkpointing where) {
        checkpoints = FitCheckpoints.of(TYPE, config.toMap(), "iterations", config.iterations(), data, config.path(), listener, where);
    }

    boolean resuming() {
        return checkpoints.resuming();
    }

    /** The centroids (k × d) of the checkpoint; {@code assignment} (Lloyd, else null) gets the last assignment. */
    FMatrix restore(int k, int d, int[] assignment) {
        FMatrix dict = FMatrix.zeros(k, d);
        TrainingState.Layout layout = checkpoints.layout().matrix("centroids", dict);
        float[] a = assignment == null ? null : new float[assignment.length];
        if (a != null) layout.vector("assignment", a);
        TrainingState.Restored r = checkpoints.restore(layout);
        if (a != null) {
            for (int i = 0; i < a.length; i++) {
                if (!(a[i] >= 0 && a[i] < k && a[i] == (int) a[i])) {
                    throw new IllegalArgumentException("checkpoint " + r.file() + ": assignment " + i + " is " + a[i] + ", not a centroid index");
                }
                assignment[i] = (int) a[i];
            }
        }
        done = r.epochsDone();
        objective = r.values("objective")[0];
        return dict;
    }

    /** Updates done before this run (0 unless resumed). */
    int done() {
        return done;
    }

    /** The objective at the checkpoint (NaN unless resumed). */
    double objective() {
        return objective;
    }

    /**
     * After update {@code done} (1-based) to {@code dict}, made from {@code assignment} (null: spherical), with its
     * objective, computed only when a listener or a checkpoint wants it.
     */
    void after(int done, FMatrix dict, int[] assignment, String metric, java.util.function.DoubleSupplier objectiveOf) {
        boolean due = checkpoints.due(done);
        if (!due && !checkpoints.listening()) return;
        double objective = objectiveOf.getAsDouble();
        checkpoints.iteration(done, Map.of(metric, objective));
        if (!due) return;
        TrainingState.Layout layout = checkpoints.layout().matrix("centroids", dict);
        if (assignment != null) {
            float[] a = new float[assignment.length];
            for (int i = 0; i < a.length; i++) a[i] = assignment[i];
            layout.vector("assignment", a);
        }
        checkpoints.save(layout.state(done).putValues("objective", new double[] {objective}, 1), "k-means",
                "check the data for huge values", dict.data());
    }
}
