package io.latentj.models.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Where the bytes of a model file come from: a file, a {@code byte[]}, a {@link ByteBuffer}, a {@link MemorySegment}
 * or an {@link InputStream} (read once, up to a bound). Every family's {@code load(ModelSource)} and
 * {@code io.latentj.models.ModelFiles#load(ModelSource)} parse a source with the same checks as a file (header length,
 * bounds, overlapping tensors, sizes checked before anything is allocated), and errors name the source: the file, or
 * {@code <bytes>}, {@code <buffer>}, {@code <memory segment>}, {@code <stream>} unless {@link #named} gives a better name.
 *
 * <p>In-memory sources are not copied: do not change the array, buffer or segment while a load runs (a loaded model
 * holds its own copies of the tensors). A source can be loaded any number of times.
 */
public final class ModelSource {
    /** System property with the default bound of {@link #of(InputStream)}, in bytes. */
    public static final String MAX_STREAM_BYTES_PROPERTY = "latentj.models.maxStreamBytes";
    /** The default bound of {@link #of(InputStream)} when the property is not set: 1 GiB. */
    public static final long DEFAULT_MAX_STREAM_BYTES = 1L << 30;
    /** The largest model a stream can deliver (the largest Java array). */
    public static final long MAX_STREAM_BYTES = Integer.MAX_VALUE - 16; // plus the one byte read past the bound

    private final String name;
    private final java.nio.file.Path file;  // a file source, else null
    private final MemorySegment bytes;      // an in-memory source, else null

    private ModelSource(String name, java.nio.file.Path file, MemorySegment bytes) {
        this.name = name;
        this.file = file;
        this.bytes = bytes;
    }

    /** The model file at {@code file}, read when a model is loaded. */
    public static ModelSource of(java.nio.file.Path file) {
        if (file == null) throw new IllegalArgumentException("file must not be null");
        return new ModelSource(file.toString(), file, null);
    }

    /** The bytes of a model file (the whole array; not copied). */
    public static ModelSource of(byte[] bytes) {
        if (bytes == null) throw new IllegalArgumentException("bytes must not be null");
        return new ModelSource("<bytes>", null, MemorySegment.ofArray(bytes));
    }

    /**
     * The bytes of a model file between the buffer's position and its limit (heap or direct, read-only or not; not
     * copied). The buffer's position and limit are not changed.
     */
    public static ModelSource of(ByteBuffer buffer) {
        if (buffer == null) throw new IllegalArgumentException("buffer must not be null");
        return new ModelSource("<buffer>", null, MemorySegment.ofBuffer(buffer));
    }

    /** The bytes of a model file in a memory segment (for example a mapped file); it must stay alive while a load runs. */
    public static ModelSource of(MemorySegment segment) {
        if (segment == null) throw new IllegalArgumentException("segment must not be null");
        return new ModelSource("<memory segment>", null, segment);
    }

    /**
     * Reads a model file from a stream to its end, refusing one longer than the default bound ({@value
     * #MAX_STREAM_BYTES_PROPERTY}, else {@link #DEFAULT_MAX_STREAM_BYTES}). The stream is not closed.
     *
     * @throws FormatException when the stream holds more bytes than the bound
     */
    public static ModelSource of(InputStream in) throws IOException {
        return of(in, defaultStreamLimit());
    }

    /**
     * Reads a model file from a stream to its end, refusing one longer than {@code maxBytes} with a
     * {@link FormatException} before buffering more than that; memory grows with the bytes actually read. The stream
     * is not closed.
     *
     * @param maxBytes the largest accepted model, 1 to {@link #MAX_STREAM_BYTES}
     */
    public static ModelSource of(InputStream in, long maxBytes) throws IOException {
        if (in == null) throw new IllegalArgumentException("stream must not be null");
        if (maxBytes < 1 || maxBytes > MAX_STREAM_BYTES) {
            throw new IllegalArgumentException("maxBytes must be in 1.." + MAX_STREAM_BYTES + ", got " + maxBytes);
        }
        byte[] buf = new byte[(int) Math.min(maxBytes + 1, 1 << 16)];
        long n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > maxBytes) break;
                buf = Arrays.copyOf(buf, (int) Math.min(maxBytes + 1, Math.max(n * 2, 1 << 16)));
            }
            int r = in.read(buf, (int) n, (int) (buf.length - n));
            if (r < 0) break;
            n += r;
        }
        if (n > maxBytes) {
            throw new FormatException("<stream>", "offset " + maxBytes, "the stream holds more than the limit of " + maxBytes
                    + " bytes (pass a larger bound to ModelSource.of(stream, maxBytes) or set -D" + MAX_STREAM_BYTES_PROPERTY + ")");
        }
        return new ModelSource("<stream>", null, MemorySegment.ofArray(n == buf.length ? buf : Arrays.copyOf(buf, (int) n)));
    }

    private static long defaultStreamLimit() {
        String v = System.getProperty(MAX_STREAM_BYTES_PROPERTY);
        if (v == null || v.isBlank()) return DEFAULT_MAX_STREAM_BYTES;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + MAX_STREAM_BYTES_PROPERTY + "=" + v + " is not a byte count");
        }
    }

    /** The same bytes under another name, used in error messages (for example a URL or a resource name). */
    public ModelSource named(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        return new ModelSource(name, file, bytes);
    }

    /** The name errors use: the file, or what {@link #named} set. */
    public String name() {
        return name;
    }

    /** The file of a file source, or null for an in-memory one. */
    public java.nio.file.Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "ModelSource[" + name + "]";
    }

    /** Random access to the bytes, for {@link SafeTensors}. */
    interface Reader extends Closeable {
        long size() throws IOException;

        /** Fills {@code dst}'s remaining bytes from {@code position}, or fails naming the offset where the bytes end. */
        void readFully(ByteBuffer dst, long position) throws IOException;
    }

    Reader open() throws IOException {
        if (file != null) {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            return new Reader() {
                public long size() throws IOException {
                    return ch.size();
                }

                public void readFully(ByteBuffer dst, long position) throws IOException {
                    long p = position;
                    while (dst.hasRemaining()) {
                        int r = ch.read(dst, p);
                        if (r < 0) throw new FormatException(name, "offset " + p, "file ends early");
                        p += r;
                    }
                }

                public void close() throws IOException {
                    ch.close();
                }
            };
        }
        return new Reader() {
            public long size() {
                return bytes.byteSize();
            }

            public void readFully(ByteBuffer dst, long position) throws IOException {
                int n = dst.remaining();
                if (position < 0 || position > bytes.byteSize() - n) {
                    throw new FormatException(name, "offset " + Math.max(position, bytes.byteSize()), "file ends early");
                }
                MemorySegment.ofBuffer(dst).copyFrom(bytes.asSlice(position, n));
                dst.position(dst.limit());
            }

            public void close() {}
        };
    }
}
