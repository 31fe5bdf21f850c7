package dev.eos.rates;

/**
 * A least-squares line ln y = intercept + slope ln x, i.e. y = C x^slope with C = exp(intercept), and its
 * coefficient of determination R^2 = 1 - SS_res / SS_tot on the log axes (1 when every point lies on the line;
 * NaN when all ln y are equal, where the line explains nothing and misses nothing).
 *
 * @param slope     the exponent p
 * @param intercept ln C
 * @param r2        R^2 on log axes
 * @param n         the number of points fitted
 */
public record LogLogLine(double slope, double intercept, double r2, int n) {

    /** The prefactor C. */
    public double prefactor() {
        return Math.exp(intercept);
    }

    /** C x^slope. */
    public double at(double x) {
        return Math.exp(intercept + slope * Math.log(x));
    }

    /**
     * Ordinary least squares of ln y on ln x over the first n entries of x and y (all finite and &gt; 0).
     *
     * @throws IllegalArgumentException with fewer than two distinct x
     */
    public static LogLogLine fit(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            double dy = Math.log(y[i]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("a log-log fit needs at least two distinct x values, got " + n
                    + " point(s)");
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        // SS_res = syy - slope * sxy for the least-squares line (centred sums)
        double r2 = syy > 0 ? 1 - Math.max(0, syy - slope * sxy) / syy : Double.NaN;
        return new LogLogLine(slope, intercept, r2, n);
    }
}
