package dev.eos.validation;

import dev.eos.rates.Verdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the report and one element of validation.json: a prediction of the theory on one subject (model and
 * algorithm), what was measured, and the verdict.
 *
 * @param name      the check's name (an {@code --only} value)
 * @param subject   what it ran on, e.g. "deep-linear N = 3, d = 3, sigma = (2, 0.6, 0.3); ngd"
 * @param quantity  the measured quantity, e.g. "||Phi(x_T) - X(T2)||"
 * @param predicted the prediction, e.g. "O(eta^1)"
 * @param measured  the measured exponent (rates) or value, as text for the report
 * @param value     the measured exponent or value as a number (NaN when none)
 * @param lo        lower end of the interval (NaN when none)
 * @param hi        upper end of the interval (NaN when none)
 * @param verdict   pass, fail or finding
 * @param rule      the pass rule in words
 * @param plot      the plot's file stem (plots/PLOT.png), or null
 * @param details   further facts for validation.json and the report's detail section (R^2, etas, seeds, generic
 *                  starts, notes), in insertion order: strings, numbers, booleans, lists of them
 */
public record Entry(String name, String subject, String quantity, String predicted, String measured, double value,
                    double lo, double hi, Verdict verdict, String rule, String plot, Map<String, Object> details) {

    public Entry {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The interval as "[lo, hi]" (two decimals), or "-" when there is none. */
    public String interval() {
        return Double.isNaN(lo) ? "-" : String.format(java.util.Locale.ROOT, "[%.2f, %.2f]", lo, hi);
    }

    /** A copy with another verdict and a note saying why. */
    public Entry withVerdict(Verdict v, String note) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.merge("notes", note, (a, b) -> a + "; " + b);
        return new Entry(name, subject, quantity, predicted, measured, value, lo, hi, v, rule, plot, d);
    }
}
