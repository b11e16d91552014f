package io.latentj.simd.scalar;

import java.util.SplittableRandom;

/**
 * The reference implementation of LatentJ's counter-based random stream and of the sampling kernels built on it.
 * Every other path ({@code VectorRng}) must produce exactly the same bits.
 *
 * <h2>The generator</h2>
 * The output at 64-bit counter {@code c} under 64-bit key {@code k} is {@link #hash(long, long) hash(k, c)}, a 32-bit
 * value. Write {@code clo, chi} for the low and high 32-bit halves of the counter. Each block of 2<sup>32</sup>
 * counters sharing {@code chi} gets three 32-bit round keys {@code r0, r1, r2} from {@code (k, chi)} through the
 * 64-bit mixer {@link #mix64(long)} ({@link #blockKey(long, long)}; {@code r2 =} {@link #thirdRoundKey(long)}), and
 * <pre>
 *   hash = A(B(A(clo ^ r0) + r1) ^ r2)
 * </pre>
 * where {@code A} and {@code B} are invertible 32-bit xorshift-multiply mixers. For a fixed block the map
 * {@code clo -> output} is a bijection, so a stream never repeats within 2<sup>32</sup> counters; since every round
 * key depends on the whole 64-bit key, streams of different keys are not re-orderings of one another. The per-lane
 * work uses only 32-bit xor, logical shift right, add and low-half multiply, which {@code IntVector} supports
 * lane-wise, so the vector kernels give the same bits (the round keys are computed once per block, in scalar code).
 *
 * <h2>Derived values</h2>
 * <ul>
 *   <li>uniform float in [0, 1): {@code (bits >>> 8) * 2^-24}, exact;</li>
 *   <li>Bernoulli: {@code u < p ? 1f : 0f} with {@code u} the uniform above, so {@code p <= 0} and NaN give 0 and
 *       {@code p >= 1} gives 1;</li>
 *   <li>Gaussian: Box–Muller on pairs of counters; element {@code e} of a fill uses counters {@code 2(e/2)} and
 *       {@code 2(e/2) + 1} (relative to the start), the cosine branch for even {@code e} and the sine branch for odd
 *       {@code e}. The logarithm, sine and cosine are LatentJ's own polynomials evaluated with float {@code +, *,
 *       /, fma, sqrt} (all correctly rounded in IEEE 754, hence identical on every path) in a fixed order.
 *       {@code u1 = ((bits >>> 8) + 1) * 2^-24} lies in (0, 1], so |z| never exceeds about 5.77 standard
 *       deviations (a two-sided tail mass of about 8e-9 is cut off).</li>
 * </ul>
 * Arguments are validated by the facade ({@code io.latentj.simd.Sampling}); these kernels trust them.
 */
public final class ScalarRng {
    private ScalarRng() {}

    // ---- the mixers -------------------------------------------------------------------------------------------

    /** Multipliers of mixer A (shifts 16, 15, 16) and mixer B (shifts 16, 15, 15); all odd, so both mixers are bijections. */
    public static final int A1 = 0x7feb352d, A2 = 0x846ca68b;
    public static final int B1 = 0x21f0aaad, B2 = 0x735a2d97;

    public static int mixA(int x) {
        x ^= x >>> 16;
        x *= A1;
        x ^= x >>> 15;
        x *= A2;
        x ^= x >>> 16;
        return x;
    }

    public static int mixB(int x) {
        x ^= x >>> 16;
        x *= B1;
        x ^= x >>> 15;
        x *= B2;
        x ^= x >>> 15;
        return x;
    }

    /** A 64-bit bijective finalizer (xor-shift-multiply with the SplitMix64 constants). */
    public static long mix64(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final long BLOCK_TAG = 0x452821E638D01377L, THIRD_TAG = 0xBE5466CF34E90C6CL;

    /** The round keys of block {@code chi} of stream {@code key}: {@code r0} in the low half, {@code r1} in the high half. */
    public static long blockKey(long key, long chi) {
        return mix64(mix64(key ^ BLOCK_TAG) ^ chi);
    }

    /** The third round key {@code r2} from a {@link #blockKey(long, long)}. */
    public static int thirdRoundKey(long blockKey) {
        return (int) mix64(blockKey ^ THIRD_TAG);
    }

    /** The generator's output for round keys {@code r0, r1, r2} and low counter word {@code clo}. */
    public static int hash(int r0, int r1, int r2, int clo) {
        int x = mixA(clo ^ r0);
        x = mixB(x + r1);
        return mixA(x ^ r2);
    }

    /** The 32-bit output at {@code counter} of the stream with {@code key}. */
    public static int hash(long key, long counter) {
        long bk = blockKey(key, counter >>> 32);
        return hash((int) bk, (int) (bk >>> 32), thirdRoundKey(bk), (int) counter);
    }

    // ---- conversions shared with the vector path ---------------------------------------------------------------

    /** 2^-24. */
    public static final float TWO_M24 = 0x1p-24f;

    /** Uniform in [0, 1) from 32 random bits. */
    public static float uniform(int bits) {
        return (bits >>> 8) * TWO_M24;
    }

    /** Bernoulli(p) from 32 random bits: 1 when the uniform is below {@code p}, else 0 (so NaN gives 0). */
    public static float bernoulli(int bits, float p) {
        return uniform(bits) < p ? 1f : 0f;
    }

    // Natural log on (0, 1]: u = 2^e * m with m in [sqrt(1/2), sqrt(2)), s = (m - 1) / (m + 1),
    // ln m = 2 s (1 + s^2/3 + s^4/5 + s^6/7 + s^8/9) (|s| < 0.1716, truncation error < 1e-9), ln u = e ln 2 + ln m.
    /** Bits of sqrt(1/2) as a float, the low end of the reduced mantissa range. */
    public static final int SQRT_HALF_BITS = 0x3f3504f3;
    public static final float LN2_HI = 0.693145752f;        // 0x3f317200: few mantissa bits, so e * LN2_HI is exact
    public static final float LN2_LO = 1.42860677e-06f;     // ln 2 - LN2_HI
    public static final float L3 = 1f / 3f, L5 = 1f / 5f, L7 = 1f / 7f, L9 = 1f / 9f;

    /** ln(u) for a positive normal float u (the Gaussian kernel only passes u in [2^-24, 1]). */
    public static float log(float u) {
        int ix = Float.floatToRawIntBits(u) + (0x3f800000 - SQRT_HALF_BITS);
        int e = (ix >> 23) - 127;
        float m = Float.intBitsToFloat((ix & 0x007fffff) + SQRT_HALF_BITS);
        float f = m - 1f;
        float s = f / (m + 1f);
        float z = s * s;
        float p = Math.fma(z, L9, L7);
        p = Math.fma(z, p, L5);
        p = Math.fma(z, p, L3);
        p = p * z;
        float twoS = s + s;
        float lnm = Math.fma(twoS, p, twoS);
        float fe = e;
        return Math.fma(fe, LN2_HI, Math.fma(fe, LN2_LO, lnm));
    }

    // Sine and cosine of 2 pi j / 2^24 for a 24-bit integer j: the quadrant q is j rounded to a multiple of 2^22,
    // the remainder r in [-2^21, 2^21) gives x = r * 2 pi / 2^24 in [-pi/4, pi/4), where Taylor polynomials to
    // x^9 (sine) and x^10 (cosine) are within 3e-8 / 3e-9 of the truth.
    public static final float ANGLE_STEP = (float) (2 * Math.PI / (1 << 24));
    public static final float S3 = (float) (-1.0 / 6), S5 = (float) (1.0 / 120), S7 = (float) (-1.0 / 5040),
            S9 = (float) (1.0 / 362880);
    public static final float C2 = -0.5f, C4 = (float) (1.0 / 24), C6 = (float) (-1.0 / 720), C8 = (float) (1.0 / 40320),
            C10 = (float) (-1.0 / 3628800);

    /** sin(x) for |x| <= pi/4. */
    public static float sinPoly(float x) {
        float z = x * x;
        float p = Math.fma(z, S9, S7);
        p = Math.fma(z, p, S5);
        p = Math.fma(z, p, S3);
        p = p * z;
        return Math.fma(x, p, x);
    }

    /** cos(x) for |x| <= pi/4. */
    public static float cosPoly(float x) {
        float z = x * x;
        float p = Math.fma(z, C10, C8);
        p = Math.fma(z, p, C6);
        p = Math.fma(z, p, C4);
        p = Math.fma(z, p, C2);
        return Math.fma(z, p, 1f);
    }

    /** The Box–Muller pair from the outputs {@code b1} (radius) and {@code b2} (angle): {@code out[0] = r cos}, {@code out[1] = r sin}. */
    public static float gaussianCos(int b1, int b2) {
        return gaussian(b1, b2, false);
    }

    public static float gaussianSin(int b1, int b2) {
        return gaussian(b1, b2, true);
    }

    private static float gaussian(int b1, int b2, boolean sine) {
        float u1 = ((b1 >>> 8) + 1) * TWO_M24;
        float r = (float) Math.sqrt(-2f * log(u1)); // sqrt of a float is correctly rounded through double
        int j = (b2 >>> 8) + (1 << 21);
        int q = j >>> 22;                              // quadrant 0..3
        float x = ((j & ((1 << 22) - 1)) - (1 << 21)) * ANGLE_STEP;
        float s = sinPoly(x), c = cosPoly(x);
        float v;
        int sign;
        if (sine) {
            v = (q & 1) != 0 ? c : s;
            sign = (q & 2) << 30;
        } else {
            v = (q & 1) != 0 ? s : c;
            sign = ((q + 1) & 2) << 30;
        }
        return r * Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ sign);
    }

    // ---- kernels ----------------------------------------------------------------------------------------------

    /** Raw 32-bit outputs for counters {@code counter .. counter + n - 1}. */
    public static void ints(long key, long counter, int[] out, int off, int n) {
        long chi = counter >>> 32, bk = blockKey(key, chi);
        int r0 = (int) bk, r1 = (int) (bk >>> 32), r2 = thirdRoundKey(bk);
        for (int i = 0; i < n; i++) {
            long c = counter + i;
            if (c >>> 32 != chi) {
                chi = c >>> 32;
                bk = blockKey(key, chi);
                r0 = (int) bk;
                r1 = (int) (bk >>> 32);
                r2 = thirdRoundKey(bk);
            }
            out[off + i] = hash(r0, r1, r2, (int) c);
        }
    }

    /** {@code out[off + i]} = uniform at counter {@code counter + i}. */
    public static void uniform(long key, long counter, float[] out, int off, int n) {
        long chi = counter >>> 32, bk = blockKey(key, chi);
        int r0 = (int) bk, r1 = (int) (bk >>> 32), r2 = thirdRoundKey(bk);
        for (int i = 0; i < n; i++) {
            long c = counter + i;
            if (c >>> 32 != chi) {
                chi = c >>> 32;
                bk = blockKey(key, chi);
                r0 = (int) bk;
                r1 = (int) (bk >>> 32);
                r2 = thirdRoundKey(bk);
            }
            out[off + i] = uniform(hash(r0, r1, r2, (int) c));
        }
    }

    /** {@code out[outOff + i]} = Bernoulli({@code p[pOff + i]}) at counter {@code counter + i}; in place allowed. */
    public static void bernoulli(long key, long counter, float[] p, int pOff, float[] out, int outOff, int n) {
        long chi = counter >>> 32, bk = blockKey(key, chi);
        int r0 = (int) bk, r1 = (int) (bk >>> 32), r2 = thirdRoundKey(bk);
        for (int i = 0; i < n; i++) {
            long c = counter + i;
            if (c >>> 32 != chi) {
                chi = c >>> 32;
                bk = blockKey(key, chi);
                r0 = (int) bk;
                r1 = (int) (bk >>> 32);
                r2 = thirdRoundKey(bk);
            }
            out[outOff + i] = bernoulli(hash(r0, r1, r2, (int) c), p[pOff + i]);
        }
    }

    /**
     * Gaussian elements {@code e0 .. e0 + n - 1} of the stream starting at counter {@code base}, written to
     * {@code out[off ..]}: element {@code e} is {@code mean + std * z} with {@code z} the cosine (even {@code e}) or
     * sine (odd {@code e}) branch of the Box–Muller pair at counters {@code base + 2(e/2)} and {@code base + 2(e/2) + 1}.
     * The caller advances its stream by {@code 2 * ceil((e0 + n) / 2)} counters over a whole fill.
     */
    public static void gaussian(long key, long base, long e0, float mean, float std, float[] out, int off, int n) {
        long chi = base >>> 32, bk = blockKey(key, chi);
        int r0 = (int) bk, r1 = (int) (bk >>> 32), r2 = thirdRoundKey(bk);
        for (int i = 0; i < n; i++) {
            long e = e0 + i;
            long c = base + 2 * (e >>> 1);
            if (c >>> 32 != chi || (c + 1) >>> 32 != chi) { // new block, or a pair straddling two blocks
                int b1 = hash(key, c), b2 = hash(key, c + 1);
                out[off + i] = Math.fma((e & 1) == 0 ? gaussianCos(b1, b2) : gaussianSin(b1, b2), std, mean);
                chi = (c + 1) >>> 32;
                bk = blockKey(key, chi);
                r0 = (int) bk;
                r1 = (int) (bk >>> 32);
                r2 = thirdRoundKey(bk);
                continue;
            }
            int b1 = hash(r0, r1, r2, (int) c), b2 = hash(r0, r1, r2, (int) (c + 1));
            float z = (e & 1) == 0 ? gaussianCos(b1, b2) : gaussianSin(b1, b2);
            out[off + i] = Math.fma(z, std, mean);
        }
    }

    // ---- benchmark baseline (not part of the reproducible stream) ---------------------------------------------

    /**
     * Bernoulli sampling with {@link SplittableRandom#nextFloat()}, the conventional scalar way. A baseline for
     * benchmarks only: its numbers are not LatentJ's stream and differ from every other path.
     */
    public static void bernoulliSplittableRandom(SplittableRandom random, float[] p, int pOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = random.nextFloat() < p[pOff + i] ? 1f : 0f;
    }
}
