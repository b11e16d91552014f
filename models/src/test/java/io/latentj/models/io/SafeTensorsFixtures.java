package io.latentj.models.io;

import io.latentj.models.io.SafeTensors.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The readers' test data: a small set of tensors with edge values, and corrupted copies of a file for the fuzz tests
 * (truncations, and byte flips in the header or anywhere).
 */
final class SafeTensorsFixtures {
    private SafeTensorsFixtures() {}

    /** Tensors with a denormal, −0, a huge value, an empty 0×4 tensor and a scalar. */
    static Map<String, Tensor> sample() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight", Tensor.matrix(2, 3, new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, 6}));
        t.put("visible_bias", Tensor.vector(new float[] {0.25f, -0.5f, 1e30f}));
        t.put("empty", new Tensor(new int[] {0, 4}, new float[0]));
        t.put("scale", Tensor.scalar(7f));
        return t;
    }

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
