package io.latentj.simd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A second core for one single-sample kernel that streams more memory than one core can read quickly (a GEMV over a
 * dictionary of megabytes): the work is cut in two parts, the caller runs part 0 and offers part 1 to one shared
 * helper thread. The handoff is a few memory writes, with no allocation and no lock:
 * <ul>
 * <li>the helper spins for {@value #SPIN_MICROS} µs after each part, so back-to-back calls find it awake; after that
 *     it parks, and the next call runs both parts itself and only wakes it for the calls that follow (a wake-up
 *     costs more than the part: measured, handing a part to a parked helper doubled the latency);</li>
 * <li>when the caller has finished part 0 and the helper has not yet started part 1 (asleep, descheduled, or busy
 *     with another caller's part), the caller takes part 1 back and runs it itself: a call is never slower than on
 *     one core by more than a few memory writes;</li>
 * <li>only one caller at a time can hand off; the others run both parts themselves.</li>
 * </ul>
 * Results do not depend on who ran which part (parts write disjoint outputs with the same kernel).
 *
 * <p><b>Off by default</b> ({@code -Dlatentj.assist=true} or {@link #setEnabled}): on a machine whose cores are
 * shared with other work the spinning helper competes with the caller, and measured tails got worse (see the
 * single-row rows of {@code bench/RESULTS.md}); it pays only with a core to spare.
 */
public final class Assist {
    private Assist() {}

    /** System property that turns the helper on for the kernels that offer it. */
    public static final String PROPERTY = "latentj.assist";

    private static volatile boolean enabled = Boolean.getBoolean(PROPERTY);

    /** Whether kernels that can split their work hand half of it to the helper. */
    public static boolean enabled() {
        return enabled;
    }

    /** Turns the helper on or off for the kernels that offer it (process-wide). */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Two parts of one piece of work, run as {@code run(0)} and {@code run(1)} in either order or at once. */
    public interface Task {
        void run(int part);
    }

    /** How long the helper keeps looking for work after a part before it parks. */
    static final int SPIN_MICROS = 200;

    private static final int IDLE = 0, CLAIMED = 1, POSTED = 2, RUNNING = 3, DONE = 4;

    private static final class Slot {
        volatile int state = IDLE;
        volatile boolean parked;
        Task task;
        Throwable failure;
    }

    private static final Slot SLOT = new Slot();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.privateLookupIn(Slot.class, MethodHandles.lookup()).findVarHandle(Slot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static volatile Thread helper;

    private static Thread helper() {
        Thread h = helper;
        if (h == null) {
            synchronized (Assist.class) {
                h = helper;
                if (h == null) {
                    h = new Thread(Assist::serve, "latentj-assist");
                    h.setDaemon(true);
                    h.start();
                    helper = h;
                }
            }
        }
        return h;
    }

    private static void serve() {
        Slot s = SLOT;
        long spinNanos = SPIN_MICROS * 1000L;
        while (true) {
            long until = System.nanoTime() + spinNanos;
            while (s.state != POSTED && System.nanoTime() < until) Thread.onSpinWait();
            if (s.state != POSTED) {
                s.parked = true;
                while (s.state != POSTED) LockSupport.park(Assist.class);
                s.parked = false;
            }
            if (STATE.compareAndSet(s, POSTED, RUNNING)) {
                try {
                    s.task.run(1);
                } catch (Throwable t) {
                    s.failure = t;
                }
                s.state = DONE;
            }
        }
    }

    /**
     * Takes the slot for a handoff. Not when the helper is asleep: waking it takes longer than the part, so the caller
     * runs both parts and only wakes it for the calls that follow. (Kept out of {@link #run}: a larger {@code run}
     * stopped C2 from keeping the kernel's vectors in registers.)
     */
    private static boolean claim(Slot s) {
        if (!STATE.compareAndSet(s, IDLE, CLAIMED)) return false;
        if (s.parked) {
            s.state = IDLE;
            LockSupport.unpark(helper());
            return false;
        }
        return true;
    }

    /**
     * Runs both parts of {@code task}: part 1 on the helper when {@code assisted} and the helper is free, else both on
     * the caller. Returns when both have finished; a failure of either part is rethrown on the caller.
     */
    public static void run(boolean assisted, Task task) {
        Slot s = SLOT;
        if (!assisted || !claim(s)) {
            task.run(0);
            task.run(1);
            return;
        }
        Thread h = helper();
        s.task = task;
        s.failure = null;
        s.state = POSTED;
        if (s.parked) LockSupport.unpark(h); // it parked just now
        Throwable mine = null;
        try {
            task.run(0);
        } catch (Throwable t) {
            mine = t;
        }
        if (STATE.compareAndSet(s, POSTED, CLAIMED)) { // the helper has not started it: take it back
            s.task = null;
            s.state = IDLE;
            if (mine == null) task.run(1);
        } else {
            while (s.state != DONE) Thread.onSpinWait();
            Throwable theirs = s.failure;
            s.failure = null;
            s.task = null;
            s.state = IDLE;
            if (mine == null && theirs != null) mine = theirs;
        }
        if (mine instanceof RuntimeException re) throw re;
        if (mine instanceof Error er) throw er;
        if (mine != null) throw new IllegalStateException(mine);
    }
}
