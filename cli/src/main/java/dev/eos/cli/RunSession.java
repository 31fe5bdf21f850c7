package dev.eos.cli;

import dev.eos.cli.backend.RunObserver;
import dev.eos.cli.backend.RunOutcome;
import dev.eos.cli.output.Progress;
import dev.eos.cli.output.StopSignals;
import dev.eos.run.StopToken;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * The command line around one running computation (eos run, resume and flow, or one sweep row run in the
 * foreground): signal handlers that ask it to stop (it checkpoints; exit 4), the progress display on stderr (log
 * lines in batch jobs), and for the commands what is printed when it ends (exit code, one-line status, plots,
 * summary).
 */
public final class RunSession implements RunObserver, AutoCloseable {

    private final String task;
    private final boolean noProgress;
    private final PrintWriter err;
    private final StopSignals signals;
    private volatile Progress progress = Progress.none();

    /**
     * @param task   the progress label, e.g. "run" or "row 3"
     * @param notice what to print when a signal (its name, e.g. "INT") asks the computation to stop
     */
    private RunSession(String task, boolean noProgress, PrintWriter err, StopToken stop,
                       Function<String, String> notice) {
        this.task = task;
        this.noProgress = noProgress;
        this.err = err;
        this.signals = StopSignals.install(name -> {
            stop.requestStop("SIG" + name);
            if (progress.redraws()) {
                err.println(); // leave the bar's line
            }
            err.println(notice.apply(name));
            err.flush();
        });
    }

    /** Installs the signal handlers (which set {@code stop}) for the duration of the command {@code eos task}. */
    static RunSession open(String task, boolean noProgress, PrintWriter err, StopToken stop) {
        return new RunSession(task, noProgress, err, stop, name -> "eos " + task + ": received SIG" + name
                + ": writing a checkpoint, then stopping" + (name.equals("INT") ? " (Ctrl-C again to abort at once)"
                : ""));
    }

    /** Installs the signal handlers (which set {@code stop}) for one sweep row run by {@code eos sweep run}. */
    public static RunSession row(String label, boolean noProgress, PrintWriter err, StopToken stop) {
        return new RunSession(label, noProgress, err, stop,
                name -> "eos sweep run: received SIG" + name + ": writing a checkpoint, then stopping");
    }

    @Override
    public void started(long from, long total) {
        progress.close();
        progress = Progress.create(task, from, total, noProgress, err);
    }

    @Override
    public void total(long total) {
        progress.total(total);
    }

    @Override
    public void progress(long step, double loss, double sharpness) {
        progress.update(step, loss, sharpness);
    }

    @Override
    public void close() {
        progress.close();
        signals.close();
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
