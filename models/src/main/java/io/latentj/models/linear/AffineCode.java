package io.latentj.models.linear;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * The encoder of every model here: code = P·x + b, with P (k×d) and b = −P·μ precomputed, so that a batch is one
 * GEMM and a single sample one GEMV without any scratch memory. (Folding the centring into b costs float accuracy
 * only when |μ| dwarfs the spread of the data; the error is then of the order of |μ|·2⁻²⁴ per input entry.)
 */
record AffineCode(FMatrix p, float[] bias) {

    /** P and b = −P·mean. */
    static AffineCode of(Path path, FMatrix p, float[] mean) {
        float[] b = new float[p.rows()];
        Linalg.gemv(path, Trans.N, -1f, p, mean, 0, 0f, b, 0);
        return new AffineCode(p, b);
    }

    FMatrix apply(Path path, FMatrix x) {
        FMatrix out = FMatrix.zeros(x.rows(), p.rows());
        if (x.rows() == 0) return out;
        out.fillRows(bias, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, x, p, 1f, out);
        return out;
    }

    void applyInto(Path path, float[] x, int xOff, float[] out, int outOff) {
        System.arraycopy(bias, 0, out, outOff, bias.length);
        Linalg.gemv(path, Trans.N, 1f, p, x, xOff, 1f, out, outOff);
    }
}
