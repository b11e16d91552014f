package io.latentj.simd;

import io.latentj.simd.scalar.ScalarRng;
import io.latentj.simd.vector.VectorRng;

/**
 * Random sampling kernels drawing from an {@link Rng}. {@link Path#SCALAR} runs the reference ({@link ScalarRng});
 * {@link Path#SIMD}, {@link Path#BLAS} and {@link Path#AUTO} run the Vector API kernels when the Vector API is
 * readable, else the reference. <b>Every path gives bit-identical results and advances the {@code Rng} by the same
 * number of counters</b>, so runs on different paths stay in lockstep.
 *
 * <p>Counters used: {@code n} for uniform and Bernoulli, {@code 2 * ceil(n / 2)} for Gaussian (Box–Muller pairs; the
 * unused half of a last odd pair is discarded, so two fills of 3 differ from one fill of 6). Matrix overloads use the
 * counters in row-major order of the logical matrix, so the result does not depend on the row stride.
 *
 * <p>Bernoulli: {@code out = u < p ? 1 : 0} with {@code u} uniform in [0, 1), so {@code p <= 0} gives exactly 0,
 * {@code p >= 1} exactly 1, and a NaN probability gives 0 (the comparison with NaN is false). {@code out} may be
 * {@code p} (same offset) for in-place sampling.
 *
 * <p>Invalid arguments (null, negative counts, ranges past the array, shape mismatch, negative or non-finite std)
 * throw {@link IllegalArgumentException} naming the problem; the {@code Rng} is then left unchanged.
 */
public final class Sampling {
    private Sampling() {}

    private static boolean vector(Path path) {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        return path != Path.SCALAR && Capabilities.vectorApi();
    }

    // ---- arrays -----------------------------------------------------------------------------------------------

    /** {@code out[off + i]} = uniform in [0, 1) for {@code i < n}; uses {@code n} counters. */
    public static void uniform(Path path, Rng rng, float[] out, int off, int n) {
        boolean v = vector(path);
        checkRng(rng);
        checkRange("out", out, off, n);
        long c = rng.advance(n);
        if (v) VectorRng.uniform(rng.key(), c, out, off, n);
        else ScalarRng.uniform(rng.key(), c, out, off, n);
    }

    /** {@code out[off + i]} = 32 random bits for {@code i < n}; uses {@code n} counters. */
    public static void ints(Path path, Rng rng, int[] out, int off, int n) {
        boolean v = vector(path);
        checkRng(rng);
        if (out == null) throw new IllegalArgumentException("out must not be null");
        checkRange("out", out.length, off, n);
        long c = rng.advance(n);
        if (v) VectorRng.ints(rng.key(), c, out, off, n);
        else ScalarRng.ints(rng.key(), c, out, off, n);
    }

    /** {@code out[outOff + i] = u_i < p[pOff + i] ? 1 : 0} for {@code i < n}; in place allowed; uses {@code n} counters. */
    public static void bernoulli(Path path, Rng rng, float[] p, int pOff, float[] out, int outOff, int n) {
        boolean v = vector(path);
        checkRng(rng);
        checkRange("p", p, pOff, n);
        checkRange("out", out, outOff, n);
        long c = rng.advance(n);
        if (v) VectorRng.bernoulli(rng.key(), c, p, pOff, out, outOff, n);
        else ScalarRng.bernoulli(rng.key(), c, p, pOff, out, outOff, n);
    }

    /** {@code out[off + i] = mean + std * z_i} with {@code z_i} standard normal; uses {@code 2 * ceil(n / 2)} counters. */
    public static void gaussian(Path path, Rng rng, float mean, float std, float[] out, int off, int n) {
        boolean v = vector(path);
        checkRng(rng);
        checkNormal(mean, std);
        checkRange("out", out, off, n);
        long base = rng.advance(2 * (((long) n + 1) >>> 1));
        if (v) VectorRng.gaussian(rng.key(), base, 0, mean, std, out, off, n);
        else ScalarRng.gaussian(rng.key(), base, 0, mean, std, out, off, n);
    }

    // ---- matrices ---------------------------------------------------------------------------------------------

    /** Fills {@code out} with uniforms in [0, 1), row-major; uses {@code rows * cols} counters. */
    public static void uniform(Path path, Rng rng, FMatrix out) {
        boolean v = vector(path);
        checkRng(rng);
        if (out == null) throw new IllegalArgumentException("out must not be null");
        int rows = out.rows(), cols = out.cols();
        long base = rng.advance(out.size());
        for (int r = 0; r < rows && cols > 0; r++) {
            long c = base + (long) r * cols;
            int o = out.offset() + r * out.rowStride();
            if (v) VectorRng.uniform(rng.key(), c, out.data(), o, cols);
            else ScalarRng.uniform(rng.key(), c, out.data(), o, cols);
        }
    }

    /** {@code out(r, c) = u < p(r, c) ? 1 : 0}, row-major; {@code out} may be {@code p}; uses {@code rows * cols} counters. */
    public static void bernoulli(Path path, Rng rng, FMatrix p, FMatrix out) {
        boolean v = vector(path);
        checkRng(rng);
        if (p == null) throw new IllegalArgumentException("p must not be null");
        if (out == null) throw new IllegalArgumentException("out must not be null");
        if (p.rows() != out.rows() || p.cols() != out.cols()) {
            throw new IllegalArgumentException("shape mismatch: p is " + p.shape() + " but out is " + out.shape());
        }
        int rows = p.rows(), cols = p.cols();
        long base = rng.advance(p.size());
        for (int r = 0; r < rows && cols > 0; r++) {
            long c = base + (long) r * cols;
            int po = p.offset() + r * p.rowStride(), oo = out.offset() + r * out.rowStride();
            if (v) VectorRng.bernoulli(rng.key(), c, p.data(), po, out.data(), oo, cols);
            else ScalarRng.bernoulli(rng.key(), c, p.data(), po, out.data(), oo, cols);
        }
    }

    /**
     * Fills {@code out} with {@code mean + std * z}, row-major; element {@code e = r * cols + c} is element {@code e}
     * of one Gaussian fill of {@code rows * cols}, so a dense matrix gets the same numbers as the array overload.
     */
    public static void gaussian(Path path, Rng rng, float mean, float std, FMatrix out) {
        boolean v = vector(path);
        checkRng(rng);
        checkNormal(mean, std);
        if (out == null) throw new IllegalArgumentException("out must not be null");
        int rows = out.rows(), cols = out.cols();
        long base = rng.advance(2 * ((out.size() + 1) >>> 1));
        for (int r = 0; r < rows && cols > 0; r++) {
            long e0 = (long) r * cols;
            int o = out.offset() + r * out.rowStride();
            if (v) VectorRng.gaussian(rng.key(), base, e0, mean, std, out.data(), o, cols);
            else ScalarRng.gaussian(rng.key(), base, e0, mean, std, out.data(), o, cols);
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    private static void checkRng(Rng rng) {
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
    }

    private static void checkNormal(float mean, float std) {
        if (!Float.isFinite(mean)) throw new IllegalArgumentException("mean must be finite, got " + mean);
        if (!(std >= 0f) || !Float.isFinite(std)) throw new IllegalArgumentException("std must be finite and >= 0, got " + std);
    }

    private static void checkRange(String name, float[] a, int off, int n) {
        if (a == null) throw new IllegalArgumentException(name + " must not be null");
        checkRange(name, a.length, off, n);
    }

    private static void checkRange(String name, int length, int off, int n) {
        if (n < 0) throw new IllegalArgumentException("negative count n=" + n);
        if (off < 0) throw new IllegalArgumentException("negative offset for " + name + ": " + off);
        if ((long) off + n > length) {
            throw new IllegalArgumentException(name + " range [" + off + ", " + ((long) off + n) + ") is past its length " + length);
        }
    }
}
