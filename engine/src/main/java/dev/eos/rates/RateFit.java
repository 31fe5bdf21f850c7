package dev.eos.rates;

import java.util.List;

/**
 * A measured exponent: y ~ C eta^p fitted by least squares on log-log axes over every usable sample, with a
 * percentile bootstrap interval over seeds ({@link Rates#fit}).
 *
 * @param line       the least-squares line on all usable samples (slope p, prefactor C, R^2 over every sample)
 * @param r2         R^2 of that line against the per-eta geometric means (see {@link #r2()})
 * @param lo         lower end of the bootstrap interval of p (NaN without resamples or with a single seed)
 * @param hi         upper end of the bootstrap interval of p
 * @param options    how the fit was made (resamples, seed, confidence, log factor)
 * @param etas       the distinct etas fitted, descending
 * @param means      the geometric mean of y over the seeds at each of {@link #etas} (divided by ln(1/eta) when the
 *                   log factor is on, like the fitted values)
 * @param seeds      the number of distinct seeds among the usable samples
 * @param samples    the usable samples, in the order given (values as measured, without the log factor)
 * @param excluded   samples left out because their value is not finite and positive
 */
public record RateFit(LogLogLine line, double r2, double lo, double hi, FitOptions options, double[] etas,
                      double[] means, int seeds, List<Sample> samples, int excluded) {

    /** The exponent p. */
    public double slope() {
        return line.slope();
    }

    /**
     * R^2 of the fitted line against the per-eta geometric means (log axes): how well a power law describes the
     * dependence on eta. A constant factor between seeds (each seed its own prefactor) is not misfit here; the R^2
     * over every sample, which counts it, is {@code line().r2()}. NaN with fewer than three etas.
     */
    public double r2() {
        return r2;
    }

    /** The prefactor C (of y / ln(1/eta) with the log factor). */
    public double prefactor() {
        return line.prefactor();
    }

    /** Whether a bootstrap interval exists. */
    public boolean hasInterval() {
        return !Double.isNaN(lo);
    }

    /** Decades of eta covered: log10(max eta / min eta). */
    public double decades() {
        return Math.log10(etas[0] / etas[etas.length - 1]);
    }

    /** The fitted curve at eta, in the units of the samples (times ln(1/eta) with the log factor). */
    public double predict(double eta) {
        double v = line.at(eta);
        return options.logFactor() ? v * Math.log(1 / eta) : v;
    }

    /** "1.02 [0.97, 1.07]" (slope and interval, two decimals). */
    public String describe() {
        String p = String.format(java.util.Locale.ROOT, "%.2f", slope());
        return hasInterval() ? p + String.format(java.util.Locale.ROOT, " [%.2f, %.2f]", lo, hi) : p;
    }
}
