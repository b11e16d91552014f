package io.latentj.cli;

import io.latentj.simd.FMatrix;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Grey-level image grids as PNG: learned filters, samples, originals beside reconstructions. */
final class Pictures {
    private Pictures() {}

    /**
     * Each row of {@code rows} is one {@code h × w} image; they are laid out {@code columns} per line with a one-pixel
     * border, every cell scaled {@code zoom} times. {@code normaliseEach}: each image is stretched to its own min..max
     * (filters); otherwise values are clamped to [0, 1] (pixels, probabilities).
     */
    static void grid(FMatrix rows, int h, int w, int columns, int zoom, boolean normaliseEach, Path file) throws IOException {
        if (rows.cols() != h * w) throw new IllegalArgumentException("rows of " + rows.cols() + " values are not " + h + "x" + w + " images");
        int n = rows.rows(), lines = Math.max(1, (n + columns - 1) / columns);
        int cw = w * zoom + 1, ch = h * zoom + 1;
        BufferedImage img = new BufferedImage(columns * cw + 1, lines * ch + 1, BufferedImage.TYPE_BYTE_GRAY);
        var raster = img.getRaster();
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) raster.setSample(x, y, 0, 40);
        for (int i = 0; i < n; i++) {
            float lo = 0f, hi = 1f;
            if (normaliseEach) {
                lo = Float.POSITIVE_INFINITY;
                hi = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < h * w; j++) {
                    lo = Math.min(lo, rows.get(i, j));
                    hi = Math.max(hi, rows.get(i, j));
                }
                if (!(hi > lo)) hi = lo + 1f;
            }
            int ox = 1 + (i % columns) * cw, oy = 1 + (i / columns) * ch;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    float v = (rows.get(i, r * w + c) - lo) / (hi - lo);
                    int g = Math.round(255 * Math.min(1f, Math.max(0f, v)));
                    for (int dy = 0; dy < zoom; dy++) for (int dx = 0; dx < zoom; dx++) raster.setSample(ox + c * zoom + dx, oy + r * zoom + dy, 0, g);
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** Originals (odd lines) above their reconstructions (even lines), {@code columns} pairs per line. */
    static void pairs(FMatrix originals, FMatrix reconstructions, int h, int w, int columns, int zoom, Path file) throws IOException {
        int n = originals.rows(), lines = (n + columns - 1) / columns;
        FMatrix both = FMatrix.zeros(2 * lines * columns, h * w);
        for (int i = 0; i < n; i++) {
            int line = i / columns, col = i % columns;
            both.row(2 * line * columns + col).copyFrom(originals.row(i));
            both.row((2 * line + 1) * columns + col).copyFrom(reconstructions.row(i));
        }
        grid(both, h, w, columns, zoom, false, file);
    }
}
