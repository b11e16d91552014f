package io.latentj.models;

import java.util.Map;

/**
 * What one training epoch measured. Metrics a model does not compute, or that were too costly this epoch, are
 * absent from {@code metrics}; values are per sample unless their name says otherwise.
 */
public record EpochReport(int epoch, int epochs, double seconds, Map<String, Double> metrics) {
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
