package io.latentj.simd;

import io.latentj.simd.scalar.ScalarUpdates;
import io.latentj.simd.vector.VectorUpdates;

/**
 * Parameter updates of gradient-based training, fused so a step is one pass over memory. BLAS has no such kernels:
 * every path but {@link Path#SCALAR} runs the Vector API when it is available. The Vector and scalar versions use
 * the same operations in the same order, so they give identical results.
 */
public final class Updates {
    private Updates() {}

    /**
     * Classical momentum with L2 weight cost on n parameters: vel = mu·vel + lr·(grad − weightCost·w); w += vel.
     * Arrays must not overlap one another.
     */
    public static void momentum(Path path, int n, float mu, float lr, float weightCost, float[] grad, int gOff, float[] vel, int vOff, float[] w, int wOff) {
        Checks.notNull("path", path);
        Checks.vector("grad", grad, gOff, n);
        Checks.vector("vel", vel, vOff, n);
        Checks.vector("w", w, wOff, n);
        Checks.noOverlap("vel", vel, vOff, n, "grad", grad, gOff, n);
        Checks.noOverlap("w", w, wOff, n, "grad", grad, gOff, n);
        Checks.noOverlap("w", w, wOff, n, "vel", vel, vOff, n);
        if (path != Path.SCALAR && Capabilities.vectorApi()) VectorUpdates.momentum(n, mu, lr, weightCost, grad, gOff, vel, vOff, w, wOff);
        else ScalarUpdates.momentum(n, mu, lr, weightCost, grad, gOff, vel, vOff, w, wOff);
    }
}
