package io.latentj.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fused variational kernels: the scalar reference against the formulas in double (and the gradients against
 * central differences of the returned sums), the Vector path against the reference on odd sizes and tails.
 */
class VariationalTest {
    private static final int[] SIZES = {1, 3, 15, 16, 17, 20, 33, 100, 784};

    private static float[] random(SplittableRandom r, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return a;
    }

    @Test
    void bernoulliNllIsTheCrossEntropyOfTheSigmoid() {
        float[] z = {-30f, -3f, -0.5f, 0f, 0.25f, 4f, 40f}, t = {0f, 0.2f, 1f, 0.5f, 0f, 1f, 0.7f}, g = new float[7];
        double loss = Variational.bernoulliNll(Path.SCALAR, 7, z, 0, t, 0, g, 0, 0.5f);
        double want = 0;
        for (int i = 0; i < 7; i++) {
            double p = 1 / (1 + Math.exp(-z[i]));
            double l = -(t[i] * Math.log(Math.max(p, 1e-300)) + (1 - t[i]) * Math.log(Math.max(1 - p, 1e-300)));
            if (Math.abs(z[i]) >= 30) l = Math.max(z[i], 0) - t[i] * z[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
            want += l;
            assertEquals(0.5 * (p - t[i]), g[i], 1e-7);
        }
        assertEquals(want, loss, 1e-7 * Math.max(1, want));
        assertEquals(loss, Variational.bernoulliNll(Path.SCALAR, 7, z, 0, t, 0, null, 0, 1f), 0);
    }

    @Test
    void reparameterizationAndItsKl() {
        float[] mu = {0.5f, -1f, 2f}, lv = {0f, -2f, 1f}, eps = {1f, -0.5f, 0.25f}, z = new float[3];
        double kl = Variational.reparameterize(Path.SCALAR, 3, mu, 0, lv, 0, eps, 0, z, 0);
        double want = 0;
        for (int i = 0; i < 3; i++) {
            double sd = Math.exp(lv[i] / 2.0);
            assertEquals(mu[i] + sd * eps[i], z[i], 1e-6);
            want += 0.5 * (mu[i] * mu[i] + sd * sd - 1 - lv[i]);
        }
        assertEquals(want, kl, 1e-9);
        // log p(z) − log q(z): densities written out
        double lp = 0, lq = 0;
        for (int i = 0; i < 3; i++) {
            double var = Math.exp(lv[i]);
            lp += -0.5 * (z[i] * (double) z[i] + Math.log(2 * Math.PI));
            lq += -0.5 * ((z[i] - mu[i]) * (double) (z[i] - mu[i]) / var + lv[i] + Math.log(2 * Math.PI));
        }
        assertEquals(lp - lq, Variational.logPriorOverPosterior(Path.SCALAR, 3, z, 0, eps, 0, lv, 0), 1e-5);
    }

    @Test
    void reparameterizeBackwardIsTheGradientOfALinearFunctionalOfZPlusKl() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 5;
        float[] mu = random(r, n, -1, 1), lv = random(r, n, -1, 1), eps = random(r, n, -2, 2), dz = random(r, n, -1, 1);
        float klScale = 0.7f;
        float[] dMu = new float[n], dLv = new float[n];
        Variational.reparameterizeBackward(Path.SCALAR, n, dz, 0, mu, 0, lv, 0, eps, 0, klScale, dMu, 0, dLv, 0);
        // f(μ, lv) = Σ dz_i z_i + klScale · KL, differentiated numerically in double
        for (int i = 0; i < n; i++) {
            for (int which = 0; which < 2; which++) {
                double h = 1e-4, fp, fm;
                double[] m = toDouble(mu), l = toDouble(lv);
                double[] p = which == 0 ? m : l;
                double keep = p[i];
                p[i] = keep + h;
                fp = f(m, l, eps, dz, klScale);
                p[i] = keep - h;
                fm = f(m, l, eps, dz, klScale);
                double num = (fp - fm) / (2 * h);
                assertEquals(num, which == 0 ? dMu[i] : dLv[i], 1e-5, "entry " + i + (which == 0 ? " dMu" : " dLogVar"));
            }
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    private static double f(double[] mu, double[] lv, float[] eps, float[] dz, float klScale) {
        double s = 0;
        for (int i = 0; i < mu.length; i++) {
            double sd = Math.exp(lv[i] / 2);
            s += dz[i] * (mu[i] + sd * eps[i]) + klScale * 0.5 * (mu[i] * mu[i] + sd * sd - 1 - lv[i]);
        }
        return s;
    }

    @Test
    void squaredErrorAndItsGradient() {
        float[] y = {1f, 2f, -3f}, t = {0.5f, 2f, 1f}, g = new float[3];
        assertEquals(0.25 + 0 + 16, Variational.squaredError(Path.SCALAR, 3, y, 0, t, 0, g, 0, 2f), 1e-9);
        assertArrayEquals(new float[] {1f, 0f, -8f}, g);
    }

    @Test
    void vectorPathAgreesWithTheReferenceOnOddSizesAndOffsets() {
        if (!Path.SIMD.isAvailable()) return;
        SplittableRandom r = new SplittableRandom(5);
        for (int n : SIZES) {
            int off = 3;
            float[] z = random(r, n + off, -12, 12), t = random(r, n + off, 0, 1);
            float[] g1 = new float[n + off], g2 = new float[n + off];
            double a = Variational.bernoulliNll(Path.SCALAR, n, z, off, t, off, g1, off, 0.01f);
            double b = Variational.bernoulliNll(Path.SIMD, n, z, off, t, off, g2, off, 0.01f);
            assertEquals(a, b, 2e-6 * Math.abs(a) + 1e-5, "bernoulliNll n=" + n);
            assertEquals(b, Variational.bernoulliNll(Path.SIMD, n, z, off, t, off, null, 0, 1f), 0, "loss only n=" + n);
            for (int i = off; i < n + off; i++) assertEquals(g1[i], g2[i], 3e-8, "grad n=" + n + " i=" + i);
            assertEquals(0f, g2[0]);

            float[] y = random(r, n + off, -2, 2);
            a = Variational.squaredError(Path.SCALAR, n, y, off, t, off, g1, off, 0.5f);
            b = Variational.squaredError(Path.SIMD, n, y, off, t, off, g2, off, 0.5f);
            assertEquals(a, b, 2e-6 * a + 1e-6, "squaredError n=" + n);
            for (int i = off; i < n + off; i++) assertEquals(g1[i], g2[i], 1e-7);

            float[] mu = random(r, n + off, -2, 2), lv = random(r, n + off, -4, 2), eps = random(r, n + off, -3, 3);
            float[] z1 = new float[n + off], z2 = new float[n + off];
            a = Variational.reparameterize(Path.SCALAR, n, mu, off, lv, off, eps, off, z1, off);
            b = Variational.reparameterize(Path.SIMD, n, mu, off, lv, off, eps, off, z2, off);
            assertEquals(a, b, 2e-6 * Math.abs(a) + 1e-5, "KL n=" + n);
            for (int i = off; i < n + off; i++) assertEquals(z1[i], z2[i], 2e-6f * (1 + Math.abs(z1[i])), "z n=" + n);
            a = Variational.logPriorOverPosterior(Path.SCALAR, n, z1, off, eps, off, lv, off);
            b = Variational.logPriorOverPosterior(Path.SIMD, n, z1, off, eps, off, lv, off);
            assertEquals(a, b, 2e-6 * Math.abs(a) + 1e-4, "log ratio n=" + n);

            float[] dz = random(r, n + off, -1, 1);
            float[] dm1 = new float[n + off], dm2 = new float[n + off], dl1 = new float[n + off], dl2 = new float[n + off];
            Variational.reparameterizeBackward(Path.SCALAR, n, dz, off, mu, off, lv, off, eps, off, 0.3f, dm1, off, dl1, off);
            Variational.reparameterizeBackward(Path.SIMD, n, dz, off, mu, off, lv, off, eps, off, 0.3f, dm2, off, dl2, off);
            for (int i = off; i < n + off; i++) {
                assertEquals(dm1[i], dm2[i], 1e-6f * (1 + Math.abs(dm1[i])));
                assertEquals(dl1[i], dl2[i], 2e-6f * (1 + Math.abs(dl1[i])));
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        float[] a = new float[4];
        assertThrows(IllegalArgumentException.class, () -> Variational.bernoulliNll(Path.AUTO, 5, a, 0, a, 0, null, 0, 1f));
        assertThrows(IllegalArgumentException.class, () -> Variational.bernoulliNll(Path.AUTO, 4, a, 0, new float[4], 0, a, 1, 1f));
        assertThrows(IllegalArgumentException.class, () -> Variational.reparameterize(Path.AUTO, 4, a, 0, new float[4], 0, new float[4], 0, a, 0));
        assertThrows(IllegalArgumentException.class, () -> Variational.squaredError(Path.AUTO, 4, new float[4], 0, a, 0, a, 0, Float.NaN));
    }
}
