package io.latentj.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed group of threads that runs the parts of a parallel section together: {@link #run(IntConsumer)} calls
 * {@code part.accept(p)} for p = 0 … size−1, part 0 on the caller's thread and each other part on one of the team's
 * own worker threads, and returns when all are done (a barrier). It is made for training loops that split every
 * minibatch into a few large pieces, many hundreds of sections a second: workers spin for a short while after a
 * section before they park, so that handing over the next one costs about a microsecond, not a thread wake-up.
 *
 * <p>While a team is open, each operation is meant to run on one thread inside its part: on a thread running a
 * part, {@link Parallelism#threads()} is 1 (so {@link Path#AUTO} and the SIMD GEMM stay serial), and OpenBLAS runs
 * every call on its caller's thread (its thread count is set to 1 until the last open team closes, then restored).
 *
 * <p>One caller at a time: {@code run} is not reentrant and must be called by one thread (the owner's). An
 * exception thrown by a part is rethrown by {@code run} after every part has finished. {@link #close()} stops the
 * workers; a team of size 1 has none and runs its single part directly.
 */
public final class Team implements AutoCloseable {
    /**
     * How long an idle worker spins for the next section before it parks: longer than the caller's work between
     * two sections of a training step (tens of microseconds), short enough not to burn a core others could use.
     */
    private static final long SPIN_NANOS = 50_000;
    /** Spins of the caller waiting for the workers before it yields its core (a worker may be waiting for it). */
    private static final int CALLER_SPINS = 1 << 11;

    /**
     * The threads (other than workers) now running a part: a team's caller inside {@link #run}, a {@link #serial} body.
     * Not a ThreadLocal: looking one up on a thread that never set it makes the thread's map, an allocation that a
     * service with a new virtual thread per request would pay on every call (through {@link Parallelism#threads()})
     * while any team is open. Few threads are marked at once; a full table falls back to a synchronized set.
     */
    private static final java.util.concurrent.atomic.AtomicReferenceArray<Thread> MARKED = new java.util.concurrent.atomic.AtomicReferenceArray<>(64);
    private static final java.util.Set<Thread> MARKED_OVERFLOW = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    private static final java.util.concurrent.atomic.AtomicInteger MARKED_OVERFLOWING = new java.util.concurrent.atomic.AtomicInteger();

    private final int size;
    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile IntConsumer task;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    private boolean running;

    private Team(int size) {
        this.size = size;
        this.workers = new Worker[size - 1];
        if (size > 1) {
            Parallelism.enterTeam();
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(i + 1);
                workers[i].start();
            }
        }
    }

    /** A team of {@code size} threads (the caller and size − 1 workers). */
    public static Team of(int size) {
        if (size < 1) throw new IllegalArgumentException("a team needs at least one thread, got " + size);
        return new Team(size);
    }

    /** A team as large as {@link Parallelism#threads()}. */
    public static Team ofConfiguredThreads() {
        return of(Parallelism.threads());
    }

    /** The number of parts each section has. */
    public int size() {
        return size;
    }

    /**
     * Runs {@code body} on the calling thread as a team of one: while it runs, {@link Parallelism#threads()} is 1 on
     * this thread and OpenBLAS runs every call on its caller's thread (as while any team is open). For a fit whose
     * operations are all too small to gain from threads: OpenBLAS's threads on GEMMs of a few MFLOP cost more than
     * they give and make the time erratic (a 10,000×50, 10-component Gaussian mixture: 0.063–0.086 s serial
     * against 0.085–0.196 s with two threads). Inside a team's part it simply runs the body.
     */
    public static <T> T serial(java.util.function.Supplier<T> body) {
        if (body == null) throw new IllegalArgumentException("body must not be null");
        if (inPart()) return body.get();
        Parallelism.enterTeam();
        mark();
        try {
            return body.get();
        } finally {
            unmark();
            Parallelism.leaveTeam();
        }
    }

    /** Whether the calling thread is running a part of some team's section. */
    static boolean inPart() {
        Thread t = Thread.currentThread();
        if (t instanceof Worker) return true;
        for (int i = 0; i < MARKED.length(); i++) if (MARKED.get(i) == t) return true;
        return MARKED_OVERFLOWING.get() > 0 && MARKED_OVERFLOW.contains(t);
    }

    /** Marks the calling thread as running a part; false if it already was (then the outer marker unmarks it). */
    private static boolean mark() {
        Thread t = Thread.currentThread();
        if (inPart()) return false;
        for (int i = 0; i < MARKED.length(); i++) if (MARKED.get(i) == null && MARKED.compareAndSet(i, null, t)) return true;
        MARKED_OVERFLOWING.incrementAndGet();
        MARKED_OVERFLOW.add(t);
        return true;
    }

    /** The calling thread no longer runs a part. */
    private static void unmark() {
        Thread t = Thread.currentThread();
        for (int i = 0; i < MARKED.length(); i++) {
            if (MARKED.get(i) == t) {
                MARKED.set(i, null);
                return;
            }
        }
        if (MARKED_OVERFLOW.remove(t)) MARKED_OVERFLOWING.decrementAndGet();
    }

    /**
     * Runs {@code part.accept(p)} for every p in 0 … size−1 at the same time (part 0 on the calling thread) and
     * returns when all have finished. Parts must not write the same memory, and must not call {@code run} again.
     */
    public void run(IntConsumer part) {
        if (part == null) throw new IllegalArgumentException("part must not be null");
        if (closed) throw new IllegalStateException("the team is closed");
        if (running) throw new IllegalStateException("Team.run is not reentrant");
        if (size == 1) {
            part.accept(0);
            return;
        }
        running = true;
        boolean marked = mark();
        try {
            failure = null;
            task = part;
            pending.set(size - 1);
            generation = generation + 1; // publishes task and pending to the workers
            for (Worker w : workers) LockSupport.unpark(w);
            Throwable own = null;
            try {
                part.accept(0);
            } catch (Throwable t) {
                own = t;
            }
            awaitWorkers();
            task = null;
            Throwable t = own != null ? own : failure;
            if (t != null) {
                if (own != null && failure != null && failure != own) own.addSuppressed(failure);
                if (t instanceof RuntimeException r) throw r;
                if (t instanceof Error e) throw e;
                throw new IllegalStateException("a team part failed", t);
            }
        } finally {
            if (marked) unmark();
            running = false;
        }
    }

    private void awaitWorkers() {
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < CALLER_SPINS) Thread.onSpinWait();
            else Thread.yield(); // a worker may be waiting for this core
        }
    }

    /** Stops the workers (after the section in progress, if any) and restores OpenBLAS's thread count. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (size == 1) return;
        for (Worker w : workers) LockSupport.unpark(w);
        for (Worker w : workers) {
            boolean interrupted = false;
            while (true) {
                try {
                    w.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        Parallelism.leaveTeam();
    }

    private final class Worker extends Thread {
        private final int index;

        Worker(int index) {
            super("latentj-team-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long spinStart = System.nanoTime();
                int spins = 0;
                while (generation == seen && !closed) {
                    if ((++spins & 63) != 0) {
                        Thread.onSpinWait();
                    } else if (System.nanoTime() - spinStart > SPIN_NANOS) {
                        LockSupport.park(this);
                    }
                }
                if (generation == seen) return; // closed
                seen = generation;
                IntConsumer t = task;
                try {
                    t.accept(index);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    pending.decrementAndGet();
                }
            }
        }
    }
}
