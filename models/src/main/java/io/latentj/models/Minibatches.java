package io.latentj.models;

import io.latentj.simd.FMatrix;
import io.latentj.simd.Rng;

/** The minibatch bookkeeping every trainer shares: the epoch's order of rows, gathering a batch, fingerprinting data. */
public final class Minibatches {
    private Minibatches() {}

    /** Fills {@code order} with a uniformly random permutation of 0..n−1 (Fisher–Yates), drawing from {@code rng}. */
    public static void shuffle(int[] order, Rng rng) {
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Copies rows {@code order[from .. from+rows)} of {@code data} into the first {@code rows} rows of {@code batch}. */
    public static void gather(FMatrix data, int[] order, int from, int rows, FMatrix batch) {
        if (batch.cols() != data.cols() || rows > batch.rows()) {
            throw new IllegalArgumentException("cannot gather " + rows + " rows of " + data.shape() + " into " + batch.shape());
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data.data(), data.rowOffset(order[from + r]), batch.data(), batch.rowOffset(r), data.cols());
        }
    }

    /** FNV-1a over the float bits of every element, as 16 hex digits: identifies the training data in a model file. */
    public static String fingerprint(FMatrix x) {
        long h = 0xcbf29ce484222325L;
        for (int r = 0; r < x.rows(); r++) {
            int o = x.rowOffset(r);
            for (int j = 0; j < x.cols(); j++) {
                h ^= Float.floatToRawIntBits(x.data()[o + j]);
                h *= 0x100000001b3L;
            }
        }
        return String.format("%016x", h);
    }

    /** FNV-1a over integer arrays (e.g. ratings: user starts, items, ratings), as 16 hex digits. */
    public static String fingerprint(int[]... arrays) {
        long h = 0xcbf29ce484222325L;
        for (int[] a : arrays) {
            h ^= a.length;
            h *= 0x100000001b3L;
            for (int v : a) {
                h ^= v;
                h *= 0x100000001b3L;
            }
        }
        return String.format("%016x", h);
    }

    /** Mean of a per-row statistic, accumulated in double. */
    public static double mean(float[] x) {
        double s = 0;
        for (float v : x) s += v;
        return s / x.length;
    }
}
