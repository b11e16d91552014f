package io.latentj.models.data;

import io.latentj.models.io.FormatException;
import io.latentj.simd.FMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads numeric CSV files: one sample per line, comma-separated (or another delimiter), an optional header line and an
 * optional integer label column.
 * <ul>
 * <li>Numbers are plain decimals ({@code -1.5}, {@code 2e-3}, {@code .5}); Java's extras ({@code 1f}, hex,
 *     {@code NaN}, {@code Infinity}) are refused, as is any value that is not finite in float.</li>
 * <li>{@link Header#AUTO}: the first line is a header when one of its fields is not a number.</li>
 * <li>The label column is named by header name or by 0-based index ({@code -1}: the last column); labels are
 *     integers in [0, {@link #MAX_CLASSES}).</li>
 * <li>A field may be wrapped in double quotes (without quotes inside). Blank lines are skipped.</li>
 * <li>Every problem is a {@link FormatException} naming the file, the line, the column and the problem; sizes are
 *     capped ({@link #MAX_LINE} characters per line, {@code maxValues} numbers per file) so a hostile file cannot
 *     exhaust memory.</li>
 * </ul>
 */
public final class Csv {
    /** Longest line accepted, in characters. */
    public static final int MAX_LINE = 1 << 20;
    /** Default cap on the numbers in one file (2 GB of floats). */
    public static final long DEFAULT_MAX_VALUES = 500_000_000L;
    /** Labels must be below this. */
    public static final int MAX_CLASSES = 1 << 16;

    public enum Header { AUTO, PRESENT, ABSENT }

    /**
     * How to read a file.
     *
     * @param header      whether the first line names the columns
     * @param labelColumn null for no labels, else a column name or a 0-based index ({@code -1}: last)
     * @param delimiter   the field separator
     * @param maxValues   the most numbers accepted
     */
    public record Options(Header header, String labelColumn, char delimiter, long maxValues) {
        public Options {
            Objects.requireNonNull(header, "header");
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') throw new IllegalArgumentException("delimiter cannot be a quote or line break");
            if (maxValues < 1) throw new IllegalArgumentException("maxValues must be positive, got " + maxValues);
        }

        /** Header detected, no labels, commas. */
        public static Options defaults() {
            return new Options(Header.AUTO, null, ',', DEFAULT_MAX_VALUES);
        }

        public Options withLabelColumn(String column) {
            return new Options(header, column, delimiter, maxValues);
        }

        public Options withHeader(Header h) {
            return new Options(h, labelColumn, delimiter, maxValues);
        }

        public Options withDelimiter(char d) {
            return new Options(header, labelColumn, d, maxValues);
        }

        public Options withMaxValues(long max) {
            return new Options(header, labelColumn, delimiter, max);
        }
    }

    /**
     * A file's contents.
     *
     * @param x       the numeric columns, rows × features
     * @param labels  the label of each row, or null without a label column
     * @param columns the names of the feature columns (from the header, else {@code c0, c1, …})
     */
    public record Table(FMatrix x, int[] labels, List<String> columns) {
        /** 1 + the largest label (0 without labels). */
        public int classes() {
            return labels == null ? 0 : Arrays.stream(labels).max().orElse(-1) + 1;
        }
    }

    private Csv() {}

    /** The numbers of a file with the default options (header detected, no labels). */
    public static FMatrix readMatrix(Path file) throws IOException {
        return read(file, Options.defaults()).x();
    }

    public static Table read(Path file, Options options) throws IOException {
        List<String> names = null;
        int width = -1, labelAt = -1;
        float[] values = new float[1024];
        long count = 0;
        int[] labels = new int[64];
        int rows = 0;
        try (Lines in = new Lines(file, MAX_LINE)) {
            String line;
            while ((line = in.next()) != null) {
                if (line.isBlank()) continue;
                List<String> fields = split(file, in, line, options.delimiter());
                if (width < 0) {
                    width = fields.size();
                    boolean header = switch (options.header()) {
                        case PRESENT -> true;
                        case ABSENT -> false;
                        case AUTO -> fields.stream().anyMatch(f -> !isNumber(f.strip()));
                    };
                    if (header) names = fields.stream().map(String::strip).toList();
                    labelAt = labelIndex(file, options.labelColumn(), names, width);
                    if (width - (labelAt >= 0 ? 1 : 0) < 1) throw new FormatException(file, in.where(), "no feature columns");
                    if (header) continue;
                }
                if (fields.size() != width) {
                    throw new FormatException(file, in.where(), "has " + fields.size() + " fields, expected " + width + " like the first line");
                }
                int features = width - (labelAt >= 0 ? 1 : 0);
                if (count + features > options.maxValues()) {
                    throw new FormatException(file, in.where(), "more than " + options.maxValues() + " values; raise the limit if this is intended");
                }
                if (count + features > values.length) values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(count + features, values.length * 2L)));
                if (count + features > values.length) throw new FormatException(file, in.where(), "too many values for one matrix");
                for (int c = 0; c < width; c++) {
                    String f = fields.get(c).strip();
                    String where = in.where() + ", column " + (c + 1);
                    if (c == labelAt) {
                        if (rows == labels.length) labels = Arrays.copyOf(labels, rows * 2);
                        labels[rows] = label(file, where, f);
                        continue;
                    }
                    values[(int) count++] = number(file, where, f);
                }
                rows++;
            }
        }
        if (rows == 0) throw new FormatException(file, "", "no data rows");
        int features = width - (labelAt >= 0 ? 1 : 0);
        List<String> columns = new ArrayList<>(features);
        for (int c = 0; c < width; c++) if (c != labelAt) columns.add(names != null ? names.get(c) : "c" + c);
        FMatrix x = FMatrix.wrap(count == values.length ? values : Arrays.copyOf(values, (int) count), rows, features);
        return new Table(x, labelAt >= 0 ? Arrays.copyOf(labels, rows) : null, List.copyOf(columns));
    }

    private static List<String> split(Path file, Lines in, String line, char delimiter) throws FormatException {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                String f = line.substring(start, i);
                String s = f.strip();
                if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') s = s.substring(1, s.length() - 1);
                if (s.indexOf('"') >= 0) {
                    throw new FormatException(file, in.where() + ", column " + (fields.size() + 1), "quotes inside a field are not supported: \"" + Lines.abbreviate(f) + "\"");
                }
                fields.add(s);
                start = i + 1;
            }
        }
        return fields;
    }

    private static int labelIndex(Path file, String column, List<String> names, int width) throws FormatException {
        if (column == null) return -1;
        if (column.matches("-?\\d{1,9}")) {
            int i = Integer.parseInt(column);
            if (i < 0) i += width;
            if (i < 0 || i >= width) throw new FormatException(file, "line 1", "label column " + column + " is outside the " + width + " columns");
            return i;
        }
        if (names == null) throw new FormatException(file, "line 1", "label column \"" + column + "\" is named but the file has no header line");
        int i = names.indexOf(column);
        if (i < 0) throw new FormatException(file, "line 1", "no column named \"" + column + "\" (columns: " + Lines.abbreviate(String.join(",", names)) + ")");
        return i;
    }

    /** A plain decimal: sign, digits with an optional point, optional exponent. */
    static boolean isNumber(String s) {
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int e = 0;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) { i++; e++; }
            if (e == 0) return false;
        }
        return i == n;
    }

    private static float number(Path file, String where, String s) throws FormatException {
        if (s.isEmpty()) throw new FormatException(file, where, "empty field");
        if (!isNumber(s)) throw new FormatException(file, where, "\"" + Lines.abbreviate(s) + "\" is not a number");
        float v = Float.parseFloat(s);
        if (!Float.isFinite(v)) throw new FormatException(file, where, s + " is not finite in float");
        return v;
    }

    private static int label(Path file, String where, String s) throws FormatException {
        if (s.isEmpty()) throw new FormatException(file, where, "empty label");
        if (!s.matches("\\d{1,6}")) throw new FormatException(file, where, "label \"" + Lines.abbreviate(s) + "\" is not a non-negative integer");
        int v = Integer.parseInt(s);
        if (v >= MAX_CLASSES) throw new FormatException(file, where, "label " + v + " is not below " + MAX_CLASSES);
        return v;
    }
}
