package io.latentj.models.nn;

import io.latentj.simd.Elementwise;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;

/**
 * Multinomial logistic regression p(y = k | x) = softmax(W·x + b)_k, trained by L-BFGS on the mean cross-entropy
 * plus (λ/2)‖W‖² — the classifier LatentJ uses to measure how good learned features are, and the top layer of
 * supervised fine-tuning. W is classes × features. Immutable once fitted.
 */
public final class SoftmaxRegression {
    private final FMatrix w;
    private final float[] b;
    private final Path path;
    private final int iterations;
    private final boolean converged;

    private SoftmaxRegression(FMatrix w, float[] b, Path path, int iterations, boolean converged) {
        this.w = w;
        this.b = b;
        this.path = path;
        this.iterations = iterations;
        this.converged = converged;
    }

    /** L-BFGS iterations the fit took. */
    public int iterations() { return iterations; }

    /**
     * Whether L-BFGS met its test (gradient below 1e-6, or the loss stalled over several iterations); false when
     * {@code maxIterations} or a failed line search ended the fit.
     */
    public boolean converged() { return converged; }

    /**
     * Fits on the rows of {@code x} with labels in [0, classes): L-BFGS (memory 10) for at most {@code maxIterations}
     * iterations; {@code l2} is λ on the mean loss (scikit-learn's C corresponds to λ = 1 / (C · rows)).
     */
    public static SoftmaxRegression fit(FMatrix x, int[] labels, int classes, double l2, int maxIterations, Path path) {
        if (x == null || labels == null) throw new IllegalArgumentException("x and labels must not be null");
        if (x.rows() != labels.length) throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        if (x.rows() == 0) throw new IllegalArgumentException("no training rows");
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be non-negative, got " + l2);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
        }
        Elementwise.requireFinite(path, "features", x);
        int n = x.rows(), d = x.cols(), k = classes;
        FMatrix wf = FMatrix.zeros(k, d), logits = FMatrix.zeros(n, k), gw = FMatrix.zeros(k, d);
        float[] bf = new float[k], lse = new float[n], gb = new float[k];
        Lbfgs.Objective objective = (theta, grad) -> {
            for (int i = 0; i < k * d; i++) wf.data()[i] = (float) theta[i];
            for (int j = 0; j < k; j++) bf[j] = (float) theta[k * d + j];
            logits.fillRows(bf, 0);
            Linalg.gemm(path, Trans.N, Trans.T, 1f, x, wf, 1f, logits);
            Elementwise.logSumExpRows(path, logits, lse, 0);
            double loss = 0;
            for (int r = 0; r < n; r++) loss += lse[r] - logits.get(r, labels[r]);
            loss /= n;
            // logits ← softmax − one-hot, the gradient of the loss with respect to the logits (times n)
            Elementwise.softmaxRows(path, logits, logits);
            for (int r = 0; r < n; r++) logits.data()[logits.rowOffset(r) + labels[r]] -= 1f;
            Linalg.gemm(path, Trans.T, Trans.N, 1f / n, logits, x, 0f, gw);
            Linalg.colMeans(path, logits, gb, 0);
            double reg = 0;
            for (int i = 0; i < k * d; i++) {
                reg += theta[i] * theta[i];
                grad[i] = gw.data()[i] + l2 * theta[i];
            }
            for (int j = 0; j < k; j++) grad[k * d + j] = gb[j];
            return loss + 0.5 * l2 * reg;
        };
        Lbfgs.Result res = Lbfgs.minimize(objective, new double[k * d + k], maxIterations, 1e-6, 10);
        FMatrix w = FMatrix.zeros(k, d);
        float[] b = new float[k];
        for (int i = 0; i < k * d; i++) w.data()[i] = (float) res.x()[i];
        for (int j = 0; j < k; j++) b[j] = (float) res.x()[k * d + j];
        return new SoftmaxRegression(w, b, path, res.iterations(), res.converged());
    }

    public int classes() { return w.rows(); }
    public int features() { return w.cols(); }

    /** Class probabilities of every row. */
    public FMatrix probabilities(FMatrix x) {
        if (x.cols() != features()) throw new IllegalArgumentException("x has " + x.cols() + " columns, the classifier expects " + features());
        FMatrix p = FMatrix.zeros(x.rows(), classes());
        p.fillRows(b, 0);
        Linalg.gemm(path, Trans.N, Trans.T, 1f, x, w, 1f, p);
        Elementwise.softmaxRows(path, p, p);
        return p;
    }

    /** The most probable class of every row. */
    public int[] predict(FMatrix x) {
        FMatrix p = probabilities(x);
        int[] out = new int[x.rows()];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int j = 1; j < classes(); j++) if (p.get(r, j) > p.get(r, best)) best = j;
            out[r] = best;
        }
        return out;
    }

    /** Fraction of rows whose predicted class equals the label. */
    public double accuracy(FMatrix x, int[] labels) {
        if (labels.length != x.rows()) throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        int[] p = predict(x);
        int ok = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == labels[i]) ok++;
        return (double) ok / p.length;
    }
}
