package io.latentj.models;

import io.latentj.models.io.FormatException;
import io.latentj.models.io.SafeTensors;
import io.latentj.models.linear.PCA;
import io.latentj.models.linear.PcaConfig;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.models.rbm.RbmConfig;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class InputScalingTest {
    @TempDir
    Path dir;

    /** 300 × 13 data with columns on very different scales and offsets, one constant column. */
    private static FMatrix raw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(300, 13);
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 13; j++) x.set(i, j, j == 4 ? 7f : (float) (1000 * (j % 3) + (j + 1) * 10 * r.nextGaussian()));
        }
        return x;
    }

    @Test
    void unitRangeAndStandardizeHaveTheirDefiningPropertiesAndInvert() {
        FMatrix x = raw(1);
        FMatrix u = InputScaling.fit(InputScaling.Kind.UNIT_RANGE, x).apply(x);
        for (int j = 0; j < 13; j++) {
            float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
            for (int i = 0; i < 300; i++) { lo = Math.min(lo, u.get(i, j)); hi = Math.max(hi, u.get(i, j)); }
            assertEquals(0f, lo, 1e-5f, "column " + j);
            assertEquals(j == 4 ? 0f : 1f, hi, 1e-5f, "column " + j);
        }
        InputScaling st = InputScaling.fit(InputScaling.Kind.STANDARDIZE, x);
        FMatrix z = st.apply(x);
        for (int j = 0; j < 13; j++) {
            double m = 0, v = 0;
            for (int i = 0; i < 300; i++) m += z.get(i, j);
            m /= 300;
            for (int i = 0; i < 300; i++) v += (z.get(i, j) - m) * (z.get(i, j) - m);
            assertEquals(0, m, 1e-3, "mean of column " + j);
            assertEquals(j == 4 ? 0 : 1, v / 300, 1e-3, "variance of column " + j);
        }
        FMatrix back = st.invert(z);
        for (int i = 0; i < 300; i++) for (int j = 0; j < 13; j++) assertEquals(x.get(i, j), back.get(i, j), 1e-3f * (1 + Math.abs(x.get(i, j))));
        FMatrix b = InputScaling.binarize(0.5f).apply(FMatrix.wrap(new float[] {0.2f, 0.5f, 0.51f, 3f}, 1, 4));
        assertArrayEquals(new float[] {0, 0, 1, 1}, b.toArray());
    }

    @Test
    void aModelFileRecordsItsScalingAndLoadAppliesIt() throws IOException {
        FMatrix x = raw(2);
        InputScaling st = InputScaling.fit(InputScaling.Kind.STANDARDIZE, x);
        PCA pca = PCA.fit(PcaConfig.components(13).build(), st.apply(x));
        Path f = dir.resolve("pca.safetensors");
        pca.save(f);
        st.attachTo(f);
        Encoder loaded = ModelFiles.load(f);
        ScaledModel sm = assertInstanceOf(ScaledModel.class, loaded);
        assertEquals(InputScaling.Kind.STANDARDIZE, sm.scaling().kind());
        FMatrix test = raw(3);
        assertArrayEquals(pca.transform(st.apply(test)).toArray(), loaded.transform(test).toArray(), "bit-identical codes");
        float[] out = new float[13];
        loaded.transformInto(test.data(), test.rowOffset(5), out, 0);
        float[] ref = new float[13];
        pca.transformInto(st.apply(test).data(), test.rowOffset(5), ref, 0);
        assertArrayEquals(ref, out);
        // all components: reconstructions come back in raw units
        FMatrix rec = assertInstanceOf(Reconstructor.class, loaded).reconstruct(test);
        for (int i = 0; i < 300; i++) for (int j = 0; j < 13; j++) assertEquals(test.get(i, j), rec.get(i, j), 2e-2f * (1 + Math.abs(test.get(i, j))));
        assertInstanceOf(PCA.class, ModelFiles.loadModel(f));
        assertThrows(IllegalArgumentException.class, () -> loaded.transform(FMatrix.zeros(2, 12)));
    }

    @Test
    void samplesOfAGenerativeModelAreKeptAndBinarizeNeedsNoTensors() throws IOException {
        SplittableRandom r = new SplittableRandom(4);
        FMatrix x = FMatrix.zeros(100, 9);
        for (int i = 0; i < 100; i++) for (int j = 0; j < 9; j++) x.set(i, j, (float) r.nextDouble());
        InputScaling bin = InputScaling.binarize(0.5f);
        BernoulliRBM rbm = BernoulliRBM.fit(RbmConfig.builder(4).epochs(1).batchSize(20).seed(1).build(), bin.apply(x));
        Path f = dir.resolve("rbm.safetensors");
        rbm.save(f);
        bin.attachTo(f);
        Encoder loaded = ModelFiles.load(f);
        assertInstanceOf(Sampler.class, loaded);
        assertArrayEquals(rbm.transform(bin.apply(x)).toArray(), loaded.transform(x).toArray());
    }

    @Test
    void corruptScalingInAFileIsRefused() throws IOException {
        FMatrix x = raw(5);
        InputScaling st = InputScaling.fit(InputScaling.Kind.UNIT_RANGE, x);
        PCA pca = PCA.fit(PcaConfig.components(3).build(), st.apply(x));
        Path f = dir.resolve("p.safetensors");
        pca.save(f);
        st.attachTo(f);
        SafeTensors.Contents c = SafeTensors.read(f);
        var t = new LinkedHashMap<>(c.tensors());
        var meta = new LinkedHashMap<>(c.metadata());
        t.put("input_scaling.scale", SafeTensors.Tensor.vector(new float[12]));
        Path g = dir.resolve("g.safetensors");
        SafeTensors.write(g, t, meta);
        assertTrue(assertThrows(FormatException.class, () -> ModelFiles.load(g)).getMessage().contains("input_scaling"));
        meta.put("input_scaling", "cube-root");
        SafeTensors.write(g, c.tensors(), meta);
        assertTrue(assertThrows(FormatException.class, () -> ModelFiles.load(g)).getMessage().contains("cube-root"));
        t = new LinkedHashMap<>(c.tensors());
        float[] s = t.get("input_scaling.scale").data().clone();
        s[2] = Float.NaN;
        t.put("input_scaling.scale", SafeTensors.Tensor.vector(s));
        SafeTensors.write(g, t, c.metadata());
        assertTrue(assertThrows(FormatException.class, () -> ModelFiles.load(g)).getMessage().contains("feature 2"));
        assertThrows(IllegalArgumentException.class, () -> InputScaling.Kind.parse("log"));
    }
}
