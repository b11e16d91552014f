package io.latentj.models.data;

import io.latentj.models.io.AtomicFiles;
import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * NumPy's {@code .npy} arrays (format versions 1–3) and {@code .npz} archives of them. Reading accepts float32,
 * float64 and uint8 (any byte order), C order, rank 1 or 2 (a vector is one row); anything else is refused with a
 * {@link FormatException} naming the file, the place and the problem, and sizes are checked before allocating.
 * Writing produces version 1.0 little-endian float32 in C order, atomically.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;

    private Npy() {}

    /** Reads a {@code .npy} file as a matrix (rank 1 → one row; rank 0 → 1×1). */
    public static FMatrix read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file, file.toString(), Files.size(file));
        }
    }

    /** Every array of a {@code .npz} archive, by name without the {@code .npy} suffix. */
    public static Map<String, FMatrix> readNpz(Path file) throws IOException {
        Map<String, FMatrix> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) continue;
                if (!e.getName().endsWith(".npy")) throw new FormatException(file, "entry " + e.getName(), "not a .npy array");
                try (InputStream in = zip.getInputStream(e)) {
                    long declared = e.getSize() >= 0 ? e.getSize() : Long.MAX_VALUE;
                    out.put(e.getName().substring(0, e.getName().length() - 4), read(in, file, "entry " + e.getName(), declared));
                } catch (java.util.zip.ZipException ze) {
                    throw new FormatException(file, "entry " + e.getName(), "corrupt compressed data: " + ze.getMessage());
                }
            }
        } catch (java.util.zip.ZipException ze) {
            throw new FormatException(file, "", "not a readable zip archive: " + ze.getMessage());
        }
        return out;
    }

    private static FMatrix read(InputStream raw, Path file, String where, long available) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
        try {
            byte[] magic = new byte[8];
            in.readFully(magic);
            for (int i = 0; i < MAGIC.length; i++) {
                if (magic[i] != MAGIC[i]) throw new FormatException(file, where + ", offset 0", "not a .npy array (bad magic)");
            }
            int major = magic[6] & 0xff;
            long headerLen;
            if (major == 1) headerLen = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            else if (major == 2 || major == 3) headerLen = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            else throw new FormatException(file, where + ", offset 6", "format version " + major + " is not supported");
            if (headerLen > MAX_HEADER || headerLen > available) {
                throw new FormatException(file, where + ", offset 8", "header length " + headerLen + " is impossible");
            }
            byte[] hb = new byte[(int) headerLen];
            in.readFully(hb);
            String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Header h = Header.parse(header, file, where);
            long count = 1;
            for (long d : h.shape) count = Math.multiplyExact(count, d);
            if (count > Integer.MAX_VALUE - 8) throw new FormatException(file, where, "shape " + h.shape + " is too large for a Java array");
            long bytes = count * h.width;
            if (bytes > available) throw new FormatException(file, where, "shape " + h.shape + " needs " + bytes + " bytes, the file is smaller");
            int rows = h.shape.size() == 2 ? (int) (long) h.shape.get(0) : 1;
            int cols = h.shape.size() == 2 ? (int) (long) h.shape.get(1) : h.shape.size() == 1 ? (int) (long) h.shape.get(0) : 1;
            FMatrix m = FMatrix.zeros(rows, cols);
            float[] d = m.data();
            byte[] chunk = new byte[1 << 16];
            ByteBuffer bb = ByteBuffer.wrap(chunk).order(h.order);
            long done = 0;
            int idx = 0;
            while (done < bytes) {
                int want = (int) Math.min(chunk.length - (chunk.length % h.width), bytes - done);
                in.readFully(chunk, 0, want);
                for (int p = 0; p < want; p += h.width) {
                    d[idx++] = switch (h.kind) {
                        case 'f' -> h.width == 4 ? bb.getFloat(p) : (float) bb.getDouble(p);
                        default -> chunk[p] & 0xff;
                    };
                }
                done += want;
            }
            if (in.read() >= 0) throw new FormatException(file, where, "trailing bytes after the " + bytes + " data bytes the header declares");
            return m;
        } catch (EOFException e) {
            throw new FormatException(file, where, "ends early");
        } catch (ArithmeticException e) {
            throw new FormatException(file, where, "shape overflows");
        }
    }

    /** The parsed header dict: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }. */
    private record Header(char kind, int width, ByteOrder order, List<Long> shape) {
        static Header parse(String text, Path file, String where) throws FormatException {
            String t = text.strip();
            if (!t.startsWith("{") || !t.endsWith("}")) throw new FormatException(file, where + ", header", "not a dict: " + abbreviate(t));
            String descr = field(t, "descr", file, where);
            String fortran = field(t, "fortran_order", file, where);
            String shape = field(t, "shape", file, where);
            if (!descr.matches("'[<>|=][fu][1248]'")) throw new FormatException(file, where + ", header", "dtype " + descr + " is not supported (float32, float64 or uint8)");
            char bo = descr.charAt(1), kind = descr.charAt(2);
            int width = descr.charAt(3) - '0';
            if (!(kind == 'f' && (width == 4 || width == 8) || kind == 'u' && width == 1)) {
                throw new FormatException(file, where + ", header", "dtype " + descr + " is not supported (float32, float64 or uint8)");
            }
            if (!fortran.equals("False")) throw new FormatException(file, where + ", header", "Fortran-order arrays are not supported: save with C order");
            if (!shape.startsWith("(") || !shape.endsWith(")")) throw new FormatException(file, where + ", header", "bad shape " + abbreviate(shape));
            List<Long> dims = new ArrayList<>();
            for (String part : shape.substring(1, shape.length() - 1).split(",")) {
                String p = part.strip();
                if (p.isEmpty()) continue;
                try {
                    long v = Long.parseLong(p);
                    if (v < 0) throw new NumberFormatException();
                    dims.add(v);
                } catch (NumberFormatException e) {
                    throw new FormatException(file, where + ", header", "bad dimension '" + abbreviate(p) + "' in shape");
                }
            }
            if (dims.size() > 2) throw new FormatException(file, where + ", header", "rank " + dims.size() + " arrays are not supported (1 or 2)");
            for (long dd : dims) if (dd > Integer.MAX_VALUE) throw new FormatException(file, where + ", header", "dimension " + dd + " is too large");
            return new Header(kind, width, bo == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, dims);
        }

        private static String field(String dict, String key, Path file, String where) throws FormatException {
            int k = dict.indexOf("'" + key + "'");
            if (k < 0) throw new FormatException(file, where + ", header", "missing '" + key + "'");
            int colon = dict.indexOf(':', k);
            if (colon < 0) throw new FormatException(file, where + ", header", "no value for '" + key + "'");
            int start = colon + 1;
            while (start < dict.length() && dict.charAt(start) == ' ') start++;
            int end;
            if (start < dict.length() && dict.charAt(start) == '(') {
                end = dict.indexOf(')', start);
                if (end < 0) throw new FormatException(file, where + ", header", "unterminated shape");
                end++;
            } else if (start < dict.length() && dict.charAt(start) == '\'') {
                end = dict.indexOf('\'', start + 1);
                if (end < 0) throw new FormatException(file, where + ", header", "unterminated string");
                end++;
            } else {
                end = start;
                while (end < dict.length() && Character.isLetter(dict.charAt(end))) end++;
            }
            return dict.substring(start, end);
        }

        private static String abbreviate(String s) {
            return s.length() > 60 ? s.substring(0, 60) + "…" : s;
        }
    }

    /** Writes {@code m} as a version 1.0, little-endian float32, C-order {@code .npy} file (rank 2), atomically. */
    public static void write(Path file, FMatrix m) throws IOException {
        write(file, m, new int[] {m.rows(), m.cols()});
    }

    /**
     * Writes float32 data of any shape (e.g. a model's tensor) as a C-order {@code .npy} file, atomically; the shape's
     * product must equal the length of {@code data}.
     */
    public static void write(Path file, float[] data, int... shape) throws IOException {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + java.util.Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
        write(file, FMatrix.wrap(data, shape.length == 0 ? 1 : (int) (n / Math.max(1, shape[shape.length - 1])), shape.length == 0 ? 1 : shape[shape.length - 1]), shape);
    }

    private static void write(Path file, FMatrix m, int[] shape) throws IOException {
        StringBuilder sh = new StringBuilder();
        for (int d : shape) sh.append(d).append(", ");
        if (shape.length > 1) sh.setLength(sh.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + sh + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        AtomicFiles.write(file, out -> {
            out.write(MAGIC);
            out.write(1);
            out.write(0);
            out.write(header.length() & 0xff);
            out.write(header.length() >>> 8);
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            ByteBuffer row = ByteBuffer.allocate(4 * Math.max(1, m.cols())).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < m.rows(); r++) {
                row.clear();
                for (int c = 0; c < m.cols(); c++) row.putFloat(m.get(r, c));
                out.write(row.array(), 0, 4 * m.cols());
            }
        });
    }
}
