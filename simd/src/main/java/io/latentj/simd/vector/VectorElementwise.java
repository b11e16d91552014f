package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API elementwise kernels. Same contract as ScalarElementwise: {@code out[outOff+i] = f(x[xOff+i])},
 * in-place use allowed, NaN handled as the reference does.
 *
 * <p>Transcendentals and lane sums come from {@link VectorMath}, never {@code lanewise(EXP/LOG/LOG1P/TANH)} or float
 * {@code reduceLanes(ADD)}: those round differently interpreted, C1- and C2-compiled, and a model must give the same
 * bits whatever tier runs it (VectorTierConsistencyTest). Each kernel is its own loop with its operators written at
 * the call site (constants): a shared helper taking the operator as a parameter defeats C2's intrinsics.
 * Vector {@code max}/{@code min} are not used to clamp at zero; the NaN-keeping clamps are a compare and a blend,
 * like the reference's {@code v > 0 ? v : (v == v ? 0 : v)}.
 */
public final class VectorElementwise {
    private VectorElementwise() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** 1 / (1 + e^(−x)): ±large → 1 / 0 exactly (e^(−x) = 0 or ∞), no NaN. */
    public static void sigmoid(int n, float[] x, int xOff, float[] out, int outOff) {
        // one masked loop: a single call site, so C2 inlines the math once (a separate tail call site was at times left
        // out of line by C2, boxing vectors: ~290 bytes allocated per call)
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            sigmoid(FloatVector.fromArray(S, x, xOff + i, mk)).intoArray(out, outOff + i, mk);
        }
    }

    static FloatVector sigmoid(FloatVector v) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(VectorMath.exp(v.neg()).add(one));
    }

    public static void tanh(int n, float[] x, int xOff, float[] out, int outOff) {
        // one masked loop: a single call site, so C2 inlines the math once (a separate tail call site was at times left
        // out of line by C2, boxing vectors: ~290 bytes allocated per call)
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            VectorMath.tanh(FloatVector.fromArray(S, x, xOff + i, mk)).intoArray(out, outOff + i, mk);
        }
    }

    /**
     * max(x, 0) + log1p(e^(−|x|)): never overflows; NaN → NaN (the log1p term is NaN). One loop with a mask on every
     * step, so the body (exp + log) is inlined once: as a separate helper it was C2-compiled on its own into a method
     * too big to inline into the loop ("already compiled into a big method"), and every vector was boxed (5× slower).
     */
    public static void softplus(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, mk);
            FloatVector pos = v.blend(0f, v.compare(VectorOperators.LT, 0f)); // max(v, 0) with NaN kept
            pos.add(VectorMath.log1pUnit(VectorMath.expNonPositive(v.abs().neg()))).intoArray(out, outOff + i, mk);
        }
    }

    /** max(0, x); NaN stays NaN; −0 → +0 as in the reference. */
    public static void relu(int n, float[] x, int xOff, float[] out, int outOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, mk);
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(out, outOff + i, mk);
        }
    }

    /** One-vector pads for the tails of exp and log: pooled, not per thread (see ScratchPool). */
    private static final io.latentj.simd.ScratchPool<float[]> TAIL = io.latentj.simd.ScratchPool.of(() -> new float[S.length()]);

    /** A borrowed one-vector buffer holding x[off..off+len) followed by zeros (len &lt; one vector); give it back with {@link #untail}. */
    private static float[] tail(float[] x, int off, int len) {
        float[] pad = TAIL.borrow();
        System.arraycopy(x, off, pad, 0, len);
        java.util.Arrays.fill(pad, len, pad.length, 0f);
        return pad;
    }

    /** Copies the tail's len results to out[off..off+len) and gives the pad back. */
    private static void untail(float[] pad, float[] out, int off, int len) {
        System.arraycopy(pad, 0, out, off, len);
        TAIL.release(pad);
    }

    public static void exp(int n, float[] x, int xOff, float[] out, int outOff) {
        // one loop, so one call site and C2 inlines the math once (a separate tail call site was at times left out of
        // line by C2, boxing vectors: ~290 bytes allocated per call); the tail goes through a padded buffer instead of
        // masks (a masked load reaching past the array's end was at times compiled to the Java fallback, which
        // allocates: ~190 bytes per single-sample call)
        float[] pad = null;
        for (int i = 0; i < n; i += L) {
            boolean whole = i <= n - L;
            if (!whole) pad = tail(x, xOff + i, n - i);
            VectorMath.exp(FloatVector.fromArray(S, whole ? x : pad, whole ? xOff + i : 0)).intoArray(whole ? out : pad, whole ? outOff + i : 0);
            if (!whole) untail(pad, out, outOff + i, n - i);
        }
    }

    public static void log(int n, float[] x, int xOff, float[] out, int outOff) {
        // one loop, so one call site and C2 inlines the math once (a separate tail call site was at times left out of
        // line by C2, boxing vectors: ~290 bytes allocated per call); the tail goes through a padded buffer instead of
        // masks (a masked load reaching past the array's end was at times compiled to the Java fallback, which
        // allocates: ~190 bytes per single-sample call)
        float[] pad = null;
        for (int i = 0; i < n; i += L) {
            boolean whole = i <= n - L;
            if (!whole) pad = tail(x, xOff + i, n - i);
            VectorMath.log(FloatVector.fromArray(S, whole ? x : pad, whole ? xOff + i : 0)).intoArray(whole ? out : pad, whole ? outOff + i : 0);
            if (!whole) untail(pad, out, outOff + i, n - i);
        }
    }

    /** max(0, x − alpha); NaN stays NaN. */
    public static void softThreshold(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i).sub(alpha);
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, mk).sub(alpha);
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(out, outOff + i, mk);
        }
    }

    /** sign(x)·max(|x| − lambda, 0); NaN stays NaN. */
    public static void shrink(int n, float lambda, float[] x, int xOff, float[] out, int outOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) shrink(FloatVector.fromArray(S, x, xOff + i), lambda).intoArray(out, outOff + i);
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            shrink(FloatVector.fromArray(S, x, xOff + i, mk), lambda).intoArray(out, outOff + i, mk);
        }
    }

    private static FloatVector shrink(FloatVector v, float lambda) {
        FloatVector r = v.abs().sub(lambda);
        // copySign(r, v) for r > 0: OR v's sign bit into r
        IntVector sign = v.reinterpretAsInts().and(0x80000000);
        FloatVector signed = r.reinterpretAsInts().or(sign).reinterpretAsFloats();
        return signed.blend(0f, r.compare(VectorOperators.LE, 0f)); // r ≤ 0 → 0; r NaN → NaN (sign ignored)
    }

    /**
     * Row-wise softmax: row maximum (NaN-propagating, as Math.max), e = exp(a − max) stored with its sum, then scaled
     * by 1/sum. A row of all −∞ gives 0/0 = NaN, as the reference.
     */
    public static void softmaxRows(int m, int n, float[] a, int aOff, int lda, float[] o, int oOff, int ldo) {
        int ub = S.loopBound(n);
        VectorMask<Float> tail = S.indexInRange(ub, n);
        boolean hasTail = ub < n;
        for (int r = 0; r < m; r++) {
            int ai = aOff + r * lda, oi = oOff + r * ldo;
            float max = rowMax(n, a, ai);
            if (max == Float.NEGATIVE_INFINITY) max = 0f;
            float inv = 1f / expStoreRow(n, a, ai, max, o, oi);
            for (int j = 0; j < ub; j += L) FloatVector.fromArray(S, o, oi + j).mul(inv).intoArray(o, oi + j);
            if (hasTail) FloatVector.fromArray(S, o, oi + ub, tail).mul(inv).intoArray(o, oi + ub, tail);
        }
    }

    /** out[i] = log Σ_j exp(A[i][j]), max factored out; −∞ row (or empty) → −∞, +∞ → +∞, NaN → NaN. */
    public static void logSumExpRows(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        for (int r = 0; r < m; r++) {
            int ai = aOff + r * lda;
            float max = rowMax(n, a, ai);
            if (max == Float.NEGATIVE_INFINITY || max == Float.POSITIVE_INFINITY || max != max) {
                out[outOff + r] = max;
                continue;
            }
            out[outOff + r] = max + (float) Math.log(expSumRow(n, a, ai, max));
        }
    }

    /**
     * Σ_j e^(a[ai+j] − max) over n elements. One loop with a mask on every step, so VectorMath.exp is inlined once:
     * with unrolled copies and a separate tail C2 ran out of its inlining node budget, left some copies as calls on
     * boxed vectors, and logSumExpRows got 2× slower.
     */
    private static float expSumRow(int n, float[] a, int ai, float max) {
        FloatVector s = FloatVector.zero(S);
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mk = S.indexInRange(j, n);
            s = s.add(VectorMath.exp(FloatVector.fromArray(S, a, ai + j, mk).sub(max)), mk);
        }
        return VectorMath.sum(s);
    }

    /** As {@link #expSumRow}, also storing the terms to o[oi..]. */
    private static float expStoreRow(int n, float[] a, int ai, float max, float[] o, int oi) {
        FloatVector s = FloatVector.zero(S);
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mk = S.indexInRange(j, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, a, ai + j, mk).sub(max));
            e.intoArray(o, oi + j, mk);
            s = s.add(e, mk);
        }
        return VectorMath.sum(s);
    }

    /**
     * Maximum of a row; empty → −∞. NaN anywhere → NaN: FloatVector.max and reduceLanes(MAX) follow Math.max, which
     * propagates NaN (checked by the NaN rows in the tests).
     */
    private static float rowMax(int n, float[] a, int ai) {
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), m1 = m0;
        int ub = S.loopBound(n);
        int j = 0;
        for (; j <= ub - 2 * L; j += 2 * L) {
            m0 = m0.max(FloatVector.fromArray(S, a, ai + j));
            m1 = m1.max(FloatVector.fromArray(S, a, ai + j + L));
        }
        for (; j < ub; j += L) m0 = m0.max(FloatVector.fromArray(S, a, ai + j));
        if (j < n) {
            VectorMask<Float> mk = S.indexInRange(j, n);
            m1 = m1.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, a, ai + j, mk), mk);
        }
        return m0.max(m1).reduceLanes(VectorOperators.MAX);
    }

    /** Index of the first of n elements outside [lo, hi] (NaN included), or −1; a whole vector is tested per step. */
    public static int firstOutside(int n, float lo, float hi, float[] x, int xOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            VectorMask<Float> inside = v.compare(VectorOperators.GE, lo).and(v.compare(VectorOperators.LE, hi));
            if (!inside.allTrue()) return i + inside.not().firstTrue();
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, mk);
            VectorMask<Float> outside = v.compare(VectorOperators.GE, lo).and(v.compare(VectorOperators.LE, hi)).not().and(mk);
            if (outside.anyTrue()) return i + outside.firstTrue();
        }
        return -1;
    }

    /** out[i] = x[i] · y[i]; exact, so bit-identical to the reference. */
    public static void mul(int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, mk).mul(FloatVector.fromArray(S, y, yOff + i, mk)).intoArray(out, outOff + i, mk);
        }
    }

    public static void affine(int n, float[] x, int xOff, float[] scale, int scaleOff, float[] shift, int shiftOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, mk).fma(FloatVector.fromArray(S, scale, scaleOff + i, mk),
                    FloatVector.fromArray(S, shift, shiftOff + i, mk)).intoArray(out, outOff + i, mk);
        }
    }

    public static void binarize(int n, float threshold, float[] x, int xOff, float[] out, int outOff) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xOff + i, mk);
            zero.blend(one, v.compare(VectorOperators.GT, threshold)).intoArray(out, outOff + i, mk);
        }
    }

    public static void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, mk).max(lo).min(hi).intoArray(out, outOff + i, mk);
        }
    }
}
