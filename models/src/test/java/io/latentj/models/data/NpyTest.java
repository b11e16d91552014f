package io.latentj.models.data;

import io.latentj.models.io.FormatException;
import io.latentj.models.rbm.BernoulliRBM;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class NpyTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/fixtures/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsWhatNumpyWrote() throws IOException {
        FMatrix a = Npy.read(fixture("f4_2x3.npy"));
        assertEquals("2x3", a.shape());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1f, 1.25f}, a.data());
        assertArrayEquals(new float[] {1.5f, -2.25f, 1e-3f}, Npy.read(fixture("f8_vector.npy")).data());
        assertEquals(220f, Npy.read(fixture("u1_3x4.npy")).get(2, 3));
        assertArrayEquals(new float[] {1f, -2f}, Npy.read(fixture("f4_big_endian.npy")).data());
        Map<String, FMatrix> z = Npy.readNpz(fixture("pair.npz"));
        assertEquals(1f, z.get("a").get(2, 2));
        assertEquals(4f, z.get("b").get(0, 4));
    }

    @Test
    void refusesWhatItCannotHoldWithTheReason() {
        assertTrue(assertThrows(FormatException.class, () -> Npy.read(fixture("f4_fortran.npy"))).getMessage().contains("Fortran"));
        assertTrue(assertThrows(FormatException.class, () -> Npy.read(fixture("i4_refused.npy"))).getMessage().contains("dtype"));
        assertTrue(assertThrows(FormatException.class, () -> Npy.read(fixture("f4_rank3_refused.npy"))).getMessage().contains("rank 3"));
    }

    @Test
    void writeThenReadIsExactAndAtomic() throws IOException {
        FMatrix m = FMatrix.zeros(3, 5);
        for (int i = 0; i < 15; i++) m.data()[i] = i * 0.1f - 0.7f;
        Path f = dir.resolve("m.npy");
        Npy.write(f, m.block(1, 1, 2, 3));
        assertArrayEquals(m.block(1, 1, 2, 3).toArray(), Npy.read(f).data());
        assertEquals(0, (Files.size(f) - 2 * 3 * 4) % 64, "header padded to 64 bytes");
    }

    @Test
    void aBernoulliRbmWrittenByNumpyAloneLoadsAndComputesWhatNumpyComputed() throws IOException {
        BernoulliRBM rbm = BernoulliRBM.load(fixture("rbm-from-numpy.safetensors"));
        FMatrix x = Npy.read(fixture("rbm-from-numpy-inputs.npy")), expected = Npy.read(fixture("rbm-from-numpy-expected.npy"));
        FMatrix h = rbm.transform(x);
        for (int i = 0; i < h.data().length; i++) assertEquals(expected.data()[i], h.data()[i], 2e-6f);
        assertEquals("numpy", rbm.provenance().get("writer"));
    }

    /** Thousands of truncated and mutated arrays: a clean read or a FormatException naming the file, never anything else. */
    @Test
    void mutatedFilesNeverCrash() throws IOException {
        byte[] orig = Files.readAllBytes(fixture("f4_2x3.npy"));
        SplittableRandom r = new SplittableRandom(3);
        Path f = dir.resolve("mut.npy");
        String alphabet = "0123456789(),' <>fu{}:FalseTrue";
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = i % 3 == 0 ? java.util.Arrays.copyOf(orig, r.nextInt(orig.length)) : orig.clone();
            if (i % 3 != 0) for (int k = 0; k < 1 + r.nextInt(3); k++) b[r.nextInt(Math.min(b.length, 128))] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
            Files.write(f, b);
            try {
                assertNotNull(Npy.read(f));
            } catch (FormatException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 1000, "refused " + refused);
    }
}
