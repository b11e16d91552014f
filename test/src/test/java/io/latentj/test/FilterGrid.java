package io.latentj.test;

import io.latentj.simd.FMatrix;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes filters (rows of a matrix, each an h × w image) as one grey PNG grid, each filter scaled to its own range. */
final class FilterGrid {
    private FilterGrid() {}

    static BufferedImage render(FMatrix filters, int h, int w, int columns, int zoom) {
        int n = filters.rows(), rows = (n + columns - 1) / columns, pad = 1;
        BufferedImage img = new BufferedImage(columns * (w * zoom + pad) + pad, rows * (h * zoom + pad) + pad, BufferedImage.TYPE_BYTE_GRAY);
        for (int k = 0; k < n; k++) {
            float max = 1e-12f;
            for (int i = 0; i < h * w; i++) max = Math.max(max, Math.abs(filters.get(k, i)));
            int ox = pad + (k % columns) * (w * zoom + pad), oy = pad + (k / columns) * (h * zoom + pad);
            for (int y = 0; y < h * zoom; y++) for (int x = 0; x < w * zoom; x++) {
                int v = Math.round(127.5f + 127.5f * filters.get(k, (y / zoom) * w + x / zoom) / max);
                img.getRaster().setSample(ox + x, oy + y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return img;
    }

    static void write(FMatrix filters, int h, int w, int columns, int zoom, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (!ImageIO.write(render(filters, h, w, columns, zoom), "png", png.toFile())) throw new IOException("no PNG writer");
    }
}
