package io.latentj.models.boltzmann;

import io.latentj.models.Inputs;
import io.latentj.simd.FMatrix;
import io.latentj.simd.Linalg;
import io.latentj.simd.Trans;

/**
 * Exact partition function and likelihood of small {@link BoltzmannMachine}s, by enumeration (one GEMM per chunk of
 * configurations): log Z over all 2^(visible+hidden) joint states, and the unnormalised log-probability
 * log p*(v) = bᵀv + ½ vᵀLv + log Σ_h exp(hᵀ(c + Wv) + ½ hᵀJh) over all 2^hidden hidden states per row.
 * Sizes where that is infeasible are refused with a message saying so.
 */
public final class BoltzmannLikelihood {
    /** Largest visible + hidden for {@link #exactLogPartition}. */
    public static final int MAX_UNITS = IsingModel.MAX_EXACT_UNITS;
    /** Largest hidden layer for {@link #logUnnormalised}. */
    public static final int MAX_HIDDEN = 24;
    /** Machines with at most this many units in all are cheap enough to monitor every epoch. */
    public static final int CHEAP_UNITS = 20;

    private BoltzmannLikelihood() {}

    /** log Z, exactly. */
    public static double exactLogPartition(BoltzmannMachine bm) {
        int n = bm.visible() + bm.hidden();
        if (n > MAX_UNITS) {
            throw new IllegalArgumentException("exact log Z enumerates 2^(visible+hidden) states and is limited to " + MAX_UNITS
                    + " units; this machine has " + bm.visible() + " visible + " + bm.hidden() + " hidden = " + n
                    + " (MeanField on joint() gives a lower bound)");
        }
        return bm.joint().exactLogPartition();
    }

    /** log p*(v) = log Σ_h exp(−E(v, h)) of every row of {@code v}, exactly. */
    public static double[] logUnnormalised(BoltzmannMachine bm, FMatrix v) {
        if (bm.hidden() > MAX_HIDDEN) {
            throw new IllegalArgumentException("exact log p*(v) enumerates 2^hidden states per row and is limited to " + MAX_HIDDEN
                    + " hidden units; this machine has " + bm.hidden());
        }
        Inputs.requireMatrix(bm.path(), "data", v, bm.visible());
        int rows = v.rows(), nv = bm.visible();
        FMatrix field = FMatrix.zeros(rows, bm.hidden()), vl = FMatrix.zeros(rows, nv);
        bm.hiddenField(v, field);
        double[] out = new double[rows];
        Enumeration.logPartitions(bm.path(), bm.j(), field, out);
        Linalg.gemm(bm.path(), Trans.N, Trans.N, 1f, v, bm.l(), 0f, vl);
        float[] own = new float[rows];
        Linalg.gemv(bm.path(), Trans.N, 1f, v, bm.b(), 0, 0f, own, 0);
        for (int r = 0; r < rows; r++) {
            out[r] += own[r] + 0.5 * Linalg.dot(bm.path(), nv, vl.data(), vl.rowOffset(r), v.data(), v.rowOffset(r));
        }
        return out;
    }

    /** Average log p(v) = log p*(v) − log Z over the rows of {@code data}. */
    public static double averageLogLikelihood(BoltzmannMachine bm, FMatrix data, double logPartition) {
        double[] lp = logUnnormalised(bm, data);
        double s = 0;
        for (double x : lp) s += x;
        return s / lp.length - logPartition;
    }

    /** Average log p(v) over the rows of {@code data}, with log Z computed exactly. */
    public static double averageLogLikelihood(BoltzmannMachine bm, FMatrix data) {
        return averageLogLikelihood(bm, data, exactLogPartition(bm));
    }
}
