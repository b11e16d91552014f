package io.latentj.models.data;

import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxTest {
    @TempDir
    Path dir;

    private static byte[] images(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(0x00000803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n * rows * cols; i++) b.put((byte) (i * 37));
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    @Test
    void readsRawAndGzipImagesAndLabels() throws IOException {
        byte[] raw = images(3, 2, 4);
        Path a = dir.resolve("a.idx"), b = dir.resolve("b.idx.gz"), l = dir.resolve("l.idx");
        Files.write(a, raw);
        Files.write(b, gzip(raw));
        Files.write(l, ByteBuffer.allocate(11).putInt(0x00000801).putInt(3).put(new byte[] {7, 0, (byte) 200}).array());
        FMatrix x = Idx.readImages(a);
        assertEquals("3x8", x.shape());
        assertArrayEquals(x.data(), Idx.readImages(b).data());
        assertEquals((37 & 0xff) / 255f, x.get(0, 1), 1e-7);
        assertArrayEquals(new int[] {7, 0, 200}, Idx.readLabels(l));
        assertArrayEquals(new int[] {2, 4}, Idx.imageShape(b));
    }

    @Test
    void lyingHeadersAreRefusedWithoutHugeAllocation() throws IOException {
        Path f = dir.resolve("huge.idx");
        Files.write(f, ByteBuffer.allocate(20).putInt(0x00000803).putInt(1 << 30).putInt(1 << 20).putInt(1 << 20).array());
        assertTrue(assertThrows(FormatException.class, () -> Idx.readImages(f)).getMessage().contains("elements"));
        Files.write(f, ByteBuffer.allocate(20).putInt(0x00000803).putInt(1_000_000).putInt(28).putInt(28).array());
        FormatException e = assertThrows(FormatException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().contains("ends after"), e.getMessage());
        Files.write(f, ByteBuffer.allocate(12).putInt(0x00000801).putInt(3).putInt(5).array());
        assertTrue(assertThrows(FormatException.class, () -> Idx.readImages(f)).getMessage().contains("dimensions"));
    }

    /** Thousands of truncated and mutated files, raw and gzip: a clean read or a FormatException naming the file. */
    @Test
    void mutatedFilesNeverCrash() throws IOException {
        byte[] raw = images(4, 3, 3);
        byte[] gz = gzip(raw);
        SplittableRandom r = new SplittableRandom(5);
        Path f = dir.resolve("m.idx");
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] src = i % 2 == 0 ? raw : gz;
            byte[] b = i % 3 == 0 ? java.util.Arrays.copyOf(src, r.nextInt(src.length)) : src.clone();
            if (i % 3 != 0) for (int k = 0; k < 1 + r.nextInt(3); k++) b[r.nextInt(Math.min(b.length, 24))] = (byte) r.nextInt(256);
            Files.write(f, b);
            try {
                FMatrix x = Idx.readImages(f);
                for (float v : x.data()) assertTrue(v >= 0 && v <= 1);
            } catch (FormatException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 1000, "refused " + refused);
    }
}
