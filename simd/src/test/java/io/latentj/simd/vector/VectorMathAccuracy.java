package io.latentj.simd.vector;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Accuracy sweep of {@link VectorMath} against {@code Math} in double rounded to float (correctly rounded except in
 * astronomically rare double-rounding cases). {@link #sweep} visits every {@code stride}-th float bit pattern of a
 * range; {@code main} runs the full sweep (stride 3 over each function's whole domain, billions of arguments) and
 * prints the worst case per function; {@link VectorMathTest} runs a coarse one as a unit test.
 */
public final class VectorMathAccuracy {
    private VectorMathAccuracy() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Distance in ulps between two floats (−0 = +0); Long.MAX_VALUE if exactly one is NaN. */
    static long ulps(float a, float b) {
        if (a != a || b != b) return (a != a && b != b) ? 0 : Long.MAX_VALUE;
        if (a == b) return 0;
        int ia = Float.floatToRawIntBits(a), ib = Float.floatToRawIntBits(b);
        if (ia < 0) ia = 0x80000000 - ia;
        if (ib < 0) ib = 0x80000000 - ib;
        return Math.abs((long) ia - ib);
    }

    /** Worst case of a sweep. */
    record Worst(long ulps, float arg, float got, float want, long count) {
        @Override public String toString() {
            return String.format("max %d ulp at x=%s (0x%08x): got %s, want %s; %d arguments", ulps, arg, Float.floatToRawIntBits(arg), got, want, count);
        }
    }

    /**
     * Every stride-th float from bit pattern {@code fromBits} to {@code toBits} (inclusive; both of the same sign,
     * iterated as unsigned ints). Arguments whose reference result is below Float.MIN_NORMAL in magnitude (but not 0)
     * are skipped when {@code skipSubnormalResults}: exp flushes those to zero by design.
     */
    static Worst sweep(UnaryOperator<FloatVector> f, DoubleUnaryOperator ref, int fromBits, int toBits, int stride, boolean skipSubnormalResults) {
        int n = 16 * 1024;
        float[] x = new float[n], y = new float[n];
        long worst = -1, count = 0;
        float wArg = 0, wGot = 0, wWant = 0;
        long lo = Integer.toUnsignedLong(fromBits), hi = Integer.toUnsignedLong(toBits);
        long b = lo;
        while (b <= hi) {
            int m = 0;
            for (; m < n && b <= hi; m++, b += stride) x[m] = Float.intBitsToFloat((int) b);
            int ub = S.loopBound(m);
            for (int i = 0; i < ub; i += S.length()) f.apply(FloatVector.fromArray(S, x, i)).intoArray(y, i);
            if (ub < m) f.apply(FloatVector.fromArray(S, x, ub, S.indexInRange(ub, m))).intoArray(y, ub, S.indexInRange(ub, m));
            for (int i = 0; i < m; i++) {
                float want = (float) ref.applyAsDouble(x[i]);
                if (skipSubnormalResults && want != 0f && Math.abs(want) < Float.MIN_NORMAL) continue;
                long u = ulps(y[i], want);
                count++;
                if (u > worst) { worst = u; wArg = x[i]; wGot = y[i]; wWant = want; }
            }
        }
        return new Worst(worst, wArg, wGot, wWant, count);
    }

    static int bits(float v) { return Float.floatToRawIntBits(v); }

    /** Both signs of [0, hi]: the positive and the negative bit-pattern ranges. */
    static Worst both(UnaryOperator<FloatVector> f, DoubleUnaryOperator ref, float hi, int stride, boolean skipSub) {
        Worst p = sweep(f, ref, 0, bits(hi), stride, skipSub);
        Worst q = sweep(f, ref, bits(-0f), bits(-hi), stride, skipSub);
        Worst w = p.ulps >= q.ulps ? p : q;
        return new Worst(w.ulps, w.arg, w.got, w.want, p.count + q.count);
    }

    public static void main(String[] args) {
        int stride = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println("stride " + stride + ", " + S);
        System.out.println("exp   " + sweep(VectorMath::exp, Math::exp, 0, bits(89f), stride, true)
                + " | neg " + sweep(VectorMath::exp, Math::exp, bits(-0f), bits(-104f), stride, true));
        System.out.println("log   " + sweep(VectorMath::log, Math::log, 0, bits(Float.POSITIVE_INFINITY), stride, false));
        System.out.println("log1p " + sweep(VectorMath::log1p, Math::log1p, 0, bits(Float.POSITIVE_INFINITY), stride, false)
                + " | neg " + sweep(VectorMath::log1p, Math::log1p, bits(-0f), bits(-1f), stride, false));
        System.out.println("tanh  " + both(VectorMath::tanh, Math::tanh, 10f, stride, false));
    }
}
