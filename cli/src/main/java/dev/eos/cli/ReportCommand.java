package dev.eos.cli;

import dev.eos.cli.common.ExitCodes;
import dev.eos.cli.plots.MetricsTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eos report DIR}: (re)draws the plots of a run from its metrics.csv and prints its summary. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Draw the plots of a run from DIR/metrics.csv into DIR/plots/ (PNG and SVG): loss, sharpness with "
                    + "the 2/eta_t line, stableness with the line 2, theta, the edge-of-stability identities, and "
                    + "lambda_1(Phi(x_t)) against the limiting flow; then print the run's summary.",
            "Works on a run that is still going or was stopped (metrics.csv is written as the run goes)."},
        footer = {
            "%nExamples:",
            "  eos report runs/20250101-120000-deep-linear-ngd",
            "  eos report DIR --no-svg",
            "%nExit codes:",
            "  0 ok   1 internal error   2 bad input (not a run, malformed metrics.csv)"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The run directory.")
    Path dir;

    @Option(names = "--no-svg", description = "Only PNG files.")
    boolean noSvg;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Report.Drawn drawn = Report.draw(dir, !noSvg);
        RunInfo info = RunInfo.read(dir);
        MetricsTable table = MetricsTable.read(dir.resolve(Report.METRICS));
        Summary.print(table, info, dir, drawn, out);
        out.flush();
        return ExitCodes.OK;
    }
}
