package dev.eos.cli;

import dev.eos.cli.common.BadInputException;
import dev.eos.cli.plots.Figure;
import dev.eos.cli.plots.MetricsTable;
import dev.eos.cli.plots.Plots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Draws a run's plots from DIR/metrics.csv into DIR/plots/ (used by {@code eos report} and the end of a run). */
final class Report {

    /** The metrics file of a run directory. */
    static final String METRICS = "metrics.csv";

    /**
     * What was drawn.
     *
     * @param dir     DIR/plots
     * @param files   the files written
     * @param skipped figures without data, with the reason
     */
    record Drawn(Path dir, List<Path> files, List<String> skipped) {
    }

    private Report() {
    }

    /** Draws every figure that has data; a missing or malformed metrics.csv is bad input. */
    static Drawn draw(Path runDir, boolean svg) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new BadInputException(runDir + ": no such directory");
        }
        if (!Files.isRegularFile(runDir.resolve(METRICS))) {
            throw new BadInputException(runDir + " is not a run directory (no " + METRICS + ")");
        }
        MetricsTable table = MetricsTable.read(runDir.resolve(METRICS));
        RunInfo info = RunInfo.read(runDir);
        Path plots = runDir.resolve("plots");
        Plots.Result r = Plots.draw(table, Figure.standard(info.flattest()), plots, info.subtitle(), svg);
        return new Drawn(plots, r.files(), r.skipped());
    }

    /** Draws at the end of a run: a failure to plot is reported in one line and does not fail the run. */
    static Drawn drawQuietly(Path runDir, PrintWriter err) {
        try {
            return draw(runDir, true);
        } catch (IOException | RuntimeException e) {
            err.println("eos: the plots could not be drawn (" + ErrorHandlers.oneLine(String.valueOf(e))
                    + "); the run's files are complete: try eos report " + runDir);
            err.flush();
            return null;
        }
    }
}
