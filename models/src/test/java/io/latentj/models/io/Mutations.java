package io.latentj.models.io;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Corrupted copies of a model file for the readers' fuzz tests: truncations, and byte flips in the header or anywhere. */
final class Mutations {
    private Mutations() {}

    /** Mutant number {@code i}: every third a truncation, the others 1–4 flipped bytes (in the header for i % 3 == 1). */
    static byte[] mutant(byte[] orig, SplittableRandom rnd, int i) {
        if (i % 3 == 0) return Arrays.copyOf(orig, rnd.nextInt(orig.length));
        byte[] b = orig.clone();
        int flips = 1 + rnd.nextInt(4);
        for (int j = 0; j < flips; j++) {
            int at = rnd.nextInt(i % 3 == 1 ? Math.min(b.length, 200) : b.length);
            b[at] = (byte) (i % 2 == 0 ? rnd.nextInt(256) : "{}[]\":,0123456789-e".charAt(rnd.nextInt(19)));
        }
        return b;
    }
}
