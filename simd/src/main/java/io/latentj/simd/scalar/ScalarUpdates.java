package io.latentj.simd.scalar;

/** Reference parameter updates of gradient-based training. Arguments are validated by the facade. */
public final class ScalarUpdates {
    private ScalarUpdates() {}

    /**
     * Momentum step on n parameters: vel = mu·vel + lr·(grad − weightCost·w); w += vel. One pass over the four
     * arrays (grad read, vel and w read and written), where separate scal/axpy calls would make four.
     */
    public static void momentum(int n, float mu, float lr, float weightCost, float[] grad, int gOff, float[] vel, int vOff, float[] w, int wOff) {
        for (int i = 0; i < n; i++) {
            float v = mu * vel[vOff + i] + lr * (grad[gOff + i] - weightCost * w[wOff + i]);
            vel[vOff + i] = v;
            w[wOff + i] += v;
        }
    }
}
