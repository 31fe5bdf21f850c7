package dev.eos.cli.sweep;

import dev.eos.cli.backend.RunObserver;
import dev.eos.cli.output.Progress;
import dev.eos.cli.output.StopSignals;
import dev.eos.run.StopToken;
import java.io.PrintWriter;

/**
 * The command line around one sweep row run in the foreground (--index, or a scheduler's index): SIGINT, SIGTERM
 * and SIGUSR1 ask the run to stop (it checkpoints; exit 4), and its progress goes to stderr (log lines in batch
 * jobs).
 */
final class RowSession implements RunObserver, AutoCloseable {

    private final String task;
    private final boolean noProgress;
    private final PrintWriter err;
    private final StopSignals signals;
    private volatile Progress progress = Progress.none();

    RowSession(String task, boolean noProgress, PrintWriter err, StopToken stop) {
        this.task = task;
        this.noProgress = noProgress;
        this.err = err;
        this.signals = StopSignals.install(name -> {
            stop.requestStop("SIG" + name);
            err.println("eos sweep run: received SIG" + name + ": writing a checkpoint, then stopping");
            err.flush();
        });
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
