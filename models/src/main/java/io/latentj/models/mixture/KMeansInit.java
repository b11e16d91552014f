package io.latentj.models.mixture;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import io.latentj.simd.Trans;

/**
 * The start of EM: greedy k-means++ seeding (Arthur and Vassilvitskii 2007: each new centre is the best of 2 + ⌊ln K⌋
 * rows drawn with probability ∝ their squared distance to the nearest centre so far), optionally refined by Lloyd's
 * k-means, then each row's label (nearest centre). Squared distances to all centres are one GEMM:
 * ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖² (the ‖x‖² term does not change the nearest centre).
 */
final class KMeansInit {
    private KMeansInit() {}

    /** Most Lloyd iterations; they stop earlier when no label changes. */
    static final int LLOYD_ITERATIONS = 100;

    /** Labels (0..K−1) of the rows of xs from seeded k-means++ (and Lloyd when {@code lloyd}); xs2 = xs ⊙ xs. */
    static int[] labels(Path p, FMatrix xs, FMatrix xs2, int k, boolean lloyd, Rng rng) {
        FMatrix centres = seeds(p, xs, xs2, k, rng);
        int n = xs.rows();
        int[] labels = new int[n];
        FMatrix dist = FMatrix.zeros(n, k);
        assign(p, xs, centres, dist, labels);
        if (!lloyd) return labels;
        int[] previous = new int[n];
        for (int it = 0; it < LLOYD_ITERATIONS; it++) {
            updateCentres(p, xs, labels, centres);
            System.arraycopy(labels, 0, previous, 0, n);
            assign(p, xs, centres, dist, labels);
            if (java.util.Arrays.equals(labels, previous)) break;
        }
        return labels;
    }

    /** K rows of xs chosen by greedy k-means++. */
    static FMatrix seeds(Path p, FMatrix xs, FMatrix xs2, int k, Rng rng) {
        int n = xs.rows(), d = xs.cols();
        float[] norms = new float[n];
        Linalg.rowSums(p, xs2, norms, 0);
        FMatrix centres = FMatrix.zeros(k, d);
        int first = rng.nextInt(n);
        System.arraycopy(xs.data(), xs.rowOffset(first), centres.data(), 0, d);
        double[] closest = new double[n];
        float[] dist = new float[n], best = new float[n];
        double potential = distances(p, xs, norms, centres.data(), 0, dist, closest, true);
        int trials = 2 + (int) Math.log(k);
        for (int c = 1; c < k; c++) {
            double bestPotential = Double.POSITIVE_INFINITY;
            int bestRow = -1;
            for (int t = 0; t < trials; t++) {
                int row = draw(closest, potential, rng);
                double pot = distances(p, xs, norms, xs.data(), xs.rowOffset(row), dist, closest, false);
                if (pot < bestPotential) {
                    bestPotential = pot;
                    bestRow = row;
                    System.arraycopy(dist, 0, best, 0, n);
                }
            }
            System.arraycopy(xs.data(), xs.rowOffset(bestRow), centres.data(), centres.rowOffset(c), d);
            for (int i = 0; i < n; i++) closest[i] = Math.min(closest[i], best[i]);
            potential = bestPotential;
        }
        return centres;
    }

    /**
     * dist[i] = ‖x_i − c‖² (one GEMV) for the centre at c[cOff..]; returns Σ_i min(closest[i], dist[i]), or, when
     * {@code first}, stores dist into closest and returns its sum.
     */
    private static double distances(Path p, FMatrix xs, float[] norms, float[] c, int cOff, float[] dist, double[] closest, boolean first) {
        int n = xs.rows(), d = xs.cols();
        float cc = Linalg.dot(p, d, c, cOff, c, cOff);
        System.arraycopy(norms, 0, dist, 0, n);
        Linalg.gemv(p, Trans.N, -2f, xs, c, cOff, 1f, dist, 0);
        double pot = 0;
        for (int i = 0; i < n; i++) {
            dist[i] = Math.max(0f, dist[i] + cc);
            if (first) closest[i] = dist[i];
            pot += Math.min(closest[i], dist[i]);
        }
        return pot;
    }

    /** A row index drawn with probability ∝ weight (uniformly when every weight is zero: all rows coincide). */
    private static int draw(double[] weight, double total, Rng rng) {
        int n = weight.length;
        if (!(total > 0)) return rng.nextInt(n);
        double target = rng.nextFloat() * total, cum = 0;
        for (int i = 0; i < n; i++) {
            cum += weight[i];
            if (cum > target) return i;
        }
        for (int i = n - 1; i >= 0; i--) if (weight[i] > 0) return i;
        return n - 1;
    }

    /** labels[i] = argmin_k ‖x_i − c_k‖², from dist = 1·‖c‖²ᵀ − 2·X·Cᵀ (one GEMM). */
    static void assign(Path p, FMatrix xs, FMatrix centres, FMatrix dist, int[] labels) {
        int k = centres.rows(), d = centres.cols();
        float[] cc = new float[k];
        for (int c = 0; c < k; c++) cc[c] = Linalg.dot(p, d, centres.data(), centres.rowOffset(c), centres.data(), centres.rowOffset(c));
        dist.fillRows(cc, 0);
        Linalg.gemm(p, Trans.N, Trans.T, -2f, xs, centres, 1f, dist);
        for (int i = 0; i < xs.rows(); i++) {
            int best = 0;
            for (int c = 1; c < k; c++) if (dist.get(i, c) < dist.get(i, best)) best = c;
            labels[i] = best;
        }
    }

    /** Each centre the mean of its rows (one GEMM with the one-hot labels); a centre without rows stays where it is. */
    private static void updateCentres(Path p, FMatrix xs, int[] labels, FMatrix centres) {
        int k = centres.rows(), d = centres.cols();
        FMatrix oneHot = oneHot(labels, k);
        float[] counts = new float[k];
        Linalg.colSums(p, oneHot, counts, 0);
        FMatrix sums = FMatrix.zeros(k, d);
        Linalg.gemm(p, Trans.T, Trans.N, 1f, oneHot, xs, 0f, sums);
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) continue;
            Linalg.scal(p, d, 1f / counts[c], sums.data(), sums.rowOffset(c));
            System.arraycopy(sums.data(), sums.rowOffset(c), centres.data(), centres.rowOffset(c), d);
        }
    }

    /** The n×K matrix with a one in column labels[i] of row i. */
    static FMatrix oneHot(int[] labels, int k) {
        FMatrix r = FMatrix.zeros(labels.length, k);
        for (int i = 0; i < labels.length; i++) r.set(i, labels[i], 1f);
        return r;
    }
}
