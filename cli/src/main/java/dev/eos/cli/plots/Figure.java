package dev.eos.cli.plots;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * One plot of a run: an x column, curves drawn from columns (optionally transformed, e.g. 2/eta_eff), and
 * horizontal reference lines.
 *
 * @param name   the file stem, e.g. "sharpness" for plots/sharpness.png
 * @param title  the plot title
 * @param x      the x column ("step" or "tau")
 * @param yLabel the y-axis title
 * @param logY   logarithmic y axis
 * @param curves the curves, in legend order
 * @param lines  horizontal reference lines
 * @param phase2 only the Phase II rows (phase = 2): for statements about Phase II, whose Phase I values would set
 *               the scale
 */
public record Figure(String name, String title, String x, String yLabel, boolean logY, List<Curve> curves,
                     List<Line> lines, boolean phase2) {

    /** A figure over all rows. */
    public Figure(String name, String title, String x, String yLabel, boolean logY, List<Curve> curves,
                  List<Line> lines) {
        this(name, title, x, yLabel, logY, curves, lines, false);
    }

    /**
     * A curve: y = f(column) against the figure's x column.
     *
     * @param column  the metrics column
     * @param label   the legend label
     * @param f       a transformation of the column (identity for most)
     * @param markers drawn as sparse markers instead of a line (so that a line it follows closely stays visible)
     */
    public record Curve(String column, String label, DoubleUnaryOperator f, boolean markers) {
        /** The column as it is, as a line. */
        public static Curve of(String column, String label) {
            return new Curve(column, label, DoubleUnaryOperator.identity(), false);
        }

        /** The column as it is, as markers. */
        public static Curve markers(String column, String label) {
            return new Curve(column, label, DoubleUnaryOperator.identity(), true);
        }
    }

    /**
     * A horizontal line y = value.
     *
     * @param value the height
     * @param label the legend label
     */
    public record Line(double value, String label) {
    }

    /**
     * The standard figures of a run (issue 6): loss (log y), sharpness with the 2/eta_t line, stableness with
     * the line 2, theta (log y), the edge-of-stability identities (Phase II rows) with the line 1, and
     * lambda_1(Phi(x_t)) against the limiting-flow prediction (with the model's flattest value when known).
     *
     * @param flattest the smallest sharpness on Gamma (e.g. N sigma_1^(2(N-1)/N) for deep-linear), or NaN
     */
    public static List<Figure> standard(double flattest) {
        List<Line> flatLine = Double.isFinite(flattest)
                ? List.of(new Line(flattest, "flattest on Gamma"))
                : List.of();
        return List.of(
                new Figure("loss", "Loss", "step", "loss L(x_t)", true,
                        List.of(Curve.of("loss", "loss")), List.of()),
                new Figure("sharpness", "Sharpness and 2/eta_t", "step", "lambda_1", true,
                        List.of(Curve.of("sharpness", "sharpness lambda_1(x_t)"),
                                new Curve("eta_eff", "2/eta_t", v -> 2 / v, false)), flatLine),
                new Figure("stableness", "Stableness", "step", "S", true,
                        List.of(Curve.of("stableness", "S_L(x_t, eta_t)"),
                                Curve.of("stableness_sqrt", "S_sqrtL(x_t, eta)")),
                        List.of(new Line(2, "2"))),
                new Figure("theta", "Alignment angle theta_t", "step", "theta (rad)", true,
                        List.of(Curve.of("theta", "theta_t")), List.of()),
                new Figure("identities", "Edge-of-stability identities in Phase II (THEORY 4.4)", "step",
                        "ratio", false,
                        List.of(Curve.of("inv_stableness_pair", "1/S_t + 1/S_t+1"),
                                Curve.of("sqrt_loss_pair_ratio", "(sqrt L_t + sqrt L_t+1) / prediction")),
                        List.of(new Line(1, "1")), true),
                new Figure("flow", "Sharpness at Phi(x_t) vs the limiting flow", "tau", "lambda_1", false,
                        List.of(Curve.of("flow_sharpness", "lambda_1(X(tau)), limiting flow"),
                                Curve.markers("sharpness_at_phi", "lambda_1(Phi(x_t)), the run")), flatLine));
    }
}
