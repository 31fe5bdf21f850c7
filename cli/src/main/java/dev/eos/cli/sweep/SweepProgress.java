package dev.eos.cli.sweep;

import dev.eos.cli.backend.RunObserver;
import dev.eos.cli.output.Format;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one aggregate progress line of {@code eos sweep run --all}: rows done of all, rows running, the steps per
 * second of all running rows together, and an ETA from the planned steps at the current rate (once a tenth of them is done). On a
 * terminal (eos.tty) it is redrawn in place twice a second; otherwise a log line every eos.progress.seconds (default
 * 10). Rows report through {@link #observer}, from their own threads.
 */
final class SweepProgress implements AutoCloseable {

    private final PrintWriter err;
    private final int rows;
    private final boolean tty;
    private final long t0 = System.nanoTime();
    private final AtomicLong stepsThisSession = new AtomicLong();
    private final AtomicLong plannedLeft;
    private final Map<Integer, long[]> running = new ConcurrentHashMap<>(); // row -> {last step, total}
    private final ScheduledExecutorService timer;
    private int done;
    private int diverged;
    private int failed;
    private boolean drawn;
    private long windowStart = t0;
    private long windowSteps;

    /**
     * @param rows        rows in the sweep
     * @param doneBefore  rows already finished before this session
     * @param plannedLeft planned steps of the rows still to run (an estimate for horizon runs)
     * @param quiet       no progress line (--no-progress)
     */
    SweepProgress(int rows, int doneBefore, long plannedLeft, boolean quiet, PrintWriter err) {
        this.err = err;
        this.rows = rows;
        this.done = doneBefore;
        this.plannedLeft = new AtomicLong(plannedLeft);
        this.tty = Boolean.getBoolean("eos.tty") && !quiet;
        double seconds = tty ? 0.5 : Double.parseDouble(System.getProperty("eos.progress.seconds", "10"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eos-sweep-progress");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, (long) (seconds * 1000));
        timer.scheduleAtFixedRate(this::print, period, period, TimeUnit.MILLISECONDS);
    }

    /** The observer of one row's run. */
    RunObserver observer(int row) {
        return new RunObserver() {
            @Override
            public void started(long from, long total) {
                running.put(row, new long[] {from, total});
            }

            @Override
            public void total(long total) {
                long[] s = running.get(row);
                if (s != null) {
                    s[1] = total;
                }
            }

            @Override
            public void progress(long step, double loss, double sharpness) {
                long[] s = running.get(row);
                if (s != null && step > s[0]) {
                    stepsThisSession.addAndGet(step - s[0]);
                    plannedLeft.addAndGet(-(step - s[0]));
                    s[0] = step;
                }
            }
        };
    }

    /** A row ended; {@code line} (may be null) is printed on its own line. */
    synchronized void finished(int row, RowOutcome.Status status, String line) {
        running.remove(row);
        if (status == RowOutcome.Status.COMPLETED || status == RowOutcome.Status.DIVERGED
                || status == RowOutcome.Status.ALREADY_DONE) {
            done++;
        }
        if (status == RowOutcome.Status.DIVERGED) {
            diverged++;
        }
        if (line != null) {
            clearLine();
            err.println(line);
            err.flush();
        }
    }

    /** A row failed (bad input or an internal error); the line says why. */
    synchronized void failed(int row, String line) {
        running.remove(row);
        failed++;
        clearLine();
        err.println(line);
        err.flush();
    }

    /** The current line, e.g. "sweep: 12/80 done (1 diverged), 2 running, 3.2M steps/s, ETA ~4m". */
    synchronized String line() {
        // the rate since the previous line (the whole session for the first): what the rows do now, not what
        // start-up and the first runs' fixed costs did
        long now = System.nanoTime();
        long steps = stepsThisSession.get();
        double rate = (steps - windowSteps) / Math.max((now - windowStart) * 1e-9, 1e-9);
        windowSteps = steps;
        windowStart = now;
        StringBuilder s = new StringBuilder("sweep: ").append(done).append('/').append(rows).append(" done");
        if (diverged > 0 || failed > 0) {
            s.append(" (");
            if (diverged > 0) {
                s.append(diverged).append(" diverged");
            }
            if (failed > 0) {
                s.append(diverged > 0 ? ", " : "").append(failed).append(" failed");
            }
            s.append(')');
        }
        s.append(", ").append(running.size()).append(" running, ").append(Format.count(Math.round(rate)))
                .append(" steps/s");
        long left = plannedLeft.get();
        // fixed costs per run (start-up, Phase I, metrics) dominate the first steps: no ETA before 10% of them
        if (rate > 0 && left > 0 && steps >= 0.1 * (steps + left)) {
            s.append(", ETA ~").append(Format.duration(left / rate));
        }
        return s.toString();
    }

    private synchronized void print() {
        if (tty) {
            err.print("\r\033[K" + line());
            drawn = true;
        } else {
            err.println(line());
        }
        err.flush();
    }

    private void clearLine() {
        if (drawn) {
            err.print("\r\033[K");
            drawn = false;
        }
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        clearLine();
        err.flush();
    }
}
