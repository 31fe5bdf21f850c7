package dev.eos.validation;

import dev.eos.rates.RateFit;
import dev.eos.rates.RateRule;
import java.util.List;

/**
 * A figure of the report, as data (the engine draws nothing; the command line renders it as plots/FILE.png):
 * a log-log rate plot or a plot of series over time.
 */
public sealed interface PlotSpec permits PlotSpec.Rate, PlotSpec.Lines {

    /** The file stem, e.g. "phase2-ngd-deep-linear" for plots/phase2-ngd-deep-linear.png. */
    String file();

    /**
     * A measured rate: the fit of the aligned starts with the predicted slope, and optionally generic starts beside.
     *
     * @param file        the file stem
     * @param title       the title
     * @param xLabel      the variable of the power law ("eta", or "theta")
     * @param yLabel      the quantity
     * @param rule        the prediction
     * @param fit         the fitted series (its samples drawn per seed)
     * @param fitLabel    its legend label
     * @param beside      a second series drawn as per-eta means (generic starts), or null
     * @param besideLabel its legend label
     */
    record Rate(String file, String title, String xLabel, String yLabel, RateRule rule, RateFit fit, String fitLabel,
                RateFit beside, String besideLabel) implements PlotSpec {
    }

    /**
     * Curves y(x) with horizontal reference lines.
     *
     * @param file   the file stem
     * @param title  the title
     * @param xLabel x axis
     * @param yLabel y axis
     * @param logX   logarithmic x
     * @param logY   logarithmic y
     * @param series the curves
     * @param lines  horizontal reference lines
     */
    record Lines(String file, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                 List<Series> series, List<RefLine> lines) implements PlotSpec {
    }

    /**
     * One curve.
     *
     * @param label   legend label
     * @param x       abscissae
     * @param y       ordinates (non-finite points are skipped)
     * @param markers markers instead of a line
     */
    record Series(String label, double[] x, double[] y, boolean markers) {
    }

    /**
     * A horizontal line y = value.
     *
     * @param value the height
     * @param label the legend label
     */
    record RefLine(double value, String label) {
    }
}
