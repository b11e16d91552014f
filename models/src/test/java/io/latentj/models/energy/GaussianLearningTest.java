package io.latentj.models.energy;

import io.latentj.models.TrainingListener;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The learning rules on the Gaussian, where the answer is known: score matching's estimates are the sample mean and
 * the inverse sample covariance for any sample (closed form, and the generic rule's gradient vanishes there and its
 * training converges there — a wrong sign on the Laplacian term moves that point), and CD with HMC learns the mean.
 */
class GaussianLearningTest {
    private static final Path PATH = Path.defaultPath();
    static final double[] MEAN = {2, -1, 0.5};
    static final double[][] CHOL = {{1, 0, 0}, {0.6, 0.8, 0}, {-0.3, 0.5, 0.7}}; // Σ = LLᵀ

    static FMatrix samples(int n, long seed) {
        Rng r = Rng.of(seed);
        FMatrix x = FMatrix.zeros(n, 3);
        double[] z = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) z[k] = r.nextGaussian();
            for (int a = 0; a < 3; a++) {
                double v = MEAN[a];
                for (int k = 0; k < 3; k++) v += CHOL[a][k] * z[k];
                x.set(i, a, (float) v);
            }
        }
        return x;
    }

    /** Sample mean and the inverse of the sample covariance (divisor n) by Gauss–Jordan elimination, in double. */
    static double[][] reference(FMatrix x) {
        int n = x.rows(), d = x.cols();
        double[] m = new double[d];
        for (int r = 0; r < n; r++) for (int j = 0; j < d; j++) m[j] += x.get(r, j) / (double) n;
        double[][] a = new double[d][2 * d];
        for (int r = 0; r < n; r++) for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) a[i][j] += (x.get(r, i) - m[i]) * (x.get(r, j) - m[j]) / n;
        for (int i = 0; i < d; i++) a[i][d + i] = 1;
        for (int c = 0; c < d; c++) {
            int piv = c;
            for (int i = c + 1; i < d; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
            double[] t = a[c]; a[c] = a[piv]; a[piv] = t;
            double s = a[c][c];
            for (int j = 0; j < 2 * d; j++) a[c][j] /= s;
            for (int i = 0; i < d; i++) if (i != c) {
                double f = a[i][c];
                for (int j = 0; j < 2 * d; j++) a[i][j] -= f * a[c][j];
            }
        }
        double[][] out = new double[d + 1][d];
        out[0] = m;
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) out[1 + i][j] = a[i][d + j];
        return out;
    }

    /** max |a − b| / max |b| over the mean and the precision. */
    static double relativeError(GaussianEnergy g, double[][] ref) {
        double err = 0, scaleM = 0, scaleP = 0, errM = 0, errP = 0;
        float[] mu = g.mean();
        FMatrix p = g.precision();
        for (int j = 0; j < mu.length; j++) {
            scaleM = Math.max(scaleM, Math.abs(ref[0][j]));
            errM = Math.max(errM, Math.abs(mu[j] - ref[0][j]));
            for (int i = 0; i < mu.length; i++) {
                scaleP = Math.max(scaleP, Math.abs(ref[1 + i][j]));
                errP = Math.max(errP, Math.abs(p.get(i, j) - ref[1 + i][j]));
            }
        }
        err = Math.max(errM / scaleM, errP / scaleP);
        return err;
    }

    @Test
    void scoreMatchingReturnsTheSampleMeanAndInverseSampleCovariance() {
        for (int n : new int[] {10, 200, 5000}) {
            FMatrix x = samples(n, n);
            GaussianEnergy g = GaussianEnergy.scoreMatchingEstimate(x, PATH);
            double err = relativeError(g, reference(x));
            assertTrue(err < 1e-6, "n=" + n + ": relative error " + err);
        }
    }

    @Test
    void theGenericScoreMatchingGradientVanishesAtTheClosedFormAndNowhereNear() {
        FMatrix x = samples(1000, 3);
        GaussianEnergy g = GaussianEnergy.scoreMatchingEstimate(x, PATH);
        ScoreMatching sm = new ScoreMatching();
        float[] grad = new float[g.parameterCount()];
        double j0 = sm.gradient(g, x, grad, Rng.of(1));
        double norm0 = norm(grad);
        // J is quadratic in Π: perturbing the optimum must raise it, and its gradient must grow by orders of magnitude
        float[] theta = g.parameters();
        for (int i = 0; i < theta.length; i++) {
            float keep = theta[i];
            for (float f : new float[] {0.9f, 1.1f}) {
                theta[i] = keep * f + (keep == 0 ? 0.1f : 0f);
                g.project();
                float[] gp = new float[theta.length];
                double jp = sm.gradient(g, x, gp, Rng.of(1));
                assertTrue(jp > j0, "J must rise away from the optimum (θ" + i + "): " + jp + " vs " + j0);
                assertTrue(norm(gp) > 30 * norm0, "gradient at the optimum " + norm0 + " vs " + norm(gp) + " nearby");
            }
            theta[i] = keep;
            // keep Π symmetric: restore the mirrored entry too
            GaussianEnergy fresh = GaussianEnergy.scoreMatchingEstimate(x, PATH);
            System.arraycopy(fresh.parameters(), 0, theta, 0, theta.length);
        }
        assertEquals(j0, ScoreMatching.objective(g, x), 1e-5 * Math.abs(j0));
        // J at the optimum is −½ tr Π (−tr Π + ½ tr(Π² C) with Π = C⁻¹): the sign of the Laplacian term shows here
        FMatrix p = g.precision();
        double trace = p.get(0, 0) + p.get(1, 1) + p.get(2, 2);
        assertEquals(-0.5 * trace, j0, 1e-4 * trace);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) s += (double) f * f;
        return Math.sqrt(s);
    }

    @Test
    void trainingByGenericScoreMatchingConvergesToTheClosedForm() {
        FMatrix x = samples(2000, 4);
        GaussianEnergy g = GaussianEnergy.standard(3, PATH);
        double[] j = EnergyTrainer.fit(g, x, new ScoreMatching(), EnergyTrainingConfig.builder().epochs(150).batchSize(2000)
                .learningRate(0.05).momentum(0.9).build(), TrainingListener.NONE);
        assertTrue(j[j.length - 1] < j[0], "J fell");
        double err = relativeError(g, reference(x));
        assertTrue(err < 1e-3, "relative error " + err);
    }

    @Test
    void contrastiveDivergenceWithHmcLearnsTheMean() {
        FMatrix x = samples(2000, 5);
        GaussianEnergy g = GaussianEnergy.standard(3, PATH);
        double[] gap = EnergyTrainer.fit(g, x, ContrastiveDivergence.cd(new HamiltonianMonteCarlo(0.3, 5), 1),
                EnergyTrainingConfig.builder().epochs(30).batchSize(100).learningRate(0.02).momentum(0.5).seed(3).build(), TrainingListener.NONE);
        double[][] ref = reference(x);
        float[] mu = g.mean();
        for (int j = 0; j < 3; j++) assertEquals(ref[0][j], mu[j], 0.1, "mean " + j + " (CD gap " + gap[gap.length - 1] + ")");
        FMatrix p = g.precision();
        // CD-1 moves the precision slowly (30 epochs: not converged), but towards the answer from the start at I
        for (int i = 0; i < 3; i++) assertTrue(Math.abs(p.get(i, i) - ref[1 + i][i]) < Math.abs(1 - ref[1 + i][i]), "precision diagonal " + i);
    }

    @Test
    void maximumLikelihoodWithMcmcLearnsTheMean() {
        FMatrix x = samples(1000, 6);
        GaussianEnergy g = GaussianEnergy.standard(3, PATH);
        EnergyTrainer.fit(g, x, new MaximumLikelihood(new HamiltonianMonteCarlo(0.2, 5, 0.7), 500, 20, 1.0),
                EnergyTrainingConfig.builder().epochs(20).batchSize(250).learningRate(0.05).momentum(0.5).seed(4).build(), TrainingListener.NONE);
        double[][] ref = reference(x);
        float[] mu = g.mean();
        for (int j = 0; j < 3; j++) assertEquals(ref[0][j], mu[j], 0.1, "mean " + j);
    }

    @Test
    void badInputIsRefused() {
        GaussianEnergy g = GaussianEnergy.standard(3, PATH);
        FMatrix x = samples(20, 1);
        x.set(4, 1, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergyTrainer.fit(g, x, new ScoreMatching(), EnergyTrainingConfig.builder().build(), null));
        assertTrue(e.getMessage().contains("row 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnergyTrainer.fit(g, FMatrix.zeros(5, 4), new ScoreMatching(), EnergyTrainingConfig.builder().build(), null));
        assertThrows(IllegalArgumentException.class, () -> GaussianEnergy.scoreMatchingEstimate(FMatrix.zeros(2, 3), PATH), "singular covariance");
        assertThrows(IllegalArgumentException.class, () -> ContrastiveDivergence.cd(new GibbsSampler(), 0));
    }
}
