package io.latentj.simd;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Determinism, splitting, positions and argument validation. */
class RngApiTest {
    @Test
    void sameSeedSameStream() {
        Rng a = Rng.of(123), b = Rng.of(123);
        for (int i = 0; i < 1000; i++) assertEquals(a.nextInt(), b.nextInt());
        assertNotEquals(Rng.of(123).key(), Rng.of(124).key());
        assertEquals(1000, a.position());
    }

    @Test
    void counterBasedRandomAccess() {
        Rng a = Rng.of(9);
        int[] first = new int[100];
        for (int i = 0; i < 100; i++) first[i] = a.nextInt();
        Rng b = Rng.of(9).seek(40);
        for (int i = 40; i < 100; i++) assertEquals(first[i], b.nextInt());
        Rng c = Rng.of(9).skip(10).skip(-5);
        assertEquals(first[5], c.nextInt());
        Rng d = Rng.ofKey(a.key(), 77);
        assertEquals(first[77], d.nextInt());
    }

    @Test
    void nextIntAcrossHighWordBoundaryMatchesFill() {
        for (long start : new long[] {(1L << 32) - 3, -2L, (7L << 32) - 1}) {
            Rng a = Rng.of(1).seek(start);
            int[] fill = new int[8];
            Sampling.ints(Path.SCALAR, Rng.of(1).seek(start), fill, 0, 8);
            for (int i = 0; i < 8; i++) assertEquals(fill[i], a.nextInt(), "start " + start + " + " + i);
            Rng b = Rng.of(1).seek(start + 5);
            assertEquals(fill[5], b.nextInt());
            b.seek(start);
            assertEquals(fill[0], b.nextInt(), "seek back across the boundary");
        }
    }

    @Test
    void splitIsDeterministicAndAdvancesParent() {
        Rng p1 = Rng.of(5), p2 = Rng.of(5);
        Rng c1 = p1.split(), c2 = p2.split();
        assertEquals(c1.key(), c2.key());
        assertEquals(0, c1.position());
        assertEquals(1, p1.position());
        Rng c3 = p1.split();
        assertNotEquals(c1.key(), c3.key(), "successive splits differ");
        assertNotEquals(p1.key(), c1.key());
        // the child depends on the parent's position
        Rng p3 = Rng.of(5).seek(1000);
        assertNotEquals(c1.key(), p3.split().key());
    }

    @Test
    void streamsAreReproducibleAndPositionIndependent() {
        Rng r = Rng.of(11);
        long k0 = r.stream(0).key(), k1 = r.stream(1).key();
        r.nextInt();
        r.nextInt();
        assertEquals(k0, r.stream(0).key());
        assertEquals(k1, r.stream(1).key());
        assertEquals(2, r.position(), "stream(id) does not move the parent");
        assertNotEquals(k0, k1);
        assertNotEquals(r.split().key(), Rng.of(11).stream(0).key());
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) keys.add(r.stream(i).key());
        assertEquals(10_000, keys.size());
    }

    @Test
    void copyIsIndependent() {
        Rng a = Rng.of(2);
        a.nextInt();
        Rng b = a.copy();
        assertEquals(a.nextInt(), b.nextInt());
        a.nextInt();
        assertEquals(3, a.position());
        assertEquals(2, b.position());
    }

    @Test
    void nextIntBoundedInRangeAndBalanced() {
        Rng r = Rng.of(4);
        long[] c = new long[6];
        for (int i = 0; i < 600_000; i++) c[r.nextInt(6)]++;
        for (long x : c) assertEquals(100_000, x, 5 * Math.sqrt(600_000 / 6.0 * 5 / 6));
        assertEquals(0, r.nextInt(1));
        for (int i = 0; i < 1000; i++) {
            int v = r.nextInt(Integer.MAX_VALUE);
            assertTrue(v >= 0);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void nextLongCombinesTwoOutputs() {
        Rng a = Rng.of(3), b = Rng.of(3);
        long v = a.nextLong();
        assertEquals(((long) b.nextInt() << 32) | (b.nextInt() & 0xffffffffL), v);
    }

    @Test
    void invalidArgumentsThrowAndLeaveRngUnchanged() {
        Rng r = Rng.of(1);
        float[] a = new float[10];
        assertIae(() -> Sampling.uniform(null, r, a, 0, 1), "path");
        assertIae(() -> Sampling.uniform(Path.AUTO, null, a, 0, 1), "rng");
        assertIae(() -> Sampling.uniform(Path.AUTO, r, null, 0, 1), "null");
        assertIae(() -> Sampling.uniform(Path.AUTO, r, a, 0, -1), "negative");
        assertIae(() -> Sampling.uniform(Path.AUTO, r, a, -1, 1), "offset");
        assertIae(() -> Sampling.uniform(Path.SIMD, r, a, 5, 6), "length");
        assertIae(() -> Sampling.bernoulli(Path.AUTO, r, null, 0, a, 0, 1), "p must not be null");
        assertIae(() -> Sampling.bernoulli(Path.AUTO, r, a, 0, null, 0, 1), "out must not be null");
        assertIae(() -> Sampling.bernoulli(Path.AUTO, r, new float[3], 0, a, 0, 4), "p range");
        assertIae(() -> Sampling.bernoulli(Path.SCALAR, r, a, 0, a, 8, 4), "out range");
        assertIae(() -> Sampling.gaussian(Path.AUTO, r, 0f, -1f, a, 0, 1), "std");
        assertIae(() -> Sampling.gaussian(Path.AUTO, r, 0f, Float.NaN, a, 0, 1), "std");
        assertIae(() -> Sampling.gaussian(Path.AUTO, r, Float.POSITIVE_INFINITY, 1f, a, 0, 1), "mean");
        assertIae(() -> Sampling.gaussian(Path.AUTO, r, 0f, 1f, a, 3, 8), "range");
        assertIae(() -> Sampling.ints(Path.AUTO, r, null, 0, 1), "null");
        assertIae(() -> Sampling.bernoulli(Path.AUTO, r, FMatrix.zeros(2, 3), FMatrix.zeros(3, 2)), "shape mismatch");
        assertIae(() -> Sampling.bernoulli(Path.AUTO, r, null, FMatrix.zeros(3, 2)), "p must not be null");
        assertIae(() -> Sampling.uniform(Path.AUTO, r, (FMatrix) null), "out must not be null");
        assertIae(() -> Sampling.gaussian(Path.AUTO, r, 0f, 1f, (FMatrix) null), "out must not be null");
        assertEquals(0, r.position(), "failed calls must not consume counters");
        Sampling.uniform(Path.AUTO, r, a, 10, 0); // empty range at the end is fine
        Sampling.gaussian(Path.AUTO, r, 0f, 1f, a, 0, 0);
        Sampling.bernoulli(Path.AUTO, r, FMatrix.zeros(0, 4), FMatrix.zeros(0, 4));
        assertEquals(0, r.position());
    }

    private static void assertIae(org.junit.jupiter.api.function.Executable e, String fragment) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), "message '" + x.getMessage() + "' should mention '" + fragment + "'");
    }
}
