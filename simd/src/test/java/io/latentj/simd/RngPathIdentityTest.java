package io.latentj.simd;

import io.latentj.simd.scalar.ScalarRng;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The Vector API kernels must give exactly the scalar reference's bits and advance the Rng by the same amount. */
class RngPathIdentityTest {
    static final int[] LENGTHS = {0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 1000, 4097};
    static final int[] OFFSETS = {0, 1, 5};
    static final long[] STARTS = {0, 1, 12345, (1L << 32) - 5000, (1L << 32) - 17, (1L << 32) - 16, (1L << 32) - 3,
            (1L << 32) - 1, 1L << 32, (5L << 32) - 7, -1L, -2001L, Long.MAX_VALUE - 10};
    static final long[] KEYS = {0L, 0x0123456789abcdefL, Rng.of(7).key()};

    @BeforeAll
    static void needVectorApi() {
        Assumptions.assumeTrue(Capabilities.vectorApi(), "Vector API not readable");
    }

    private static void assertSameBits(float[] a, float[] b, String what) {
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                fail(what + ": index " + i + " scalar " + a[i] + " vs simd " + b[i]);
            }
        }
    }

    @Test
    void intsMatchHashAndScalar() {
        for (long key : KEYS) for (long start : STARTS) for (int n : LENGTHS) for (int off : OFFSETS) {
            int[] s = new int[off + n + 2], v = new int[off + n + 2];
            Rng rs = Rng.ofKey(key, start), rv = Rng.ofKey(key, start);
            Sampling.ints(Path.SCALAR, rs, s, off, n);
            Sampling.ints(Path.SIMD, rv, v, off, n);
            String what = "ints key=" + key + " start=" + start + " n=" + n + " off=" + off;
            assertArrayEquals(s, v, what);
            for (int i = 0; i < n; i++) assertEquals(ScalarRng.hash(key, start + i), s[off + i], what);
            assertEquals(rs.position(), rv.position(), what);
            assertEquals(start + n, rs.position(), what);
        }
    }

    @Test
    void uniformIdentical() {
        for (long key : KEYS) for (long start : STARTS) for (int n : LENGTHS) for (int off : OFFSETS) {
            float[] s = new float[off + n + 2], v = new float[off + n + 2];
            Arrays.fill(s, -7f);
            Arrays.fill(v, -7f);
            Rng rs = Rng.ofKey(key, start), rv = Rng.ofKey(key, start);
            Sampling.uniform(Path.SCALAR, rs, s, off, n);
            Sampling.uniform(Path.SIMD, rv, v, off, n);
            String what = "uniform key=" + key + " start=" + start + " n=" + n + " off=" + off;
            assertSameBits(s, v, what);
            assertEquals(rs.position(), rv.position(), what);
            for (int i = 0; i < off; i++) assertEquals(-7f, v[i], what + " wrote before the range");
            for (int i = off + n; i < v.length; i++) assertEquals(-7f, v[i], what + " wrote past the range");
        }
    }

    @Test
    void bernoulliIdentical() {
        float[] special = {0f, 1f, 0.5f, Float.NaN, -1f, 2f, 1e-7f, 0.99999994f, 0.3f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -0f, 0x1p-24f};
        Rng pr = Rng.of(99);
        for (long key : KEYS) for (long start : STARTS) for (int n : LENGTHS) for (int off : OFFSETS) {
            float[] p = new float[off + n + 1];
            for (int i = 0; i < p.length; i++) p[i] = (i % 3 == 0) ? special[i % special.length] : pr.nextFloat();
            float[] s = new float[n + 3], v = new float[n + 3];
            Rng rs = Rng.ofKey(key, start), rv = Rng.ofKey(key, start);
            Sampling.bernoulli(Path.SCALAR, rs, p, off, s, 1, n);
            Sampling.bernoulli(Path.SIMD, rv, p, off, v, 1, n);
            String what = "bernoulli key=" + key + " start=" + start + " n=" + n + " off=" + off;
            assertSameBits(s, v, what);
            assertEquals(rs.position(), rv.position(), what);
            // in place gives the same
            float[] inPlace = p.clone();
            Sampling.bernoulli(Path.SIMD, Rng.ofKey(key, start), inPlace, off, inPlace, off, n);
            assertSameBits(Arrays.copyOfRange(s, 1, 1 + n), Arrays.copyOfRange(inPlace, off, off + n), what + " in place");
        }
    }

    @Test
    void gaussianIdentical() {
        for (long key : KEYS) for (long start : STARTS) for (int n : LENGTHS) for (int off : OFFSETS) {
            float[] s = new float[off + n + 2], v = new float[off + n + 2];
            Arrays.fill(s, -7f);
            Arrays.fill(v, -7f);
            Rng rs = Rng.ofKey(key, start), rv = Rng.ofKey(key, start);
            Sampling.gaussian(Path.SCALAR, rs, 0.25f, 1.5f, s, off, n);
            Sampling.gaussian(Path.SIMD, rv, 0.25f, 1.5f, v, off, n);
            String what = "gaussian key=" + key + " start=" + start + " n=" + n + " off=" + off;
            assertSameBits(s, v, what);
            assertEquals(rs.position(), rv.position(), what);
            assertEquals(start + 2L * ((n + 1) / 2), rs.position(), what);
        }
    }

    @Test
    void gaussianOddStartsIdentical() {
        // the kernels directly, with a logical start e0 that is odd (rows of an odd-width matrix)
        for (long start : STARTS) for (long e0 : new long[] {0, 1, 2, 3, 17}) for (int n : LENGTHS) {
            float[] s = new float[n], v = new float[n];
            ScalarRng.gaussian(KEYS[1], start, e0, 0f, 1f, s, 0, n);
            io.latentj.simd.vector.VectorRng.gaussian(KEYS[1], start, e0, 0f, 1f, v, 0, n);
            assertSameBits(s, v, "gaussian start=" + start + " e0=" + e0 + " n=" + n);
        }
    }

    @Test
    void matricesIndependentOfStrideAndPath() {
        int rows = 7, cols = 13;
        for (long start : new long[] {0, (1L << 32) - 40}) {
            float[] p = new float[rows * cols];
            Rng pr = Rng.of(3);
            for (int i = 0; i < p.length; i++) p[i] = pr.nextFloat();
            FMatrix pDense = FMatrix.wrap(p, rows, cols);
            float[] pPadded = new float[3 + rows * 20];
            FMatrix pView = FMatrix.view(pPadded, 3, rows, cols, 20);
            pView.copyFrom(pDense);

            for (Path path : new Path[] {Path.SCALAR, Path.SIMD}) {
                float[] ref = new float[rows * cols];
                Sampling.bernoulli(Path.SCALAR, Rng.ofKey(11, start), p, 0, ref, 0, rows * cols);
                FMatrix out = FMatrix.view(new float[5 + rows * 17], 5, rows, cols, 17);
                Rng r = Rng.ofKey(11, start);
                Sampling.bernoulli(path, r, pView, out);
                assertArrayEquals(ref, out.toArray(), "bernoulli matrix " + path);
                assertEquals(start + rows * cols, r.position());

                Sampling.uniform(Path.SCALAR, Rng.ofKey(11, start), ref, 0, rows * cols);
                Sampling.uniform(path, Rng.ofKey(11, start), out);
                assertArrayEquals(ref, out.toArray(), "uniform matrix " + path);

                Sampling.gaussian(Path.SCALAR, Rng.ofKey(11, start), 1f, 2f, ref, 0, rows * cols);
                r = Rng.ofKey(11, start);
                Sampling.gaussian(path, r, 1f, 2f, out);
                assertArrayEquals(ref, out.toArray(), "gaussian matrix " + path);
                assertEquals(start + 2 * ((rows * cols + 1) / 2), r.position());
            }
        }
    }

    @Test
    void rngShorthandsMatchScalarCalls() {
        Rng a = Rng.of(5), b = Rng.of(5);
        float[] x = new float[100];
        a.fillUniform(x, 0, 100);
        for (int i = 0; i < 100; i++) assertEquals(b.nextFloat(), x[i]);
        a.fillGaussian(x, 0, 2, 0f, 1f);
        assertEquals(b.nextGaussian(), x[0]);
        assertEquals(a.position(), b.position());
    }
}
