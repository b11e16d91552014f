package io.latentj.simd.scalar;

/**
 * The pointwise part of one LSTM step for one sequence (the reference). A row of gates holds the four blocks
 * [f | i | g | o] of {@code n} units each: forget, input, candidate c̃ and output gate.
 */
public final class ScalarRecurrent {
    private ScalarRecurrent() {}

    /**
     * Gate pre-activations z → activations (in place): f = σ(z_f), i = σ(z_i), g = tanh(z_g), o = σ(z_o); then
     * c = f ⊙ cPrev + i ⊙ g and h = o ⊙ tanh(c). {@code c} may be {@code cPrev} (in place).
     */
    public static void lstmForward(int n, float[] z, int zOff, float[] cPrev, int cpOff, float[] c, int cOff, float[] h, int hOff) {
        for (int j = 0; j < n; j++) {
            float f = ScalarElementwise.sigmoid(z[zOff + j]);
            float i = ScalarElementwise.sigmoid(z[zOff + n + j]);
            float g = (float) Math.tanh(z[zOff + 2 * n + j]);
            float o = ScalarElementwise.sigmoid(z[zOff + 3 * n + j]);
            float ct = f * cPrev[cpOff + j] + i * g;
            z[zOff + j] = f;
            z[zOff + n + j] = i;
            z[zOff + 2 * n + j] = g;
            z[zOff + 3 * n + j] = o;
            c[cOff + j] = ct;
            h[hOff + j] = o * (float) Math.tanh(ct);
        }
    }

    /**
     * Backward through one step, from the gate activations a = [f | i | g | o], c_{t−1}, c_t, the gradient dh of
     * h_t and dc of c_t from later steps: with τ = tanh(c_t) and δc = dc + dh ⊙ o ⊙ (1 − τ²),
     * dz_f = δc ⊙ c_{t−1} ⊙ f(1 − f), dz_i = δc ⊙ g ⊙ i(1 − i), dz_g = δc ⊙ i ⊙ (1 − g²), dz_o = dh ⊙ τ ⊙ o(1 − o),
     * and dc ← δc ⊙ f (the gradient of c_{t−1}, in place). {@code dz} may be {@code a} (in place).
     */
    public static void lstmBackward(int n, float[] a, int aOff, float[] cPrev, int cpOff, float[] c, int cOff,
                                    float[] dh, int dhOff, float[] dc, int dcOff, float[] dz, int dzOff) {
        for (int j = 0; j < n; j++) {
            float f = a[aOff + j], i = a[aOff + n + j], g = a[aOff + 2 * n + j], o = a[aOff + 3 * n + j];
            float tau = (float) Math.tanh(c[cOff + j]);
            float d = dh[dhOff + j];
            float dct = dc[dcOff + j] + d * o * (1f - tau * tau);
            dz[dzOff + j] = dct * cPrev[cpOff + j] * (f * (1f - f));
            dz[dzOff + n + j] = dct * g * (i * (1f - i));
            dz[dzOff + 2 * n + j] = dct * i * (1f - g * g);
            dz[dzOff + 3 * n + j] = d * tau * (o * (1f - o));
            dc[dcOff + j] = dct * f;
        }
    }

    /** {@link #lstmForward} that also keeps τ = tanh(c) in {@code tc} for the backward pass. */
    public static void lstmForward(int n, float[] z, int zOff, float[] cPrev, int cpOff, float[] c, int cOff, float[] tc, int tcOff, float[] h, int hOff) {
        for (int j = 0; j < n; j++) {
            float f = ScalarElementwise.sigmoid(z[zOff + j]);
            float i = ScalarElementwise.sigmoid(z[zOff + n + j]);
            float g = (float) Math.tanh(z[zOff + 2 * n + j]);
            float o = ScalarElementwise.sigmoid(z[zOff + 3 * n + j]);
            float ct = f * cPrev[cpOff + j] + i * g;
            float tau = (float) Math.tanh(ct);
            z[zOff + j] = f;
            z[zOff + n + j] = i;
            z[zOff + 2 * n + j] = g;
            z[zOff + 3 * n + j] = o;
            c[cOff + j] = ct;
            tc[tcOff + j] = tau;
            h[hOff + j] = o * tau;
        }
    }

    /** {@link #lstmBackward} from τ = tanh(c_t) kept by the forward pass instead of c_t: no transcendental. */
    public static void lstmBackwardWithTanh(int n, float[] a, int aOff, float[] cPrev, int cpOff, float[] tc, int tcOff,
                                            float[] dh, int dhOff, float[] dc, int dcOff, float[] dz, int dzOff) {
        for (int j = 0; j < n; j++) {
            float f = a[aOff + j], i = a[aOff + n + j], g = a[aOff + 2 * n + j], o = a[aOff + 3 * n + j];
            float tau = tc[tcOff + j];
            float d = dh[dhOff + j];
            float dct = dc[dcOff + j] + d * o * (1f - tau * tau);
            dz[dzOff + j] = dct * cPrev[cpOff + j] * (f * (1f - f));
            dz[dzOff + n + j] = dct * g * (i * (1f - i));
            dz[dzOff + 2 * n + j] = dct * i * (1f - g * g);
            dz[dzOff + 3 * n + j] = d * tau * (o * (1f - o));
            dc[dcOff + j] = dct * f;
        }
    }
}
