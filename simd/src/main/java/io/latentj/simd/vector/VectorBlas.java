package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API level-1 and level-2 kernels. Same contract as ScalarBlas (row-major, element offsets, leading
 * dimensions; {@code beta == 0} overwrites y without reading it; {@code alpha == 0} reads neither A nor x).
 *
 * <p>Performance rules kept here: the species and every operator are {@code static final} constants at the call
 * site; hot loops are plain static methods (monomorphic); tails use a mask instead of a scalar loop; reductions
 * keep several independent accumulators to hide FMA latency and reduce lanes once at the end, with
 * {@link VectorMath#sum} (a fixed addition tree: {@code reduceLanes(ADD)}'s order differs between JIT tiers).
 */
public final class VectorBlas {
    private VectorBlas() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    public static void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        if (alpha == 0f || inLen == 0) {
            // op(A)·x contributes alpha·0 (A and x are not read), exactly as the reference computes it
            float z = alpha * 0f;
            if (beta == 0f) fill(outLen, z, y, yOff);
            else scaleAdd(outLen, z, beta, y, yOff);
            return;
        }
        if (!trans) {
            dotRows(0, m, n, a, aOff, lda, x, xOff, alpha, beta, y, yOff);
        } else {
            // y = beta·y + Σ_i (alpha·x_i)·A_i  (the reference's alpha·s is folded into the row coefficients)
            axpyRows(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        }
    }

    /**
     * dst[dOff + (i − i0)] = alpha · (A_i · x) + beta · dst[...] for rows i in [i0, i1) (beta = 0: dst not read),
     * four rows per pass sharing each load of x. The work is in small methods ({@link #dot4}, {@link #dot1}): one
     * large method with all of it failed C1's register allocation, stayed at tier 2 and never reached C2, so every
     * vector was boxed (17 KB allocated per 19×37 GEMV). Package-private: VectorFused runs its epilogues after it.
     */
    static void dotRows(int i0, int i1, int n, float[] a, int aOff, int lda, float[] x, int xOff, float alpha, float beta, float[] dst, int dOff) {
        int i = i0;
        for (; i + 4 <= i1; i += 4) dot4(n, a, aOff + i * lda, lda, x, xOff, alpha, beta, dst, dOff + (i - i0));
        for (; i < i1; i++) {
            int d = dOff + (i - i0);
            float s = dot1(n, a, aOff + i * lda, x, xOff);
            dst[d] = beta == 0f ? alpha * s : alpha * s + beta * dst[d];
        }
    }

    /** Four rows starting at element r0 (rows lda apart) dotted with x, combined into dst[d..d+3]. */
    private static void dot4(int n, float[] a, int r0, int lda, float[] x, int xOff, float alpha, float beta, float[] dst, int d) {
        int r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
        int ub = S.loopBound(n);
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        for (int j = 0; j < ub; j += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + j);
            c0 = FloatVector.fromArray(S, a, r0 + j).fma(xv, c0);
            c1 = FloatVector.fromArray(S, a, r1 + j).fma(xv, c1);
            c2 = FloatVector.fromArray(S, a, r2 + j).fma(xv, c2);
            c3 = FloatVector.fromArray(S, a, r3 + j).fma(xv, c3);
        }
        if (ub < n) {
            VectorMask<Float> tail = S.indexInRange(ub, n);
            FloatVector xv = FloatVector.fromArray(S, x, xOff + ub, tail);
            c0 = FloatVector.fromArray(S, a, r0 + ub, tail).fma(xv, c0);
            c1 = FloatVector.fromArray(S, a, r1 + ub, tail).fma(xv, c1);
            c2 = FloatVector.fromArray(S, a, r2 + ub, tail).fma(xv, c2);
            c3 = FloatVector.fromArray(S, a, r3 + ub, tail).fma(xv, c3);
        }
        FloatVector sums = VectorMath.sum4(c0, c1, c2, c3);
        float s0 = sums.lane(0), s1 = sums.lane(VectorMath.SUM4_LANE1);
        float s2 = sums.lane(VectorMath.SUM4_LANE2), s3 = sums.lane(VectorMath.SUM4_LANE3);
        if (beta == 0f) {
            dst[d] = alpha * s0;
            dst[d + 1] = alpha * s1;
            dst[d + 2] = alpha * s2;
            dst[d + 3] = alpha * s3;
        } else {
            dst[d] = alpha * s0 + beta * dst[d];
            dst[d + 1] = alpha * s1 + beta * dst[d + 1];
            dst[d + 2] = alpha * s2 + beta * dst[d + 2];
            dst[d + 3] = alpha * s3 + beta * dst[d + 3];
        }
    }

    /** One row starting at element r0 dotted with x, two accumulators. */
    private static float dot1(int n, float[] a, int r0, float[] x, int xOff) {
        int ub = S.loopBound(n);
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        int j = 0;
        for (; j <= ub - 2 * L; j += 2 * L) {
            c0 = FloatVector.fromArray(S, a, r0 + j).fma(FloatVector.fromArray(S, x, xOff + j), c0);
            c1 = FloatVector.fromArray(S, a, r0 + j + L).fma(FloatVector.fromArray(S, x, xOff + j + L), c1);
        }
        for (; j < ub; j += L) c0 = FloatVector.fromArray(S, a, r0 + j).fma(FloatVector.fromArray(S, x, xOff + j), c0);
        if (ub < n) {
            VectorMask<Float> tail = S.indexInRange(ub, n);
            c1 = FloatVector.fromArray(S, a, r0 + ub, tail).fma(FloatVector.fromArray(S, x, xOff + ub, tail), c1);
        }
        return VectorMath.sum(c0.add(c1));
    }

    /**
     * y(n) = beta·y + Σ_{i<m} (alpha·x_i)·A_i, as row-wise axpy accumulation: four rows per pass over y, so each
     * load/store of y (L1-resident) is shared by four FMAs. beta == 0: y is written by the first pass, never read.
     * Requires m ≥ 1. Package-private: VectorFused accumulates with it (alpha = 1, beta = 0).
     */
    static void axpyRows(int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        // first pass: rows 0..g-1 (g = min(4, m)) plus beta·y, so y is initialised without a separate zeroing pass
        int g = Math.min(4, m);
        axpyFirst(g, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        int i = g;
        for (; i + 4 <= m; i += 4) axpy4(n, a, aOff + i * lda, lda, alpha * x[xOff + i], alpha * x[xOff + i + 1],
                alpha * x[xOff + i + 2], alpha * x[xOff + i + 3], y, yOff);
        for (; i < m; i++) axpy1(n, a, aOff + i * lda, alpha * x[xOff + i], y, yOff);
    }

    /** y = beta·y + Σ_{i<g} (alpha·x_i)·A_i for the first g ≤ 4 rows (beta = 0: y not read). */
    private static void axpyFirst(int g, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        int ub = S.loopBound(n);
        VectorMask<Float> tail = S.indexInRange(ub, n);
        FloatVector x0 = FloatVector.broadcast(S, alpha * x[xOff]);
        FloatVector x1 = FloatVector.broadcast(S, g > 1 ? alpha * x[xOff + 1] : 0f);
        FloatVector x2 = FloatVector.broadcast(S, g > 2 ? alpha * x[xOff + 2] : 0f);
        FloatVector x3 = FloatVector.broadcast(S, g > 3 ? alpha * x[xOff + 3] : 0f);
        int r0 = aOff, r1 = g > 1 ? r0 + lda : r0, r2 = g > 2 ? r1 + lda : r0, r3 = g > 3 ? r2 + lda : r0;
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mk = j < ub ? S.maskAll(true) : tail;
            FloatVector acc = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j, mk).mul(beta);
            acc = FloatVector.fromArray(S, a, r0 + j, mk).fma(x0, acc);
            if (g > 1) acc = FloatVector.fromArray(S, a, r1 + j, mk).fma(x1, acc);
            if (g > 2) acc = FloatVector.fromArray(S, a, r2 + j, mk).fma(x2, acc);
            if (g > 3) acc = FloatVector.fromArray(S, a, r3 + j, mk).fma(x3, acc);
            acc.intoArray(y, yOff + j, mk);
        }
    }

    /** y += c0·A_r0 + c1·A_r1 + c2·A_r2 + c3·A_r3 for four rows lda apart. */
    private static void axpy4(int n, float[] a, int r0, int lda, float c0, float c1, float c2, float c3, float[] y, int yOff) {
        int r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
        FloatVector x0 = FloatVector.broadcast(S, c0), x1 = FloatVector.broadcast(S, c1);
        FloatVector x2 = FloatVector.broadcast(S, c2), x3 = FloatVector.broadcast(S, c3);
        int ub = S.loopBound(n);
        for (int j = 0; j < ub; j += L) {
            FloatVector acc = FloatVector.fromArray(S, y, yOff + j);
            acc = FloatVector.fromArray(S, a, r0 + j).fma(x0, acc);
            acc = FloatVector.fromArray(S, a, r1 + j).fma(x1, acc);
            acc = FloatVector.fromArray(S, a, r2 + j).fma(x2, acc);
            acc = FloatVector.fromArray(S, a, r3 + j).fma(x3, acc);
            acc.intoArray(y, yOff + j);
        }
        if (ub < n) {
            VectorMask<Float> tail = S.indexInRange(ub, n);
            FloatVector acc = FloatVector.fromArray(S, y, yOff + ub, tail);
            acc = FloatVector.fromArray(S, a, r0 + ub, tail).fma(x0, acc);
            acc = FloatVector.fromArray(S, a, r1 + ub, tail).fma(x1, acc);
            acc = FloatVector.fromArray(S, a, r2 + ub, tail).fma(x2, acc);
            acc = FloatVector.fromArray(S, a, r3 + ub, tail).fma(x3, acc);
            acc.intoArray(y, yOff + ub, tail);
        }
    }

    /** y += c·A_r0. */
    private static void axpy1(int n, float[] a, int r0, float c, float[] y, int yOff) {
        FloatVector x0 = FloatVector.broadcast(S, c);
        int ub = S.loopBound(n);
        for (int j = 0; j < ub; j += L) {
            FloatVector.fromArray(S, a, r0 + j).fma(x0, FloatVector.fromArray(S, y, yOff + j)).intoArray(y, yOff + j);
        }
        if (ub < n) {
            VectorMask<Float> tail = S.indexInRange(ub, n);
            FloatVector.fromArray(S, a, r0 + ub, tail).fma(x0, FloatVector.fromArray(S, y, yOff + ub, tail)).intoArray(y, yOff + ub, tail);
        }
    }

    private static void fill(int n, float v, float[] y, int yOff) {
        FloatVector vv = FloatVector.broadcast(S, v);
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) vv.intoArray(y, yOff + i);
        if (i < n) vv.intoArray(y, yOff + i, S.indexInRange(i, n));
    }

    /** y = z + beta·y. */
    private static void scaleAdd(int n, float z, float beta, float[] y, int yOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) FloatVector.fromArray(S, y, yOff + i).mul(beta).add(z).intoArray(y, yOff + i);
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            FloatVector.fromArray(S, y, yOff + i, mk).mul(beta).add(z).intoArray(y, yOff + i, mk);
        }
    }

    /** A += alpha·x·yᵀ; four rows per pass share each load of y. Rounding as the reference: (alpha·x_i)·y_j, then add. */
    public static void ger(int m, int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] a, int aOff, int lda) {
        if (alpha == 0f) return;
        int ub = S.loopBound(n);
        VectorMask<Float> tail = S.indexInRange(ub, n);
        boolean hasTail = ub < n;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            float x0 = alpha * x[xOff + i], x1 = alpha * x[xOff + i + 1], x2 = alpha * x[xOff + i + 2], x3 = alpha * x[xOff + i + 3];
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            for (int j = 0; j < ub; j += L) {
                FloatVector yv = FloatVector.fromArray(S, y, yOff + j);
                FloatVector.fromArray(S, a, r0 + j).add(yv.mul(x0)).intoArray(a, r0 + j);
                FloatVector.fromArray(S, a, r1 + j).add(yv.mul(x1)).intoArray(a, r1 + j);
                FloatVector.fromArray(S, a, r2 + j).add(yv.mul(x2)).intoArray(a, r2 + j);
                FloatVector.fromArray(S, a, r3 + j).add(yv.mul(x3)).intoArray(a, r3 + j);
            }
            if (hasTail) {
                FloatVector yv = FloatVector.fromArray(S, y, yOff + ub, tail);
                FloatVector.fromArray(S, a, r0 + ub, tail).add(yv.mul(x0)).intoArray(a, r0 + ub, tail);
                FloatVector.fromArray(S, a, r1 + ub, tail).add(yv.mul(x1)).intoArray(a, r1 + ub, tail);
                FloatVector.fromArray(S, a, r2 + ub, tail).add(yv.mul(x2)).intoArray(a, r2 + ub, tail);
                FloatVector.fromArray(S, a, r3 + ub, tail).add(yv.mul(x3)).intoArray(a, r3 + ub, tail);
            }
        }
        for (; i < m; i++) axpyUnchecked(n, alpha * x[xOff + i], y, yOff, a, aOff + i * lda);
    }

    /** y += alpha·x, computed as y + (alpha·x) like the reference (bit-identical results). */
    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        if (alpha == 0f) return;
        axpyUnchecked(n, alpha, x, xOff, y, yOff);
    }

    private static void axpyUnchecked(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i).mul(alpha)).intoArray(y, yOff + i);
        }
        // a scalar tail, not a masked one: the same rounding (a product, then a sum), and a masked access reaching past
        // an array's end was at times compiled to the Vector API's allocating Java fallback
        for (; i < n; i++) y[yOff + i] += x[xOff + i] * alpha;
    }

    /** xᵀy with four independent FMA accumulators. */
    public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            c0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), c0);
            c1 = FloatVector.fromArray(S, x, xOff + i + L).fma(FloatVector.fromArray(S, y, yOff + i + L), c1);
            c2 = FloatVector.fromArray(S, x, xOff + i + 2 * L).fma(FloatVector.fromArray(S, y, yOff + i + 2 * L), c2);
            c3 = FloatVector.fromArray(S, x, xOff + i + 3 * L).fma(FloatVector.fromArray(S, y, yOff + i + 3 * L), c3);
        }
        int ub = S.loopBound(n);
        for (; i < ub; i += L) {
            c0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), c0);
        }
        if (i < n) {
            VectorMask<Float> mk = S.indexInRange(i, n);
            c1 = FloatVector.fromArray(S, x, xOff + i, mk).fma(FloatVector.fromArray(S, y, yOff + i, mk), c1);
        }
        return VectorMath.sum(c0.add(c1).add(c2.add(c3)));
    }

    /** x *= alpha (bit-identical to the reference). */
    public static void scal(int n, float alpha, float[] x, int xOff) {
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        for (; i < n; i++) x[xOff + i] *= alpha; // scalar tail: see axpy
    }

    /** Sums below this (2^-100) may have lost small terms to float underflow: recompute scaled. */
    private static final float NRM2_SMALL = 0x1p-100f;

    /**
     * ‖x‖₂. Fast path: one pass summing squares in float (four accumulators); if that overflowed (∞) or is so small
     * that squares may have underflowed, a second, scaled pass: ‖x‖ = max|x| · ‖x / max|x|‖. NaN anywhere → NaN;
     * otherwise ∞ anywhere → ∞, as the reference (which accumulates in double).
     */
    public static float nrm2(int n, float[] x, int xOff) {
        float s = sumSquares(n, 1f, x, xOff);
        if (s != s) return Float.NaN;
        if (s >= NRM2_SMALL && s != Float.POSITIVE_INFINITY) return (float) Math.sqrt(s);
        float max = maxAbs(n, x, xOff);
        if (max == 0f || max == Float.POSITIVE_INFINITY || max != max) return max;
        // scale by a power of two near 1/max so the scaling itself is exact
        int e = Math.getExponent(max);
        float scale = Math.scalb(1f, -e);
        float t = sumSquares(n, scale, x, xOff);
        return (float) (Math.sqrt(t) * Math.scalb(1.0, e));
    }

    private static float sumSquares(int n, float scale, float[] x, int xOff) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            FloatVector v0 = FloatVector.fromArray(S, x, xOff + i).mul(scale);
            FloatVector v1 = FloatVector.fromArray(S, x, xOff + i + L).mul(scale);
            FloatVector v2 = FloatVector.fromArray(S, x, xOff + i + 2 * L).mul(scale);
            FloatVector v3 = FloatVector.fromArray(S, x, xOff + i + 3 * L).mul(scale);
            c0 = v0.fma(v0, c0);
            c1 = v1.fma(v1, c1);
            c2 = v2.fma(v2, c2);
            c3 = v3.fma(v3, c3);
        }
        int ub = S.loopBound(n);
        for (; i < ub; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i).mul(scale);
            c0 = v.fma(v, c0);
        }
        // scalar tail, not a masked load into c1: with the masked tail, C2 on AVX2 (8 lanes, the unrolled loop and the
        // tail both run for 37 floats) at times compiled the final adds below as the Vector API's Java fallback,
        // 64 bytes per call (k-means triangle encoding, 3 of 5 fresh JVMs in bench/alloc-probe.sh)
        float tail = 0f;
        for (; i < n; i++) {
            float v = x[xOff + i] * scale;
            tail = Math.fma(v, v, tail);
        }
        return VectorMath.sum(c0.add(c1).add(c2.add(c3))) + tail;
    }

    private static float maxAbs(int n, float[] x, int xOff) {
        FloatVector mx = FloatVector.zero(S);
        int ub = S.loopBound(n);
        int i = 0;
        for (; i < ub; i += L) mx = mx.max(FloatVector.fromArray(S, x, xOff + i).abs());
        if (i < n) mx = mx.max(FloatVector.fromArray(S, x, xOff + i, S.indexInRange(i, n)).abs());
        return mx.reduceLanes(VectorOperators.MAX);
    }

    /** out[i] = Σ_j A[i][j]; four rows per pass, one accumulator per row. */
    public static void rowSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        int ub = S.loopBound(n);
        VectorMask<Float> tail = S.indexInRange(ub, n);
        boolean hasTail = ub < n;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
            for (int j = 0; j < ub; j += L) {
                c0 = c0.add(FloatVector.fromArray(S, a, r0 + j));
                c1 = c1.add(FloatVector.fromArray(S, a, r1 + j));
                c2 = c2.add(FloatVector.fromArray(S, a, r2 + j));
                c3 = c3.add(FloatVector.fromArray(S, a, r3 + j));
            }
            if (hasTail) {
                c0 = c0.add(FloatVector.fromArray(S, a, r0 + ub, tail));
                c1 = c1.add(FloatVector.fromArray(S, a, r1 + ub, tail));
                c2 = c2.add(FloatVector.fromArray(S, a, r2 + ub, tail));
                c3 = c3.add(FloatVector.fromArray(S, a, r3 + ub, tail));
            }
            FloatVector sums = VectorMath.sum4(c0, c1, c2, c3);
            out[outOff + i] = sums.lane(0);
            out[outOff + i + 1] = sums.lane(VectorMath.SUM4_LANE1);
            out[outOff + i + 2] = sums.lane(VectorMath.SUM4_LANE2);
            out[outOff + i + 3] = sums.lane(VectorMath.SUM4_LANE3);
        }
        for (; i < m; i++) {
            int r0 = aOff + i * lda;
            FloatVector c0 = FloatVector.zero(S);
            for (int j = 0; j < ub; j += L) c0 = c0.add(FloatVector.fromArray(S, a, r0 + j));
            if (hasTail) c0 = c0.add(FloatVector.fromArray(S, a, r0 + ub, tail));
            out[outOff + i] = VectorMath.sum(c0);
        }
    }

    /**
     * out[j] = Σ_i A[i][j]: rows added in order into out, four rows per pass over out. The additions happen in the
     * same order as the reference (0 + a_0j + a_1j + ...), so results are bit-identical.
     */
    public static void colSums(int m, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        fill(n, 0f, out, outOff);
        int ub = S.loopBound(n);
        VectorMask<Float> tail = S.indexInRange(ub, n);
        boolean hasTail = ub < n;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            for (int j = 0; j < ub; j += L) {
                FloatVector.fromArray(S, out, outOff + j)
                        .add(FloatVector.fromArray(S, a, r0 + j)).add(FloatVector.fromArray(S, a, r1 + j))
                        .add(FloatVector.fromArray(S, a, r2 + j)).add(FloatVector.fromArray(S, a, r3 + j))
                        .intoArray(out, outOff + j);
            }
            if (hasTail) {
                FloatVector.fromArray(S, out, outOff + ub, tail)
                        .add(FloatVector.fromArray(S, a, r0 + ub, tail)).add(FloatVector.fromArray(S, a, r1 + ub, tail))
                        .add(FloatVector.fromArray(S, a, r2 + ub, tail)).add(FloatVector.fromArray(S, a, r3 + ub, tail))
                        .intoArray(out, outOff + ub, tail);
            }
        }
        for (; i < m; i++) {
            int r0 = aOff + i * lda;
            for (int j = 0; j < ub; j += L) {
                FloatVector.fromArray(S, out, outOff + j).add(FloatVector.fromArray(S, a, r0 + j)).intoArray(out, outOff + j);
            }
            if (hasTail) {
                FloatVector.fromArray(S, out, outOff + ub, tail).add(FloatVector.fromArray(S, a, r0 + ub, tail)).intoArray(out, outOff + ub, tail);
            }
        }
    }

    /** Σ (A − B)²: per-row FMA accumulation in float lanes, rows added in double (as the reference does). */
    public static double squaredDistance(int m, int n, float[] a, int aOff, int lda, float[] b, int bOff, int ldb) {
        double total = 0;
        int ub = S.loopBound(n);
        for (int r = 0; r < m; r++) {
            int ao = aOff + r * lda, bo = bOff + r * ldb;
            FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
            int i = 0;
            for (; i <= n - 2 * L; i += 2 * L) {
                FloatVector d0 = FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i));
                FloatVector d1 = FloatVector.fromArray(S, a, ao + i + L).sub(FloatVector.fromArray(S, b, bo + i + L));
                acc0 = d0.fma(d0, acc0);
                acc1 = d1.fma(d1, acc1);
            }
            for (; i < ub; i += L) {
                FloatVector d = FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i));
                acc0 = d.fma(d, acc0);
            }
            if (i < n) {
                VectorMask<Float> mk = S.indexInRange(i, n);
                FloatVector d = FloatVector.fromArray(S, a, ao + i, mk).sub(FloatVector.fromArray(S, b, bo + i, mk));
                acc1 = d.fma(d, acc1);
            }
            total += VectorMath.sum(acc0.add(acc1));
        }
        return total;
    }

    /** out[j] = Σ_i A[i][j] · B[i][j]: rows accumulated in order, lane by lane (a product then a sum, as the reference). */
    public static void colDots(int m, int n, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] out, int outOff) {
        java.util.Arrays.fill(out, outOff, outOff + n, 0f);
        for (int i = 0; i < m; i++) colDotsRow(n, a, aOff + i * lda, b, bOff + i * ldb, out, outOff);
    }

    private static void colDotsRow(int n, float[] a, int ao, float[] b, int bo, float[] out, int outOff) {
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mk = S.indexInRange(j, n);
            FloatVector p = FloatVector.fromArray(S, a, ao + j, mk).mul(FloatVector.fromArray(S, b, bo + j, mk));
            FloatVector.fromArray(S, out, outOff + j, mk).add(p).intoArray(out, outOff + j, mk);
        }
    }
}
