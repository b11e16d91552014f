package io.latentj.cli;

import io.latentj.models.EpochReport;
import io.latentj.models.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows training progress: a live bar (epoch, batch, ETA, the latest metric) when standard error is a terminal,
 * plain lines every few seconds and at each epoch's end otherwise. Keeps every epoch report for the curves.
 */
final class Progress implements TrainingListener, AutoCloseable {
    private final String task;
    private final String metric;
    private final boolean terminal;
    private final PrintStream err;
    private final List<EpochReport> reports = new ArrayList<>();
    private ProgressBar bar;
    private long lastLine;

    /** {@code metric} names the report value shown beside the bar (e.g. "reconstruction_error"). */
    Progress(String task, String metric) {
        this.task = task;
        this.metric = metric;
        this.terminal = System.console() != null && System.console().isTerminal();
        this.err = System.err;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches) {
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task + " epoch " + epoch).setInitialMax(batches)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).showSpeed().build();
            }
            bar.stepTo(batch);
            bar.setExtraMessage(last());
        } else if (System.nanoTime() - lastLine > 5_000_000_000L) {
            lastLine = System.nanoTime();
            err.printf(Locale.ROOT, "%s epoch %d: batch %d/%d%s%n", task, epoch, batch, batches, last().isEmpty() ? "" : ", " + last());
        }
    }

    @Override
    public void onEpoch(EpochReport r) {
        reports.add(r);
        if (bar != null) {
            bar.close();
            bar = null;
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            sb.append(", ").append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%.4g", e.getValue()));
        }
        err.printf(Locale.ROOT, "%s epoch %d/%d done in %.2f s%s%n", task, r.epoch(), r.epochs(), r.seconds(), sb);
        lastLine = System.nanoTime();
    }

    private String last() {
        if (reports.isEmpty()) return "";
        double v = reports.get(reports.size() - 1).metric(metric);
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%s %.4g", metric, v);
    }

    List<EpochReport> reports() {
        return reports;
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
