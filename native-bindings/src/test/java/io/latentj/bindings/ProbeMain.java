package io.latentj.bindings;

import io.latentj.bindings.cblas.cblas_h_critical;
import io.latentj.bindings.lapack.Lapack;

import java.lang.foreign.MemorySegment;

/** Child-JVM probe: prints what the loader decided, and that calls fail cleanly when it found nothing. */
public final class ProbeMain {
    private ProbeMain() {}

    public static void main(String[] args) {
        System.out.println("available=" + OpenBlas.isAvailable());
        System.out.println("source=" + OpenBlas.source().orElse("-"));
        System.out.println("reason=" + OpenBlas.unavailableReason().orElse("-"));
        if (!OpenBlas.isAvailable()) {
            try {
                float[] x = {1, 2};
                cblas_h_critical.cblas_sdot(2, MemorySegment.ofArray(x), 1, MemorySegment.ofArray(x), 1);
                System.out.println("cblas=no-exception");
            } catch (IllegalStateException e) {
                System.out.println("cblas=IllegalStateException");
            }
            try {
                Lapack.spotrf(true, 1, new float[] {1}, 0, 1);
                System.out.println("lapack=no-exception");
            } catch (IllegalStateException e) {
                System.out.println("lapack=IllegalStateException");
            }
        }
    }
}
