package io.latentj.models.energy;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/**
 * Natural-image-like training data made procedurally: the dead-leaves model (Matheron; Lee, Mumford and Huang),
 * opaque discs of random grey level dropped on top of one another, with radii drawn from a density ∝ r⁻³ between
 * {@code minRadius} and {@code maxRadius}. The resulting images are scale-invariant, with a close to 1/f² power
 * spectrum, sharp occluding edges and heavy-tailed filter responses, like natural images; their patches are the
 * usual test bed for products of experts and ICA.
 */
public final class DeadLeaves {
    private DeadLeaves() {}

    /** One {@code size × size} image, row-major, grey levels in [0, 1). */
    public static float[] image(int size, Rng rng) {
        if (size < 2) throw new IllegalArgumentException("image size must be at least 2, got " + size);
        float[] img = new float[size * size];
        boolean[] covered = new boolean[size * size];
        int left = size * size;
        double rMin = 1, rMax = size / 2.0;
        // paint front to back: a pixel takes the first disc that covers it, so the image is exact once covered
        for (int leaf = 0; leaf < 200_000 && left > 0; leaf++) {
            double u = rng.nextFloat();
            double r = 1 / Math.sqrt(1 / (rMin * rMin) - u * (1 / (rMin * rMin) - 1 / (rMax * rMax))); // ∝ r⁻³
            double cx = (rng.nextFloat() * 1.2 - 0.1) * size, cy = (rng.nextFloat() * 1.2 - 0.1) * size;
            float grey = rng.nextFloat();
            int x0 = Math.max(0, (int) Math.floor(cx - r)), x1 = Math.min(size - 1, (int) Math.ceil(cx + r));
            int y0 = Math.max(0, (int) Math.floor(cy - r)), y1 = Math.min(size - 1, (int) Math.ceil(cy + r));
            for (int y = y0; y <= y1; y++) for (int x = x0; x <= x1; x++) {
                int i = y * size + x;
                if (!covered[i] && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    covered[i] = true;
                    img[i] = grey;
                    left--;
                }
            }
        }
        return img;
    }

    /**
     * {@code n} patches of {@code patch × patch} pixels (rows of the result, row-major pixels) cut at random places
     * from dead-leaves images of {@code 4·patch} pixels, each with its own mean removed (the DC component).
     */
    public static FMatrix patches(int n, int patch, long seed) {
        if (n < 1 || patch < 2) throw new IllegalArgumentException("need n ≥ 1 patches of at least 2x2 pixels, got " + n + " of " + patch);
        Rng rng = Rng.of(seed);
        int size = 4 * patch, perImage = 16;
        FMatrix out = FMatrix.zeros(n, patch * patch);
        float[] img = null;
        for (int k = 0; k < n; k++) {
            if (k % perImage == 0) img = image(size, rng);
            int ox = rng.nextInt(size - patch + 1), oy = rng.nextInt(size - patch + 1);
            double mean = 0;
            for (int y = 0; y < patch; y++) for (int x = 0; x < patch; x++) mean += img[(oy + y) * size + ox + x];
            mean /= patch * patch;
            for (int y = 0; y < patch; y++) for (int x = 0; x < patch; x++) out.set(k, y * patch + x, (float) (img[(oy + y) * size + ox + x] - mean));
        }
        return out;
    }
}
