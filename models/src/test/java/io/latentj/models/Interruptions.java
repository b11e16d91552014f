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

    /**
     * A listener that throws {@link Crash} once epoch {@code epoch} has been reported (0: never) and asserts that the
     * first epoch it hears is {@code first}: a resumed run must start right after its checkpoint, not afresh.
     */
    public static TrainingListener crashAfter(int epoch, int first) {
        int[] seen = {-1};
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochReport r) {
                if (seen[0] < 0) org.junit.jupiter.api.Assertions.assertEquals(first, seen[0] = r.epoch(), "first epoch of this run");
                if (r.epoch() == epoch) throw new Crash(epoch);
            }
        };
    }

    /** A listener asserting that the first epoch it hears is {@code first} (a resumed run goes on from its checkpoint). */
    public static TrainingListener resumesAt(int first) {
        return crashAfter(0, first);
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
