package dev.eos.cli.plots;

import dev.eos.validation.PlotSpec;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a validation figure of curves over time ({@link PlotSpec.Lines}) as PNG, headless. */
public final class LinesPlot {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private LinesPlot() {
    }

    /** Writes the figure; returns false when no curve has a point to draw (nothing is written). */
    public static boolean draw(PlotSpec.Lines spec, Path png) throws IOException {
        int entries = spec.series().size() + spec.lines().size();
        // a horizontal legend holds about four entries; more go in a column under the plot
        boolean column = entries > 4;
        XYChart chart = new XYChartBuilder().width(700).height(column ? 420 + 18 * entries : 440).title(spec.title())
                .xAxisTitle(spec.xLabel() + (spec.logX() ? " (log scale)" : ""))
                .yAxisTitle(spec.yLabel() + (spec.logY() ? " (log scale)" : "")).build();
        Plots.style(chart, spec.logX(), spec.logY());
        if (column) {
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        }
        double[] xRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int drawn = 0;
        for (PlotSpec.Series s : spec.series()) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < Math.min(s.x().length, s.y().length); i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!spec.logX() || x > 0) && (!spec.logY() || y > 0)) {
                    pts.add(new double[] {x, y});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            XYSeries series = Plots.addCurve(chart, s.label(), pts, s.markers(), 400, xRange);
            if (!s.markers()) {
                series.setMarker(SeriesMarkers.NONE);
                series.setLineWidth(1.2f);
            }
            drawn++;
        }
        if (drawn == 0) {
            return false;
        }
        Color[] grays = {new Color(0x44, 0x44, 0x44), new Color(0x99, 0x33, 0x33)};
        int k = 0;
        for (PlotSpec.RefLine line : spec.lines()) {
            if (spec.logY() && !(line.value() > 0)) {
                continue;
            }
            Plots.addReferenceLine(chart, line.label(), line.value(), xRange, grays[k++ % grays.length]);
        }
        Png.write(chart, png);
        return true;
    }
}
