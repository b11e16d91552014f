package io.latentj.models.boltzmann;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;

import java.util.SplittableRandom;

/** Random small models and brute-force references in double, straight from the definitions. */
final class Reference {
    private Reference() {}

    /** A symmetric n × n matrix with zero diagonal and N(0, scale²) entries. */
    static FMatrix symmetric(int n, double scale, SplittableRandom r) {
        FMatrix a = FMatrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                float x = (float) (r.nextGaussian() * scale);
                a.set(i, j, x);
                a.set(j, i, x);
            }
        }
        return a;
    }

    static float[] gaussian(int n, double scale, SplittableRandom r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * scale);
        return x;
    }

    static IsingModel ising(int n, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return IsingModel.of(symmetric(n, scale, r), gaussian(n, scale, r), Path.SCALAR);
    }

    static BoltzmannMachine machine(int nv, int nh, double scale, long seed, Path path) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix w = FMatrix.wrap(gaussian(nh * nv, scale, r), nh, nv);
        return BoltzmannMachine.of(w, symmetric(nv, scale, r), symmetric(nh, scale, r), gaussian(nv, scale, r), gaussian(nh, scale, r),
                BoltzmannConfig.builder(nh).path(path).build());
    }

    /** −E(s) = θᵀs + ½ sᵀAs in double. */
    static double negEnergy(FMatrix a, float[] theta, double[] s) {
        double e = 0;
        for (int i = 0; i < s.length; i++) {
            e += theta[i] * s[i];
            for (int j = 0; j < s.length; j++) e += 0.5 * a.get(i, j) * s[i] * s[j];
        }
        return e;
    }

    static double[] state(long index, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = (index >>> i & 1) != 0 ? 1 : 0;
        return s;
    }

    /** log Z by summing exp(−E) over all 2ⁿ states, in double. */
    static double logZ(IsingModel m) {
        FMatrix a = m.couplings();
        float[] theta = m.fields();
        int n = theta.length;
        double max = Double.NEGATIVE_INFINITY;
        double[] ne = new double[1 << n];
        for (int s = 0; s < ne.length; s++) max = Math.max(max, ne[s] = negEnergy(a, theta, state(s, n)));
        double z = 0;
        for (double x : ne) z += Math.exp(x - max);
        return max + Math.log(z);
    }

    /** p(s) of every state s (bit i of the index is unit i), in double. */
    static double[] probabilities(IsingModel m) {
        FMatrix a = m.couplings();
        float[] theta = m.fields();
        int n = theta.length;
        double logZ = logZ(m);
        double[] p = new double[1 << n];
        for (int s = 0; s < p.length; s++) p[s] = Math.exp(negEnergy(a, theta, state(s, n)) - logZ);
        return p;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static FMatrix binary(int rows, int cols, double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix m = FMatrix.zeros(rows, cols);
        for (int i = 0; i < m.data().length; i++) m.data()[i] = r.nextDouble() < p ? 1f : 0f;
        return m;
    }

    /** The bars-and-stripes patterns of a side × side grid (each distinct pattern once). */
    static FMatrix barsAndStripes(int side) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        java.util.List<float[]> rows = new java.util.ArrayList<>();
        for (int mask = 0; mask < 1 << side; mask++) {
            for (int orient = 0; orient < 2; orient++) {
                float[] p = new float[side * side];
                for (int r = 0; r < side; r++) for (int c = 0; c < side; c++) p[r * side + c] = (mask >> (orient == 0 ? r : c) & 1) != 0 ? 1f : 0f;
                if (seen.add(java.util.Arrays.toString(p))) rows.add(p);
            }
        }
        FMatrix m = FMatrix.zeros(rows.size(), side * side);
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, m.data(), i * side * side, side * side);
        return m;
    }
}
