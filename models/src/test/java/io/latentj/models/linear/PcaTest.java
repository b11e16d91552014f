package io.latentj.models.linear;

import io.latentj.bindings.lapack.Lapack;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PcaTest {
    @TempDir
    java.nio.file.Path dir;

    static final int D = 8, N = 20_000;
    /** Well separated (each at least 1.6× the next): ratio cumulative sums 0.455, 0.727, 0.864, 0.932, 0.968, … */
    static final double[] LAMBDA = {10, 6, 3, 1.5, 0.8, 0.4, 0.2, 0.1};
    static final double[] MEAN = {3, -2, 1, 0.5, 0, 4, -1, 2};
    static final double[][] Q = LinearTestData.randomOrthogonal(D, 7);
    static final FMatrix X = LinearTestData.gaussian(Q, LAMBDA, MEAN, N, 11);

    private static double absCos(FMatrix comps, int k, double[] v) {
        double dot = 0, a = 0, b = 0;
        for (int j = 0; j < v.length; j++) {
            dot += comps.get(k, j) * v[j];
            a += comps.get(k, j) * comps.get(k, j);
            b += v[j] * v[j];
        }
        return Math.abs(dot) / Math.sqrt(a * b);
    }

    @Test
    void recoversTheEigenvectorsAndEigenvaluesOfAKnownCovariance() {
        PCA pca = PCA.fit(PcaConfig.components(D).build(), X);
        FMatrix c = pca.componentMatrix();
        float[] ev = pca.explainedVariance();
        double tol = 4 * Math.sqrt(2.0 / N); // sd of a sample variance is λ·√(2/n)
        double worstCos = 1, worstRel = 0;
        for (int k = 0; k < D; k++) {
            double cos = absCos(c, k, Q[k]), rel = Math.abs(ev[k] - LAMBDA[k]) / LAMBDA[k];
            worstCos = Math.min(worstCos, cos);
            worstRel = Math.max(worstRel, rel);
            assertTrue(cos > 0.99, "component " + k + ": |cos| " + cos);
            assertTrue(rel < tol, "eigenvalue " + k + ": " + ev[k] + " vs " + LAMBDA[k]);
        }
        System.out.printf("PCA known covariance: worst |cos| %.6f, worst eigenvalue relative error %.4f (4σ bound %.4f)%n", worstCos, worstRel, tol);
        float[] mean = pca.mean();
        for (int j = 0; j < D; j++) assertEquals(MEAN[j], mean[j], 0.05);
        double sumRatio = 0;
        for (float r : pca.explainedVarianceRatio()) sumRatio += r;
        assertEquals(1, sumRatio, 1e-5);
        assertEquals(Arrays.stream(LAMBDA).sum(), pca.totalVariance(), 0.05 * pca.totalVariance());
    }

    @Test
    void componentsFollowTheSignConventionAndAreOrthonormal() {
        FMatrix c = PCA.fit(PcaConfig.components(5).build(), X).componentMatrix();
        for (int k = 0; k < 5; k++) {
            int best = 0;
            for (int j = 1; j < D; j++) if (Math.abs(c.get(k, j)) > Math.abs(c.get(k, best))) best = j;
            assertTrue(c.get(k, best) > 0, "largest entry of component " + k + " is positive");
            for (int l = 0; l < 5; l++) {
                double dot = 0;
                for (int j = 0; j < D; j++) dot += c.get(k, j) * c.get(l, j);
                assertEquals(k == l ? 1 : 0, dot, 1e-5);
            }
        }
    }

    @Test
    void eigenAndSvdRoutesAgree() {
        assumeTrue(Lapack.isAvailable(), "OpenBLAS not loaded");
        PCA eig = PCA.fit(PcaConfig.components(D).solver(PcaConfig.Solver.EIGEN).build(), X);
        PCA svd = PCA.fit(PcaConfig.components(D).solver(PcaConfig.Solver.SVD).build(), X);
        assertEquals("dsyevr", eig.provenance().get("decomposition"));
        assertEquals("svd", svd.provenance().get("decomposition"));
        double worstC = 0, worstV = 0;
        FMatrix a = eig.componentMatrix(), b = svd.componentMatrix();
        for (int k = 0; k < D; k++) {
            for (int j = 0; j < D; j++) worstC = Math.max(worstC, Math.abs(a.get(k, j) - b.get(k, j)));
            worstV = Math.max(worstV, Math.abs(eig.explainedVariance()[k] - svd.explainedVariance()[k]) / eig.explainedVariance()[k]);
        }
        System.out.printf("PCA eig vs svd: max component difference %.2e, max relative variance difference %.2e%n", worstC, worstV);
        assertTrue(worstC < 1e-4, "components differ by " + worstC);
        assertTrue(worstV < 1e-4, "explained variances differ by " + worstV);
        assertEquals(eig.totalVariance(), svd.totalVariance(), 1e-4 * eig.totalVariance());
    }

    /** Run in a child JVM with OpenBLAS switched off: the SVD route is refused clearly, the eigen route falls back to Jacobi. */
    @Test
    void svdWithoutLapackIsRefusedClearly() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Dlatentj.openblas=none", "-cp", System.getProperty("java.class.path"), NoLapackProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "probe hung");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("lapack=false") && out.contains("svd refused: ") && out.contains("EIGEN") && out.contains("eigen route: jacobi"), out);
    }

    /** The child JVM's side of {@link #svdWithoutLapackIsRefusedClearly}. */
    public static final class NoLapackProbe {
        public static void main(String[] args) {
            System.out.println("lapack=" + Lapack.isAvailable());
            FMatrix x = FMatrix.zeros(100, 6);
            java.util.SplittableRandom r = new java.util.SplittableRandom(1);
            for (int i = 0; i < x.data().length; i++) x.data()[i] = (float) r.nextGaussian();
            try {
                PCA.fit(PcaConfig.components(2).solver(PcaConfig.Solver.SVD).build(), x);
                System.out.println("svd accepted");
            } catch (IllegalStateException e) {
                System.out.println("svd refused: " + e.getMessage());
            }
            System.out.println("eigen route: " + PCA.fit(PcaConfig.components(2).build(), x).provenance().get("decomposition"));
        }
    }

    @Test
    void pureJavaJacobiAgreesWithLapack() {
        PCA jac = PCA.fit(PcaConfig.components(D).solver(PcaConfig.Solver.JACOBI).build(), X);
        assertEquals("jacobi", jac.provenance().get("decomposition"));
        for (int k = 0; k < D; k++) assertTrue(absCos(jac.componentMatrix(), k, Q[k]) > 0.99);
        assumeTrue(Lapack.isAvailable(), "OpenBLAS not loaded");
        PCA eig = PCA.fit(PcaConfig.components(D).build(), X);
        double worstC = 0, worstV = 0;
        for (int k = 0; k < D; k++) {
            for (int j = 0; j < D; j++) worstC = Math.max(worstC, Math.abs(eig.componentMatrix().get(k, j) - jac.componentMatrix().get(k, j)));
            worstV = Math.max(worstV, Math.abs(eig.explainedVariance()[k] - jac.explainedVariance()[k]) / eig.explainedVariance()[k]);
        }
        System.out.printf("PCA Jacobi vs dsyevd: max component difference %.2e, max relative variance difference %.2e%n", worstC, worstV);
        assertTrue(worstC < 1e-5 && worstV < 1e-6, worstC + " " + worstV);
    }

    @Test
    void inverseTransformOfAllComponentsReconstructsTheData() {
        for (boolean whiten : new boolean[] {false, true}) {
            PCA pca = PCA.fit(PcaConfig.components(D).whiten(whiten).build(), X);
            FMatrix back = pca.inverseTransform(pca.transform(X));
            double worst = 0;
            for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) worst = Math.max(worst, Math.abs(back.get(i, j) - X.get(i, j)));
            System.out.printf("PCA round trip (whiten %s): max abs error %.2e%n", whiten, worst);
            assertTrue(worst < 1e-4, "max reconstruction error " + worst);
        }
    }

    @Test
    void fewerComponentsReconstructWithTheDiscardedVariance() {
        PCA pca = PCA.fit(PcaConfig.components(3).build(), X);
        FMatrix back = pca.inverseTransform(pca.transform(X));
        double sq = 0;
        for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) sq += Math.pow(back.get(i, j) - X.get(i, j), 2);
        double discarded = pca.totalVariance() - (pca.explainedVariance()[0] + pca.explainedVariance()[1] + pca.explainedVariance()[2]);
        assertEquals(discarded, sq / (N - 1), 1e-3 * discarded);
    }

    @Test
    void whitenedCodesHaveZeroMeanAndUnitVariance() {
        FMatrix z = PCA.fit(PcaConfig.components(4).whiten(true).build(), X).transform(X);
        for (int k = 0; k < 4; k++) {
            double s = 0, s2 = 0;
            for (int i = 0; i < N; i++) {
                s += z.get(i, k);
                s2 += (double) z.get(i, k) * z.get(i, k);
            }
            assertEquals(0, s / N, 1e-4);
            assertEquals(1, (s2 - s * s / N) / (N - 1), 1e-4);
        }
    }

    @Test
    void varianceFractionPicksTheRightCount() {
        assertEquals(2, PCA.fit(PcaConfig.varianceFraction(0.7).build(), X).components());
        assertEquals(4, PCA.fit(PcaConfig.varianceFraction(0.9).build(), X).components());
        assertEquals(1, PCA.fit(PcaConfig.varianceFraction(0.3).build(), X).components());
        assertEquals(D, PCA.fit(PcaConfig.varianceFraction(1.0).build(), X).components());
        // against the ratios of the full fit, at fractions just below and above each cumulative sum
        float[] ratio = PCA.fit(PcaConfig.components(D).build(), X).explainedVarianceRatio();
        double cum = 0;
        for (int k = 0; k < D - 1; k++) {
            cum += ratio[k];
            assertEquals(k + 1, PCA.fit(PcaConfig.varianceFraction(cum - 1e-4).build(), X).components());
            assertEquals(k + 2, PCA.fit(PcaConfig.varianceFraction(cum + 1e-4).build(), X).components());
        }
        assertThrows(IllegalArgumentException.class, () -> PcaConfig.varianceFraction(0));
        assertThrows(IllegalArgumentException.class, () -> PcaConfig.varianceFraction(1.01));
    }

    @Test
    void transformIntoEqualsTheRowsOfTransform() {
        PCA pca = PCA.fit(PcaConfig.components(3).whiten(true).build(), X);
        FMatrix z = pca.transform(X.rowRange(0, 50));
        float[] out = new float[7];
        for (int r = 0; r < 50; r++) {
            Arrays.fill(out, -9f);
            pca.transformInto(X.data(), X.rowOffset(r), out, 2);
            assertEquals(-9f, out[1]);
            assertEquals(-9f, out[5]);
            for (int k = 0; k < 3; k++) assertEquals(z.get(r, k), out[2 + k], 1e-5f * Math.max(1, Math.abs(z.get(r, k))));
        }
    }

    @Test
    void saveThenLoadGivesBitIdenticalOutputs() throws Exception {
        PCA pca = PCA.fit(PcaConfig.varianceFraction(0.95).whiten(true).build(), X);
        java.nio.file.Path f = dir.resolve("pca.safetensors");
        pca.save(f);
        PCA back = PCA.load(f);
        FMatrix x = X.rowRange(0, 200);
        assertArrayEquals(pca.transform(x).data(), back.transform(x).data());
        assertArrayEquals(pca.inverseTransform(pca.transform(x)).data(), back.inverseTransform(back.transform(x)).data());
        assertArrayEquals(pca.explainedVarianceRatio(), back.explainedVarianceRatio());
        assertEquals(pca.config().toMap(), back.config().toMap());
        float[] o1 = new float[pca.outputSize()], o2 = new float[pca.outputSize()];
        pca.transformInto(x.data(), 0, o1, 0);
        back.transformInto(x.data(), 0, o2, 0);
        assertArrayEquals(o1, o2);
        assertThrows(io.latentj.models.io.FormatException.class, () -> ProbabilisticPCA.load(f), "a PCA file is not a PPCA");
        java.nio.file.Files.write(f, new byte[] {1, 2, 3});
        assertThrows(java.io.IOException.class, () -> PCA.load(f));
    }

    @Test
    void badInputIsRefused() {
        PCA pca = PCA.fit(PcaConfig.components(3).build(), X.rowRange(0, 100));
        assertThrows(IllegalArgumentException.class, () -> pca.transform(FMatrix.zeros(2, D + 1)));
        assertThrows(IllegalArgumentException.class, () -> pca.transform(null));
        assertThrows(IllegalArgumentException.class, () -> pca.inverseTransform(FMatrix.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> pca.transformInto(new float[D - 1], 0, new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> pca.transformInto(new float[D], 0, new float[2], 0));
        FMatrix bad = X.rowRange(0, 20).copy();
        bad.set(11, 2, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pca.transform(bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PCA.fit(PcaConfig.components(2).build(), bad));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("column 2"), e.getMessage());
        float[] one = bad.row(11).toArray();
        one[2] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> pca.transformInto(one, 0, new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> PCA.fit(PcaConfig.components(9).build(), X.rowRange(0, 100)));
        assertThrows(IllegalArgumentException.class, () -> PCA.fit(PcaConfig.components(1).build(), X.rowRange(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> PcaConfig.components(0));
        FMatrix constant = FMatrix.zeros(10, 3);
        assertThrows(IllegalArgumentException.class, () -> PCA.fit(PcaConfig.components(1).whiten(true).build(), constant));
    }

    @Test
    void everyKernelPathGivesTheSameModel() {
        FMatrix x = X.rowRange(0, 3000);
        PCA ref = PCA.fit(PcaConfig.components(4).path(io.latentj.simd.Path.SCALAR).build(), x);
        for (io.latentj.simd.Path p : io.latentj.simd.Path.values()) {
            if (!p.isAvailable()) continue;
            PCA m = PCA.fit(PcaConfig.components(4).path(p).build(), x);
            FMatrix a = ref.transform(x), b = m.transform(x);
            for (int i = 0; i < a.data().length; i++) assertEquals(a.data()[i], b.data()[i], 1e-4 * Math.max(1, Math.abs(a.data()[i])), p.name());
            for (int k = 0; k < 4; k++) assertEquals(ref.explainedVariance()[k], m.explainedVariance()[k], 1e-5 * ref.explainedVariance()[k]);
        }
    }

    @Test
    void wideDataWithFewerRowsThanColumns() {
        FMatrix x = X.rowRange(0, 5).colRange(0, 8).copy(); // 5 rows, 8 columns: rank 4 after centring
        PCA eig = PCA.fit(PcaConfig.components(5).build(), x);
        assertEquals(0, eig.explainedVariance()[4], 1e-5 * eig.explainedVariance()[0]);
        assertEquals(4, PCA.fit(PcaConfig.varianceFraction(1).build(), x).components());
        FMatrix back = PCA.fit(PcaConfig.components(4).build(), x).inverseTransform(PCA.fit(PcaConfig.components(4).build(), x).transform(x));
        for (int i = 0; i < 5; i++) for (int j = 0; j < 8; j++) assertEquals(x.get(i, j), back.get(i, j), 1e-4);
        assumeTrue(Lapack.isAvailable(), "OpenBLAS not loaded");
        PCA svd = PCA.fit(PcaConfig.components(4).solver(PcaConfig.Solver.SVD).build(), x);
        for (int k = 0; k < 4; k++) {
            assertEquals(eig.explainedVariance()[k], svd.explainedVariance()[k], 1e-4 * eig.explainedVariance()[k]);
            for (int j = 0; j < 8; j++) assertEquals(eig.componentMatrix().get(k, j), svd.componentMatrix().get(k, j), 1e-4);
        }
    }

    @Test
    void topEigenpairRouteAgreesWithTheFullDecomposition() {
        assumeTrue(Lapack.isAvailable(), "OpenBLAS not loaded");
        // 40 columns with a slowly decaying spectrum (neighbouring eigenvalues 5% apart), keep 12
        int d = 40, k = 12;
        double[] lambda = new double[d];
        for (int j = 0; j < d; j++) lambda[j] = 20 * Math.pow(0.95, j);
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) mean[j] = 0.25 * j;
        FMatrix x = LinearTestData.gaussian(LinearTestData.randomOrthogonal(d, 5), lambda, mean, 5000, 9);
        PcaConfig cfg = PcaConfig.components(k).build();
        PCA top = PCA.fit(cfg, x), all = PCA.fit(cfg, x, true);
        assertEquals("dsyevr", top.provenance().get("decomposition"));
        assertEquals("dsyevd", all.provenance().get("decomposition"));
        double worstC = 0, worstV = 0;
        for (int c = 0; c < k; c++) {
            worstV = Math.max(worstV, Math.abs(top.explainedVariance()[c] - all.explainedVariance()[c]) / all.explainedVariance()[c]);
            for (int j = 0; j < d; j++) worstC = Math.max(worstC, Math.abs(top.componentMatrix().get(c, j) - all.componentMatrix().get(c, j)));
        }
        System.out.printf("PCA dsyevr vs dsyevd: max component difference %.2e, max relative variance difference %.2e%n", worstC, worstV);
        assertTrue(worstC < 1e-5, "components differ by " + worstC);
        assertTrue(worstV < 1e-6, "variances differ by " + worstV);
        assertEquals(all.totalVariance(), top.totalVariance(), 1e-6 * all.totalVariance());
        assertArrayEquals(all.mean(), top.mean());
        // the fraction route decomposes fully and picks a count: the same leading components
        PCA frac = PCA.fit(PcaConfig.varianceFraction(0.5).build(), x);
        assertEquals("dsyevd", frac.provenance().get("decomposition"));
        for (int j = 0; j < d; j++) assertEquals(all.componentMatrix().get(0, j), frac.componentMatrix().get(0, j), 1e-6);
    }

    @Test
    void covarianceIsExactForDataFarFromTheOrigin() {
        // a mean 1000× the spread: the uncentred XᵀX − nμμᵀ in float would lose every digit; the covariance about the
        // provisional mean must match the two-pass double reference, also when the rows beyond the first 1024 drift
        int n = 3000, d = 7;
        FMatrix x = FMatrix.zeros(n, d);
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) x.set(i, j, (float) (1000 + j + (i >= 1024 ? 0.5 : 0) + r.nextGaussian() * (1 + j)));
        }
        double[] mu = new double[d], ref = new double[d * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mu[j] += x.get(i, j) / (double) n;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) ref[a * d + b] += (x.get(i, a) - mu[a]) * (x.get(i, b) - mu[b]) / (n - 1);
        }
        for (io.latentj.simd.Path p : io.latentj.simd.Path.values()) {
            if (!p.isAvailable()) continue;
            Moments.MeanAndCovariance mc = Moments.meanAndCovariance(p, x, n - 1);
            for (int a = 0; a < d; a++) {
                assertEquals(mu[a], mc.mean()[a], 1e-4, p + " mean " + a); // float rounding of ~1000
                for (int b = 0; b < d; b++) {
                    double scale = Math.sqrt(ref[a * d + a] * ref[b * d + b]);
                    assertEquals(ref[a * d + b], mc.covariance()[a * d + b], 1e-4 * scale, p + " covariance " + a + "," + b);
                }
            }
        }
    }

    @Test
    void aNaNAfterTheFirstBlockIsNamedByRowAndColumn() {
        FMatrix bad = X.rowRange(0, 3000).copy();
        bad.set(2500, 5, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PCA.fit(PcaConfig.components(2).build(), bad));
        assertTrue(e.getMessage().contains("row 2500") && e.getMessage().contains("column 5"), e.getMessage());
        bad.set(2500, 5, 0f);
        bad.set(2999, 7, Float.NEGATIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> PCA.fit(PcaConfig.varianceFraction(0.9).build(), bad));
        assertTrue(e.getMessage().contains("row 2999") && e.getMessage().contains("column 7"), e.getMessage());
    }
}
