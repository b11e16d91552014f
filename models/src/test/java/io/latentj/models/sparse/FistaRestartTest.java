package io.latentj.models.sparse;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Batched FISTA (restart, per-row stopping, shrinking batch) against converged coordinate descent, odd sizes. */
class FistaRestartTest {
    @Test
    void batchedFistaReachesTheCoordinateDescentObjectiveOnOddSizes() {
        SplittableRandom r = new SplittableRandom(11);
        int k = 23, d = 19, n = 37;
        FMatrix dict = FMatrix.zeros(k, d), x = FMatrix.zeros(n, d);
        for (int i = 0; i < dict.data().length; i++) dict.data()[i] = (float) r.nextGaussian();
        for (int i = 0; i < x.data().length; i++) x.data()[i] = (float) r.nextGaussian();
        for (int i = 0; i < 5; i++) for (int c = 0; c < d; c++) x.set(7 * i, c, 0f); // zero rows stop at once
        for (Path p : new Path[] {Path.SCALAR, Path.AUTO}) {
            SparseCoder fista = SparseCoder.of(dict, 0.3, SparseCoder.Solver.FISTA, 5000, 1e-6, p);
            SparseCoder cd = fista.withSolver(SparseCoder.Solver.COORDINATE_DESCENT, 20_000, 1e-9);
            FMatrix a = fista.transform(x), b = cd.transform(x);
            for (int row = 0; row < n; row++) {
                double oa = fista.objective(x.rowRange(row, row + 1), a.rowRange(row, row + 1));
                double ob = fista.objective(x.rowRange(row, row + 1), b.rowRange(row, row + 1));
                assertEquals(ob, oa, 1e-4 * (1 + ob), p + " row " + row);
            }
            for (int c = 0; c < k; c++) assertEquals(0f, a.get(14, c));
            // warm start from the answer: every row stops after the calm iterations, the codes barely move
            FMatrix warm = a.copy();
            int its = fista.withSolver(SparseCoder.Solver.FISTA, 20_000, 1e-5).encode(x, warm, true);
            assertTrue(its <= 10, "warm start took " + its + " iterations");
            for (int i = 0; i < warm.data().length; i++) assertEquals(a.data()[i], warm.data()[i], 1e-4f * (1 + Math.abs(a.data()[i])));
            // the single-sample routine agrees to the tolerance
            float[] one = new float[k];
            fista.transformInto(x.data(), x.rowOffset(3), one, 0);
            double o1 = fista.objective(x.rowRange(3, 4), FMatrix.wrap(one, 1, k));
            assertEquals(fista.objective(x.rowRange(3, 4), b.rowRange(3, 4)), o1, 1e-4 * (1 + o1));
        }
    }
}
