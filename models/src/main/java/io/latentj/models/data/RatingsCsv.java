package io.latentj.models.data;

import io.latentj.models.io.AtomicFiles;
import io.latentj.models.io.FormatException;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes ratings as UTF-8 CSV lines {@code user,item,rating}.
 * <ul>
 * <li>User and item ids are arbitrary strings (surrounding spaces trimmed, no commas or quotes), mapped to dense
 *     indices in order of first appearance; the rating is an integer in [1, levels].</li>
 * <li>The first line is a header, and skipped, when its rating field holds no digit (e.g. {@code user,item,rating}).
 *     Blank lines are skipped.</li>
 * <li>Every problem is a {@link FormatException} naming the file, the line number and the problem: wrong field count,
 *     empty id, non-integer or out-of-range rating, a (user, item) pair rated twice (naming both lines), an over-long
 *     line, invalid UTF-8.</li>
 * <li>Absurd sizes are refused before they exhaust memory: lines longer than {@link #MAX_LINE} characters and more
 *     than {@code maxRatings} ratings (default {@link #DEFAULT_MAX_RATINGS}).</li>
 * </ul>
 */
public final class RatingsCsv {
    /** Longest line accepted, in characters. */
    public static final int MAX_LINE = 4096;
    /** Default cap on the number of ratings in one file. */
    public static final int DEFAULT_MAX_RATINGS = 100_000_000;

    private RatingsCsv() {}

    /** Reads {@code file} with ratings in [1, levels] and the default size cap. */
    public static Ratings read(Path file, int levels) throws IOException {
        return read(file, levels, DEFAULT_MAX_RATINGS);
    }

    public static Ratings read(Path file, int levels, int maxRatings) throws IOException {
        if (levels < 1 || levels > Ratings.MAX_LEVELS) throw new IllegalArgumentException("levels must be in [1, " + Ratings.MAX_LEVELS + "], got " + levels);
        if (maxRatings < 0) throw new IllegalArgumentException("maxRatings must not be negative, got " + maxRatings);
        Map<String, Integer> users = new HashMap<>(), items = new HashMap<>();
        List<String> userIds = new ArrayList<>(), itemIds = new ArrayList<>();
        Map<Long, Integer> seen = new HashMap<>(); // (user, item) -> line
        IntList u = new IntList(), it = new IntList(), r = new IntList();
        try (Lines in = new Lines(file, MAX_LINE)) {
            String line;
            while ((line = in.next()) != null) {
                int lineNo = in.number();
                if (line.isBlank()) continue;
                String where = "line " + lineNo;
                String[] f = line.split(",", -1);
                if (f.length != 3) throw new FormatException(file, where, "expected 3 fields user,item,rating, found " + f.length + ": \"" + Lines.abbreviate(line) + "\"");
                String us = f[0].trim(), is = f[1].trim(), rs = f[2].trim();
                if (lineNo == 1 && u.size == 0 && rs.chars().noneMatch(Character::isDigit)) continue; // header
                if (us.isEmpty()) throw new FormatException(file, where, "empty user id");
                if (is.isEmpty()) throw new FormatException(file, where, "empty item id");
                if (us.indexOf('"') >= 0 || is.indexOf('"') >= 0) throw new FormatException(file, where, "quoted fields are not supported");
                int rating;
                try {
                    rating = Integer.parseInt(rs);
                } catch (NumberFormatException e) {
                    throw new FormatException(file, where, "rating \"" + Lines.abbreviate(rs) + "\" is not an integer");
                }
                if (rating < 1 || rating > levels) throw new FormatException(file, where, "rating " + rating + " is outside [1, " + levels + "]");
                if (u.size >= maxRatings) throw new FormatException(file, where, "more than " + maxRatings + " ratings; raise the limit if this is intended");
                int ui = users.computeIfAbsent(us, k -> { userIds.add(k); return userIds.size() - 1; });
                int ii = items.computeIfAbsent(is, k -> { itemIds.add(k); return itemIds.size() - 1; });
                Integer before = seen.putIfAbsent(((long) ui << 32) | ii, lineNo);
                if (before != null) {
                    throw new FormatException(file, where, "user " + us + " rates item " + is + " again (first on line " + before + ")");
                }
                u.add(ui);
                it.add(ii);
                r.add(rating);
            }
        }
        return Ratings.of(userIds.size(), itemIds.size(), levels, u.toArray(), it.toArray(), r.toArray(), userIds, itemIds);
    }

    /** Writes {@code ratings} as {@code user,item,rating} lines with a header, by user then item, atomically. */
    public static void write(Path file, Ratings ratings) throws IOException {
        for (List<String> ids : List.of(ratings.userIds(), ratings.itemIds())) {
            for (String id : ids) {
                if (id.isBlank() || id.indexOf(',') >= 0 || id.indexOf('"') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0
                        || !id.equals(id.trim())) {
                    throw new IllegalArgumentException("id \"" + id + "\" cannot be written to CSV (blank, comma, quote, line break or surrounding space)");
                }
            }
        }
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("user,item,rating\n");
            for (int us = 0; us < ratings.users(); us++) {
                for (int e = ratings.userStart()[us]; e < ratings.userStart()[us + 1]; e++) {
                    w.write(ratings.userIds().get(us));
                    w.write(',');
                    w.write(ratings.itemIds().get(ratings.item()[e]));
                    w.write(',');
                    w.write(Integer.toString(ratings.rating()[e]));
                    w.write('\n');
                }
            }
            w.flush();
        });
    }

    private static final class IntList {
        int[] a = new int[1024];
        int size;

        void add(int v) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
