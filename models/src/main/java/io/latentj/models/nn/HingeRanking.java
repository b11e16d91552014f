package io.latentj.models.nn;

/**
 * The pairwise ranking hinge loss of Collobert and Weston: for each pair of the score s of a true example and the
 * score s_c of a corrupted one, max(0, 1 − s + s_c), averaged over the pairs. Subgradient: where the margin is
 * violated (1 − s + s_c &gt; 0), −1/N for s and +1/N for s_c; zero elsewhere.
 */
public final class HingeRanking {
    private HingeRanking() {}

    /**
     * The mean loss over {@code n = score.length} pairs; when the gradient arrays are not null they receive
     * dL/ds and dL/ds_c.
     */
    public static double evaluate(float[] score, float[] corruptScore, float[] gradScore, float[] gradCorrupt) {
        if (score == null || corruptScore == null) throw new IllegalArgumentException("scores must not be null");
        int n = score.length;
        if (corruptScore.length != n) throw new IllegalArgumentException(n + " scores but " + corruptScore.length + " corrupted scores");
        if ((gradScore != null && gradScore.length != n) || (gradCorrupt != null && gradCorrupt.length != n)) {
            throw new IllegalArgumentException("gradient arrays must have " + n + " entries");
        }
        if (n == 0) return 0;
        double loss = 0;
        float inv = 1f / n;
        for (int i = 0; i < n; i++) {
            float m = 1f - score[i] + corruptScore[i];
            boolean active = m > 0f;
            if (active) loss += m;
            if (gradScore != null) gradScore[i] = active ? -inv : 0f;
            if (gradCorrupt != null) gradCorrupt[i] = active ? inv : 0f;
        }
        return loss / n;
    }
}
