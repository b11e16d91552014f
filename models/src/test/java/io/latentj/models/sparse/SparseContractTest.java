package io.latentj.models.sparse;

import io.latentj.models.Encoder;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The library's common model contract (test module's ModelContractTest) run here on this package's encoders, with
 * the subjects proposed for ContractSubjects, until the lead wires them there.
 */
class SparseContractTest {
    /** Standardised real-valued data: 37 columns, a mixture of two clusters (as ContractSubjects.realData). */
    static FMatrix realData(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrix x = FMatrix.zeros(200, 37);
        for (int i = 0; i < 200; i++) {
            double shift = r.nextBoolean() ? 1 : -1;
            for (int j = 0; j < 37; j++) x.set(i, j, (float) (r.nextGaussian() * 0.6 + shift * ((j % 3) - 1)));
        }
        return x;
    }

    static Encoder fit(String name, long seed, FMatrix data) {
        return switch (name) {
            case "SparseCoder" -> DictionaryLearning.fit(
                    DictionaryLearningConfig.builder(19).lambda(0.5).iterations(3).codingIterations(100).seed(seed).build(), data)
                    .coder().withSolver(SparseCoder.Solver.COORDINATE_DESCENT, 200, 1e-5);
            case "KMeansDictionary" -> KMeansDictionary.fit(
                    KMeansConfig.builder(13).normalize(true, 0.1).whiten(io.latentj.bindings.lapack.Lapack.isAvailable(), 0.1)
                            .iterations(5).alpha(0.25).seed(seed).build(), data);
            case "KMeansDictionaryTriangle" -> KMeansDictionary.fit(
                    KMeansConfig.builder(13).normalize(true, 0.1).whiten(false, 0).encoding(KMeansConfig.Encoding.TRIANGLE)
                            .iterations(5).seed(seed).build(), data);
            default -> throw new AssertionError(name);
        };
    }

    static Encoder load(Encoder m, java.nio.file.Path f) throws java.io.IOException {
        return m instanceof SparseCoder ? SparseCoder.load(f) : KMeansDictionary.load(f);
    }

    static void save(Encoder m, java.nio.file.Path f) throws java.io.IOException {
        if (m instanceof SparseCoder s) s.save(f);
        else ((KMeansDictionary) m).save(f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SparseCoder", "KMeansDictionary", "KMeansDictionaryTriangle"})
    void contract(String name, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        FMatrix x = realData(2);
        Encoder m = fit(name, 1, x);
        int d = m.inputSize(), k = m.outputSize();
        // shapes, single sample = batch row
        FMatrix codes = m.transform(x);
        assertEquals(200, codes.rows());
        assertEquals(k, codes.cols());
        float[] out = new float[k + 4];
        for (int r = 0; r < 200; r += 7) {
            java.util.Arrays.fill(out, -7f);
            m.transformInto(x.data(), x.rowOffset(r), out, 2);
            assertEquals(-7f, out[1]);
            assertEquals(-7f, out[k + 2], "wrote past its output");
            for (int j = 0; j < k; j++) assertEquals(codes.get(r, j), out[2 + j], 1e-5f * Math.max(1f, Math.abs(codes.get(r, j))), name + " row " + r);
        }
        assertEquals(0, m.transform(FMatrix.zeros(0, d)).rows());
        // refusals
        assertThrows(IllegalArgumentException.class, () -> m.transform(FMatrix.zeros(3, d + 1)));
        assertThrows(IllegalArgumentException.class, () -> m.transform(null));
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(new float[d - 1], 0, new float[k], 0));
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(new float[d], 1, new float[k], 0));
        assertThrows(IllegalArgumentException.class, () -> m.transformInto(new float[d], 0, new float[k - 1], 0));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            FMatrix y = x.rowRange(0, 5).copy();
            y.set(3, d / 2, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(y));
            assertTrue(e.getMessage().contains("row 3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.transformInto(y.row(3).toArray(), 0, new float[k], 0));
            FMatrix train = x.copy();
            train.set(11, 2, bad);
            IllegalArgumentException te = assertThrows(IllegalArgumentException.class, () -> fit(name, 1, train));
            assertTrue(te.getMessage().contains("row 11") && te.getMessage().contains("column 2"), te.getMessage());
        }
        // seeded
        assertArrayEquals(fit(name, 42, x).transform(x).data(), fit(name, 42, x).transform(x).data());
        assertFalse(java.util.Arrays.equals(fit(name, 42, x).transform(x).data(), fit(name, 43, x).transform(x).data()));
        // save → load
        java.nio.file.Path f = dir.resolve(name + ".safetensors");
        save(m, f);
        Encoder back = load(m, f);
        assertArrayEquals(codes.data(), back.transform(x).data());
        float[] o1 = new float[k], o2 = new float[k];
        m.transformInto(x.data(), 0, o1, 0);
        back.transformInto(x.data(), 0, o2, 0);
        assertArrayEquals(o1, o2);
        // (allocation-free transformInto: the models module does not read java.management; ModelContractTest checks it)
        // 16 threads share one model
        float[][] single = new float[200][k];
        for (int r = 0; r < 200; r++) m.transformInto(x.data(), x.rowOffset(r), single[r], 0);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(pool.submit(() -> {
                    float[] buf = new float[k];
                    for (int rep = 0; rep < 5; rep++) {
                        for (int r = 0; r < 200; r++) {
                            m.transformInto(x.data(), x.rowOffset(r), buf, 0);
                            if (!java.util.Arrays.equals(buf, single[r])) return "transformInto row " + r;
                        }
                        if (!java.util.Arrays.equals(m.transform(x).data(), codes.data())) return "transform";
                    }
                    return null;
                }));
            }
            for (Future<String> fu : futures) assertNull(fu.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
