package io.latentj.cli;

import io.latentj.models.EpochReport;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Training curves (each metric per epoch, one panel per metric stacked vertically) as a PNG, drawn by XChart. */
final class Curves {
    private Curves() {}

    static void write(String title, List<EpochReport> reports, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Set<String> names = new LinkedHashSet<>();
        for (EpochReport r : reports) names.addAll(r.metrics().keySet());
        List<XYChart> charts = new ArrayList<>();
        for (String name : names) {
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (EpochReport r : reports) {
                double v = r.metric(name);
                if (!Double.isNaN(v)) {
                    x.add(r.epoch());
                    y.add(v);
                }
            }
            if (x.isEmpty()) continue;
            XYChart chart = new XYChartBuilder().width(640).height(300).title(title + ": " + name.replace('_', ' '))
                    .xAxisTitle("epoch").yAxisTitle(name.replace('_', ' ')).build();
            chart.getStyler().setLegendVisible(false);
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
            charts.add(chart);
        }
        if (charts.isEmpty()) return;
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
