package io.latentj.models.nn;

import io.latentj.simd.FMatrix;

/**
 * A double-precision reference of the layers, activations and losses, for the finite-difference gradient checks.
 * Matrices are row-major double arrays; every function is the textbook formula, written independently of the
 * float code under test.
 */
final class Ref {
    private Ref() {}

    static double[] of(FMatrix m) {
        double[] d = new double[(int) m.size()];
        for (int r = 0; r < m.rows(); r++) for (int c = 0; c < m.cols(); c++) d[r * m.cols() + c] = m.get(r, c);
        return d;
    }

    static FMatrix toF(double[] d, int off, int rows, int cols) {
        FMatrix m = FMatrix.zeros(rows, cols);
        for (int i = 0; i < rows * cols; i++) m.data()[i] = (float) d[off + i];
        return m;
    }

    /** Rounds every entry to float, so the double reference runs at exactly the float code's parameter values. */
    static double[] roundToFloat(double[] d) {
        double[] r = d.clone();
        for (int i = 0; i < r.length; i++) r[i] = (float) r[i];
        return r;
    }

    /** C (n×m) = A (n×k) · op(B) where B is m×k when {@code bT} (C = A Bᵀ) and k×m otherwise. */
    static double[] matmul(double[] a, int aOff, int n, int k, double[] b, int bOff, int m, boolean bT) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int t = 0; t < k; t++) s += a[aOff + i * k + t] * (bT ? b[bOff + j * k + t] : b[bOff + t * m + j]);
                c[i * m + j] = s;
            }
        }
        return c;
    }

    static void addBias(double[] z, int rows, int cols, double[] b, int bOff) {
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) z[r * cols + c] += b[bOff + c];
    }

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    static double softplus(double z) { return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)); }

    static double[] activate(Activation f, double[] z, int rows, int cols) {
        double[] a = new double[z.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            if (f == Activation.SOFTMAX) {
                for (int c = 0; c < cols; c++) max = Math.max(max, z[r * cols + c]);
                for (int c = 0; c < cols; c++) sum += Math.exp(z[r * cols + c] - max);
            }
            for (int c = 0; c < cols; c++) {
                double v = z[r * cols + c];
                a[r * cols + c] = switch (f) {
                    case SIGMOID -> sigmoid(v);
                    case TANH -> Math.tanh(v);
                    case RELU -> Math.max(0, v);
                    case SOFTPLUS -> softplus(v);
                    case LINEAR -> v;
                    case SOFTMAX -> Math.exp(v - max) / sum;
                };
            }
        }
        return a;
    }

    static double loss(Loss loss, double[] in, double[] t, int rows, int cols) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            double lse = 0, max = Double.NEGATIVE_INFINITY;
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                for (int c = 0; c < cols; c++) max = Math.max(max, in[r * cols + c]);
                for (int c = 0; c < cols; c++) lse += Math.exp(in[r * cols + c] - max);
                lse = max + Math.log(lse);
            }
            for (int c = 0; c < cols; c++) {
                double z = in[r * cols + c], y = t[r * cols + c];
                s += switch (loss) {
                    case SQUARED_ERROR -> 0.5 * (z - y) * (z - y);
                    // −[y log σ(z) + (1 − y) log(1 − σ(z))], written with logs of probabilities on purpose
                    case BINARY_CROSS_ENTROPY -> -(y * Math.log(sigmoid(z)) + (1 - y) * Math.log(1 - sigmoid(z)));
                    case SOFTMAX_CROSS_ENTROPY -> -y * (z - lse);
                };
            }
        }
        return s / rows;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
