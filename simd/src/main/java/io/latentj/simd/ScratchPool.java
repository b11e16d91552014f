package io.latentj.simd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;

/**
 * A small lock-free pool of scratch objects (buffers a call needs while it runs), borrowed and released within one
 * call: {@code T s = pool.borrow(); try { ... } finally { pool.release(s); }}. It replaces per-thread scratch
 * ({@code ThreadLocal}), which a service running each request on a new virtual thread would rebuild for every request.
 *
 * <p>Steady state allocates nothing: {@link #borrow()} takes an object out of a fixed array of slots with one
 * compare-and-set, {@link #release(Object)} puts it back into a free slot. Only when more callers hold scratch at
 * the same time than the pool has ever seen does {@code borrow} make a new one (with the factory); {@code release}
 * keeps up to {@link #SLOTS} of them and drops the rest to the GC. Each borrowed object is used by one thread only, so
 * results do not depend on which object a call gets, provided the caller writes before it reads (as per-thread
 * scratch already required).
 *
 * <p>Every search starts at slot 0, whatever the thread: a call on a new thread then takes exactly the branches a
 * warmed-up thread takes. (A start that depended on the thread's id sent the first call on a new virtual thread down
 * a branch C2 had compiled as an uncommon trap, "the slot is never empty", which deoptimized the whole inference
 * path it was inlined into; until C2 recompiled it, every call ran interpreted and allocated.)
 */
public final class ScratchPool<T> {
    /** Slots per pool: more than the callers that usually run at the same time on a few cores. */
    static final int SLOTS = 32;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    private final Object[] slots = new Object[SLOTS];
    private final Supplier<? extends T> factory;

    private ScratchPool(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    /** A pool whose objects {@code factory} makes (when no pooled one is free). */
    public static <T> ScratchPool<T> of(Supplier<? extends T> factory) {
        if (factory == null) throw new IllegalArgumentException("factory must not be null");
        return new ScratchPool<>(factory);
    }

    /** A scratch object for the calling thread's exclusive use until it {@link #release}s it. */
    @SuppressWarnings("unchecked")
    public T borrow() {
        for (int i = 0; i < SLOTS; i++) {
            Object o = SLOT.getAcquire(slots, i);
            if (o != null && SLOT.compareAndSet(slots, i, o, (Object) null)) return (T) o;
        }
        return factory.get();
    }

    /** Gives back a scratch object this thread borrowed (and uses no longer); {@code null} is ignored. */
    public void release(T scratch) {
        if (scratch == null) return;
        for (int i = 0; i < SLOTS; i++) {
            if (SLOT.getAcquire(slots, i) == null && SLOT.compareAndSet(slots, i, (Object) null, (Object) scratch)) return;
        }
        // full: more scratch objects than slots were in use at once; this one goes to the GC
    }

    /** Scratch objects waiting in the pool (for tests). */
    int pooled() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) if (SLOT.getAcquire(slots, i) != null) n++;
        return n;
    }
}
