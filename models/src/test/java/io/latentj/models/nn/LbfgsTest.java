package io.latentj.models.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LbfgsTest {
    @Test
    void minimisesRosenbrock() {
        Lbfgs.Objective rosen = (x, g) -> {
            double f = 0;
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i + 1 < x.length; i++) {
                double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
                f += 100 * a * a + b * b;
                g[i] += -400 * x[i] * a - 2 * b;
                g[i + 1] += 200 * a;
            }
            return f;
        };
        Lbfgs.Result r = Lbfgs.minimize(rosen, new double[] {-1.2, 1, -1.2, 1, 0.5}, 500, 1e-8, 7);
        for (double v : r.x()) assertEquals(1.0, v, 1e-4);
        assertTrue(r.value() < 1e-8, "f = " + r.value());
    }

    @Test
    void solvesAQuadratic() {
        // f = ½ xᵀAx − bᵀx with A = diag(1..20): minimiser x_i = b_i / A_ii
        Lbfgs.Objective q = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += 0.5 * (i + 1) * x[i] * x[i] - x[i];
                g[i] = (i + 1) * x[i] - 1;
            }
            return f;
        };
        Lbfgs.Result r = Lbfgs.minimize(q, new double[20], 200, 1e-10, 5);
        for (int i = 0; i < 20; i++) assertEquals(1.0 / (i + 1), r.x()[i], 1e-5);
        assertTrue(r.converged());
    }

    @Test
    void anIterationCapBeforeTheMinimumIsReportedAsNotConverged() {
        Lbfgs.Objective q = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += 0.5 * (i + 1) * x[i] * x[i] - x[i];
                g[i] = (i + 1) * x[i] - 1;
            }
            return f;
        };
        Lbfgs.Result r = Lbfgs.minimize(q, new double[20], 2, 1e-10, 5);
        assertEquals(2, r.iterations());
        assertFalse(r.converged());
        assertTrue(Lbfgs.minimize(q, new double[20], 200, 1e-10, 5).converged());
    }
}
