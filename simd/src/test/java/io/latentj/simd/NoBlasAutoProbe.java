package io.latentj.simd;

import io.latentj.simd.AutoPolicy.Op;

/**
 * Run by {@link AutoPolicySelectionTest} with {@code -Dlatentj.openblas=none} and a policy whose thresholds are all
 * 0: auto must still never resolve to BLAS, and an AUTO GEMM must run. Prints "blas=…", "source=…" and "OK", or
 * exits with status 1.
 */
public final class NoBlasAutoProbe {
    private NoBlasAutoProbe() {}

    public static void main(String[] args) {
        System.out.println("blas=" + Capabilities.blas());
        System.out.println("source=" + AutoPolicy.source());
        for (int threads : new int[] {1, 2}) {
            Parallelism.setThreads(threads);
            for (Op op : Op.values()) {
                if (AutoPolicy.threshold(op) == 0 && threads > 1 && !op.mayUseThreads()) continue;
                Path p = AutoPolicy.resolve(Path.AUTO, op, 1L << 40);
                if (p == Path.BLAS) {
                    System.out.println("auto picked BLAS for " + op + " at " + threads + " threads without OpenBLAS");
                    System.exit(1);
                }
            }
        }
        FMatrix a = FMatrix.zeros(64, 64), b = FMatrix.zeros(64, 64), c = FMatrix.zeros(64, 64);
        a.data()[0] = 2f;
        b.data()[0] = 3f;
        Linalg.gemm(Path.AUTO, Trans.N, Trans.N, 1f, a, b, 0f, c);
        if (c.data()[0] != 6f) {
            System.out.println("AUTO gemm wrong: " + c.data()[0]);
            System.exit(1);
        }
        System.out.println("OK");
    }
}
