package dev.eos.validation;

import dev.eos.rates.FitOptions;
import dev.eos.rates.RateFit;
import dev.eos.rates.RateRule;
import dev.eos.rates.Rates;
import dev.eos.rates.Sample;
import dev.eos.rates.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns measured samples into a report entry and its log-log figure: the exponent fitted on the clean series
 * (aligned starts, THEORY 4.3) with its bootstrap interval and R^2, the pass rule, and a second series (generic
 * starts, averaged over seeds) fitted and shown beside it without deciding the verdict.
 */
final class RateEntry {

    /** The least decades of eta a rate must span (issue 7). */
    static final double MIN_DECADES = 1.5;
    /** The least etas and seeds per eta of a rate (issue 7). */
    static final int MIN_ETAS = 5;
    static final int MIN_SEEDS = 3;

    private final CheckContext ctx;
    private String subject;
    private String quantity;
    private String variable = "eta";
    private RateRule rule;
    private boolean logFactor;
    private List<Sample> fit = List.of();
    private String fitLabel = "aligned 2-cycle starts";
    private List<Sample> beside = List.of();
    private String besideLabel = "generic starts";
    private String plot;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private boolean checkGrid = true;

    RateEntry(CheckContext ctx) {
        this.ctx = ctx;
    }

    RateEntry subject(String s) {
        subject = s;
        return this;
    }

    RateEntry quantity(String q) {
        quantity = q;
        return this;
    }

    /** The variable of the power law ("eta" by default; "theta" for S ~ 1/theta). */
    RateEntry variable(String v) {
        variable = v;
        checkGrid = false;
        return this;
    }

    RateEntry rule(RateRule r) {
        rule = r;
        return this;
    }

    /** Fit O(eta^p log(1/eta)): only where THEORY says so (4.6 #5). */
    RateEntry logFactor(boolean on) {
        logFactor = on;
        return this;
    }

    RateEntry fit(List<Sample> s, String label) {
        fit = s;
        fitLabel = label;
        return this;
    }

    RateEntry beside(List<Sample> s, String label) {
        beside = s;
        besideLabel = label;
        return this;
    }

    /** The plot's file stem (prefixed with the check's name). */
    RateEntry plot(String stem) {
        plot = ctx.name() + "-" + stem;
        return this;
    }

    RateEntry detail(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** Fits, adds the entry and its figure to the context, and returns the entry. */
    Entry add() {
        FitOptions fo = ctx.fit().withLogFactor(logFactor);
        RateFit f = Rates.fit(fit, fo);
        RateFit b = beside.isEmpty() ? null : Rates.fit(beside, fo);
        Verdict v = rule.verdict(f);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("r2", round(f.r2()));
        d.put("prefactor", f.prefactor());
        d.put("etas", toList(f.etas()));
        d.put("seeds", f.seeds());
        d.put("samples", f.samples().size());
        if (f.excluded() > 0) {
            d.put("excluded", f.excluded());
        }
        d.put("decades", round(f.decades()));
        d.put("fit_series", fitLabel);
        d.put("log_factor", logFactor);
        if (b != null) {
            d.put("beside_series", besideLabel);
            d.put("beside_slope", round(b.slope()));
            d.put("beside_interval", b.hasInterval() ? List.of(round(b.lo()), round(b.hi())) : null);
            d.put("beside_r2", round(b.r2()));
            d.put("beside_means", toList(b.means()));
        }
        d.put("means", toList(f.means()));
        if (checkGrid && rule.kind() != RateRule.Kind.LOWER_BOUND) {
            // the constant of the bound directly: max over every run of y / eta^p (y / (eta^p ln(1/eta)) with the
            // log factor), for the fitted series and beside it
            d.put("max_y_over_eta^p", round(maxRatio(f, rule.predicted())));
            if (b != null) {
                d.put("beside_max_y_over_eta^p", round(maxRatio(b, rule.predicted())));
            }
        }
        d.putAll(extra);
        Entry e = new Entry(ctx.name(), subject, quantity, rule.prediction(variable, logFactor),
                String.format(Locale.ROOT, "%.2f", f.slope()), f.slope(), f.lo(), f.hi(), v, rule.describe(), plot,
                d);
        if (checkGrid && ctx.enforceGrid() && v == Verdict.PASS) {
            String why = gridProblem(f);
            if (why != null) {
                e = e.withVerdict(Verdict.FAIL, why);
            }
        }
        ctx.add(e);
        ctx.add(new PlotSpec.Rate(plot, ctx.name() + ": " + subject, variable, quantity, rule, f,
                fitLabel + " (" + f.seeds() + " seeds)", b, b == null ? null : besideLabel + " (mean over "
                + b.seeds() + " seeds)"));
        return e;
    }

    /** Why the grid is too small for the standard in full mode (>= 5 etas, >= 1.5 decades, >= 3 seeds). */
    private String gridProblem(RateFit f) {
        if (f.etas().length < MIN_ETAS || f.decades() < MIN_DECADES - 1e-9 || f.seeds() < MIN_SEEDS) {
            return String.format(Locale.ROOT, "grid too small: %d etas over %.2f decades, %d seeds (needs >= %d, "
                    + ">= %.1f, >= %d)", f.etas().length, f.decades(), f.seeds(), MIN_ETAS, MIN_DECADES, MIN_SEEDS);
        }
        return null;
    }

    /** max over the samples of y / eta^p (divided by ln(1/eta) too when the fit has the log factor). */
    static double maxRatio(RateFit f, double p) {
        double m = 0;
        for (Sample s : f.samples()) {
            double v = s.value() / Math.pow(s.eta(), p);
            if (f.options().logFactor()) {
                v /= Math.log(1 / s.eta());
            }
            m = Math.max(m, v);
        }
        return m;
    }

    /** v to 4 significant digits (for the report's details). */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double v : a) {
            l.add(v);
        }
        return l;
    }
}
