package dev.eos.cli.plots;

import dev.eos.rates.RateFit;
import dev.eos.rates.RateRule;
import dev.eos.rates.Sample;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The log-log plot of a measured rate (issue 7): each series' samples (one marker per seed and eta), its per-eta
 * geometric means, its fitted line C eta^p, and for the first series a dashed line of the predicted slope through
 * the fit at the geometric centre of its eta range, so that the eye compares the two slopes directly.
 */
public final class RatePlot {

    /** At most about this many sample markers per series. */
    static final int MAX_MARKERS = 300;

    private static final Color[] COLORS = {new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E),
        new Color(0x2C, 0xA0, 0x2C), new Color(0xD6, 0x27, 0x28)};

    /**
     * One fitted series.
     *
     * @param label the legend label of its samples, e.g. "aligned 2-cycle starts (3 seeds)"
     * @param fit   the fit
     * @param seeds draw every sample (true) or only the per-eta means (false, e.g. for generic starts averaged over
     *              seeds)
     */
    public record Series(String label, RateFit fit, boolean seeds) {
    }

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private RatePlot() {
    }

    /**
     * Writes the plot as PNG.
     *
     * @param xLabel the variable of the power law, e.g. "eta" (also used in the prediction's formula)
     * @param rule   the prediction; its exponent is drawn through the first series
     * @param series at least one
     */
    public static void draw(Path png, String title, String xLabel, String yLabel, RateRule rule, List<Series> series)
            throws IOException {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a rate plot needs a series");
        }
        XYChart chart = new XYChartBuilder().width(700).height(500).title(title).xAxisTitle(xLabel + " (log scale)")
                .yAxisTitle(yLabel + " (log scale)").build();
        Plots.style(chart, true, true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            RateFit f = s.fit();
            Color c = COLORS[k % COLORS.length];
            if (s.seeds()) {
                List<Sample> pts = f.samples();
                if (pts.size() > MAX_MARKERS) { // every k-th sample: the fit uses all of them
                    List<Sample> kept = new java.util.ArrayList<>();
                    for (int i = 0; i < pts.size(); i += (pts.size() + MAX_MARKERS - 1) / MAX_MARKERS) {
                        kept.add(pts.get(i));
                    }
                    pts = kept;
                }
                double[] x = new double[pts.size()];
                double[] y = new double[pts.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = pts.get(i).eta();
                    y[i] = pts.get(i).value();
                }
                XYSeries sc = chart.addSeries(s.label(), x, y);
                sc.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                sc.setMarker(SeriesMarkers.CIRCLE);
                sc.setMarkerColor(withAlpha(c, 150));
            } else {
                double[] m = new double[f.etas().length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = raw(f, f.etas()[i], f.means()[i]);
                }
                XYSeries sc = chart.addSeries(s.label(), f.etas(), m);
                sc.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                sc.setMarker(SeriesMarkers.DIAMOND);
                sc.setMarkerColor(c);
            }
            double[] grid = grid(f.etas()[f.etas().length - 1], f.etas()[0]);
            double[] fy = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                fy[i] = f.predict(grid[i]);
            }
            XYSeries line = chart.addSeries("fit: slope " + f.describe() + String.format(Locale.ROOT, ", R^2 %.3f",
                    f.r2()) + (f.options().logFactor() ? " (of y / ln(1/" + xLabel + "))" : "") + (series.size() > 1
                    ? " -- " + shortLabel(s.label()) : ""), grid, fy);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(c);
            line.setLineWidth(1.6f);
            if (k == 0 && Double.isFinite(rule.predicted())) {
                // through the fit at the geometric centre of the eta range
                double centre = Math.sqrt(grid[0] * grid[grid.length - 1]);
                double anchor = f.predict(centre);
                double[] py = new double[grid.length];
                for (int i = 0; i < grid.length; i++) {
                    double v = anchor * Math.pow(grid[i] / centre, rule.predicted());
                    if (f.options().logFactor()) {
                        v *= Math.log(1 / grid[i]) / Math.log(1 / centre);
                    }
                    py[i] = v;
                }
                XYSeries pred = chart.addSeries("predicted " + rule.prediction(xLabel, f.options().logFactor())
                        + String.format(Locale.ROOT, ": slope %s, drawn through the fit", number(rule.predicted())),
                        grid, py);
                pred.setMarker(SeriesMarkers.NONE);
                pred.setLineColor(new Color(0x33, 0x33, 0x33));
                pred.setLineStyle(new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {7f, 5f}, 0f));
            }
        }
        Png.write(chart, png);
    }

    /** The mean in the samples' units (times ln(1/eta) when the fit divided it out). */
    private static double raw(RateFit f, double eta, double mean) {
        return f.options().logFactor() ? mean * Math.log(1 / eta) : mean;
    }

    private static double[] grid(double lo, double hi) {
        int n = 40;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
        }
        return g;
    }

    private static String number(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.2f", p);
    }

    private static String shortLabel(String label) {
        int p = label.indexOf(" (");
        return p > 0 ? label.substring(0, p) : label;
    }

    private static Color withAlpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }
}
