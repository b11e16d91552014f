package io.latentj.simd.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * VectorMath: accuracy (every 257th float of each domain, ≤ 1 ulp as the javadoc states; the full sweep is
 * VectorMathAccuracy's main), special values bit for bit, and the fixed order of {@link VectorMath#sum}.
 */
class VectorMathTest {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int STRIDE = 257;

    static void assertMaxUlps(VectorMathAccuracy.Worst w, long max, String what) {
        assertTrue(w.ulps() <= max, what + ": " + w);
        assertTrue(w.count() > 1_000_000, what + " checked only " + w.count());
    }

    static int bits(float v) { return Float.floatToRawIntBits(v); }

    @Test void expAccuracy() {
        assertMaxUlps(VectorMathAccuracy.both(VectorMath::exp, Math::exp, 104f, STRIDE, true), 1, "exp");
    }

    @Test void logAccuracy() {
        assertMaxUlps(VectorMathAccuracy.sweep(VectorMath::log, Math::log, 0, bits(Float.POSITIVE_INFINITY), STRIDE, false), 1, "log");
    }

    @Test void log1pAccuracy() {
        assertMaxUlps(VectorMathAccuracy.sweep(VectorMath::log1p, Math::log1p, 0, bits(Float.POSITIVE_INFINITY), STRIDE, false), 1, "log1p");
        assertMaxUlps(VectorMathAccuracy.sweep(VectorMath::log1p, Math::log1p, bits(-0f), bits(-1f), STRIDE / 2, false), 1, "log1p neg");
    }

    @Test void tanhAccuracy() {
        assertMaxUlps(VectorMathAccuracy.both(VectorMath::tanh, Math::tanh, Float.POSITIVE_INFINITY, STRIDE, false), 1, "tanh");
    }

    /** f applied to one vector holding v in every lane, lane 0. */
    static float one(UnaryOperator<FloatVector> f, float v) { return f.apply(FloatVector.broadcast(S, v)).lane(0); }

    static void assertBits(float want, float got, String what) {
        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got), what + ": want " + want + " got " + got);
    }

    @Test void expSpecials() {
        assertBits(Float.POSITIVE_INFINITY, one(VectorMath::exp, Float.POSITIVE_INFINITY), "exp(+inf)");
        assertBits(0f, one(VectorMath::exp, Float.NEGATIVE_INFINITY), "exp(-inf)");
        assertBits(Float.NaN, one(VectorMath::exp, Float.NaN), "exp(NaN)");
        assertBits(1f, one(VectorMath::exp, 0f), "exp(0)");
        assertBits(1f, one(VectorMath::exp, -0f), "exp(-0)");
        assertBits(Float.POSITIVE_INFINITY, one(VectorMath::exp, Math.nextUp(88.72283f)), "exp overflows");
        assertTrue(one(VectorMath::exp, 88.72283f) < Float.POSITIVE_INFINITY, "exp(88.72283) finite");
        assertTrue(one(VectorMath::exp, -87.33654f) >= Float.MIN_NORMAL, "exp(-87.33654) normal");
        assertBits(0f, one(VectorMath::exp, Math.nextDown(-87.33654f)), "subnormal results flush to 0");
        assertBits(0f, one(VectorMath::exp, -1e30f), "exp(-1e30)");
        assertBits(Float.POSITIVE_INFINITY, one(VectorMath::exp, 1e30f), "exp(1e30)");
    }

    @Test void logSpecials() {
        assertBits(Float.NEGATIVE_INFINITY, one(VectorMath::log, 0f), "log(0)");
        assertBits(Float.NEGATIVE_INFINITY, one(VectorMath::log, -0f), "log(-0)");
        assertBits(Float.NaN, one(VectorMath::log, -1f), "log(-1)");
        assertBits(Float.NaN, one(VectorMath::log, Float.NEGATIVE_INFINITY), "log(-inf)");
        assertBits(Float.POSITIVE_INFINITY, one(VectorMath::log, Float.POSITIVE_INFINITY), "log(+inf)");
        assertBits(Float.NaN, one(VectorMath::log, Float.NaN), "log(NaN)");
        assertBits(0f, one(VectorMath::log, 1f), "log(1)");
        assertBits((float) Math.log(Float.MIN_VALUE), one(VectorMath::log, Float.MIN_VALUE), "log(MIN_VALUE)");
        // a vector mixing specials and ordinary values: the ordinary lanes are unaffected
        float[] x = new float[L], y = new float[L];
        for (int i = 0; i < L; i++) x[i] = 0.5f + i;
        x[0] = 0f;
        x[L - 1] = Float.NaN;
        VectorMath.log(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
        for (int i = 1; i < L - 1; i++) assertBits(one(VectorMath::log, x[i]), y[i], "log lane " + i);
    }

    @Test void log1pSpecials() {
        assertBits(0f, one(VectorMath::log1p, 0f), "log1p(0)");
        assertBits(-0f, one(VectorMath::log1p, -0f), "log1p(-0)");
        assertBits(Float.NEGATIVE_INFINITY, one(VectorMath::log1p, -1f), "log1p(-1)");
        assertBits(Float.NaN, one(VectorMath::log1p, -2f), "log1p(-2)");
        assertBits(Float.POSITIVE_INFINITY, one(VectorMath::log1p, Float.POSITIVE_INFINITY), "log1p(+inf)");
        assertBits(Float.NaN, one(VectorMath::log1p, Float.NaN), "log1p(NaN)");
        assertBits(1e-30f, one(VectorMath::log1p, 1e-30f), "log1p(tiny)");
        assertBits(Float.MIN_VALUE, one(VectorMath::log1p, Float.MIN_VALUE), "log1p(MIN_VALUE)");
        assertBits((float) Math.log1p(Float.MAX_VALUE), one(VectorMath::log1p, Float.MAX_VALUE), "log1p(MAX)");
    }

    @Test void tanhSpecials() {
        assertBits(0f, one(VectorMath::tanh, 0f), "tanh(0)");
        assertBits(-0f, one(VectorMath::tanh, -0f), "tanh(-0)");
        assertBits(1f, one(VectorMath::tanh, Float.POSITIVE_INFINITY), "tanh(+inf)");
        assertBits(-1f, one(VectorMath::tanh, Float.NEGATIVE_INFINITY), "tanh(-inf)");
        assertBits(1f, one(VectorMath::tanh, 9.1f), "tanh(9.1)");
        assertBits(-1f, one(VectorMath::tanh, -1e30f), "tanh(-1e30)");
        assertBits(Float.NaN, one(VectorMath::tanh, Float.NaN), "tanh(NaN)");
        assertBits(Float.MIN_VALUE, one(VectorMath::tanh, Float.MIN_VALUE), "tanh(MIN_VALUE)");
        assertBits(-1e-20f, one(VectorMath::tanh, -1e-20f), "tanh(-1e-20)");
    }

    /** The documented butterfly, written out with scalars: lanes i and i xor h added, h = L/2, ..., 1; lane 0. */
    static float treeSum(float[] v) {
        float[] a = v.clone();
        for (int h = a.length / 2; h >= 1; h /= 2) {
            float[] b = new float[a.length];
            for (int i = 0; i < a.length; i++) b[i] = a[i] + a[i ^ h];
            a = b;
        }
        return a[0];
    }

    @Test void sum4IsFourSums() {
        Random r = new Random(6);
        float[][] c = new float[4][L];
        for (int t = 0; t < 10_000; t++) {
            for (float[] v : c) for (int i = 0; i < L; i++) v[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(40) - 20));
            FloatVector z = VectorMath.sum4(FloatVector.fromArray(S, c[0], 0), FloatVector.fromArray(S, c[1], 0),
                    FloatVector.fromArray(S, c[2], 0), FloatVector.fromArray(S, c[3], 0));
            assertBits(treeSum(c[0]), z.lane(0), "sum4 c0 trial " + t);
            assertBits(treeSum(c[1]), z.lane(VectorMath.SUM4_LANE1), "sum4 c1 trial " + t);
            assertBits(treeSum(c[2]), z.lane(VectorMath.SUM4_LANE2), "sum4 c2 trial " + t);
            assertBits(treeSum(c[3]), z.lane(VectorMath.SUM4_LANE3), "sum4 c3 trial " + t);
        }
    }

    @Test void sumIsTheFixedTree() {
        Random r = new Random(5);
        float[] v = new float[L];
        for (int t = 0; t < 10_000; t++) {
            for (int i = 0; i < L; i++) v[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(40) - 20));
            assertBits(treeSum(v), VectorMath.sum(FloatVector.fromArray(S, v, 0)), "sum trial " + t);
        }
        for (int i = 0; i < L; i++) v[i] = i + 1;
        assertBits(L * (L + 1) / 2f, VectorMath.sum(FloatVector.fromArray(S, v, 0)), "1..L");
        v[3 % L] = Float.NaN;
        assertTrue(Float.isNaN(VectorMath.sum(FloatVector.fromArray(S, v, 0))));
        v[3 % L] = Float.POSITIVE_INFINITY;
        assertBits(Float.POSITIVE_INFINITY, VectorMath.sum(FloatVector.fromArray(S, v, 0)), "+inf");
    }
}
