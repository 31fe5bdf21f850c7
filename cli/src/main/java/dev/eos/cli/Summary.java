package dev.eos.cli;

import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.output.Format;
import dev.eos.cli.plots.MetricsTable;
import dev.eos.geometry.LimitingFlow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The short table that ends a run (and {@code eos report}): sharpness at the start and the end against the
 * closed-form flattest value, the edge-of-stability identities averaged over Phase II (THEORY 4.4), speed, and
 * where the files are. Everything is read from metrics.csv, so a report of an old run prints the same table.
 */
final class Summary {

    private Summary() {
    }

    /** The summary at the end of a run: timing from the outcome, the rest from the run's files. */
    static void print(RunOutcome outcome, double flattest, Report.Drawn drawn, PrintWriter out) {
        Path dir = outcome.dir();
        if (!Files.isRegularFile(dir.resolve(Report.METRICS))) {
            out.println("eos run: done, " + Format.count(outcome.step()) + " steps; files in " + dir);
            return;
        }
        RunInfo read = RunInfo.read(dir);
        RunInfo info = new RunInfo(read.model(), read.algo(), read.eta(),
                Double.isFinite(flattest) ? flattest : read.flattest(), "completed", outcome.step(),
                outcome.seconds(), outcome.stepsPerSecond(), read.phase2Start(), read.totalSeconds());
        print(MetricsTable.read(dir.resolve(Report.METRICS)), info, dir, drawn, out);
    }

    /** The summary of a run directory. */
    static void print(MetricsTable t, RunInfo info, Path dir, Report.Drawn drawn, PrintWriter out) {
        long steps = info.steps() >= 0 ? info.steps() : (long) t.last("step");
        out.println();
        out.println("eos run " + (info.subtitle().isEmpty() ? "" : "(" + info.subtitle() + ") ")
                + (info.status().isEmpty() ? "" : info.status() + ", ") + Format.count(steps) + " steps"
                + (Double.isFinite(info.seconds()) ? " in " + Format.duration(info.seconds()) : "")
                + (Double.isFinite(info.stepsPerSecond()) ? " (" + Format.count(Math.round(info.stepsPerSecond()))
                        + " steps/s)" : "")
                + (Double.isFinite(info.totalSeconds()) ? "; " + Format.duration(info.totalSeconds())
                        + " with metrics and files" : ""));
        if (info.phase2Start() >= 0 && Double.isFinite(info.eta())) {
            double eta2 = info.eta() * info.eta();
            out.println("Phase I: steps 0 .. " + Format.count(info.phase2Start()) + "; Phase II: "
                    + Format.count(steps - info.phase2Start()) + " steps, tau = eta^2 t from "
                    + Format.real(eta2 * info.phase2Start()) + " to " + Format.real(eta2 * steps));
        }
        out.println();
        out.println(String.format(Locale.ROOT, "  %-34s %12s %12s", "", "start", "end"));
        row(out, "sharpness lambda_1(x_t)", t.first("sharpness"), t.last("sharpness"), "");
        String flat = Double.isFinite(info.flattest()) && t.has("sharpness_at_phi")
                ? String.format(Locale.ROOT, "  flattest %s (%+.3f%%)", Format.real(info.flattest()),
                        100 * (t.last("sharpness_at_phi") / info.flattest() - 1))
                : "";
        row(out, "sharpness_at_phi lambda_1(Phi(x_t))", t.first("sharpness_at_phi"), t.last("sharpness_at_phi"),
                flat);
        if (t.has("flow_sharpness")) {
            long stopped = flowStoppedAfter(t);
            row(out, "limiting flow lambda_1(X(tau))", t.first("flow_sharpness"), t.last("flow_sharpness"),
                    (t.has("flow_dist") ? "  ||Phi(x_t) - X(tau)|| = " + Format.real(t.last("flow_dist")) : "")
                    + (stopped >= 0 ? "  (the flow stopped after step " + Format.count(stopped)
                            + ": lambda_1(X) not simple)" : ""));
        }
        if (!t.has("sharpness_at_phi") && Double.isFinite(info.flattest())) {
            out.println("  flattest sharpness on Gamma (closed form): " + Format.real(info.flattest()));
        }
        String degenerate = degenerateLine(t);
        if (degenerate != null) {
            out.println();
            out.println("  " + degenerate);
        }
        Phase2 p2 = Phase2.of(t);
        if (p2.rows > 0 && (Double.isFinite(p2.invStablenessPair) || Double.isFinite(p2.sqrtLossPairRatio)
                || Double.isFinite(p2.theta))) {
            out.println();
            out.println("  Phase II means over " + p2.rows + " measured rows (THEORY 4.4):");
            if (Double.isFinite(p2.invStablenessPair)) {
                out.println("    1/S_t + 1/S_t+1 = " + Format.real(p2.invStablenessPair) + "   (theory: 1)");
            }
            if (Double.isFinite(p2.sqrtLossPairRatio)) {
                out.println("    (sqrt L_t + sqrt L_t+1) / prediction = " + Format.real(p2.sqrtLossPairRatio)
                        + "   (theory: 1)");
            }
            if (Double.isFinite(p2.theta)) {
                out.println("    theta_t = " + Format.real(p2.theta) + " rad" + (Double.isFinite(info.eta())
                        ? "   (theory: O(eta), eta = " + Format.real(info.eta()) + ")" : ""));
            }
        }
        out.println();
        StringBuilder files = new StringBuilder("  files: " + dir + "/  (run.json, metrics.csv, final.npy");
        if (drawn != null && !drawn.files().isEmpty()) {
            files.append(", plots/: ").append(drawn.files().stream().filter(p -> p.toString().endsWith(".png"))
                    .count()).append(" figures");
        }
        out.println(files.append(")"));
    }

    /**
     * The warning for the first row where lambda_1(Phi(x_t)) is not simple (eigengap_at_phi below
     * {@link LimitingFlow#GAP_THRESHOLD}, THEORY 1 assumption [R]), or null when it stayed simple.
     */
    static String degenerateLine(MetricsTable t) {
        double[] gap = t.column("eigengap_at_phi");
        double[] step = t.column("step");
        for (int i = 0; i < gap.length; i++) {
            if (gap[i] < LimitingFlow.GAP_THRESHOLD) {
                return "lambda_1(Phi) stopped being simple at step " + Format.count((long) step[i]) + " (gap "
                        + String.format(Locale.ROOT, "%.1e", gap[i]) + "): theta, flow_dist and the flow are not"
                        + " defined by the theory beyond it";
            }
        }
        return null;
    }

    /**
     * The last step with flow values when expensive rows follow without them (the run's flow stopped where
     * lambda_1(X) stopped being simple), else -1.
     */
    static long flowStoppedAfter(MetricsTable t) {
        double[] flow = t.column("flow_sharpness");
        double[] atPhi = t.column("sharpness_at_phi");
        double[] step = t.column("step");
        int last = -1;
        for (int i = 0; i < flow.length; i++) {
            if (Double.isFinite(flow[i])) {
                last = i;
            }
        }
        for (int i = last + 1; last >= 0 && i < flow.length; i++) {
            if (Double.isFinite(atPhi[i])) {
                return (long) step[last];
            }
        }
        return -1;
    }

    private static void row(PrintWriter out, String label, double start, double end, String note) {
        if (Double.isNaN(start) && Double.isNaN(end)) {
            return;
        }
        out.println(String.format(Locale.ROOT, "  %-34s %12s %12s%s", label, Format.real(start), Format.real(end),
                note));
    }

    /** Means over the Phase II rows (phase == 2) where each quantity was measured. */
    private record Phase2(int rows, double invStablenessPair, double sqrtLossPairRatio, double theta) {
        static Phase2 of(MetricsTable t) {
            double[] phase = t.column("phase");
            int rows = 0;
            for (double p : phase) {
                if (p == 2) {
                    rows++;
                }
            }
            return new Phase2(rows, mean(t, phase, "inv_stableness_pair"), mean(t, phase, "sqrt_loss_pair_ratio"),
                    mean(t, phase, "theta"));
        }

        private static double mean(MetricsTable t, double[] phase, String column) {
            double[] c = t.column(column);
            double sum = 0;
            int n = 0;
            for (int i = 0; i < c.length; i++) {
                if (phase[i] == 2 && Double.isFinite(c[i])) {
                    sum += c[i];
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }
}
