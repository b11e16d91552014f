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

    /** Lane indexes 0, 1, ..., L-1 and their doubles. */
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);
    private static final IntVector IOTA2 = IntVector.zero(I).addIndex(2);

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
            int i = 0;
            for (int bound = I.loopBound(m); i < bound; i += L) {
                hash(r0, r1, r2, c).intoArray(out, off + i);
                c = c.add(L);
            }
            if (i < m) {
                VectorMask<Integer> mask = I.indexInRange(i, m);
                hash(r0, r1, r2, c).intoArray(out, off + i, mask);
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
            int i = 0;
            for (int bound = F.loopBound(m); i < bound; i += L) {
                uniform(hash(r0, r1, r2, c)).intoArray(out, off + i);
                c = c.add(L);
            }
            if (i < m) {
                VectorMask<Float> mask = F.indexInRange(i, m);
                uniform(hash(r0, r1, r2, c)).intoArray(out, off + i, mask);
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
            int i = 0;
            for (int bound = F.loopBound(m); i < bound; i += L) {
                FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
                FloatVector u = uniform(hash(r0, r1, r2, c));
                zero.blend(one, u.compare(VectorOperators.LT, pv)).intoArray(out, outOff + i);
                c = c.add(L);
            }
            if (i < m) {
                VectorMask<Float> mask = F.indexInRange(i, m);
                FloatVector pv = FloatVector.fromArray(F, p, pOff + i, mask);
                FloatVector u = uniform(hash(r0, r1, r2, c));
                zero.blend(one, u.compare(VectorOperators.LT, pv)).intoArray(out, outOff + i, mask);
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
            int r0 = (int) bk, r1 = (int) (bk >>> 32), r2 = ScalarRng.thirdRoundKey(bk);
            IntVector c = IOTA2.add((int) counter);
            int j = 0;
            for (int bound = pairs - (pairs % L); j < bound; j += L) {
                pairs(r0, r1, r2, c, mean, std, out, off + 2 * j, 2 * L);
                c = c.add(2 * L);
            }
            if (j < pairs) pairs(r0, r1, r2, c, mean, std, out, off + 2 * j, 2 * (pairs - j));
            counter += 2L * pairs;
            off += 2 * pairs;
            n -= 2 * pairs;
        }
        if (n == 1) ScalarRng.gaussian(key, counter, 0, mean, std, out, off, 1); // cosine half of the last pair
    }

    /**
     * Box–Muller on the L pairs whose first counters' low words are {@code c}; writes {@code mean + std * r cos} and
     * {@code mean + std * r sin} interleaved to the first {@code count} (at most 2L) places from {@code out[idx]}.
     */
    private static void pairs(int r0, int r1, int r2, IntVector c, float mean, float std, float[] out, int idx, int count) {
        IntVector b1 = hash(r0, r1, r2, c);
        IntVector b2 = hash(r0, r1, r2, c.add(1));
        FloatVector u1 = ((FloatVector) b1.lanewise(VectorOperators.LSHR, 8).add(1).convert(VectorOperators.I2F, 0))
                .mul(ScalarRng.TWO_M24);
        FloatVector r = log(u1).mul(-2f).lanewise(VectorOperators.SQRT);

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

    /** ScalarRng.log lane-wise. */
    private static FloatVector log(FloatVector u) {
        IntVector ix = ((IntVector) u.reinterpretAsInts()).add(0x3f800000 - ScalarRng.SQRT_HALF_BITS);
        IntVector e = ix.lanewise(VectorOperators.ASHR, 23).sub(127);
        FloatVector m = ix.and(0x007fffff).add(ScalarRng.SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector f = m.sub(1f);
        FloatVector s = f.div(m.add(1f));
        FloatVector z = s.mul(s);
        FloatVector p = z.fma(ScalarRng.L9, ScalarRng.L7);
        p = z.fma(p, FloatVector.broadcast(F, ScalarRng.L5));
        p = z.fma(p, FloatVector.broadcast(F, ScalarRng.L3));
        p = p.mul(z);
        FloatVector twoS = s.add(s);
        FloatVector lnm = twoS.fma(p, twoS);
        FloatVector fe = (FloatVector) e.convert(VectorOperators.I2F, 0);
        return fe.fma(FloatVector.broadcast(F, ScalarRng.LN2_HI), fe.fma(FloatVector.broadcast(F, ScalarRng.LN2_LO), lnm));
    }
}
