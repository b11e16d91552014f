package io.latentj.models.data;

import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed (detected from the magic bytes):
 * a 4-byte magic (two zero bytes, the type code 0x08 for unsigned bytes, the number of dimensions), one big-endian
 * int per dimension, then the data. Sizes are checked before anything is allocated; a short or corrupt file is a
 * {@link FormatException} naming the file and the byte offset.
 */
public final class Idx {
    /** Largest element count accepted (a Java array's limit, and far beyond any real IDX file). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Idx() {}

    /** Images of an IDX3 file as an n × (rows·cols) matrix, pixels scaled from 0..255 to [0, 1]. */
    public static FMatrix readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 3);
            long n = dims[0], pixels = (long) dims[1] * dims[2]; // both < 2^62: no overflow yet
            if (pixels > MAX_ELEMENTS || (pixels > 0 && n > MAX_ELEMENTS / pixels)) {
                throw new FormatException(file, "header", "claims " + n + " images of " + dims[1] + "x" + dims[2]
                        + " pixels, more elements than fit an array (" + MAX_ELEMENTS + ")");
            }
            byte[] raw = readBody(file, in, n * pixels, 16);
            FMatrix x = FMatrix.zeros((int) n, (int) pixels);
            float[] d = x.data();
            for (int i = 0; i < raw.length; i++) d[i] = (raw[i] & 0xff) * (1f / 255f);
            return x;
        }
    }

    /** Labels of an IDX1 file. */
    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 1);
            check(file, dims[0]);
            byte[] raw = readBody(file, in, dims[0], 8);
            int[] labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) labels[i] = raw[i] & 0xff;
            return labels;
        }
    }

    /** Image height and width of an IDX3 file, read from its header alone. */
    public static int[] imageShape(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 3);
            return new int[] {dims[1], dims[2]};
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
            } catch (IOException e) { // ZipException or EOFException from a damaged gzip header
                raw.close();
                throw new FormatException(file, "gzip header", "corrupt or truncated: " + e);
            }
        }
        return new DataInputStream(raw);
    }

    private static int[] header(Path file, DataInputStream in, int expectedDims) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException | ZipException e) {
            throw new FormatException(file, "offset 0", "too short or corrupt for an IDX header (" + e.getMessage() + ")");
        }
        if ((magic >>> 16) != 0) throw new FormatException(file, "offset 0", String.format("bad magic 0x%08x: not an IDX file", magic));
        int type = (magic >>> 8) & 0xff, ndim = magic & 0xff;
        if (type != 0x08) throw new FormatException(file, "offset 2", String.format("data type 0x%02x is not unsigned byte (0x08)", type));
        if (ndim != expectedDims) {
            throw new FormatException(file, "offset 3", ndim + " dimensions, expected " + expectedDims + (expectedDims == 3 ? " (images)" : " (labels)"));
        }
        int[] dims = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            try {
                dims[i] = in.readInt();
            } catch (EOFException | ZipException e) {
                throw new FormatException(file, "offset " + (4 + 4 * i), "file ends or is corrupt inside the header (" + e.getMessage() + ")");
            }
            if (dims[i] < 0) throw new FormatException(file, "offset " + (4 + 4 * i), "dimension " + i + " is negative (" + dims[i] + ")");
        }
        return dims;
    }

    private static void check(Path file, long elements) throws FormatException {
        if (elements > MAX_ELEMENTS) {
            throw new FormatException(file, "header", "claims " + elements + " elements, more than " + MAX_ELEMENTS + " that fit an array");
        }
    }

    /** Reads exactly {@code count} bytes, growing the buffer as data really arrives (a lying header cannot force a huge allocation). */
    private static byte[] readBody(Path file, DataInputStream in, long count, int headerBytes) throws IOException {
        byte[] buf = new byte[(int) Math.min(count, 1 << 20)];
        long got = 0;
        while (got < count) {
            if (got == buf.length) buf = java.util.Arrays.copyOf(buf, (int) Math.min(count, 2L * buf.length));
            int r;
            try {
                r = in.read(buf, (int) got, (int) Math.min(buf.length - got, Integer.MAX_VALUE));
            } catch (ZipException | EOFException e) {
                throw new FormatException(file, "offset " + (headerBytes + got), "corrupt compressed data: " + e.getMessage());
            }
            if (r < 0) {
                throw new FormatException(file, "offset " + (headerBytes + got), "file ends after " + got + " of " + count + " data bytes");
            }
            got += r;
        }
        int extra;
        try {
            extra = in.read();
        } catch (ZipException | EOFException e) {
            throw new FormatException(file, "offset " + (headerBytes + count), "corrupt compressed data: " + e.getMessage());
        }
        if (extra >= 0) throw new FormatException(file, "offset " + (headerBytes + count), "trailing bytes after the data the header declares");
        return buf;
    }
}
