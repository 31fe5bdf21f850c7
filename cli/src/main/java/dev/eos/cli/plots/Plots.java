package dev.eos.cli.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a run's figures from its metrics.csv into DIR/plots/ as PNG and SVG (XChart, headless). A figure whose
 * columns were not measured in the run is skipped and named in the result.
 */
public final class Plots {

    /** Curves longer than this are thinned by keeping each bucket's minimum and maximum (oscillations stay). */
    static final int MAX_POINTS = 2000;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * What was drawn.
     *
     * @param files   the files written
     * @param skipped the figures not drawn, each with the reason
     */
    public record Result(List<Path> files, List<String> skipped) {
    }

    private Plots() {
    }

    /**
     * Draws every figure that has data.
     *
     * @param subtitle a line naming the run, e.g. "deep-linear, ngd, eta = 0.001"
     * @param svg      also write SVG next to each PNG
     */
    public static Result draw(MetricsTable table, List<Figure> figures, Path dir, String subtitle, boolean svg)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Figure fig : figures) {
            XYChart chart = chart(table, fig, subtitle);
            if (chart == null) {
                skipped.add(fig.name() + " (no " + String.join("/", fig.curves().stream().map(Figure.Curve::column)
                        .toList()) + " in metrics.csv)");
                continue;
            }
            Path png = dir.resolve(fig.name() + ".png");
            BitmapEncoder.saveBitmapWithDPI(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG, 110);
            files.add(png);
            if (svg) {
                Path file = dir.resolve(fig.name() + ".svg");
                VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(),
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                files.add(file);
            }
        }
        return new Result(files, skipped);
    }

    /** The chart of one figure, or null when none of its curves has a point. */
    static XYChart chart(MetricsTable table, Figure fig, String subtitle) {
        double[] x = table.column(fig.x());
        boolean logX = fig.x().equals("step") && spansDecades(x);
        XYChart chart = new XYChartBuilder().width(800).height(480)
                .title(fig.title() + (subtitle.isEmpty() ? "" : " -- " + subtitle))
                .xAxisTitle(fig.x() + (logX ? " (log scale)" : "")).yAxisTitle(fig.yLabel()).build();
        style(chart, logX, fig.logY());
        int drawn = 0;
        double[] xRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Figure.Curve c : fig.curves()) {
            if (!table.has(c.column())) {
                continue;
            }
            double[] y = table.column(c.column());
            double[] phase = table.column("phase");
            boolean onlyPhase2 = fig.phase2() && table.has("phase");
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (onlyPhase2 && phase[i] != 2) {
                    continue;
                }
                double xi = x[i];
                double yi = c.f().applyAsDouble(y[i]);
                if (Double.isFinite(xi) && Double.isFinite(yi) && (!logX || xi > 0) && (!fig.logY() || yi > 0)) {
                    pts.add(new double[] {xi, yi});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            XYSeries s = addCurve(chart, c.label(), pts, c.markers(), MARKERS, xRange);
            if (!c.markers()) {
                s.setMarker(s.getXData().length <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                s.setLineWidth(1.3f);
            }
            drawn++;
        }
        if (drawn == 0) {
            return null;
        }
        int k = 0;
        Color[] grays = {new Color(0x55, 0x55, 0x55), new Color(0x99, 0x33, 0x33)};
        for (Figure.Line line : fig.lines()) {
            if (fig.logY() && !(line.value() > 0)) {
                continue;
            }
            addReferenceLine(chart, line.label(), line.value(), xRange, grays[k++ % grays.length]);
        }
        return chart;
    }

    /**
     * Adds a curve through {@code pts} ({x, y} pairs in x order): with markers a scatter of about
     * {@code markerCount} of them (evenly spaced in the rows, {@link #stride}), else a line of at most
     * {@link #MAX_POINTS} ({@link #thin}). Widens {@code xRange} = {min, max} to the points drawn; returns the series
     * for further styling.
     */
    static XYSeries addCurve(XYChart chart, String label, List<double[]> pts, boolean markers, int markerCount,
                             double[] xRange) {
        List<double[]> kept = markers ? stride(pts, markerCount) : thin(pts, MAX_POINTS);
        double[] xs = new double[kept.size()];
        double[] ys = new double[kept.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = kept.get(i)[0];
            ys[i] = kept.get(i)[1];
            xRange[0] = Math.min(xRange[0], xs[i]);
            xRange[1] = Math.max(xRange[1], xs[i]);
        }
        XYSeries s = chart.addSeries(label, xs, ys);
        if (markers) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return s;
    }

    /** Adds a dashed horizontal reference line y = value across {@code xRange} = {min, max}. */
    static void addReferenceLine(XYChart chart, String label, double value, double[] xRange, Color color) {
        XYSeries s = chart.addSeries(label, new double[] {xRange[0], xRange[1]}, new double[] {value, value});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
    }

    static void style(XYChart chart, boolean logX, boolean logY) {
        var st = chart.getStyler();
        st.setXAxisLogarithmic(logX);
        st.setYAxisLogarithmic(logY);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setPlotGridLinesColor(new Color(0xEC, 0xEC, 0xEC));
        st.setPlotGridLinesStroke(new BasicStroke(0.6f));
        st.setXAxisTickMarkSpacingHint(90);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setAntiAlias(true);
        st.setSeriesColors(new Color[] {new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E),
            new Color(0x2C, 0xA0, 0x2C), new Color(0xD6, 0x27, 0x28)});
    }

    /** Whether positive x values span more than two decades (then a log axis shows Phase I and II both). */
    private static boolean spansDecades(double[] x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : x) {
            if (v > 0 && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi > 0 && hi / lo > 100;
    }

    /** Curves drawn as markers keep about this many points, evenly spaced in the rows. */
    static final int MARKERS = 60;

    /** About n points, every k-th (first and last kept). */
    static List<double[]> stride(List<double[]> pts, int n) {
        if (pts.size() <= n) {
            return pts;
        }
        List<double[]> out = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            out.add(pts.get((int) ((long) i * (pts.size() - 1) / (n - 1))));
        }
        return out;
    }

    /** At most about max points: the minimum and maximum of each bucket of consecutive points, in x order. */
    static List<double[]> thin(List<double[]> pts, int max) {
        if (pts.size() <= max) {
            return pts;
        }
        int buckets = max / 2;
        List<double[]> out = new ArrayList<>(max + 2);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * pts.size() / buckets);
            int to = (int) ((long) (b + 1) * pts.size() / buckets);
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (pts.get(i)[1] < pts.get(lo)[1]) {
                    lo = i;
                }
                if (pts.get(i)[1] > pts.get(hi)[1]) {
                    hi = i;
                }
            }
            out.add(pts.get(Math.min(lo, hi)));
            if (lo != hi) {
                out.add(pts.get(Math.max(lo, hi)));
            }
        }
        return out;
    }
}
