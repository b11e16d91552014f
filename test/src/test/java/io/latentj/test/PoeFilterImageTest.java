package io.latentj.test;

import io.latentj.models.energy.DeadLeaves;
import io.latentj.models.energy.PoeConfig;
import io.latentj.models.energy.ProductOfExperts;
import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Path;
import io.latentj.simd.Trans;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A Student-t product of experts learned by score matching on PCA-whitened 8 × 8 dead-leaves patches: its filters,
 * mapped back to pixel space (W·diag(1/√variance)·C), are written as a PNG grid to
 * {@code test/target/energy/poe-filters.png}, and they must be sparser (more localised) than the random start's,
 * measured by the mean kurtosis Σw⁴·n/(Σw²)² of their pixel weights.
 */
class PoeFilterImageTest {
    @Test
    void learnedFiltersAreWrittenAsAPngGridAndAreMoreLocalisedThanTheStart() throws Exception {
        FMatrix patches = DeadLeaves.patches(6000, 8, 11);
        int k = 48;
        PCA pca = PCA.fit(PcaConfig.components(k).whiten(true).build(), patches);
        FMatrix z = pca.transform(patches);
        ProductOfExperts start = ProductOfExperts.fit(PoeConfig.builder(64).epochs(1).training(
                io.latentj.models.energy.EnergyTrainingConfig.builder().epochs(1).learningRate(1e-9).seed(3).build()).build(), z);
        ProductOfExperts poe = ProductOfExperts.fit(PoeConfig.builder(64).epochs(15).seed(3).build(), z);
        FMatrix pixStart = toPixels(start.filters(), pca), pix = toPixels(poe.filters(), pca);
        double kStart = meanKurtosis(pixStart), kLearned = meanKurtosis(pix);
        System.out.println("PoE pixel-filter kurtosis: random start " + kStart + ", learned " + kLearned);
        assertTrue(kLearned > 1.3 * kStart, "learned " + kLearned + " vs start " + kStart);
        java.nio.file.Path png = java.nio.file.Path.of("target", "energy", "poe-filters.png");
        FilterGrid.write(pix, 8, 8, 8, 4, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(8 * 33 + 1, back.getWidth());
        assertEquals(8 * 33 + 1, back.getHeight());
    }

    /** W (J × k, whitened space) → W·diag(1/√variance)·C (J × 64 pixels). */
    static FMatrix toPixels(FMatrix w, PCA pca) {
        FMatrix c = pca.componentMatrix();
        float[] ev = pca.explainedVariance();
        for (int i = 0; i < c.rows(); i++) for (int j = 0; j < c.cols(); j++) c.set(i, j, (float) (c.get(i, j) / Math.sqrt(ev[i])));
        FMatrix out = FMatrix.zeros(w.rows(), c.cols());
        Linalg.gemm(Path.defaultPath(), Trans.N, Trans.N, 1f, w, c, 0f, out);
        return out;
    }

    static double meanKurtosis(FMatrix f) {
        double sum = 0;
        for (int r = 0; r < f.rows(); r++) {
            double s2 = 0, s4 = 0;
            for (int j = 0; j < f.cols(); j++) {
                double v = f.get(r, j);
                s2 += v * v;
                s4 += v * v * v * v;
            }
            sum += s4 * f.cols() / (s2 * s2);
        }
        return sum / f.rows();
    }
}
