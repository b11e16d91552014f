package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.models.rnn.RecurrentNet;
import io.latentj.simd.FMatrix;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Run by {@link ModelContractTest} in a fresh JVM, as a service runs a model: load the file, {@code warmUp()}, then
 * count what {@code transformInto} allocates. Arguments: the contract subject's name, the model file, and the mode:
 *
 * <ul>
 * <li>{@code platform} (the default): 10,000 calls on this (platform) thread, counted by its own allocation counter.
 * Prints "allocated N" (bytes over the 10,000 calls), the least of five rounds.</li>
 * <li>{@code virtual}: each call on a new virtual thread, as a service with a virtual thread per request runs it;
 * then 10,000 calls on one (reused) virtual thread; for a {@link RecurrentNet}, also its streaming {@code step} with a
 * caller-owned state on a new virtual thread per call. Prints "allocated N" (the largest excess, in bytes over all
 * calls of one round) and one line per measurement.</li>
 * </ul>
 *
 * <p>How a virtual thread is measured: the per-thread counter ({@code getThreadAllocatedBytes}) answers -1 for a
 * virtual thread, but a virtual thread allocates in its carrier's TLAB and the carrier's counter counts it. So the
 * probe counts what every thread but the spawning one allocated: {@code getTotalThreadAllocatedBytes} (all platform
 * threads, live and terminated, carriers included) less the spawning thread's own counter. This JVM runs nothing
 * else, so that is what the carriers allocated. The spawning thread's side of a virtual thread (the Thread object,
 * its continuation, start and join) is left out that way; what a virtual thread costs its carrier by itself (mount,
 * unmount, termination) is measured by spawning the same number of virtual threads that do nothing, and subtracted.
 * Each figure is the least over rounds (a background thread, e.g. the JIT resolving a constant, can allocate once).
 */
public final class AllocationProbe {
    private AllocationProbe() {}

    private static final com.sun.management.ThreadMXBean BEAN = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        ContractSubject s = ContractSubjects.all().stream().filter(c -> c.name().equals(args[0])).findFirst().orElseThrow();
        Encoder m = s.load(Path.of(args[1]));
        String mode = args.length > 2 ? args[2] : "platform";
        m.warmUp();
        System.out.println("warmed up"); // a mark in the JIT's logs (bench/alloc-probe.sh passes -Xlog:deoptimization)
        FMatrix x = s.data();
        float[] in = x.row(1).toArray(), out = new float[m.outputSize()];
        if (mode.equals("platform")) {
            long tid = Thread.currentThread().threadId(), least = Long.MAX_VALUE;
            for (int round = 0; round < 5 && least > 0; round++) {
                long before = BEAN.getThreadAllocatedBytes(tid);
                for (int i = 0; i < 10_000; i++) m.transformInto(in, 0, out, 0);
                least = Math.min(least, BEAN.getThreadAllocatedBytes(tid) - before);
            }
            System.out.println("allocated " + least);
            if (least > 0) diagnose(() -> {
                for (int i = 0; i < 10_000; i++) m.transformInto(in, 0, out, 0);
            });
            return;
        }
        if (!mode.equals("virtual")) throw new IllegalArgumentException("mode: platform or virtual, got " + mode);
        Runnable nothing = () -> { };
        Runnable one = () -> m.transformInto(in, 0, out, 0);
        Runnable many = () -> {
            for (int i = 0; i < 10_000; i++) m.transformInto(in, 0, out, 0);
        };
        long worst = 0;
        worst = Math.max(worst, report("fresh virtual thread per transformInto, 2,000 calls", nothing, one, 2_000));
        worst = Math.max(worst, report("one reused virtual thread, 10,000 transformInto calls", nothing, many, 1));
        if (m instanceof RecurrentNet rnn) {
            RecurrentNet.State state = rnn.newState();
            float[] step = java.util.Arrays.copyOf(in, rnn.inputSize() / rnn.steps());
            for (int i = 0; i < 1_000; i++) rnn.step(state, step, 0);
            Runnable streaming = () -> {
                if (state.steps() > 1_000_000) state.reset();
                rnn.step(state, step, 0);
            };
            worst = Math.max(worst, report("fresh virtual thread per streaming step, 2,000 calls", nothing, streaming, 2_000));
        }
        System.out.println("allocated " + worst);
        if (worst > 0) diagnose(() -> {
            try {
                for (int i = 0; i < 2_000; i++) Thread.startVirtualThread(one).join();
                Thread.startVirtualThread(many).join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * With -Dprobe.diagnose=true, after an allocating measurement: records JFR allocation samples (with stacks) while
     * {@code again} repeats the calls, and prints the stacks that allocated most ("stack" lines), to tell a boxed
     * vector or the Vector API's Java fallback from the rest. Only after the measurement, so it cannot perturb it.
     */
    private static void diagnose(Runnable again) throws Exception {
        if (!Boolean.getBoolean("probe.diagnose")) return;
        // what was allocated: a class histogram of all objects, dead ones included (-all: no GC first), before and
        // after one more round (too little for a GC to run between, in general; a class that shrank is left out)
        java.util.Map<String, long[]> h0 = histogram();
        again.run();
        java.util.Map<String, long[]> h1 = histogram();
        h1.entrySet().stream().map(en -> {
            long[] o = h0.getOrDefault(en.getKey(), new long[2]);
            return java.util.Map.entry(en.getKey(), new long[] {en.getValue()[0] - o[0], en.getValue()[1] - o[1]});
        }).filter(en -> en.getValue()[1] > 0).sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(6)
                .forEach(en -> System.out.println("class " + en.getKey() + ": +" + en.getValue()[0] + " objects, +" + en.getValue()[1] + " bytes"));
        Path file = java.nio.file.Files.createTempFile("alloc-probe", ".jfr");
        try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
            r.enable("jdk.ObjectAllocationSample").withStackTrace().with("throttle", "10000/s");
            r.start();
            // JFR samples at TLAB refills: a few bytes per call may not refill a (large, warmed-up) TLAB in one round
            long until = System.nanoTime() + 3_000_000_000L;
            do again.run(); while (System.nanoTime() < until);
            r.stop();
            r.dump(file);
        }
        java.util.Map<String, Long> weight = new java.util.HashMap<>();
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
            if (e.getStackTrace() == null) continue;
            if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample")) continue;
            StringBuilder sb = new StringBuilder(e.getClass("objectClass").getName());
            for (var f : e.getStackTrace().getFrames().subList(0, Math.min(14, e.getStackTrace().getFrames().size()))) {
                sb.append("\n    ").append(f.getMethod().getType().getName()).append('.').append(f.getMethod().getName())
                        .append(" line ").append(f.getLineNumber()).append(" (").append(f.getType()).append(')');
            }
            weight.merge(sb.toString(), e.getLong("weight"), Long::sum);
        }
        java.nio.file.Files.deleteIfExists(file);
        System.out.println("diagnose: " + weight.size() + " distinct allocating stacks sampled");
        weight.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                .forEach(en -> System.out.println("stack (" + en.getValue() + " bytes sampled): " + en.getKey()));
    }

    private static java.util.Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[] {"-all"}}, new String[] {String[].class.getName()});
        java.util.Map<String, long[]> m = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length >= 4 && p[0].endsWith(":")) m.put(p[3], new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])});
        }
        return m;
    }

    /** Prints and returns the bytes {@code work} on {@code spawns} new virtual threads costs their carriers more than {@code nothing}. */
    private static long report(String what, Runnable nothing, Runnable work, int spawns) throws InterruptedException {
        for (int i = 0; i < 3; i++) { // warm the spawning path and the pool's carriers
            offSpawner(nothing, spawns);
            offSpawner(work, spawns);
        }
        long idle = Long.MAX_VALUE, busy = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            idle = Math.min(idle, offSpawner(nothing, spawns));
            busy = Math.min(busy, offSpawner(work, spawns));
            if (busy <= idle && round >= 2) break;
        }
        long excess = Math.max(0, busy - idle);
        System.out.println(what + ": carriers allocated " + busy + " bytes, " + idle + " for as many idle virtual threads; excess "
                + excess + " (" + (excess / (double) spawns) + " per spawn)");
        return excess;
    }

    /** Bytes allocated by all threads but this one while {@code spawns} virtual threads run {@code r} one after another. */
    private static long offSpawner(Runnable r, int spawns) throws InterruptedException {
        long total0 = BEAN.getTotalThreadAllocatedBytes(), own0 = BEAN.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < spawns; i++) Thread.startVirtualThread(r).join();
        long own1 = BEAN.getCurrentThreadAllocatedBytes(), total1 = BEAN.getTotalThreadAllocatedBytes();
        return (total1 - total0) - (own1 - own0);
    }
}
