package io.latentj.test;

import io.latentj.models.data.FashionMnist;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Loads Fashion-MNIST once per test JVM; skips the calling test when it is not installed, except on CI where it must be. */
final class FashionData {
    private static FashionMnist cached;

    private FashionData() {}

    static synchronized FashionMnist get() {
        if (cached != null) return cached;
        Optional<java.nio.file.Path> dir = FashionMnist.locate();
        if (dir.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Fashion-MNIST is missing on CI: .ci/run must install dataset-fashion-mnist");
        }
        Assumptions.assumeTrue(dir.isPresent(), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        try {
            cached = FashionMnist.load(dir.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cached;
    }
}
