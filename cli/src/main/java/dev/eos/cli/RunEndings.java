package dev.eos.cli;

import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.common.ExitCodes;
import java.io.PrintWriter;

/** What eos run and eos resume print when their run ends (exit code, one-line status, plots, summary). */
final class RunEndings {

    private RunEndings() {
    }

    /**
     * Reports how a run ended and returns the exit code: 0 completed (plots unless noPlots, then the summary),
     * 3 diverged (plots of what there is), 4 stopped by a signal (the resume command).
     */
    static int finish(String command, RunOutcome outcome, boolean noPlots, double flattest, PrintWriter out,
                      PrintWriter err) {
        String dir = outcome.dir().toString();
        switch (outcome.status()) {
            case STOPPED -> {
                err.println("eos " + command + ": stopped at step " + outcome.step() + "; resume with: ./eos resume "
                        + dir);
                err.flush();
                return ExitCodes.STOPPED;
            }
            case DIVERGED -> {
                if (!noPlots) {
                    Report.drawQuietly(outcome.dir(), err);
                }
                // the engine's message names the step, the cause and the kept checkpoint
                err.println("eos " + command + ": " + (outcome.message().isEmpty()
                        ? "diverged at step " + outcome.step() : outcome.message()) + "; files in " + dir);
                err.flush();
                return ExitCodes.DIVERGED;
            }
            default -> {
                Report.Drawn drawn = noPlots ? null : Report.drawQuietly(outcome.dir(), err);
                Summary.print(outcome, flattest, drawn, out);
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
