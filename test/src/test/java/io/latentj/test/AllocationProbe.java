package io.latentj.test;

import io.latentj.models.Encoder;
import io.latentj.simd.FMatrix;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Run by {@link ModelContractTest} in a fresh JVM, as a service runs a model: load the file, {@code warmUp()}, then
 * count what 10,000 {@code transformInto} calls allocate on this thread. Prints "allocated N" (bytes), the least of
 * five rounds. Arguments: the contract subject's name and the model file.
 */
public final class AllocationProbe {
    private AllocationProbe() {}

    public static void main(String[] args) throws Exception {
        ContractSubject s = ContractSubjects.all().stream().filter(c -> c.name().equals(args[0])).findFirst().orElseThrow();
        Encoder m = s.load(Path.of(args[1]));
        m.warmUp();
        FMatrix x = s.data();
        float[] in = x.row(1).toArray(), out = new float[m.outputSize()];
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId(), least = Long.MAX_VALUE;
        for (int round = 0; round < 5 && least > 0; round++) {
            long before = bean.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 10_000; i++) m.transformInto(in, 0, out, 0);
            least = Math.min(least, bean.getThreadAllocatedBytes(tid) - before);
        }
        System.out.println("allocated " + least);
    }
}
