package io.latentj.models.data;

import io.latentj.simd.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sparse ratings: for each of {@code users} users the items they rated (dense indices in [0, items)) and the ratings
 * (integers in [1, levels]), stored by user in compressed rows: user u's ratings are entries
 * {@code userStart[u] .. userStart[u+1]−1} of {@code item} and {@code rating}, items ascending. {@code userIds} and
 * {@code itemIds} name the dense indices (e.g. the ids of a CSV file). Build with {@link #of}; immutable by convention
 * (the arrays are not copied on access: do not modify them).
 */
public record Ratings(int users, int items, int levels, int[] userStart, int[] item, int[] rating,
                      List<String> userIds, List<String> itemIds) {
    /** Most rating levels accepted (K). */
    public static final int MAX_LEVELS = 100;

    public Ratings {
        if (users < 0 || items < 0) throw new IllegalArgumentException("users and items must not be negative, got " + users + " and " + items);
        if (levels < 1 || levels > MAX_LEVELS) throw new IllegalArgumentException("levels must be in [1, " + MAX_LEVELS + "], got " + levels);
        if (userStart.length != users + 1 || userStart[0] != 0 || userStart[users] != item.length || rating.length != item.length) {
            throw new IllegalArgumentException("inconsistent compressed rows: " + users + " users, userStart of " + userStart.length
                    + ", " + item.length + " items, " + rating.length + " ratings");
        }
        if (userIds.size() != users || itemIds.size() != items) {
            throw new IllegalArgumentException("need " + users + " user ids and " + items + " item ids, got " + userIds.size() + " and " + itemIds.size());
        }
        for (int u = 0; u < users; u++) {
            if (userStart[u + 1] < userStart[u]) throw new IllegalArgumentException("userStart decreases at user " + u);
            for (int e = userStart[u]; e < userStart[u + 1]; e++) {
                if (item[e] < 0 || item[e] >= items) {
                    throw new IllegalArgumentException("user " + u + " rated item " + item[e] + ", outside [0, " + items + ")");
                }
                if (rating[e] < 1 || rating[e] > levels) {
                    throw new IllegalArgumentException("user " + u + " gave item " + item[e] + " the rating " + rating[e] + ", outside [1, " + levels + "]");
                }
                if (e > userStart[u] && item[e] <= item[e - 1]) {
                    throw new IllegalArgumentException("user " + u + " rated item " + item[e] + (item[e] == item[e - 1] ? " twice" : " out of order"));
                }
            }
        }
        userIds = List.copyOf(userIds);
        itemIds = List.copyOf(itemIds);
    }

    /**
     * Ratings from triples (user[e], item[e], rating[e]); users and items are dense indices below {@code users} and
     * {@code items}, ratings in [1, levels]. Ids are the indices as strings. A repeated (user, item) pair, an index or
     * a rating out of range is an {@link IllegalArgumentException} naming the entry.
     */
    public static Ratings of(int users, int items, int levels, int[] user, int[] item, int[] rating) {
        return of(users, items, levels, user, item, rating, indexIds(users), indexIds(items));
    }

    /** As {@link #of(int, int, int, int[], int[], int[])} with the given ids. */
    public static Ratings of(int users, int items, int levels, int[] user, int[] item, int[] rating, List<String> userIds, List<String> itemIds) {
        int n = user.length;
        if (item.length != n || rating.length != n) {
            throw new IllegalArgumentException("user, item and rating arrays differ in length: " + n + ", " + item.length + ", " + rating.length);
        }
        if (users < 0 || items < 0) throw new IllegalArgumentException("users and items must not be negative");
        int[] start = new int[users + 1];
        for (int e = 0; e < n; e++) {
            if (user[e] < 0 || user[e] >= users) throw new IllegalArgumentException("entry " + e + ": user " + user[e] + " outside [0, " + users + ")");
            if (item[e] < 0 || item[e] >= items) throw new IllegalArgumentException("entry " + e + ": item " + item[e] + " outside [0, " + items + ")");
            if (rating[e] < 1 || rating[e] > levels) throw new IllegalArgumentException("entry " + e + ": rating " + rating[e] + " outside [1, " + levels + "]");
            start[user[e] + 1]++;
        }
        for (int u = 0; u < users; u++) start[u + 1] += start[u];
        // order entries by (user, item): bucket by user, then sort each user's entries by item
        long[] keys = new long[n];
        for (int e = 0; e < n; e++) keys[e] = ((long) user[e] << 32) | ((long) item[e] << 1 >>> 1);
        Integer[] idx = new Integer[n];
        for (int e = 0; e < n; e++) idx[e] = e;
        Arrays.sort(idx, (a, b) -> Long.compare(keys[a], keys[b]));
        int[] it = new int[n], rt = new int[n];
        for (int k = 0; k < n; k++) {
            int e = idx[k];
            if (k > 0 && keys[e] == keys[idx[k - 1]]) {
                throw new IllegalArgumentException("entries " + idx[k - 1] + " and " + e + " both rate item " + item[e] + " for user " + user[e]);
            }
            it[k] = item[e];
            rt[k] = rating[e];
        }
        return new Ratings(users, items, levels, start, it, rt, userIds, itemIds);
    }

    private static List<String> indexIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(Integer.toString(i));
        return ids;
    }

    /** Number of ratings. */
    public int size() { return item.length; }

    /** Number of ratings of user u. */
    public int count(int u) { return userStart[u + 1] - userStart[u]; }

    /** A random split: each rating goes to the test part with probability {@code testFraction}. */
    public Split split(double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction <= 1)) throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        Rng rng = Rng.of(seed);
        int n = size();
        boolean[] test = new boolean[n];
        int nt = 0;
        for (int e = 0; e < n; e++) if (test[e] = rng.nextFloat() < testFraction) nt++;
        int[][] tr = {new int[n - nt], new int[n - nt], new int[n - nt]}, te = {new int[nt], new int[nt], new int[nt]};
        int a = 0, b = 0;
        for (int u = 0; u < users; u++) {
            for (int e = userStart[u]; e < userStart[u + 1]; e++) {
                int[][] dst = test[e] ? te : tr;
                int k = test[e] ? b++ : a++;
                dst[0][k] = u;
                dst[1][k] = item[e];
                dst[2][k] = rating[e];
            }
        }
        return new Split(of(users, items, levels, tr[0], tr[1], tr[2], userIds, itemIds),
                of(users, items, levels, te[0], te[1], te[2], userIds, itemIds));
    }

    /** Training and test ratings over the same users and items. */
    public record Split(Ratings train, Ratings test) {}

    @Override
    public String toString() {
        return "Ratings[" + users + " users, " + items + " items, " + size() + " ratings in 1.." + levels + "]";
    }

    @Override public boolean equals(Object o) {
        return o instanceof Ratings r && r.users == users && r.items == items && r.levels == levels
                && Arrays.equals(r.userStart, userStart) && Arrays.equals(r.item, item) && Arrays.equals(r.rating, rating)
                && r.userIds.equals(userIds) && r.itemIds.equals(itemIds);
    }

    @Override public int hashCode() {
        return Arrays.hashCode(item) * 31 + Arrays.hashCode(rating);
    }
}
