package dev.eos.rates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fits the exponent p of y ~ C eta^p (see the package comment):
 * <ol>
 *   <li>ordinary least squares of ln y on ln eta over every usable sample (each seed at each eta is one point;
 *       with the same seeds at every eta this equals the fit through the per-eta geometric means);</li>
 *   <li>a percentile bootstrap over seeds: B times, draw S seeds with replacement from the S distinct seeds
 *       (java.util.Random(options.seed()), so the interval is reproducible), refit on every sample of the drawn
 *       seeds (a seed drawn twice counts twice), and take the (1 - c)/2 and (1 + c)/2 quantiles of the B slopes
 *       (linear interpolation between order statistics). Resamples whose seeds cover fewer than two etas are
 *       skipped.</li>
 * </ol>
 * Seeds are the resampling unit because the samples of one seed share its model and start: they are not independent
 * across etas, while different seeds are.
 */
public final class Rates {

    private Rates() {
    }

    /**
     * The fit of the usable samples.
     *
     * @throws IllegalArgumentException when the usable samples cover fewer than two distinct etas, or the log factor
     *                                  is asked for with an eta &ge; 1
     */
    public static RateFit fit(List<Sample> samples, FitOptions options) {
        List<Sample> used = new ArrayList<>();
        for (Sample s : samples) {
            if (s.usable()) {
                if (options.logFactor() && !(s.eta() < 1)) {
                    throw new IllegalArgumentException("a log factor ln(1/eta) needs eta < 1, got " + s.eta());
                }
                used.add(s);
            }
        }
        int n = used.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = used.get(i).eta();
            y[i] = fitted(used.get(i), options);
        }
        LogLogLine line = LogLogLine.fit(x, y, n);

        // per-eta geometric means, etas descending
        TreeMap<Double, double[]> byEta = new TreeMap<>((a, b) -> Double.compare(b, a));
        for (int i = 0; i < n; i++) {
            double[] acc = byEta.computeIfAbsent(x[i], k -> new double[2]);
            acc[0] += Math.log(y[i]);
            acc[1]++;
        }
        double[] etas = new double[byEta.size()];
        double[] means = new double[byEta.size()];
        int k = 0;
        for (Map.Entry<Double, double[]> e : byEta.entrySet()) {
            etas[k] = e.getKey();
            means[k++] = Math.exp(e.getValue()[0] / e.getValue()[1]);
        }

        // samples grouped by seed, seeds in order of first appearance
        Map<Long, List<Integer>> bySeed = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            bySeed.computeIfAbsent(used.get(i).seed(), s -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(bySeed.values());
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (options.resamples() > 0 && groups.size() > 1) {
            double[] slopes = bootstrap(groups, x, y, options);
            if (slopes.length > 0) {
                double a = (1 - options.confidence()) / 2;
                lo = quantile(slopes, a);
                hi = quantile(slopes, 1 - a);
            }
        }
        return new RateFit(line, r2OfMeans(line, etas, means), lo, hi, options, etas, means, groups.size(),
                List.copyOf(used), samples.size() - n);
    }

    /**
     * R^2 of the fitted line against the per-eta geometric means on log axes: how well a power law describes the
     * eta-dependence, without counting a constant factor between seeds (a different amplitude C per seed) as misfit.
     * NaN with fewer than three etas or when all means are equal.
     */
    static double r2OfMeans(LogLogLine line, double[] etas, double[] means) {
        if (etas.length < 3) {
            return Double.NaN;
        }
        double m = 0;
        for (double v : means) {
            m += Math.log(v) / means.length;
        }
        double tot = 0;
        double res = 0;
        for (int i = 0; i < etas.length; i++) {
            double y = Math.log(means[i]);
            double r = y - (line.intercept() + line.slope() * Math.log(etas[i]));
            tot += (y - m) * (y - m);
            res += r * r;
        }
        return tot > 0 ? 1 - res / tot : Double.NaN;
    }

    /** The value the line is fitted to: y, or y / ln(1/eta) with the log factor. */
    static double fitted(Sample s, FitOptions o) {
        return o.logFactor() ? s.value() / Math.log(1 / s.eta()) : s.value();
    }

    private static double[] bootstrap(List<List<Integer>> groups, double[] x, double[] y, FitOptions o) {
        Random rnd = new Random(o.seed());
        int g = groups.size();
        double[] bx = new double[x.length * g];
        double[] by = new double[bx.length];
        double[] slopes = new double[o.resamples()];
        int kept = 0;
        for (int b = 0; b < o.resamples(); b++) {
            int m = 0;
            for (int j = 0; j < g; j++) {
                for (int i : groups.get(rnd.nextInt(g))) {
                    bx[m] = x[i];
                    by[m++] = y[i];
                }
            }
            if (distinct(bx, m) < 2) {
                continue;
            }
            slopes[kept++] = LogLogLine.fit(bx, by, m).slope();
        }
        double[] out = Arrays.copyOf(slopes, kept);
        Arrays.sort(out);
        return out;
    }

    private static int distinct(double[] a, int m) {
        double first = a[0];
        for (int i = 1; i < m; i++) {
            if (a[i] != first) {
                return 2;
            }
        }
        return m > 0 ? 1 : 0;
    }

    /** The q-quantile of sorted values, linear between order statistics (position q (n - 1)). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double f = pos - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }
}
