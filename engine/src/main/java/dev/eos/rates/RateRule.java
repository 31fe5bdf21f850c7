package dev.eos.rates;

import java.util.Locale;

/**
 * The pass rule for a measured exponent p_hat against a predicted exponent p, with a stated tolerance tol:
 * <ul>
 *   <li>{@link Kind#UPPER_BOUND}, a prediction O(eta^p): the quantity may fall faster than predicted, so
 *       p_hat &ge; p - tol passes;</li>
 *   <li>{@link Kind#LOWER_BOUND}, a prediction Omega(x^p) (e.g. S &ge; Omega(1/theta), p = -1):
 *       p_hat &le; p + tol;</li>
 *   <li>{@link Kind#EXACT}, a prediction Theta(x^p): |p_hat - p| &le; tol;</li>
 *   <li>{@link Kind#FINDING}: measured and reported, never asserted (THEORY 4.3: GD on sqrt(L) on a deep net).</li>
 * </ul>
 * The rule reads the point estimate; the bootstrap interval is reported beside it.
 *
 * @param predicted p
 * @param tol       the tolerance (&ge; 0)
 * @param kind      which side(s)
 */
public record RateRule(double predicted, double tol, Kind kind) {

    /** Which side of the predicted exponent passes. */
    public enum Kind {
        UPPER_BOUND, LOWER_BOUND, EXACT, FINDING
    }

    public RateRule {
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("a rate tolerance must be >= 0, got " + tol);
        }
    }

    /** O(eta^p): slope &ge; p - tol passes. */
    public static RateRule upperBound(double p, double tol) {
        return new RateRule(p, tol, Kind.UPPER_BOUND);
    }

    /** Omega(x^p): slope &le; p + tol passes. */
    public static RateRule lowerBound(double p, double tol) {
        return new RateRule(p, tol, Kind.LOWER_BOUND);
    }

    /** Theta(x^p): |slope - p| &le; tol passes. */
    public static RateRule exact(double p, double tol) {
        return new RateRule(p, tol, Kind.EXACT);
    }

    /** Reported against p, never asserted. */
    public static RateRule finding(double p) {
        return new RateRule(p, 0, Kind.FINDING);
    }

    /** The verdict on a measured slope (NaN fails, except for a finding). */
    public Verdict verdict(double slope) {
        return switch (kind) {
            case FINDING -> Verdict.FINDING;
            case UPPER_BOUND -> slope >= predicted - tol ? Verdict.PASS : Verdict.FAIL;
            case LOWER_BOUND -> slope <= predicted + tol ? Verdict.PASS : Verdict.FAIL;
            case EXACT -> Math.abs(slope - predicted) <= tol ? Verdict.PASS : Verdict.FAIL;
        };
    }

    /** The verdict on a fit's point estimate. */
    public Verdict verdict(RateFit fit) {
        return verdict(fit.slope());
    }

    /** The predicted exponent as a formula, e.g. "O(eta^1)", with "log(1/eta)" when {@code logFactor}. */
    public String prediction(String variable, boolean logFactor) {
        String power = variable + "^" + number(predicted);
        String body = logFactor ? power + " log(1/" + variable + ")" : power;
        return switch (kind) {
            case UPPER_BOUND, FINDING -> "O(" + body + ")";
            case LOWER_BOUND -> "Omega(" + body + ")";
            case EXACT -> "Theta(" + body + ")";
        };
    }

    /** The rule in words, e.g. "slope >= 0.80 passes (O(eta^1) is an upper bound; tolerance 0.20)". */
    public String describe() {
        return switch (kind) {
            case UPPER_BOUND -> "slope >= " + fmt(predicted - tol) + " passes (an upper bound; tolerance " + fmt(tol)
                    + ")";
            case LOWER_BOUND -> "slope <= " + fmt(predicted + tol) + " passes (a lower bound; tolerance " + fmt(tol)
                    + ")";
            case EXACT -> "|slope - " + fmt(predicted) + "| <= " + fmt(tol) + " passes";
            case FINDING -> "reported, not asserted (finding)";
        };
    }

    private static String number(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : fmt(p);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
