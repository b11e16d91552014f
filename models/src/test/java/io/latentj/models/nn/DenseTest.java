package io.latentj.models.nn;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Path;
import io.latentj.simd.Rng;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Dense's split backward (input gradient alone, gradients of unit ranges) against its one-call backward. */
class DenseTest {
    private static FMatrix random(SplittableRandom r, int rows, int cols) {
        FMatrix m = FMatrix.zeros(rows, cols);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.set(i, j, (float) r.nextGaussian());
        return m;
    }

    @Test
    void unitRangesAndTheInputGradientTogetherGiveTheOneCallBackward() {
        SplittableRandom r = new SplittableRandom(7);
        for (Path path : new Path[] {Path.SCALAR, Path.SIMD, Path.AUTO}) {
            for (int[] shape : new int[][] {{7, 13, 11}, {1, 1, 1}, {33, 17, 50}}) {
                int rows = shape[0], in = shape[1], out = shape[2];
                Dense d = Dense.of(in, out, Activation.TANH);
                d.initialise(Path.SCALAR, Rng.of(3), 0.5f);
                FMatrix x = random(r, rows, in), dz = random(r, rows, out);
                FMatrix dxRef = FMatrix.zeros(rows, in), dx = FMatrix.zeros(rows, in);
                d.weight().zeroGrad();
                d.bias().zeroGrad();
                d.backwardPreActivation(path, x, dz, dxRef);
                float[] gw = d.weight().grad().toArray(), gb = d.bias().grad().toArray();
                // stale values that setGradient must overwrite, not add to
                d.weight().grad().fill(5f);
                d.bias().grad().fill(-3f);
                int parts = Math.min(3, out);
                for (int p = 0; p < parts; p++) d.setGradient(path, x, dz, out * p / parts, out * (p + 1) / parts);
                dx.fill(9f);
                d.inputGradient(path, dz, dx);
                String what = path + " " + rows + "x" + in + "->" + out;
                assertArrayEquals(gw, d.weight().grad().toArray(), 1e-5f, what + " dW");
                assertArrayEquals(gb, d.bias().grad().toArray(), 1e-5f, what + " db");
                assertArrayEquals(dxRef.toArray(), dx.toArray(), 1e-5f, what + " dX");
            }
        }
    }

    @Test
    void badRangesAndTiedLayersAreRefused() {
        Dense d = Dense.of(4, 6, Activation.RELU);
        FMatrix x = FMatrix.zeros(3, 4), dz = FMatrix.zeros(3, 6);
        assertThrows(IllegalArgumentException.class, () -> d.setGradient(Path.AUTO, x, dz, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> d.setGradient(Path.AUTO, x, dz, 4, 7));
        assertThrows(IllegalArgumentException.class, () -> d.setGradient(Path.AUTO, x, dz, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> d.setGradient(Path.AUTO, x, FMatrix.zeros(3, 5), 0, 2));
        assertThrows(IllegalArgumentException.class, () -> d.inputGradient(Path.AUTO, dz, FMatrix.zeros(3, 5)));
        assertThrows(IllegalArgumentException.class, () -> d.inputGradient(Path.AUTO, dz, FMatrix.zeros(2, 4)));
        Dense tied = d.tiedTranspose(Activation.SIGMOID);
        assertThrows(IllegalStateException.class, () -> tied.setGradient(Path.AUTO, FMatrix.zeros(3, 6), FMatrix.zeros(3, 4), 0, 2));
    }
}
