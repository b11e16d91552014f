package io.latentj.models;

import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Warm-up runs on varied inputs (or the caller's rows), keeps only inputs the model accepts, refuses bad samples. */
class WarmUpTest {
    /** An encoder that sums its input, refuses negative values in the batch call only, and records what it saw. */
    private static final class Recording implements Encoder {
        final boolean[] firstValueSeen = new boolean[4]; // not a Set<Float>: boxing would keep warm-up from ever being steady
        int calls;

        @Override public int inputSize() { return 5; }
        @Override public int outputSize() { return 1; }

        @Override
        public FMatrix transform(FMatrix x) {
            for (int r = 0; r < x.rows(); r++) {
                for (int j = 0; j < x.cols(); j++) if (x.get(r, j) < 0) throw new IllegalArgumentException("negative at row " + r);
            }
            return FMatrix.zeros(x.rows(), 1);
        }

        @Override
        public void transformInto(float[] x, int xOff, float[] out, int outOff) {
            Inputs.requireSample(io.latentj.simd.Path.SCALAR, x, xOff, 5, out, outOff, 1);
            calls++;
            if (x[xOff] >= 0 && x[xOff] < 4 && x[xOff] == (int) x[xOff]) firstValueSeen[(int) x[xOff]] = true;
            float s = 0;
            for (int j = 0; j < 5; j++) s += x[xOff + j];
            out[outOff] = s;
        }
    }

    @Test
    void syntheticInputsAreVariedAndOnlyThoseTheModelAccepts() {
        Recording m = new Recording();
        FMatrix x = WarmUp.syntheticInputs(m);
        assertEquals(5, x.cols());
        assertTrue(x.rows() >= 4 && x.rows() < 8, "the rows with negative values are dropped, got " + x.rows());
        for (float v : x.data()) assertTrue(v >= 0f);
        Set<Float> distinct = new HashSet<>();
        for (int r = 0; r < x.rows(); r++) distinct.add(x.get(r, 0));
        assertTrue(distinct.size() >= 4, "varied rows, not one constant input: " + distinct);
    }

    @Test
    void warmUpCyclesThroughEveryRow() {
        Recording m = new Recording();
        FMatrix rows = FMatrix.wrap(new float[] {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3}, 3, 5);
        m.warmUp(rows);
        assertTrue(m.calls >= 15_000, "at least three batches, got " + m.calls);
        assertArrayEquals(new boolean[] {false, true, true, true}, m.firstValueSeen);
        assertThrows(IllegalArgumentException.class, () -> m.warmUp(null));
        assertThrows(IllegalArgumentException.class, () -> m.warmUp(FMatrix.zeros(0, 5)));
        assertThrows(IllegalArgumentException.class, () -> WarmUp.untilSteady(m, FMatrix.zeros(2, 4), 1));
    }
}
