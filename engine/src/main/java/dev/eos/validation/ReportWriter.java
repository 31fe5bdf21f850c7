package dev.eos.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eos.Version;
import dev.eos.io.AtomicFiles;
import dev.eos.io.Json;
import dev.eos.rates.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ValidationReport} as REPORT.md (a table a reviewer reads first, then one section per check with
 * its rules, grids, generic starts, notes, figures and run directories) and validation.json (a list of entries, each
 * with name, subject, quantity, predicted, measured, interval, verdict, rule, plot and details). Figures are
 * referenced as plots/FILE.png; the command line draws them.
 */
public final class ReportWriter {

    /** The report's file name. */
    public static final String REPORT = "REPORT.md";
    /** The machine-readable file name. */
    public static final String JSON = "validation.json";

    private ReportWriter() {
    }

    /** Writes both files into {@code dir} (atomically each). */
    public static void write(ValidationReport r, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(JSON), (Json.pretty(json(r)) + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(REPORT), markdown(r).getBytes(StandardCharsets.UTF_8));
    }

    /** The plot file of a stem, relative to the output directory. */
    public static String plotPath(String stem) {
        return "plots/" + stem + ".png";
    }

    /** validation.json: the list of entries. */
    public static ArrayNode json(ValidationReport r) {
        ArrayNode a = Json.array();
        for (Entry e : r.entries()) {
            ObjectNode n = a.addObject();
            n.put("name", e.name());
            n.put("subject", e.subject());
            n.put("quantity", e.quantity());
            n.put("predicted", e.predicted());
            if (Double.isFinite(e.value())) {
                n.put("measured", e.value());
            } else {
                n.put("measured", e.measured());
            }
            n.put("measured_text", e.measured());
            if (Double.isNaN(e.lo())) {
                n.putNull("interval");
            } else {
                n.putArray("interval").add(e.lo()).add(e.hi());
            }
            n.put("verdict", e.verdict().label());
            n.put("rule", e.rule());
            if (e.plot() == null) {
                n.putNull("plot");
            } else {
                n.put("plot", plotPath(e.plot()));
            }
            n.put("mode", r.options().mode().label());
            n.set("details", Json.valueOf(e.details()));
        }
        return a;
    }

    /** REPORT.md. */
    public static String markdown(ValidationReport r) {
        StringBuilder s = new StringBuilder();
        ValidationOptions o = r.options();
        s.append("# eos validation report\n\n");
        s.append("Every prediction of Arora, Li & Panigrahi (ICML 2022) that eos checks, measured as a rate in the "
                + "learning rate eta (THEORY.md sections 3, 4 and 6). Produced by `./eos validate"
                + (o.mode() == Mode.QUICK ? " --quick" : "") + (o.only().isEmpty() ? "" : " --only "
                + String.join(",", o.only())) + "`.\n\n");
        s.append(String.format(Locale.ROOT, "- **Verdict: %s** (%d entries pass, %d fail, %d findings) in %s mode%n",
                r.verdict().label().toUpperCase(Locale.ROOT), r.count(Verdict.PASS), r.count(Verdict.FAIL),
                r.count(Verdict.FINDING), o.mode().label()));
        s.append(String.format(Locale.ROOT, "- Time: %s wall, %s CPU on %d worker thread%s (%d processors); "
                + "started %s%n", duration(r.wallSeconds()), duration(r.cpuSeconds()), o.jobs(), o.jobs() > 1 ? "s"
                : "", Runtime.getRuntime().availableProcessors(), r.started()));
        s.append("- eos ").append(Version.version()).append(" (commit ").append(Version.commit()).append("), JDK ")
                .append(System.getProperty("java.version")).append('\n');
        if (!o.constants().theoretical()) {
            s.append(String.format(Locale.ROOT, "- **Control run: the flows use constants %s (NGD) and %s (sqrt) "
                    + "instead of the theory's 1/4 and 1/8.**%n", o.constants().ngd(), o.constants().sqrt()));
        }
        s.append("\n## Pass rules\n\n");
        s.append("- A prediction O(eta^p) is an upper bound: the exponent p_hat of y ~ C eta^p_hat, fitted by least "
                + "squares on log-log axes, passes when p_hat >= p - tol (a quantity that falls faster than "
                + "predicted satisfies the bound). The tolerance of each rule is stated in its row.\n");
        s.append("- The interval is a 95% percentile bootstrap over seeds (2000 resamples of the seeds with "
                + "replacement, seeded): seeds differ in model data and start, so they are the independent unit. "
                + "R^2 is that of the fitted line against the per-eta geometric means (log axes): how well a power "
                + "law describes the eta-dependence, a constant factor between seeds not counting as misfit.\n");
        s.append("- The fitted series starts in an aligned 2-cycle, Phi_0 + 0.3 s v_1 with s = eta (NGD) or "
                + "eta sqrt(lambda_1/2) (sqrt) (THEORY 4.3, \"Measuring rates cleanly\"); generic (random) starts, "
                + "whose Phase I lands the cycle on a random amplitude C, are fitted beside it and do not decide the "
                + "verdict: their O(eta) constant changes with C from one eta to the next, so their slope is noisy; "
                + "`max y over eta^p` (per series, in the details) bounds the constant of the prediction directly.\n");
        s.append("- A log factor is allowed only where THEORY 4.6 says so (mean theta for GD on sqrt(L)). "
                + "`finding` rows are measured and reported, not asserted (THEORY 4.3).\n");
        s.append("- Rates need >= 5 etas over >= 1.5 decades and >= 3 seeds per eta; a rate on a smaller grid "
                + "fails.\n\n");
        s.append("## Results\n\n");
        s.append("| check | subject | quantity | predicted | measured | 95% interval | R^2 | verdict | plot |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Entry e : r.entries()) {
            Object r2 = e.details().get("r2");
            s.append("| ").append(e.name()).append(" | ").append(cell(e.subject())).append(" | ")
                    .append(cell(e.quantity())).append(" | ").append(cell(e.predicted())).append(" | ")
                    .append(cell(e.measured())).append(" | ").append(e.interval()).append(" | ")
                    .append(r2 instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : "-").append(" | **")
                    .append(e.verdict().label()).append("** | ")
                    .append(e.plot() == null ? "" : "[png](" + plotPath(e.plot()) + ")").append(" |\n");
        }
        for (CheckOutcome c : r.outcomes()) {
            s.append("\n## ").append(c.name()).append(" (").append(c.verdict().label()).append(")\n\n");
            s.append(c.title()).append("\n\n");
            if (c.error() != null) {
                s.append("**Error:** `").append(c.error()).append("`\n\n");
            }
            for (Entry e : c.entries()) {
                s.append("- **").append(e.subject()).append("**: ").append(e.quantity()).append(", predicted ")
                        .append(e.predicted()).append(", measured ").append(e.measured())
                        .append(Double.isNaN(e.lo()) ? "" : " " + e.interval()).append(": **")
                        .append(e.verdict().label()).append("**. Rule: ").append(e.rule()).append(".\n");
                for (Map.Entry<String, Object> d : e.details().entrySet()) {
                    s.append("  - ").append(d.getKey().replace('_', ' ')).append(": ").append(value(d.getValue()))
                            .append('\n');
                }
            }
            for (PlotSpec p : c.plots()) {
                s.append("\n![").append(p.file()).append("](").append(plotPath(p.file())).append(")\n");
            }
            s.append(String.format(Locale.ROOT, "%nCPU time %s; %d run director%s", duration(c.cpuSeconds()),
                    c.runs().size(), c.runs().size() == 1 ? "y" : "ies"));
            if (!c.runs().isEmpty()) {
                s.append(" under `runs/").append(c.name()).append("/`");
            }
            s.append(".\n");
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|");
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder();
            for (Object x : l) {
                b.append(b.length() == 0 ? "" : ", ").append(value(x));
            }
            return b.toString();
        }
        return String.valueOf(v);
    }

    /** A double with 4 significant digits. */
    static String number(double d) {
        if (d == 0 || !Double.isFinite(d)) {
            return Double.toString(d);
        }
        double a = Math.abs(d);
        return a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", d) : String.format(Locale.ROOT, "%.3e", d);
    }

    /** "2 min 05 s", "41.2 s", "850 ms". */
    static String duration(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1e3);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
