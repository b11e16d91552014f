package io.latentj.simd.vector;

import io.latentj.simd.scalar.ScalarRng;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the {@link ScalarRng} kernels, bit-identical to them (same hash, same conversions, same
 * operation order, {@code Math.fma} there is lane-wise FMA here). A vector chunk never crosses a 2^32 boundary of the
 * counter's low word: the fill is split there, and the lanes of a chunk share the high word. Tails run masked (or
 * through the scalar reference for a Box–Muller pair that straddles a boundary). Arguments are validated by the facade.
 */
public final class VectorRng {
    private VectorRng() {}

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    static final int L = F.length();

    /** Lane indexes 0, 1, ..., L-1. */
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);

    /** Even and odd lanes of the concatenation of two vectors (negative = from the second). */
    private static final VectorShuffle<Float> EVEN, ODD;
    /** Interleave cos/sin lanes: low half of the output takes pairs 0..L/2-1, high half L/2..L-1 (negative = from sin). */
    private static final VectorShuffle<Float> INTERLEAVE_LO, INTERLEAVE_HI;
    static {
        int[] lo = new int[L], hi = new int[L];
        for (int i = 0; i < L; i++) {
            int k = i >> 1;
            lo[i] = (i & 1) == 0 ? k : k - L;
            hi[i] = (i & 1) == 0 ? k + L / 2 : k + L / 2 - L;
        }
        INTERLEAVE_LO = VectorShuffle.fromArray(F, lo, 0);
        int[] even = new int[L], odd = new int[L];
        for (int i = 0; i < L; i++) {
            even[i] = 2 * i < L ? 2 * i : 2 * i - 2 * L;
            odd[i] = 2 * i + 1 < L ? 2 * i + 1 : 2 * i + 1 - 2 * L;
        }
        EVEN = VectorShuffle.fromArray(F, even, 0);
        ODD = VectorShuffle.fromArray(F, odd, 0);
        INTERLEAVE_HI = VectorShuffle.fromArray(F, hi, 0);
    }

    private static IntVector mixA(IntVector x) {
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16));
        x = x.lanewise(VectorOperators.MUL, ScalarRng.A1);
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 15));
        x = x.lanewise(VectorOperators.MUL, ScalarRng.A2);
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16));
        return x;
    }

    private static IntVector mixB(IntVector x) {
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16));
        x = x.lanewise(VectorOperators.MUL, ScalarRng.B1);
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 15));
        x = x.lanewise(VectorOperators.MUL, ScalarRng.B2);
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 15));
        return x;
    }

    /** ScalarRng.hash(r0, r1, r2, clo) lane-wise. */
    private static IntVector hash(int r0, int r1, int r2, IntVector clo) {
        IntVector x = mixA(clo.lanewise(VectorOperators.XOR, r0));
        x = mixB(x.add(r1));
        return mixA(x.lanewise(VectorOperators.XOR, r2));
    }

    private static FloatVector uniform(IntVector bits) {
        return ((FloatVector) bits.lanewise(VectorOperators.LSHR, 8).convert(VectorOperators.I2F, 0)).mul(ScalarRng.TWO_M24);
    }

    /** How many counters from {@code counter} on share its high word (1 .. 2^32). */
    private static long roomInBlock(long counter) {
        return (1L << 32) - (counter & 0xffffffffL);
    }

    // ---- kernels ----------------------------------------------------------------------------------------------

    public static void ints(long key, long counter, int[] out, int off, int n) {
        while (n > 0) {
            int m = (int) Math.min(n, roomInBlock(counter));
            long bk = ScalarRng.blockKey(key, counter >>> 32);
            int r0 = (int) bk, r1 = (int) (bk >>> 32), r2 = ScalarRng.thirdRoundKey(bk);
            IntVector c = IOTA.add((int) counter);
            for (int i = 0; i < m; i += L) { // one loop body for full chunks and the masked last one
                IntVector h = hash(r0, r1, r2, c);
                if (i <= m - L) h.intoArray(out, off + i);
                else h.intoArray(out, off + i, I.indexInRange(i, m));
                c = c.add(L);
            }
            counter += m;
            off += m;
            n -= m;
        }
    }

    public static void uniform(long key, long counter, float[] out, int off, int n) {
        while (n > 0) {
            int m = (int) Math.min(n, roomInBlock(counter));
            long bk = ScalarRng.blockKey(key, counter >>> 32);
            int r0 = (int) bk, r1 = (int) (bk >>> 32), r2 = ScalarRng.thirdRoundKey(bk);
            IntVector c = IOTA.add((int) counter);
            for (int i = 0; i < m; i += L) {
                FloatVector u = uniform(hash(r0, r1, r2, c));
                if (i <= m - L) u.intoArray(out, off + i);
                else u.intoArray(out, off + i, F.indexInRange(i, m));
                c = c.add(L);
            }
            counter += m;
            off += m;
            n -= m;
        }
    }

    public static void bernoulli(long key, long counter, float[] p, int pOff, float[] out, int outOff, int n) {
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f);
        while (n > 0) {
            int m = (int) Math.min(n, roomInBlock(counter));
            long bk = ScalarRng.blockKey(key, counter >>> 32);
            int r0 = (int) bk, r1 = (int) (bk >>> 32), r2 = ScalarRng.thirdRoundKey(bk);
            IntVector c = IOTA.add((int) counter);
            for (int i = 0; i < m; i += L) {
                FloatVector u = uniform(hash(r0, r1, r2, c));
                if (i <= m - L) {
                    FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
                    zero.blend(one, u.compare(VectorOperators.LT, pv)).intoArray(out, outOff + i);
                } else {
                    VectorMask<Float> mask = F.indexInRange(i, m);
                    FloatVector pv = FloatVector.fromArray(F, p, pOff + i, mask);
                    zero.blend(one, u.compare(VectorOperators.LT, pv)).intoArray(out, outOff + i, mask);
                }
                c = c.add(L);
            }
            counter += m;
            pOff += m;
            outOff += m;
            n -= m;
        }
    }

    /** Same contract as {@link ScalarRng#gaussian(long, long, long, float, float, float[], int, int)}. */
    public static void gaussian(long key, long base, long e0, float mean, float std, float[] out, int off, int n) {
        if (n <= 0) return;
        if ((e0 & 1) != 0) { // start mid-pair: the sine half of pair e0/2
            ScalarRng.gaussian(key, base, e0, mean, std, out, off, 1);
            e0++;
            off++;
            n--;
        }
        long counter = base + e0; // e0 even: the pair's first counter
        while (n > 1) {
            long room = roomInBlock(counter);
            if (room == 1) { // the pair straddles a high-word boundary
                ScalarRng.gaussian(key, counter, 0, mean, std, out, off, 2);
                counter += 2;
                off += 2;
                n -= 2;
                continue;
            }
            int pairs = (int) Math.min(n >>> 1, room >>> 1);
            long bk = ScalarRng.blockKey(key, counter >>> 32);
            gaussianBlock((int) bk, (int) (bk >>> 32), ScalarRng.thirdRoundKey(bk), (int) counter, pairs, mean, std, out, off);
            counter += 2L * pairs;
            off += 2 * pairs;
            n -= 2 * pairs;
        }
        if (n == 1) ScalarRng.gaussian(key, counter, 0, mean, std, out, off, 1); // cosine half of the last pair
    }

    /** Elements per pass of the two-pass Gaussian fill (stays in L1). */
    private static final int GAUSS_CHUNK = 2048;

    /**
     * Box–Muller on {@code pairs} pairs of one block, the first at low counter word {@code clo}; writes
     * {@code mean + std * r cos} and {@code mean + std * r sin} interleaved from {@code out[off]}. Two passes per
     * chunk: the raw 32-bit outputs are first stored in {@code out} itself (as float bit patterns), then read back,
     * split into even (radius) and odd (angle) counters and transformed. Splitting keeps each loop small enough for
     * the JIT to inline every vector operation (one loop with both hashes and the transform hit C2's node limit, and
     * vectors crossing a call that is not inlined get boxed).
     */
    private static void gaussianBlock(int r0, int r1, int r2, int clo, int pairs, float mean, float std, float[] out, int off) {
        int total = 2 * pairs;
        for (int s = 0; s < total; s += GAUSS_CHUNK) {
            int len = Math.min(GAUSS_CHUNK, total - s);
            rawBits(r0, r1, r2, clo + s, out, off + s, len);
            boxMuller(out, off + s, len, mean, std);
        }
    }

    /** {@code out[off + i]} = the bits of output {@code clo + i}, as a float bit pattern, for {@code i < len}. */
    private static void rawBits(int r0, int r1, int r2, int clo, float[] out, int off, int len) {
        IntVector c = IOTA.add(clo);
        for (int i = 0; i < len; i += L) {
            FloatVector h = hash(r0, r1, r2, c).reinterpretAsFloats();
            if (i <= len - L) h.intoArray(out, off + i);
            else h.intoArray(out, off + i, F.indexInRange(i, len));
            c = c.add(L);
        }
    }

    /** Replaces {@code len} (even) raw outputs from {@code out[off]}, pair by pair, by their Box–Muller values. */
    private static void boxMuller(float[] out, int off, int len, float mean, float std) {
        for (int k = 0; k < len; k += 2 * L) {
            int idx = off + k, count = Math.min(2 * L, len - k);
            FloatVector va, vb;
            if (count == 2 * L) {
                va = FloatVector.fromArray(F, out, idx);
                vb = FloatVector.fromArray(F, out, idx + L);
            } else {
                va = FloatVector.fromArray(F, out, idx, F.indexInRange(0, count));
                vb = FloatVector.fromArray(F, out, idx + L, F.indexInRange(L, count));
            }
            IntVector b1 = (IntVector) va.rearrange(EVEN, vb).reinterpretAsInts();
            IntVector b2 = (IntVector) va.rearrange(ODD, vb).reinterpretAsInts();
            FloatVector u1 = ((FloatVector) b1.lanewise(VectorOperators.LSHR, 8).add(1).convert(VectorOperators.I2F, 0))
                    .mul(ScalarRng.TWO_M24);
            // ScalarRng.log(u1), lane-wise
            IntVector ix = ((IntVector) u1.reinterpretAsInts()).add(0x3f800000 - ScalarRng.SQRT_HALF_BITS);
            FloatVector fe = (FloatVector) ix.lanewise(VectorOperators.ASHR, 23).sub(127).convert(VectorOperators.I2F, 0);
            FloatVector mm = ix.and(0x007fffff).add(ScalarRng.SQRT_HALF_BITS).reinterpretAsFloats();
            FloatVector ls = mm.sub(1f).div(mm.add(1f));
            FloatVector lz = ls.mul(ls);
            FloatVector lp = lz.fma(ScalarRng.L9, ScalarRng.L7);
            lp = lz.fma(lp, FloatVector.broadcast(F, ScalarRng.L5));
            lp = lz.fma(lp, FloatVector.broadcast(F, ScalarRng.L3));
            lp = lp.mul(lz);
            FloatVector twoS = ls.add(ls);
            FloatVector lnm = twoS.fma(lp, twoS);
            FloatVector ln = fe.fma(FloatVector.broadcast(F, ScalarRng.LN2_HI), fe.fma(FloatVector.broadcast(F, ScalarRng.LN2_LO), lnm));
            FloatVector r = ln.mul(-2f).lanewise(VectorOperators.SQRT);

            IntVector j = b2.lanewise(VectorOperators.LSHR, 8).add(1 << 21);
            IntVector q = j.lanewise(VectorOperators.LSHR, 22);
            FloatVector x = ((FloatVector) j.and((1 << 22) - 1).sub(1 << 21).convert(VectorOperators.I2F, 0))
                    .mul(ScalarRng.ANGLE_STEP);
            FloatVector z = x.mul(x);
            FloatVector sp = z.fma(ScalarRng.S9, ScalarRng.S7);
            sp = z.fma(sp, FloatVector.broadcast(F, ScalarRng.S5));
            sp = z.fma(sp, FloatVector.broadcast(F, ScalarRng.S3));
            sp = sp.mul(z);
            FloatVector s = x.fma(sp, x);
            FloatVector cp = z.fma(ScalarRng.C10, ScalarRng.C8);
            cp = z.fma(cp, FloatVector.broadcast(F, ScalarRng.C6));
            cp = z.fma(cp, FloatVector.broadcast(F, ScalarRng.C4));
            cp = z.fma(cp, FloatVector.broadcast(F, ScalarRng.C2));
            FloatVector co = z.fma(cp, FloatVector.broadcast(F, 1f));

            VectorMask<Float> odd = q.and(1).compare(VectorOperators.NE, 0).cast(F);
            FloatVector cosSel = co.blend(s, odd);
            FloatVector sinSel = s.blend(co, odd);
            IntVector cosSign = q.add(1).and(2).lanewise(VectorOperators.LSHL, 30);
            IntVector sinSign = q.and(2).lanewise(VectorOperators.LSHL, 30);
            FloatVector cosV = ((IntVector) cosSel.reinterpretAsInts()).lanewise(VectorOperators.XOR, cosSign).reinterpretAsFloats();
            FloatVector sinV = ((IntVector) sinSel.reinterpretAsInts()).lanewise(VectorOperators.XOR, sinSign).reinterpretAsFloats();
            FloatVector zc = r.mul(cosV).fma(std, mean), zs = r.mul(sinV).fma(std, mean);
            FloatVector lo = zc.rearrange(INTERLEAVE_LO, zs);
            if (count >= 2 * L) {
                lo.intoArray(out, idx);
                zc.rearrange(INTERLEAVE_HI, zs).intoArray(out, idx + L);
            } else if (count > L) {
                lo.intoArray(out, idx);
                zc.rearrange(INTERLEAVE_HI, zs).intoArray(out, idx + L, F.indexInRange(L, count));
            } else {
                lo.intoArray(out, idx, F.indexInRange(0, count));
            }
        }
    }
}
