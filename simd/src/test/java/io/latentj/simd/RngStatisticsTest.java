package io.latentj.simd;

import io.latentj.simd.scalar.ScalarRng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Statistical checks of the stream; every bound is about 5 standard deviations, so a correct generator fails ~never. */
class RngStatisticsTest {
    static final int N = 1_000_000;

    /** Chi-square quantile for {@code df} degrees of freedom at {@code z} standard deviations (Wilson–Hilferty). */
    static double chiSquareAt(int df, double z) {
        double a = 2.0 / (9.0 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }

    static void assertChiSquare(long[] counts, long total, String what) {
        int k = counts.length;
        double expected = (double) total / k, chi = 0;
        for (long c : counts) chi += (c - expected) * (c - expected) / expected;
        double hi = chiSquareAt(k - 1, 5), lo = chiSquareAt(k - 1, -5);
        assertTrue(chi < hi && chi > lo, what + ": chi-square " + chi + " outside (" + lo + ", " + hi + ") for " + (k - 1) + " df");
    }

    static float[] uniforms(Path path, Rng rng, int n) {
        float[] u = new float[n];
        Sampling.uniform(path, rng, u, 0, n);
        return u;
    }

    @Test
    void uniformChiSquare64Bins() {
        for (long seed : new long[] {0, 1, 42, -1}) {
            float[] u = uniforms(Path.AUTO, Rng.of(seed), N);
            long[] bins = new long[64];
            for (float x : u) {
                assertTrue(x >= 0f && x < 1f, "out of [0,1): " + x);
                bins[(int) (x * 64)]++;
            }
            assertChiSquare(bins, N, "uniform seed " + seed);
        }
    }

    @Test
    void uniformNearHighWordBoundary() {
        float[] u = uniforms(Path.AUTO, Rng.of(3).seek((1L << 32) - N / 2), N);
        long[] bins = new long[64];
        for (float x : u) bins[(int) (x * 64)]++;
        assertChiSquare(bins, N, "uniform across a 2^32 counter boundary");
    }

    @Test
    void lowBitsAndEveryBitBalanced() {
        int[] b = new int[N];
        Sampling.ints(Path.AUTO, Rng.of(8), b, 0, N);
        long[] low = new long[256];
        long[] ones = new long[32];
        for (int x : b) {
            low[x & 255]++;
            for (int j = 0; j < 32; j++) ones[j] += (x >>> j) & 1;
        }
        assertChiSquare(low, N, "low byte");
        double sd = Math.sqrt(N * 0.25);
        for (int j = 0; j < 32; j++) assertEquals(N / 2.0, ones[j], 5 * sd, "bit " + j);
    }

    @Test
    void successivePairsUniformIn2D() {
        // (u_i, u_{i+1}) over an 16x16 grid: catches correlation between neighbouring counters
        float[] u = uniforms(Path.AUTO, Rng.of(12), 2 * N);
        long[] cells = new long[256];
        for (int i = 0; i < 2 * N; i += 2) cells[(int) (u[i] * 16) * 16 + (int) (u[i + 1] * 16)]++;
        assertChiSquare(cells, N, "pairs");
        // and counters one apart within lanes of different vectors (i, i + 16)
        long[] cells2 = new long[256];
        for (int i = 0; i + 16 < 2 * N; i += 32) cells2[(int) (u[i] * 16) * 16 + (int) (u[i + 16] * 16)]++;
        assertChiSquare(cells2, (2L * N + 31) / 32, "lag-16 pairs");
    }

    @Test
    void bernoulliFrequencies() {
        float[] ps = {0f, 1e-3f, 0.1f, 0.3f, 0.5f, 0.77f, 0.999f, 1f};
        float[] p = new float[N], h = new float[N];
        for (Path path : new Path[] {Path.SCALAR, Path.SIMD}) {
            Rng rng = Rng.of(21);
            for (float pi : ps) {
                java.util.Arrays.fill(p, pi);
                Sampling.bernoulli(path, rng, p, 0, h, 0, N);
                long ones = 0;
                for (float x : h) {
                    assertTrue(x == 0f || x == 1f);
                    ones += (long) x;
                }
                if (pi == 0f) assertEquals(0, ones, "p = 0 must give only zeros");
                else if (pi == 1f) assertEquals(N, ones, "p = 1 must give only ones");
                else assertEquals(N * (double) pi, ones, 5 * Math.sqrt(N * (double) pi * (1 - pi)), path + " p=" + pi);
            }
        }
    }

    @Test
    void bernoulliSpecialProbabilities() {
        float[] p = {Float.NaN, -0.5f, -0f, 1.5f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] expected = {0f, 0f, 0f, 1f, 1f, 0f};
        for (Path path : new Path[] {Path.SCALAR, Path.SIMD}) {
            for (int rep = 0; rep < 50; rep++) {
                float[] out = new float[p.length];
                Sampling.bernoulli(path, Rng.of(rep), p, 0, out, 0, p.length);
                assertArrayEquals(expected, out, path + " (NaN gives 0)");
            }
        }
    }

    @Test
    void gaussianMoments() {
        for (Path path : new Path[] {Path.SCALAR, Path.SIMD}) {
            float[] z = new float[N];
            Sampling.gaussian(path, Rng.of(77), 0f, 1f, z, 0, N);
            double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
            long tail = 0;
            for (float x : z) {
                double d = x;
                s1 += d;
                s2 += d * d;
                s3 += d * d * d;
                s4 += d * d * d * d;
                if (Math.abs(d) > 3) tail++;
            }
            double mean = s1 / N, var = s2 / N - mean * mean;
            double skew = s3 / N, kurt = s4 / N - 3;
            assertEquals(0, mean, 5 / Math.sqrt(N), path + " mean");
            assertEquals(1, var, 5 * Math.sqrt(2.0 / N), path + " variance");
            assertEquals(0, skew, 5 * Math.sqrt(6.0 / N), path + " skewness");
            assertEquals(0, kurt, 5 * Math.sqrt(24.0 / N), path + " excess kurtosis");
            double pTail = 0.002699796063; // P(|z| > 3)
            assertEquals(N * pTail, tail, 5 * Math.sqrt(N * pTail * (1 - pTail)), path + " tail beyond 3 sigma");
        }
    }

    @Test
    void gaussianOddAndEvenBranchesUncorrelated() {
        float[] z = new float[2 * N];
        Sampling.gaussian(Path.AUTO, Rng.of(4), 0f, 1f, z, 0, 2 * N);
        double sxy = 0;
        for (int i = 0; i < 2 * N; i += 2) sxy += (double) z[i] * z[i + 1];
        assertEquals(0, sxy / N, 5 / Math.sqrt(N), "cos and sin of one pair");
    }

    @Test
    void gaussianScaledByMeanAndStd() {
        float[] z = new float[N];
        Sampling.gaussian(Path.AUTO, Rng.of(9), -3f, 0.5f, z, 0, N);
        double s1 = 0, s2 = 0;
        for (float x : z) {
            s1 += x;
            s2 += (double) x * x;
        }
        double mean = s1 / N, var = s2 / N - mean * mean;
        assertEquals(-3, mean, 5 * 0.5 / Math.sqrt(N));
        assertEquals(0.25, var, 5 * 0.25 * Math.sqrt(2.0 / N));
        float[] c = new float[33];
        Sampling.gaussian(Path.AUTO, Rng.of(9), 2f, 0f, c, 0, c.length);
        for (float x : c) assertEquals(2f, x, "std 0 gives the mean");
    }

    @Test
    void polynomialsCloseToMath() {
        // the own log / sin / cos against java.lang.Math on a sweep, and the Box-Muller values against double math
        double worstLog = 0, worstSin = 0, worstCos = 0, worstZ = 0;
        for (int m = 1; m <= (1 << 24); m += 7) {
            float u = m * 0x1p-24f;
            worstLog = Math.max(worstLog, Math.abs(ScalarRng.log(u) - Math.log(u)) / Math.max(1e-30, Math.abs(Math.log(u))));
        }
        for (int r = -(1 << 21); r < (1 << 21); r += 3) {
            float x = r * ScalarRng.ANGLE_STEP;
            worstSin = Math.max(worstSin, Math.abs(ScalarRng.sinPoly(x) - Math.sin(x)));
            worstCos = Math.max(worstCos, Math.abs(ScalarRng.cosPoly(x) - Math.cos(x)));
        }
        Rng rng = Rng.of(1);
        for (int i = 0; i < 200_000; i++) {
            int b1 = rng.nextInt(), b2 = rng.nextInt();
            double u1 = ((b1 >>> 8) + 1) * 0x1p-24, theta = 2 * Math.PI * (b2 >>> 8) * 0x1p-24;
            double rad = Math.sqrt(-2 * Math.log(u1));
            worstZ = Math.max(worstZ, Math.abs(ScalarRng.gaussianCos(b1, b2) - rad * Math.cos(theta)) / Math.max(1, rad));
            worstZ = Math.max(worstZ, Math.abs(ScalarRng.gaussianSin(b1, b2) - rad * Math.sin(theta)) / Math.max(1, rad));
        }
        assertTrue(worstLog < 1e-6, "log relative error " + worstLog);
        assertTrue(worstSin < 1e-6, "sin error " + worstSin);
        assertTrue(worstCos < 1e-6, "cos error " + worstCos);
        assertTrue(worstZ < 2e-6, "Box-Muller error " + worstZ);
    }

    static double pearson(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static void assertUncorrelated(Rng a, Rng b, String what) {
        double r = pearson(uniforms(Path.AUTO, a, N), uniforms(Path.AUTO, b, N));
        assertEquals(0, r, 5 / Math.sqrt(N), what + ": correlation " + r);
    }

    @Test
    void streamsUncorrelated() {
        assertUncorrelated(Rng.of(1), Rng.of(2), "seeds 1, 2");
        assertUncorrelated(Rng.of(0), Rng.of(Long.MIN_VALUE), "seeds 0, MIN");
        Rng parent = Rng.of(5);
        Rng c1 = parent.split(), c2 = parent.split();
        assertUncorrelated(parent.copy(), c1.copy(), "parent and child");
        assertUncorrelated(c1, c2, "siblings");
        Rng root = Rng.of(6);
        assertUncorrelated(root.stream(0), root.stream(1), "streams 0, 1");
        assertUncorrelated(root.copy(), root.stream(0), "root and stream 0");
        assertUncorrelated(Rng.ofKey(1, 0), Rng.ofKey(2, 0), "keys 1, 2 (raw, unmixed)");
        assertUncorrelated(Rng.ofKey(1L << 32, 0), Rng.ofKey(2L << 32, 0), "keys differing in the high half");
        assertUncorrelated(Rng.of(3), Rng.of(3).seek(1L << 32), "blocks 0 and 1 of one key");
    }

    @Test
    void neighbouringRawKeysGiveDifferentStreams() {
        // raw keys that differ in one bit must not give shifted or permuted copies of each other
        int[] a = new int[4096], b = new int[4096];
        for (int bit = 0; bit < 64; bit++) {
            Sampling.ints(Path.AUTO, Rng.ofKey(0x5555L, 0), a, 0, a.length);
            Sampling.ints(Path.AUTO, Rng.ofKey(0x5555L ^ (1L << bit), 0), b, 0, b.length);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int x : a) seen.add(x);
            int common = 0;
            for (int x : b) if (seen.contains(x)) common++;
            assertTrue(common < 5, "bit " + bit + ": " + common + " common outputs");
        }
    }
}
