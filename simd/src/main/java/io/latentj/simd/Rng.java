package io.latentj.simd;

import io.latentj.simd.scalar.ScalarRng;

/**
 * LatentJ's seedable, splittable, counter-based random stream. The {@code i}-th 32-bit output of a stream is a pure
 * function {@code hash(key, i)} of a 64-bit key and a 64-bit counter (see {@link ScalarRng} for the function and for
 * how floats, Bernoulli and Gaussian samples are derived from it), so every path (scalar, Vector API) produces exactly
 * the same numbers, and any position of a stream can be reached at no cost.
 *
 * <p>An {@code Rng} holds a key and a position (the next counter). It is mutable and <b>not thread-safe</b>: give
 * each thread its own, from {@link #stream(long)} (reproducible: worker {@code w} always gets the same stream) or
 * {@link #split()}. Counters wrap around modulo 2<sup>64</sup>.
 *
 * <p>Bulk fills go through {@link Sampling}; the {@code fill*} methods here are shorthands for
 * {@link Path#AUTO}, which gives the same numbers as every other path.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Domain separators, so that split children, indexed streams and seeded roots never share a derivation. */
    private static final long SEED_TAG = 0x243F6A8885A308D3L, SPLIT_TAG = 0x13198A2E03707344L, STREAM_TAG = 0xA4093822299F31D0L;

    private final long key;
    private long position;
    /** Round keys of the block {@link #nextInt()} last used (cache; valid when {@code cached}). */
    private boolean cached;
    private long cachedChi;
    private int r0, r1, r2;

    private Rng(long key, long position) {
        this.key = key;
        this.position = position;
    }

    /** The stream for {@code seed}, at position 0. Different seeds give unrelated keys. */
    public static Rng of(long seed) {
        return new Rng(mix64(seed ^ SEED_TAG), 0);
    }

    /** The stream whose key is exactly {@code key} (no mixing), at {@code position}; for restoring a saved state. */
    public static Rng ofKey(long key, long position) {
        return new Rng(key, position);
    }

    /** The stream's 64-bit key. */
    public long key() {
        return key;
    }

    /** The next counter this stream will use. */
    public long position() {
        return position;
    }

    /** Moves to counter {@code position} (any value; the stream is random access). */
    public Rng seek(long position) {
        this.position = position;
        return this;
    }

    /** Skips {@code count} outputs (negative goes back). */
    public Rng skip(long count) {
        position += count;
        return this;
    }

    /**
     * Reserves the next {@code count} counters for a kernel and returns the first. Used by {@link Sampling}; the
     * kernels then read {@link #key()} and the counters {@code first .. first + count - 1}.
     */
    long advance(long count) {
        long p = position;
        position += count;
        return p;
    }

    /** An independent copy of this stream at the same position (same key). */
    public Rng copy() {
        return new Rng(key, position);
    }

    /**
     * A child stream with a key derived from this stream's key and position; this stream then moves one counter on,
     * so successive splits give different children. Deterministic: the same parent state gives the same child.
     */
    public Rng split() {
        long child = mix64(mix64(key ^ SPLIT_TAG) + position * GOLDEN);
        position++;
        return new Rng(child, 0);
    }

    /**
     * Stream number {@code id} derived from this stream's key, at position 0; it does not depend on the position
     * and does not move this stream, so parallel worker {@code id} gets the same stream in every run.
     */
    public Rng stream(long id) {
        return new Rng(mix64(mix64(key ^ STREAM_TAG) + id * GOLDEN), 0);
    }

    /** The next 32 random bits. */
    public int nextInt() {
        long c = position++;
        long chi = c >>> 32;
        if (!cached || chi != cachedChi) {
            long bk = ScalarRng.blockKey(key, chi);
            r0 = (int) bk;
            r1 = (int) (bk >>> 32);
            r2 = ScalarRng.thirdRoundKey(bk);
            cachedChi = chi;
            cached = true;
        }
        return ScalarRng.hash(r0, r1, r2, (int) c);
    }

    /** The next 64 random bits (two outputs, the first in the high half). */
    public long nextLong() {
        long hi = nextInt();
        return (hi << 32) | (nextInt() & 0xffffffffL);
    }

    /**
     * Uniform in {@code [0, bound)}, without bias (Lemire's multiply-and-reject; usually one output, occasionally
     * more, so the number of counters used depends on the values drawn).
     */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        long m = (nextInt() & 0xffffffffL) * bound;
        long low = m & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextInt() & 0xffffffffL) * bound;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform float in [0, 1), a multiple of 2^-24 (one output). */
    public float nextFloat() {
        return ScalarRng.uniform(nextInt());
    }

    /** A standard normal sample: the cosine branch of the Box–Muller pair at the next two counters (both are used). */
    public float nextGaussian() {
        int b1 = nextInt();
        int b2 = nextInt();
        return ScalarRng.gaussianCos(b1, b2);
    }

    /** {@code out[off .. off + n)} = uniform floats; same as {@link Sampling#uniform(Path, Rng, float[], int, int)} on AUTO. */
    public void fillUniform(float[] out, int off, int n) {
        Sampling.uniform(Path.AUTO, this, out, off, n);
    }

    /** {@code out[off .. off + n)} = Gaussian floats; same as {@link Sampling#gaussian(Path, Rng, float, float, float[], int, int)} on AUTO. */
    public void fillGaussian(float[] out, int off, int n, float mean, float std) {
        Sampling.gaussian(Path.AUTO, this, mean, std, out, off, n);
    }

    /** {@code out[outOff + i] = u_i < p[pOff + i] ? 1 : 0}; same as {@link Sampling#bernoulli(Path, Rng, float[], int, float[], int, int)} on AUTO. */
    public void fillBernoulli(float[] p, int pOff, float[] out, int outOff, int n) {
        Sampling.bernoulli(Path.AUTO, this, p, pOff, out, outOff, n);
    }

    private static long mix64(long z) {
        return ScalarRng.mix64(z);
    }

    @Override
    public String toString() {
        return "Rng[key=" + Long.toHexString(key) + ", position=" + position + "]";
    }
}
