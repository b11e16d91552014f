package io.latentj.models.dbn;

import io.latentj.simd.FMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic data sets for the deep belief net tests. */
final class Patterns {
    private Patterns() {}

    /**
     * Bars and stripes on a side × side grid: each image sets a random subset of rows (horizontal stripes) or of
     * columns (vertical bars); {@code rows} images drawn with a seeded generator.
     */
    static FMatrix barsAndStripes(int side, int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(rows, side * side);
        for (int i = 0; i < rows; i++) {
            boolean horizontal = rnd.nextBoolean();
            int mask = rnd.nextInt(1 << side);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int line = horizontal ? r : c;
                    x.set(i, r * side + c, (mask >> line & 1) == 1 ? 1f : 0f);
                }
            }
        }
        return x;
    }

    /** True when row {@code r} of {@code x} is a binary bars-and-stripes image: all rows uniform, or all columns. */
    static boolean isBarsOrStripes(FMatrix x, int r, int side) {
        boolean rowsUniform = true, colsUniform = true;
        for (int a = 0; a < side; a++) {
            for (int b = 0; b < side; b++) {
                float v = x.get(r, a * side + b);
                if (v != 0f && v != 1f) return false;
                if (v != x.get(r, a * side)) rowsUniform = false;
                if (v != x.get(r, b)) colsUniform = false; // column b must equal its top entry
            }
        }
        return rowsUniform || colsUniform;
    }

    /**
     * A labelled binary task: {@code classes} prototypes of {@code width} bits (each bit on with probability 0.5),
     * every row a prototype with each bit flipped with probability {@code flip}; labels = the prototype's index.
     */
    record Labelled(FMatrix x, int[] labels) {}

    static Labelled prototypes(int classes, int width, int rows, double flip, long seed) {
        SplittableRandom protoRnd = new SplittableRandom(12345);
        List<boolean[]> protos = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            boolean[] p = new boolean[width];
            for (int j = 0; j < width; j++) p[j] = protoRnd.nextBoolean();
            protos.add(p);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(rows, width);
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextInt(classes);
            boolean[] p = protos.get(y[i]);
            for (int j = 0; j < width; j++) x.set(i, j, (p[j] ^ rnd.nextDouble() < flip) ? 1f : 0f);
        }
        return new Labelled(x, y);
    }
}
