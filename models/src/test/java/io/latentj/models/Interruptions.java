package io.latentj.models;

/**
 * Listeners for the checkpoint tests of every trainer: a run interrupted right after an epoch (as a crash would), and
 * a count of the epochs a run reports (a resumed run reports only those after its checkpoint).
 */
public final class Interruptions {
    private Interruptions() {}

    /** What {@link #crashAfter}'s listener throws. */
    public static final class Crash extends RuntimeException {
        Crash(int epoch) {
            super("interrupted after epoch " + epoch);
        }
    }

    /** A listener that throws {@link Crash} once epoch {@code epoch} (1-based) has been reported. */
    public static TrainingListener crashAfter(int epoch) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                if (r.epoch() == epoch) throw new Crash(epoch);
            }
        };
    }

    /** Counts the epochs reported. */
    public static final class Epochs implements TrainingListener {
        public int count;

        @Override
        public void onEpoch(EpochReport r) {
            count++;
        }
    }
}
