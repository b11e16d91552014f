package io.latentj.models.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data that follows the header) plus an
 * optional {@code "__metadata__"} object of string to string, then the raw little-endian data.
 *
 * <p>Writing produces F32 tensors, 8-byte aligned, atomically. Reading accepts F32 and F64 (converted to float)
 * and checks everything before it allocates: header length against the file size and a cap, dtype, shape against
 * the byte range, ranges inside the data and not overlapping. Any violation is a {@link FormatException} naming
 * the file, the tensor or offset, and the problem.
 */
public final class SafeTensors {
    /** Largest header accepted (the format's reference implementation uses the same bound). */
    public static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {}

    /** A float tensor: its shape and its elements in row-major order. */
    public record Tensor(int[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (int d : shape) {
                if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements, data has " + data.length);
            }
        }

        public static Tensor vector(float[] v) {
            return new Tensor(new int[] {v.length}, v);
        }

        public static Tensor matrix(int rows, int cols, float[] v) {
            return new Tensor(new int[] {rows, cols}, v);
        }

        public static Tensor scalar(float v) {
            return new Tensor(new int[0], new float[] {v});
        }
    }

    /** What a file holds. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Tensor tensor(Path file, String name) throws FormatException {
            return tensor(String.valueOf(file), name);
        }

        /** The named tensor, or a {@link FormatException} naming the source and the tensors there are. */
        public Tensor tensor(String source, String name) throws FormatException {
            Tensor t = tensors.get(name);
            if (t == null) throw new FormatException(source, "tensor " + name, "missing; the file has " + tensors.keySet());
            return t;
        }

        public String meta(Path file, String key) throws FormatException {
            return meta(String.valueOf(file), key);
        }

        /** The metadata value of {@code key}, or a {@link FormatException} naming the source. */
        public String meta(String source, String key) throws FormatException {
            String v = metadata.get(key);
            if (v == null) throw new FormatException(source, "__metadata__", "missing key \"" + key + "\"");
            return v;
        }
    }

    /** Writes the tensors (in the map's order) and the metadata to {@code file}, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) header.put("__metadata__", new LinkedHashMap<>(metadata));
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("a tensor cannot be named __metadata__");
            Tensor t = e.getValue();
            long bytes = 4L * t.data.length;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            List<Object> shape = new ArrayList<>();
            for (int d : t.shape) shape.add((long) d);
            info.put("shape", shape);
            info.put("data_offsets", List.of(offset, offset + bytes));
            header.put(e.getKey(), info);
            offset += bytes;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;
        byte[] head = Arrays.copyOf(json, padded);
        Arrays.fill(head, json.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(head);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                for (float v : t.data) {
                    if (!buf.hasRemaining()) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(v);
                }
            }
            out.write(buf.array(), 0, buf.position());
        });
    }

    /** Reads and checks a safetensors file. */
    public static Contents read(Path file) throws IOException {
        return read(ModelSource.of(file));
    }

    /**
     * Reads and checks safetensors bytes from any source (file, memory, stream): the same checks, in the same order,
     * with the same messages, whatever the source; errors name {@link ModelSource#name()}.
     */
    public static Contents read(ModelSource source) throws IOException {
        String file = source.name();
        try (ModelSource.Reader ch = source.open()) {
            long size = ch.size();
            if (size < 8) throw new FormatException(file, "offset 0", "file of " + size + " bytes is too short for the 8-byte header length");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.readFully(lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
                throw new FormatException(file, "offset 0", "header length " + Long.toUnsignedString(headerLen)
                        + " is impossible for a file of " + size + " bytes (limit " + MAX_HEADER + ")");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            ch.readFully(hb, 8);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(hb.flip()).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new FormatException(file, "header", "not valid UTF-8");
            }
            Object parsed;
            try {
                parsed = Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw new FormatException(file, "header", e.getMessage());
            }
            if (!(parsed instanceof Map<?, ?> header)) throw new FormatException(file, "header", "not a JSON object");
            long dataStart = 8 + headerLen, dataLen = size - dataStart;

            Map<String, String> metadata = new LinkedHashMap<>();
            record Entry(String name, String dtype, int[] shape, long begin, long end) {}
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : header.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals("__metadata__")) {
                    if (!(e.getValue() instanceof Map<?, ?> meta)) throw new FormatException(file, "__metadata__", "not an object");
                    for (Map.Entry<?, ?> me : meta.entrySet()) {
                        if (!(me.getValue() instanceof String sv)) {
                            throw new FormatException(file, "__metadata__." + me.getKey(), "value is not a string");
                        }
                        metadata.put((String) me.getKey(), sv);
                    }
                    continue;
                }
                if (!(e.getValue() instanceof Map<?, ?> info)) throw new FormatException(file, "tensor " + name, "entry is not an object");
                if (!(info.get("dtype") instanceof String dtype)) throw new FormatException(file, "tensor " + name, "missing dtype");
                int width = switch (dtype) {
                    case "F32" -> 4;
                    case "F64" -> 8;
                    default -> throw new FormatException(file, "tensor " + name, "dtype " + dtype + " is not supported (F32 or F64)");
                };
                if (!(info.get("shape") instanceof List<?> shapeList)) throw new FormatException(file, "tensor " + name, "missing shape");
                if (shapeList.size() > 8) throw new FormatException(file, "tensor " + name, "shape of rank " + shapeList.size() + " (at most 8)");
                int[] shape = new int[shapeList.size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    if (!(shapeList.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                        throw new FormatException(file, "tensor " + name, "bad dimension " + shapeList.get(i) + " in shape");
                    }
                    shape[i] = (int) (long) d;
                    count = Math.multiplyHigh(count, d) != 0 ? Long.MAX_VALUE : count * d;
                    if (count > Integer.MAX_VALUE - 8) throw new FormatException(file, "tensor " + name, "shape " + shapeList + " is too large for a Java array");
                }
                if (!(info.get("data_offsets") instanceof List<?> off) || off.size() != 2
                        || !(off.get(0) instanceof Long begin) || !(off.get(1) instanceof Long end)) {
                    throw new FormatException(file, "tensor " + name, "data_offsets must be [begin, end]");
                }
                if (begin < 0 || end < begin || end > dataLen) {
                    throw new FormatException(file, "tensor " + name, "data_offsets [" + begin + ", " + end + "] outside the "
                            + dataLen + " data bytes");
                }
                if (end - begin != count * width) {
                    throw new FormatException(file, "tensor " + name, "shape " + shapeList + " of " + dtype + " needs "
                            + count * width + " bytes, data_offsets give " + (end - begin));
                }
                entries.add(new Entry(name, dtype, shape, begin, end));
            }
            List<Entry> byStart = new ArrayList<>(entries);
            byStart.sort((a, b) -> Long.compare(a.begin, b.begin));
            for (int i = 1; i < byStart.size(); i++) {
                if (byStart.get(i).begin < byStart.get(i - 1).end) {
                    throw new FormatException(file, "tensor " + byStart.get(i).name, "data overlaps tensor " + byStart.get(i - 1).name);
                }
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry en : entries) {
                int n = (int) ((en.end - en.begin) / (en.dtype.equals("F32") ? 4 : 8));
                ByteBuffer raw = ByteBuffer.allocate((int) (en.end - en.begin)).order(ByteOrder.LITTLE_ENDIAN);
                ch.readFully(raw, dataStart + en.begin);
                raw.flip();
                float[] data = new float[n];
                if (en.dtype.equals("F32")) raw.asFloatBuffer().get(data);
                else for (int i = 0; i < n; i++) data[i] = (float) raw.getDouble(8 * i);
                tensors.put(en.name, new Tensor(en.shape, data));
            }
            return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
        }
    }
}
