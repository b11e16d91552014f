package io.latentj.models.boltzmann;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MeanFieldTest {
    private static final MeanField SEQUENTIAL = MeanField.builder().schedule(MeanField.Schedule.SEQUENTIAL).damping(0).tolerance(1e-7).maxSweeps(1000).build();
    private static final MeanField PARALLEL = MeanField.builder().damping(0.5).tolerance(1e-7).maxSweeps(1000).build();

    @Test
    void elboIsALowerBoundThatTightensAsMeanFieldConverges() {
        for (long seed = 1; seed <= 8; seed++) {
            IsingModel m = Reference.ising(10, 0.8, seed);
            double logZ = Reference.logZ(m);
            float[] start = new float[10];
            io.latentj.simd.Elementwise.sigmoid(Path.SCALAR, m.fields(), 0, start, 0, 10);
            double before = MeanField.elbo(m, start);
            for (MeanField mf : new MeanField[] {SEQUENTIAL, PARALLEL}) {
                MeanField.Result r = mf.solve(m);
                assertTrue(r.converged(), mf + " did not converge on seed " + seed);
                assertTrue(r.elbo() <= logZ + 1e-9, "ELBO " + r.elbo() + " above log Z " + logZ);
                assertTrue(r.elbo() > before + 1e-4, "ELBO did not rise: " + before + " -> " + r.elbo());
                assertTrue(logZ - r.elbo() < logZ - before, "not closer to log Z");
                assertEquals(MeanField.elbo(m, r.marginals()), r.elbo(), 1e-12);
            }
            assertTrue(before <= logZ);
        }
    }

    @Test
    void fixedPointSatisfiesTheMeanFieldEquations() {
        IsingModel m = Reference.ising(12, 0.7, 21);
        FMatrix a = m.couplings();
        float[] theta = m.fields();
        for (MeanField mf : new MeanField[] {SEQUENTIAL, PARALLEL}) {
            float[] q = mf.solve(m).marginals();
            for (int i = 0; i < 12; i++) {
                double t = theta[i];
                for (int j = 0; j < 12; j++) t += a.get(i, j) * (double) q[j];
                assertEquals(Reference.sigmoid(t), q[i], 2e-6, mf.schedule() + " unit " + i);
            }
            // the fixed point is a stationary point of the ELBO: nudging any marginal does not raise it
            double elbo = MeanField.elbo(m, q);
            for (int i = 0; i < 12; i++) {
                for (float d : new float[] {-1e-3f, 1e-3f}) {
                    float[] p = q.clone();
                    p[i] = Math.min(1f, Math.max(0f, p[i] + d));
                    assertTrue(MeanField.elbo(m, p) <= elbo + 1e-9, "unit " + i);
                }
            }
        }
    }

    @Test
    void coordinateAscentNeverLowersTheElbo() {
        IsingModel m = Reference.ising(9, 1.5, 5);
        float[] q = new float[9];
        java.util.Arrays.fill(q, 0.5f);
        MeanField one = SEQUENTIAL.toBuilder().maxSweeps(1).build();
        double last = MeanField.elbo(m, q);
        for (int s = 0; s < 30; s++) {
            q = one.solve(m, q).marginals();
            double now = MeanField.elbo(m, q);
            assertTrue(now >= last - 1e-6, "sweep " + s + ": " + last + " -> " + now);
            last = now;
        }
    }

    @Test
    void batchAgreesWithOneRowAtATime() {
        IsingModel m = Reference.ising(13, 0.5, 8);
        FMatrix fields = FMatrix.wrap(Reference.gaussian(7 * 13, 1.0, new java.util.SplittableRandom(3)), 7, 13);
        for (MeanField mf : new MeanField[] {SEQUENTIAL, PARALLEL, MeanField.builder().build()}) {
            FMatrix q = FMatrix.zeros(7, 13);
            q.fill(0.5f);
            assertTrue(mf.solveBatch(Path.SIMD, m.a(), fields, q) > 0);
            for (int r = 0; r < 7; r++) {
                IsingModel row = IsingModel.of(m.couplings(), fields.row(r).toArray(), Path.SCALAR);
                float[] start = new float[13];
                java.util.Arrays.fill(start, 0.5f);
                float[] single = mf.solve(row, start).marginals();
                for (int i = 0; i < 13; i++) assertEquals(single[i], q.get(r, i), 1e-5, mf + " row " + r);
            }
        }
    }

    @Test
    void settingsAreCheckedAndRoundTrip() {
        assertThrows(IllegalArgumentException.class, () -> MeanField.builder().damping(1));
        assertThrows(IllegalArgumentException.class, () -> MeanField.builder().damping(-0.1));
        assertThrows(IllegalArgumentException.class, () -> MeanField.builder().tolerance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> MeanField.builder().maxSweeps(0));
        assertEquals(SEQUENTIAL, MeanField.fromMap(SEQUENTIAL.toMap("x."), "x."));
        assertThrows(IllegalArgumentException.class, () -> MeanField.fromMap(java.util.Map.of("schedule", "sideways"), ""));
        IsingModel m = Reference.ising(4, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> PARALLEL.solve(m, new float[] {0.5f, 0.5f, 2f, 0.5f}));
        assertThrows(IllegalArgumentException.class, () -> PARALLEL.solve(m, new float[3]));
    }
}
