package io.latentj.models.io;

import io.latentj.models.io.SafeTensors.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Reading safetensors from memory and streams: the same contents and the same errors as from a file. */
class ModelSourceTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        return SafeTensorsFixtures.sample();
    }

    private byte[] sampleBytes() throws IOException {
        Path f = dir.resolve("sample.safetensors");
        SafeTensors.write(f, sample(), Map.of("model", "test"));
        return Files.readAllBytes(f);
    }

    /** Every kind of in-memory source over the same bytes. */
    private static List<ModelSource> memorySources(byte[] b, Arena arena) throws IOException {
        List<ModelSource> out = new ArrayList<>();
        out.add(ModelSource.of(b));
        byte[] padded = new byte[b.length + 7];
        System.arraycopy(b, 0, padded, 3, b.length);
        out.add(ModelSource.of(ByteBuffer.wrap(padded, 3, b.length))); // position 3, limit before the last 4 bytes
        out.add(ModelSource.of(ByteBuffer.allocateDirect(b.length).put(b).flip().asReadOnlyBuffer()));
        out.add(ModelSource.of(arena.allocate(Math.max(1, b.length)).asSlice(0, b.length).copyFrom(MemorySegment.ofArray(b))));
        out.add(ModelSource.of(new ByteArrayInputStream(b)));
        out.add(ModelSource.of(new OneByteAtATime(b), Math.max(1, b.length))); // exactly at the bound is accepted
        return out;
    }

    private static void assertSameContents(SafeTensors.Contents want, SafeTensors.Contents got, String what) {
        assertEquals(want.metadata(), got.metadata(), what);
        assertEquals(want.tensors().keySet(), got.tensors().keySet(), what);
        for (var e : want.tensors().entrySet()) {
            Tensor g = got.tensors().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), g.shape(), what + " " + e.getKey());
            float[] a = e.getValue().data(), b = g.data();
            assertEquals(a.length, b.length, what);
            for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), what + " " + e.getKey() + "[" + i + "]");
        }
    }

    @Test
    void everySourceReadsWhatTheFileHolds() throws IOException {
        byte[] b = sampleBytes();
        SafeTensors.Contents want = SafeTensors.read(dir.resolve("sample.safetensors"));
        try (Arena arena = Arena.ofConfined()) {
            for (ModelSource s : memorySources(b, arena)) {
                assertSameContents(want, SafeTensors.read(s), s.toString());
                assertSameContents(want, SafeTensors.read(s), s + ", read a second time");
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(b, 5, 20);
        SafeTensors.read(ModelSource.of(ByteBuffer.wrap(b)));
        ModelSource.of(buf);
        assertEquals(5, buf.position(), "the buffer's position is not moved");
        assertEquals(25, buf.limit());
    }

    /** Thousands of mutated and truncated models: from memory they load or fail exactly as from a file. */
    @Test
    void corruptBytesFailWithTheFilesErrors() throws IOException {
        byte[] orig = sampleBytes();
        SplittableRandom rnd = new SplittableRandom(17);
        Path f = dir.resolve("mutant.safetensors");
        int failures = 0, n = 2000;
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < n; i++) {
                byte[] b = SafeTensorsFixtures.mutant(orig, rnd, i);
                Files.write(f, b);
                SafeTensors.Contents fromFile = null;
                String fileError = null;
                try {
                    fromFile = SafeTensors.read(f);
                } catch (FormatException e) {
                    assertTrue(e.getMessage().startsWith(f + " ") || e.getMessage().startsWith(f + ":"), e.getMessage());
                    fileError = e.getMessage().substring(f.toString().length());
                    failures++;
                }
                for (ModelSource s : memorySources(b, arena)) {
                    if (fileError == null) {
                        assertSameContents(fromFile, SafeTensors.read(s), "mutant " + i + " from " + s);
                    } else {
                        FormatException e = assertThrows(FormatException.class, () -> SafeTensors.read(s), "mutant " + i + " from " + s);
                        assertTrue(e.getMessage().startsWith(s.name()), e.getMessage());
                        assertEquals(fileError, e.getMessage().substring(s.name().length()), "mutant " + i + " from " + s);
                    }
                }
            }
        }
        assertTrue(failures > n / 3, "most mutants should be refused, got " + failures);
    }

    @Test
    void truncatedBytesNameTheProblem() {
        FormatException e = assertThrows(FormatException.class, () -> SafeTensors.read(ModelSource.of(new byte[] {1, 2, 3})));
        assertEquals("<bytes> (offset 0): file of 3 bytes is too short for the 8-byte header length", e.getMessage());
        e = assertThrows(FormatException.class, () -> SafeTensors.read(ModelSource.of(new byte[3]).named("models/rbm.safetensors")));
        assertTrue(e.getMessage().startsWith("models/rbm.safetensors (offset 0): "), e.getMessage());
    }

    @Test
    void aStreamLongerThanTheBoundIsRefusedWithoutReadingItAll() throws IOException {
        byte[] b = sampleBytes();
        FormatException e = assertThrows(FormatException.class, () -> ModelSource.of(new ByteArrayInputStream(b), b.length - 1));
        assertTrue(e.getMessage().contains("more than the limit of " + (b.length - 1) + " bytes"), e.getMessage());
        // an endless stream: refused once it passes the bound, not read until memory runs out
        CountingZeros endless = new CountingZeros();
        e = assertThrows(FormatException.class, () -> ModelSource.of(endless, 1 << 20));
        assertTrue(e.getMessage().startsWith("<stream> (offset 1048576): "), e.getMessage());
        assertTrue(endless.read <= (1 << 20) + (1 << 16), "read " + endless.read + " bytes for a bound of 1 MiB");
        assertThrows(IllegalArgumentException.class, () -> ModelSource.of(new ByteArrayInputStream(b), 0));
        assertThrows(IllegalArgumentException.class, () -> ModelSource.of(new ByteArrayInputStream(b), Long.MAX_VALUE));
    }

    @Test
    void theDefaultStreamBoundIsAProperty() throws IOException {
        byte[] b = sampleBytes();
        String old = System.getProperty(ModelSource.MAX_STREAM_BYTES_PROPERTY);
        try {
            System.setProperty(ModelSource.MAX_STREAM_BYTES_PROPERTY, Integer.toString(b.length - 1));
            assertThrows(FormatException.class, () -> ModelSource.of(new ByteArrayInputStream(b)));
            System.setProperty(ModelSource.MAX_STREAM_BYTES_PROPERTY, Integer.toString(b.length));
            assertEquals(sample().keySet(), SafeTensors.read(ModelSource.of(new ByteArrayInputStream(b))).tensors().keySet());
        } finally {
            if (old == null) System.clearProperty(ModelSource.MAX_STREAM_BYTES_PROPERTY);
            else System.setProperty(ModelSource.MAX_STREAM_BYTES_PROPERTY, old);
        }
    }

    @Test
    void theKernelPathIsNotPartOfTheModel() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("hidden", "3");
        cfg.put("path", "blas");
        cfg.put("layer1.path", "simd");
        ModelFile.write(f, "Test", "1", sample(), cfg, Map.of("seed", "1"));
        Map<String, String> meta = SafeTensors.read(f).metadata();
        assertFalse(meta.containsKey("config.path"), meta.toString());
        assertFalse(meta.containsKey("config.layer1.path"), meta.toString());
        assertEquals("blas", meta.get("trained_path"));
        assertFalse(meta.containsKey("provenance.trained_path"), "provenance is what the model recorded, unchanged");
        assertEquals("3", meta.get("config.hidden"));

        ModelFile mf = ModelFile.read(ModelSource.of(Files.readAllBytes(f)), "Test", "1", io.latentj.simd.Path.SCALAR);
        assertEquals(Map.of("hidden", "3", "path", "scalar"), mf.config());
        assertEquals("blas", mf.trainedPath());
        assertEquals(Map.of("seed", "1"), mf.provenance());
        assertEquals(io.latentj.simd.Path.defaultPath().name().toLowerCase(), ModelFile.read(f, "Test", "1").config().get("path"));

        // a file written before the path left the config: the stored path is provenance, not what runs
        Map<String, String> old = new LinkedHashMap<>(meta);
        old.remove("trained_path");
        old.put("config.path", "blas");
        old.put("config.layer1.path", "blas");
        SafeTensors.write(f, sample(), old);
        mf = ModelFile.read(ModelSource.of(f), "Test", "1", io.latentj.simd.Path.SIMD);
        assertEquals(Map.of("hidden", "3", "path", "simd"), mf.config());
        assertEquals("blas", mf.trainedPath());
        assertThrows(IllegalArgumentException.class, () -> ModelFile.read(ModelSource.of(f), "Test", "1", null));
    }

    @Test
    void anUnavailablePathIsRefusedAtLoad() throws IOException {
        Assumptions.assumeFalse(io.latentj.simd.Path.BLAS.isAvailable(), "OpenBLAS is loaded here");
        Path f = dir.resolve("m.safetensors");
        ModelFile.write(f, "Test", "1", sample(), Map.of(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.read(ModelSource.of(f), "Test", "1", io.latentj.simd.Path.BLAS));
        assertTrue(e.getMessage().contains("not available"), e.getMessage());
    }

    @Test
    void modelFilesGetTheProcesssNormalMode() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path normal = Files.createFile(dir.resolve("normal.txt"));
        Path model = dir.resolve("model.safetensors");
        SafeTensors.write(model, sample(), Map.of());
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(normal)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(model)), "a new model file has the mode of any new file");
        Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(model, chosen);
        SafeTensors.write(model, sample(), Map.of("again", "1"));
        assertEquals(chosen, Files.getPosixFilePermissions(model), "a replaced file keeps its permissions");
        assertEquals("1", SafeTensors.read(model).metadata().get("again"));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left behind");
        }
    }

    /** A stream that hands out one byte per read call. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] b;
        private int pos;

        OneByteAtATime(byte[] b) {
            this.b = b;
        }

        @Override
        public int read() {
            return pos < b.length ? b[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            if (len == 0) return 0;
            int c = read();
            if (c < 0) return -1;
            dst[off] = (byte) c;
            return 1;
        }
    }

    /** An endless stream of zeros that counts what was read. */
    private static final class CountingZeros extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 0;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            java.util.Arrays.fill(dst, off, off + len, (byte) 0);
            read += len;
            return len;
        }
    }
}
