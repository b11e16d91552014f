package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float vector functions that give the same bits in every JIT tier.
 *
 * <p>Why: the Vector API's {@code lanewise(EXP | LOG | LOG1P | TANH)} runs per-lane {@code Math} calls when
 * interpreted or C1-compiled and SVML stubs when C2-compiled, and the two round differently; float
 * {@code reduceLanes(ADD)} adds lanes sequentially in the fallback and as a tree when intrinsified. Deoptimisation
 * can switch a running kernel between them, so the same call could return different bits. Everything here is built
 * from exactly rounded IEEE operations (add, sub, mul, fma, div, compare, blend, bit reinterpretation, integer
 * add/shift/and, conversions of small integers) in a fixed order, so the Java fallback, C1 and C2 agree bit for bit.
 *
 * <p>All vectors are of {@link FloatVector#SPECIES_PREFERRED}, the species every LatentJ kernel uses. The polynomial
 * coefficients were fitted for this class (Lawson's iteratively reweighted least squares towards the minimax
 * relative error, then rounded to float).
 *
 * <p>Accuracy, measured by {@code VectorMathAccuracy} over every third float bit pattern of each function's domain
 * (3.2·10⁹ arguments in all; reference: {@code Math} in double rounded to float), as the largest distance in ulps
 * from the correctly rounded float: 1 ulp for exp, log, log1p and tanh (see each method; VectorMathTest checks every
 * 257th float). C2 must inline these methods into the kernel loops, or every vector is boxed: keep each kernel
 * loop to one call site per function (C2's inlining node budget) and don't wrap them in large helpers.
 */
public final class VectorMath {
    private VectorMath() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    // ---- exp ----
    private static final float LOG2E = 1.442695f;
    /** 1.5·2^23: adding it rounds a float of magnitude &lt; 2^22 to an integer held in the low mantissa bits. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI = 355/512 has 9 significant bits, so k·LN2_HI and x − k·LN2_HI are exact. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.1219444e-4f;
    /** Largest x with e^x ≤ Float.MAX_VALUE; above it e^x → +∞. */
    private static final float EXP_MAX = 88.72283f;
    /** Smallest x with e^x ≥ Float.MIN_NORMAL; below it e^x → 0 (subnormal results are flushed). */
    private static final float EXP_MIN = -87.33654f;
    // e^r = 1 + r + r²(E2 + E3 r + E4 r² + E5 r³ + E6 r⁴) on |r| ≤ ln2/2, relative error 3.1e-9 before rounding
    private static final float E2 = 0.49999994f, E3 = 0.1666652f, E4 = 0.0416684f, E5 = 0.008368852f, E6 = 0.001381432f;

    /**
     * e^x lane-wise: x = k·ln2 + r (Cody–Waite, two-constant ln2, k = round(x·log2 e) by the 1.5·2^23 shifter),
     * a degree-6 polynomial for e^r, and 2^k added into the exponent bits. x &gt; 88.72283 → +∞, x &lt; −87.33654
     * → 0 (results below Float.MIN_NORMAL are flushed to zero instead of rounded to a subnormal), NaN → NaN.
     * Measured max error: 1 ulp.
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector e = expCore(x);
        e = e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX));
        e = e.blend(0f, x.compare(VectorOperators.LT, EXP_MIN));
        return e.blend(x, x.test(VectorOperators.IS_NAN));
    }

    /**
     * e^x for x ≤ 0 only (softplus' e^(−|x|)), as {@link #exp} there but NaN lanes hold garbage: the caller's result
     * must be NaN from elsewhere (softplus: max(x, 0) is NaN). Fewer operations keep softplus' loop (exp and log)
     * within C2's inlining node budget.
     */
    static FloatVector expNonPositive(FloatVector x) {
        return expCore(x).blend(0f, x.compare(VectorOperators.LT, EXP_MIN));
    }

    /** e^x for x in [EXP_MIN, EXP_MAX]; other lanes hold garbage. */
    private static FloatVector expCore(FloatVector x) {
        FloatVector t = x.fma(LOG2E, SHIFTER);
        FloatVector k = t.sub(SHIFTER);
        IntVector ki = ((IntVector) t.reinterpretAsInts()).sub(SHIFTER_BITS);
        FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector p = r.fma(E6, E5);
        p = p.fma(r, FloatVector.broadcast(S, E4));
        p = p.fma(r, FloatVector.broadcast(S, E3));
        p = p.fma(r, FloatVector.broadcast(S, E2));
        p = p.fma(r, one);
        p = p.fma(r, one);
        // p ∈ [0.7, 1.42]: multiplying by 2^k is adding k to the biased exponent (normal results only)
        return ((IntVector) p.reinterpretAsInts()).add(ki.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
    }

    // ---- log, log1p ----
    private static final int SQRT_HALF_BITS = Float.floatToRawIntBits(0.70710677f);
    // log(1+f) = 2s + s·R(s²), s = f/(2+f), |s| ≤ 0.1716; R(z) = z(G1 + G2 z + G3 z²), relative error 8e-10
    private static final float G1 = 0.66666776f, G2 = 0.39977357f, G3 = 0.2987715f;

    /**
     * Natural logarithm lane-wise: x = 2^k·m with m ∈ [√½, √2), f = m − 1 (exact), log(1+f) in the form
     * f − (f²/2 − s·(f²/2 + R)) with s = f/(2+f). log(±0) = −∞, log(x &lt; 0) = NaN, log(+∞) = +∞, NaN → NaN;
     * subnormal x is scaled by 2^23 first (exact), so it is as accurate as normal x. Measured max error: 1 ulp.
     */
    public static FloatVector log(FloatVector x) {
        VectorMask<Float> ok = x.compare(VectorOperators.GE, Float.MIN_NORMAL).and(x.compare(VectorOperators.LE, Float.MAX_VALUE));
        boolean allNormal = ok.allTrue();
        FloatVector zero = FloatVector.zero(S);
        FloatVector u = x, kBias = zero;
        if (!allNormal) { // subnormals: log(x) = log(x·2^23) − 23·ln2, the exponent adjusted before the final sum
            VectorMask<Float> sub = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
            u = x.blend(x.mul(0x1p23f), sub);
            kBias = zero.blend(-23f, sub);
        }
        FloatVector y = logCore(u, kBias, zero); // one copy of the core: two would exceed C2's inlining node budget
        return allNormal ? y : fixLog(x, y);
    }

    /** Results for u = 0 (−∞), u &lt; 0 (NaN), u = +∞ and NaN (u itself). */
    private static FloatVector fixLog(FloatVector u, FloatVector y) {
        y = y.blend(Float.NEGATIVE_INFINITY, u.compare(VectorOperators.EQ, 0f));
        y = y.blend(Float.NaN, u.compare(VectorOperators.LT, 0f));
        return y.blend(u, u.compare(VectorOperators.GT, Float.MAX_VALUE).or(u.test(VectorOperators.IS_NAN)));
    }

    /**
     * log(u) + c for normal positive u and |c| ≪ u's ulp-scale, with kBias added to the exponent (for pre-scaled
     * subnormals).
     */
    private static FloatVector logCore(FloatVector u, FloatVector kBias, FloatVector c) {
        IntVector iu = ((IntVector) u.reinterpretAsInts()).add(0x3f800000 - SQRT_HALF_BITS);
        FloatVector k = ((FloatVector) iu.lanewise(VectorOperators.ASHR, 23).sub(127).convert(VectorOperators.I2F, 0)).add(kBias);
        FloatVector f = iu.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector r = z.fma(G3, G2).fma(z, FloatVector.broadcast(S, G1)).mul(z);
        FloatVector hfsq = f.mul(f).mul(0.5f);
        FloatVector t = s.fma(hfsq.add(r), k.fma(FloatVector.broadcast(S, LN2_LO), c));
        // k·LN2_HI − ((f²/2 − (s(f²/2 + R) + k·LN2_LO + c)) − f)
        return k.fma(FloatVector.broadcast(S, LN2_HI), hfsq.sub(t).sub(f).neg());
    }

    /**
     * log(1 + y) lane-wise, accurate for tiny y: u = 1 + y rounded, the rounding error e of that sum recovered exactly
     * (TwoSum), log1p(y) = log(u) + e/u. log1p(±0) = ±0, log1p(−1) = −∞, log1p(y &lt; −1) = NaN, +∞ → +∞, NaN → NaN.
     * Measured max error: 1 ulp.
     */
    public static FloatVector log1p(FloatVector y) {
        FloatVector u = y.add(1f);
        FloatVector b = u.sub(1f);
        FloatVector e = FloatVector.broadcast(S, 1f).sub(u.sub(b)).add(y.sub(b));
        VectorMask<Float> ok = u.compare(VectorOperators.GE, Float.MIN_NORMAL).and(u.compare(VectorOperators.LE, Float.MAX_VALUE));
        FloatVector r = logCore(u, FloatVector.zero(S), e.div(u));
        if (!ok.allTrue()) r = fixLog(u, r);
        return r.blend(y, y.compare(VectorOperators.EQ, 0f)); // keeps the sign of −0
    }

    /**
     * log(1 + t) for t ∈ [0, 1] only (softplus' e^(−|x|)): u = 1 + t ∈ [1, 2] is never special and its rounding
     * error t − (u − 1) is exact (|t| ≤ 1), so this is {@link #log1p} without its special cases (same bits there).
     */
    static FloatVector log1pUnit(FloatVector t) {
        FloatVector u = t.add(1f);
        return logCore(u, FloatVector.zero(S), t.sub(u.sub(1f)).div(u));
    }

    // ---- tanh ----
    /** Below this |x| the odd polynomial, above 1 − 2/(e^(2|x|) + 1). */
    private static final float TANH_POLY = 0.625f;
    /** tanh(x) rounds to 1 for x ≥ 9.02; clamping keeps e^(2x) finite. */
    private static final float TANH_ONE = 9.1f;
    // tanh(x) = x + x³(T0 + T1 x² + T2 x⁴ + T3 x⁶ + T4 x⁸) on |x| ≤ 0.625, relative error 4.4e-9 before rounding
    private static final float T0 = -0.3333328f, T1 = 0.13331442f, T2 = -0.0537397f, T3 = 0.020639041f, T4 = -0.005704934f;

    /**
     * tanh lane-wise: |x| ≤ 0.625: x + x³·P(x²) (relative accuracy down to subnormal x, tanh(±0) = ±0);
     * above: sign(x)·(1 − 2/(e^(2|x|) + 1)), which reaches ±1 exactly from |x| ≈ 9.02 on. NaN → NaN.
     * Measured max error: 1 ulp.
     */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = a.mul(a);
        FloatVector q = z.fma(T4, T3);
        q = q.fma(z, FloatVector.broadcast(S, T2));
        q = q.fma(z, FloatVector.broadcast(S, T1));
        q = q.fma(z, FloatVector.broadcast(S, T0));
        FloatVector t = a.mul(z).fma(q, a);
        VectorMask<Float> big = a.compare(VectorOperators.GT, TANH_POLY);
        // 1 − 2/(e^(2a) + 1) computed for every lane and blended, without a branch: behind a rarely taken branch the
        // call is too cold for C2 to inline, and a vector passed to an out-of-line call is boxed (seen: 96–864 bytes
        // per LSTM streaming step in one fresh JVM of six). a is clamped so that e^(2a) stays finite.
        FloatVector a2 = a.blend(TANH_ONE, a.compare(VectorOperators.GT, TANH_ONE)).mul(2f);
        FloatVector one = FloatVector.broadcast(S, 1f);
        t = t.blend(one.sub(FloatVector.broadcast(S, 2f).div(expCore(a2).add(one))), big);
        // tanh(|x|) ≥ 0 (NaN stays NaN): give it x's sign, so tanh(−0) = −0
        IntVector sign = ((IntVector) x.reinterpretAsInts()).and(0x80000000);
        return ((IntVector) t.reinterpretAsInts()).or(sign).reinterpretAsFloats();
    }

    // ---- sum ----
    /** Butterfly partners: lane i ↔ lane i xor h. */
    private static final VectorShuffle<Float> XOR_A = xorShuffle(L / 2), XOR_B = xorShuffle(L / 4);
    private static final VectorShuffle<Float> XOR_C = xorShuffle(L / 8), XOR_D = xorShuffle(L / 16);
    /** Lanes i with (i &amp; h) ≠ 0, for h = L/2 and L/4. */
    private static final VectorMask<Float> HIGH_A = highMask(L / 2), HIGH_B = highMask(L / 4);
    /** Lanes of {@link #sum4}'s result holding Σc1, Σc2, Σc3 (Σc0 is lane 0). */
    static final int SUM4_LANE1 = L / 2, SUM4_LANE2 = L / 4, SUM4_LANE3 = 3 * L / 4;

    private static VectorShuffle<Float> xorShuffle(int h) {
        int hh = Math.max(h, 1);
        return VectorShuffle.fromOp(S, i -> i ^ hh);
    }

    private static VectorMask<Float> highMask(int h) {
        boolean[] m = new boolean[L];
        for (int i = 0; i < L; i++) m[i] = h > 0 && (i & h) != 0;
        return VectorMask.fromArray(S, m, 0);
    }

    /**
     * Sum of the lanes in a fixed order: a butterfly, v + (v with lanes i and i xor L/2 swapped), then L/4, ..., 1;
     * lane 0. The same additions in the same order in every tier (unlike {@code reduceLanes(ADD)}, whose order is
     * unspecified). NaN or opposite infinities anywhere → NaN.
     */
    public static float sum(FloatVector v) {
        if (L > 16 || L < 4) return sumAnyLength(v);
        v = v.add(v.rearrange(XOR_A));
        v = v.add(v.rearrange(XOR_B));
        if (L >= 8) v = v.add(v.rearrange(XOR_C));
        if (L >= 16) v = v.add(v.rearrange(XOR_D));
        return v.lane(0);
    }

    /**
     * Four lane sums at once, each bit-identical to {@link #sum} of its vector (the same pairs are added; only which
     * lanes hold them differs): Σc0 in lane 0, Σc1 in lane {@link #SUM4_LANE1}, Σc2 in {@link #SUM4_LANE2}, Σc3 in
     * {@link #SUM4_LANE3}. About half the operations of four sums: the first two butterfly levels of two vectors
     * share one vector, since after a level the upper half of the lanes only repeats the lower half. Four separate
     * sums in a GEMV row block exceeded C2's inlining node budget, and the vectors were boxed.
     */
    static FloatVector sum4(FloatVector c0, FloatVector c1, FloatVector c2, FloatVector c3) {
        if (L > 16 || L < 4) return sum4AnyLength(c0, c1, c2, c3);
        // level L/2: c0's pairs in the low half, c1's in the high half (c2, c3 likewise)
        FloatVector w01 = c0.blend(c1, HIGH_A).add(c1.blend(c0, HIGH_A).rearrange(XOR_A));
        FloatVector w23 = c2.blend(c3, HIGH_A).add(c3.blend(c2, HIGH_A).rearrange(XOR_A));
        // level L/4: quarters c0, c2, c1, c3
        FloatVector z = w01.blend(w23, HIGH_B).add(w23.blend(w01, HIGH_B).rearrange(XOR_B));
        if (L >= 8) z = z.add(z.rearrange(XOR_C));
        if (L >= 16) z = z.add(z.rearrange(XOR_D));
        return z;
    }

    /** {@link #sum} for other lane counts (not on x86): the same butterfly, shuffles built per call. */
    private static float sumAnyLength(FloatVector v) {
        for (int h = L / 2; h >= 1; h /= 2) {
            int hh = h;
            v = v.add(v.rearrange(VectorShuffle.fromOp(S, i -> i ^ hh)));
        }
        return v.lane(0);
    }

    private static FloatVector sum4AnyLength(FloatVector c0, FloatVector c1, FloatVector c2, FloatVector c3) {
        float[] r = new float[L];
        r[0] = sumAnyLength(c0);
        r[SUM4_LANE1] = sumAnyLength(c1);
        r[SUM4_LANE2] = sumAnyLength(c2);
        r[SUM4_LANE3] = sumAnyLength(c3);
        return FloatVector.fromArray(S, r, 0);
    }
}
