package io.latentj.models.io;

import io.latentj.models.io.SafeTensors.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        return SafeTensorsFixtures.sample();
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, sample(), Map.of("model", "test", "quote\"key", "line\nbreak"));
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(sample().keySet(), c.tensors().keySet());
        for (var e : sample().entrySet()) {
            assertArrayEquals(e.getValue().shape(), c.tensors().get(e.getKey()).shape());
            float[] a = e.getValue().data(), b = c.tensors().get(e.getKey()).data();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]));
        }
        assertEquals("line\nbreak", c.metadata().get("quote\"key"));
        long headerLen = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8, "header padded to 8 bytes so data is aligned");
    }

    @Test
    void readsF64AndHandWrittenHeaders() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).putDouble(1.5).putDouble(-2.25);
        Path f = dir.resolve("d.safetensors");
        Files.write(f, b.array());
        assertArrayEquals(new float[] {1.5f, -2.25f}, SafeTensors.read(f).tensors().get("x").data());
    }

    @Test
    void badHeadersAreNamed() throws IOException {
        assertBad("{\"x\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1, "dtype I8");
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes");
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "overlaps");
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8, "outside");
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,0]}}", 0, "bad dimension");
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 0, "bad dimension");
        assertBad("{\"x\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,0]}}", 0, "too large");
        assertBad("{\"__metadata__\":{\"a\":1}}", 0, "not a string");
        assertBad("{\"x\":", 0, "JSON error");
        assertBad("[1,2]", 0, "not a JSON object");
    }

    private void assertBad(String header, int dataBytes, String expected) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, b.array());
        FormatException e = assertThrows(FormatException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void absurdHeaderLengthIsRefusedBeforeAllocating() throws IOException {
        Path f = dir.resolve("huge.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE - 3);
        Files.write(f, b.array());
        assertTrue(assertThrows(FormatException.class, () -> SafeTensors.read(f)).getMessage().contains("header length"));
        Files.write(f, new byte[5]);
        assertThrows(FormatException.class, () -> SafeTensors.read(f));
    }

    /** Thousands of mutated and truncated files: each reads cleanly or fails with a FormatException, nothing else. */
    @Test
    void mutatedAndTruncatedFilesNeverCrash() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.write(good, sample(), Map.of("model", "test"));
        byte[] orig = Files.readAllBytes(good);
        SplittableRandom rnd = new SplittableRandom(11);
        Path f = dir.resolve("mutant.safetensors");
        int failures = 0, n = 3000;
        for (int i = 0; i < n; i++) {
            byte[] b = SafeTensorsFixtures.mutant(orig, rnd, i);
            Files.write(f, b);
            try {
                SafeTensors.Contents c = SafeTensors.read(f);
                for (Tensor t : c.tensors().values()) assertNotNull(t.data());
            } catch (FormatException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                failures++;
            }
        }
        assertTrue(failures > n / 3, "most mutants should be refused, got " + failures);
    }

    @Test
    void writeIsAtomicWhenTheWriterFails() throws IOException {
        Path f = dir.resolve("keep.safetensors");
        SafeTensors.write(f, sample(), Map.of());
        byte[] before = Files.readAllBytes(f);
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full (simulated)");
        }));
        assertArrayEquals(before, Files.readAllBytes(f), "the old file survives a failed write");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }
}
