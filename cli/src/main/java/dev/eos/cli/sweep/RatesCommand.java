package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.output.Format;
import dev.eos.cli.plots.RatePlot;
import dev.eos.io.AtomicFiles;
import dev.eos.rates.FitOptions;
import dev.eos.rates.RateFit;
import dev.eos.rates.RateRule;
import dev.eos.rates.Rates;
import dev.eos.rates.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eos rates SWEEP --metric NAME}: the exponent p of y ~ C eta^p over a sweep's completed runs, with a
 * percentile bootstrap interval over seeds, R^2 and a log-log plot ({@link dev.eos.rates.Rates}, the code of
 * {@code eos validate}).
 */
@Command(name = "rates", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Fit y ~ C eta^p over the completed runs of a sweep: y is each run's metrics.csv column --metric reduced "
                    + "to one number (--reduce), eta and the seed come from the run's spec. Least squares on log-log "
                    + "axes, R^2, and a percentile bootstrap interval over seeds; rows that vary other options get "
                    + "one fit each. Writes the log-log plot and a CSV of the fits beside the sweep.",
            "Reductions: last (the last measured value), max, mean (over measured rows), max-after-phase1 (the "
                    + "maximum over Phase II rows, phase = 2)."},
        footer = {
            "%nExamples:",
            "  eos rates SWEEP --metric dist_to_phi --reduce max-after-phase1 --expect 1",
            "  eos rates SWEEP --metric theta --reduce mean --out theta.png",
            "%nExit codes:",
            "  0 ok   1 internal error   2 bad input (not a sweep, no such metric, fewer than two etas)",
            "  5 a prediction given with --expect failed"})
public final class RatesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory.")
    Path dir;

    @Option(names = "--metric", paramLabel = "NAME", required = true,
            description = "A metrics.csv column, e.g. dist_to_phi, theta, flow_dist, sharpness_at_phi.")
    String metric;

    @Option(names = "--reduce", paramLabel = "HOW", defaultValue = "last", converter = MetricReduce.Converter.class,
            completionCandidates = MetricReduce.Candidates.class,
            description = "last, max, mean or max-after-phase1 (default: ${DEFAULT-VALUE}).")
    MetricReduce reduce;

    @Option(names = "--expect", paramLabel = "P",
            description = "Check a prediction: O(eta^P) passes when the slope is >= P - tol (see --kind, --tol).")
    Double expect;

    @Option(names = "--kind", paramLabel = "K", defaultValue = "o", completionCandidates = KindNames.class,
            description = "The prediction's kind: o (an upper bound, slope >= P - tol), omega (slope <= P + tol) or "
                    + "theta (|slope - P| <= tol) (default: ${DEFAULT-VALUE}).")
    String kind;

    /** The kinds of a prediction, for --kind's completion. */
    static final class KindNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        KindNames() {
            super(List.of("o", "omega", "theta"));
        }
    }

    @Option(names = "--tol", paramLabel = "T", defaultValue = "0.2",
            description = "Tolerance of the check (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--log-factor", description = "Fit y / ln(1/eta): the exponent of O(eta^p log(1/eta)).")
    boolean logFactor;

    @Option(names = "--resamples", paramLabel = "B", defaultValue = "2000",
            description = "Bootstrap resamples (0: no interval; default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95",
            description = "Coverage of the interval (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--bootstrap-seed", paramLabel = "S", defaultValue = "7",
            description = "Seed of the bootstrap (java.util.Random; default: ${DEFAULT-VALUE}).")
    long bootstrapSeed;

    @Option(names = "--out", paramLabel = "FILE.png",
            description = "The plot (default: SWEEP/rates-<metric>-<reduce>.png; the fits go to the same name .csv).")
    Path out;

    @Override
    public Integer call() throws IOException {
        SweepDir s = SweepDir.open(dir);
        Manifest m = s.readManifest();
        RateRule rule = rule();
        FitOptions options;
        try {
            options = FitOptions.defaults().withResamples(resamples).withConfidence(confidence)
                    .withSeed(bootstrapSeed).withLogFactor(logFactor);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        RateSamples samples = RateSamples.read(s, m, metric, reduce);
        if (samples.completed == 0) {
            throw new BadInputException(dir + " has no completed runs yet (" + samples.unfinished + " unfinished, "
                    + samples.diverged + " diverged): run them with eos sweep run " + dir + " --all");
        }
        List<RatePlot.Series> series = new ArrayList<>();
        List<RateFit> fits = new ArrayList<>();
        for (RateSamples.Group g : samples.groups) {
            long etas = g.samples().stream().filter(dev.eos.rates.Sample::usable).mapToDouble(
                    dev.eos.rates.Sample::eta).distinct().count();
            if (etas < 2) {
                throw new BadInputException("--metric " + metric + " (" + g.label() + "): " + etas + " eta"
                        + (etas == 1 ? "" : "s") + " with a finite, positive value among the completed runs"
                        + skipped(samples) + "; a rate needs at least two");
            }
            RateFit fit;
            try {
                fit = Rates.fit(g.samples(), options);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--metric " + metric + " (" + g.label() + "): " + e.getMessage(), e);
            }
            fits.add(fit);
            series.add(new RatePlot.Series(g.label() + " (" + fit.seeds() + " seed" + (fit.seeds() == 1 ? "" : "s")
                    + ")", fit, true));
        }
        String stem = "rates-" + metric + "-" + reduce.cliName();
        Path png = out != null ? out : dir.resolve(stem + ".png");
        Path csv = png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", "") + ".csv");
        String y = metric + " (" + reduce.cliName() + ")";
        RatePlot.draw(png, dir.toAbsolutePath().normalize().getFileName() + ": " + y + " against eta", "eta", y, rule,
                series);
        AtomicFiles.write(csv, table(samples, fits, rule).getBytes(StandardCharsets.UTF_8));
        return report(samples, fits, rule, png, csv);
    }

    private RateRule rule() {
        if (!(tol >= 0)) {
            throw new BadInputException("--tol must be >= 0, got " + tol);
        }
        if (expect == null) {
            return RateRule.finding(Double.NaN);
        }
        if (!Double.isFinite(expect)) {
            throw new BadInputException("--expect must be a finite exponent, got " + expect);
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "o" -> RateRule.upperBound(expect, tol);
            case "omega" -> RateRule.lowerBound(expect, tol);
            case "theta" -> RateRule.exact(expect, tol);
            default -> throw new BadInputException("--kind must be o, omega or theta, got '" + kind + "'");
        };
    }

    private int report(RateSamples samples, List<RateFit> fits, RateRule rule, Path png, Path csv) {
        PrintWriter o = spec.commandLine().getOut();
        o.println("eos rates: " + metric + " (" + reduce.cliName() + " of each run) ~ C eta^p over " + samples.completed
                + " completed run" + (samples.completed == 1 ? "" : "s") + skipped(samples));
        Verdict all = Verdict.PASS;
        for (int i = 0; i < fits.size(); i++) {
            RateFit f = fits.get(i);
            StringBuilder line = new StringBuilder("  ");
            if (fits.size() > 1) {
                line.append(samples.groups.get(i).label()).append(": ");
            }
            line.append("p = ").append(String.format(Locale.ROOT, "%.3f", f.slope()));
            if (f.hasInterval()) {
                line.append(String.format(Locale.ROOT, " [%.3f, %.3f] (%.0f%% bootstrap over %d seeds)", f.lo(),
                        f.hi(), 100 * f.options().confidence(), f.seeds()));
            } else {
                line.append(" (no interval: ").append(f.seeds()).append(f.seeds() == 1 ? " seed)" : " seeds)");
            }
            line.append(String.format(Locale.ROOT, ", R^2 = %.4f, C = %s", f.r2(), Format.real(f.prefactor())));
            line.append(String.format(Locale.ROOT, "; %d etas over %.2f decades", f.etas().length, f.decades()));
            if (f.excluded() > 0) {
                line.append(", ").append(f.excluded()).append(" values not finite and positive left out");
            }
            if (expect != null) {
                Verdict v = rule.verdict(f);
                all = all.and(v);
                line.append("  ").append(v.label().toUpperCase(Locale.ROOT)).append(" against ")
                        .append(rule.prediction("eta", logFactor)).append(": ").append(rule.describe());
            }
            o.println(line);
        }
        o.println("  plot: " + png + "   fits: " + csv);
        o.flush();
        return expect != null && all == Verdict.FAIL ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private static String skipped(RateSamples s) {
        List<String> parts = new ArrayList<>();
        if (s.diverged > 0) {
            parts.add(s.diverged + " diverged");
        }
        if (s.unfinished > 0) {
            parts.add(s.unfinished + " not finished");
        }
        if (s.noValue > 0) {
            parts.add(s.noValue + " without a value");
        }
        return parts.isEmpty() ? "" : " (left out: " + String.join(", ", parts) + ")";
    }

    /** The fits as CSV: group values, then p, its interval, R^2, C, counts and the verdict. */
    private String table(RateSamples samples, List<RateFit> fits, RateRule rule) {
        List<String> header = new ArrayList<>(samples.groups.get(0).values().keySet());
        header.addAll(List.of("metric", "reduce", "p", "p_lo", "p_hi", "confidence", "r2", "prefactor", "etas",
                "seeds", "samples", "excluded", "log_factor", "expect", "verdict"));
        StringBuilder s = new StringBuilder(CsvText.line(header));
        for (int i = 0; i < fits.size(); i++) {
            RateFit f = fits.get(i);
            List<String> cells = new ArrayList<>(samples.groups.get(i).values().values());
            cells.addAll(List.of(metric, reduce.cliName(), Double.toString(f.slope()), Double.toString(f.lo()),
                    Double.toString(f.hi()), Double.toString(f.options().confidence()), Double.toString(f.r2()),
                    Double.toString(f.prefactor()), Integer.toString(f.etas().length), Integer.toString(f.seeds()),
                    Integer.toString(f.samples().size()), Integer.toString(f.excluded()), Boolean.toString(logFactor),
                    expect == null ? "" : rule.prediction("eta", logFactor),
                    expect == null ? "" : rule.verdict(f).label()));
            s.append(CsvText.line(cells));
        }
        return s.toString();
    }
}
