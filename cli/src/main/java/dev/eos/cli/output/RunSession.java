package dev.eos.cli.output;

import dev.eos.cli.backend.RunObserver;
import dev.eos.run.StopToken;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * The command line around one running computation (eos run, resume and flow, or one sweep row run in the
 * foreground): signal handlers that ask it to stop (it checkpoints; exit 4) and the progress display on stderr
 * (log lines in batch jobs). What a command prints when its run ends is up to the command.
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
    public static RunSession open(String task, boolean noProgress, PrintWriter err, StopToken stop) {
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
}
