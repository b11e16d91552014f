package io.latentj.models.data;

import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; MIT licence): 60,000 training and 10,000 test images of 28 × 28
 * grey pixels in 10 classes, as Debian's {@code dataset-fashion-mnist} installs it. The directory comes from
 * {@code -Dlatentj.fashion.dir}, the environment variable {@code LATENTJ_FASHION_DIR}, or the package's location.
 */
public record FashionMnist(FMatrix trainImages, int[] trainLabels, FMatrix testImages, int[] testLabels) {
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    public static final int CLASSES = 10;

    /** The directory holding the four files, when they are all there. */
    public static Optional<Path> locate() {
        String dir = System.getProperty("latentj.fashion.dir");
        if (dir == null || dir.isBlank()) dir = System.getenv("LATENTJ_FASHION_DIR");
        if (dir == null || dir.isBlank()) dir = DEFAULT_DIR;
        Path p = Path.of(dir);
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            if (!Files.isRegularFile(p.resolve(f))) return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Reads the four files of {@code dir}; pixels scaled to [0, 1]. */
    public static FashionMnist load(Path dir) throws IOException {
        FashionMnist d = new FashionMnist(
                Idx.readImages(dir.resolve("train-images-idx3-ubyte.gz")), Idx.readLabels(dir.resolve("train-labels-idx1-ubyte.gz")),
                Idx.readImages(dir.resolve("t10k-images-idx3-ubyte.gz")), Idx.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz")));
        if (d.trainImages.rows() != d.trainLabels.length || d.testImages.rows() != d.testLabels.length) {
            throw new io.latentj.models.io.FormatException(dir, "", "image and label counts differ: train " + d.trainImages.rows() + "/"
                    + d.trainLabels.length + ", test " + d.testImages.rows() + "/" + d.testLabels.length);
        }
        return d;
    }
}
