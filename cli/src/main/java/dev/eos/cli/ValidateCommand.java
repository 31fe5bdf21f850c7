package dev.eos.cli;

import dev.eos.cli.common.BadInputException;
import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.plots.ValidationPlots;
import dev.eos.rates.Verdict;
import dev.eos.validation.CheckOutcome;
import dev.eos.validation.FlowConstants;
import dev.eos.validation.Mode;
import dev.eos.validation.PlotSpec;
import dev.eos.validation.ReportWriter;
import dev.eos.validation.Validation;
import dev.eos.validation.ValidationOptions;
import dev.eos.validation.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eos validate}: every prediction of the theory measured as a rate in eta (issue 7). Thin: parses, calls
 * {@link Validation#run}, draws the figures and writes REPORT.md and validation.json.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Measure every prediction of the theory as a rate in the learning rate eta and write a report: "
                    + "REPORT.md (a table of check, quantity, predicted and measured exponent with its bootstrap "
                    + "interval, verdict, plot), validation.json, plots/ and every run directory used (runs/).",
            "Checks: " + "quadratic, phase1, phase2-ngd, phase2-sqrt, alignment, sqrt-deep-linear, drift, "
                    + "eos-identities, flattest-deep-linear, factorization-null, sensing-flow, gd-eos.",
            "--quick takes about a minute of CPU (CI runs it); the full mode reaches eta = 1e-3 everywhere and "
                    + "1e-4 once, about 10 minutes of CPU (README, \"Validation\")."},
        footer = {
            "%nExamples:",
            "  eos validate --quick                       # all checks, small grids",
            "  eos validate --only drift,phase2-ngd       # two checks, full grids",
            "  eos validate --quick --jobs 1 --out val/   # one worker thread; same results",
            "%nExit codes:",
            "  0 every check passed (findings do not fail)",
            "  1 internal error   2 bad input",
            "  5 a check failed (see REPORT.md)"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Small grids (about a minute of CPU); default: the full grids.")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "NAME", completionCandidates = CheckNames.class,
            description = "Run only these checks (comma-separated): ${COMPLETION-CANDIDATES}.")
    List<String> only = new ArrayList<>();

    /** The check names, for --only's completion and help. */
    static final class CheckNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        CheckNames() {
            super(Validation.NAMES);
        }
    }

    @Option(names = "--jobs", paramLabel = "J", description = "Worker threads (default: available processors, "
            + "${DEFAULT-VALUE}). Results do not depend on it.")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory; must be new or empty "
            + "(default: runs/validate-DATE-TIME-MODE).")
    Path out;

    @Option(names = "--ngd-constant", hidden = true, description = "Control: the NGD flow constant (theory 0.25).")
    double ngdConstant = FlowConstants.THEORY.ngd();

    @Option(names = "--sqrt-constant", hidden = true, description = "Control: the sqrt flow constant (theory 0.125).")
    double sqrtConstant = FlowConstants.THEORY.sqrt();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Mode mode = quick ? Mode.QUICK : Mode.FULL;
        for (String n : only) {
            if (!Validation.NAMES.contains(n)) {
                throw new BadInputException("--only: unknown check '" + n + "'; expected one of "
                        + String.join(", ", Validation.NAMES));
            }
        }
        if (jobs < 1) {
            throw new BadInputException("--jobs must be >= 1, got " + jobs);
        }
        FlowConstants constants;
        try {
            constants = new FlowConstants(ngdConstant, sqrtConstant);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Path dir = out != null ? out : Path.of("runs", "validate-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + mode.label());
        requireEmpty(dir);
        ValidationOptions o = ValidationOptions.of(mode, jobs, dir).withOnly(only).withConstants(constants);
        long t0 = System.nanoTime();
        ValidationReport r = Validation.run(o, line -> {
            synchronized (err) {
                err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, line);
                err.flush();
            }
        });
        List<PlotSpec> plots = new ArrayList<>();
        for (CheckOutcome c : r.outcomes()) {
            plots.addAll(c.plots());
        }
        ValidationPlots.draw(plots, dir);
        ReportWriter.write(r, dir);
        print(r, dir, stdout);
        return r.verdict() == Verdict.FAIL ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new BadInputException("--out " + dir + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new BadInputException("--out " + dir + " is not empty; choose a new directory");
                }
            }
        }
    }

    private static void print(ValidationReport r, Path dir, PrintWriter out) {
        out.printf(Locale.ROOT, "%neos validate (%s): %s in %.1f s (%.1f s CPU, %d jobs)%n%n",
                r.options().mode().label(), r.verdict().label().toUpperCase(Locale.ROOT), r.wallSeconds(),
                r.cpuSeconds(), r.options().jobs());
        out.printf(Locale.ROOT, "  %-22s %-9s %s%n", "check", "verdict", "measured (predicted)");
        for (CheckOutcome c : r.outcomes()) {
            StringBuilder m = new StringBuilder();
            for (var e : c.entries()) {
                m.append(m.length() == 0 ? "" : "; ").append(e.measured()).append(" (").append(e.predicted())
                        .append(")");
            }
            if (c.error() != null) {
                m.append(m.length() == 0 ? "" : "; ").append("error: ").append(c.error());
            }
            out.printf(Locale.ROOT, "  %-22s %-9s %s%n", c.name(), c.verdict().label(), m);
        }
        out.printf(Locale.ROOT, "%n  report: %s%n", dir.resolve(ReportWriter.REPORT));
        out.flush();
    }
}
