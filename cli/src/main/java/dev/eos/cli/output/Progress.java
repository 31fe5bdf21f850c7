package dev.eos.cli.output;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of a long computation on stderr: a progress bar (steps, rate, ETA, loss and sharpness) on a terminal,
 * otherwise a plain log line every few seconds (Slurm logs, CI, pipes). Resumed runs start at the checkpoint's
 * step. Thread-safe: the engine may report from its run thread.
 */
public interface Progress extends AutoCloseable {

    /** Reports that the computation reached {@code step} with these current values (NaN when not measured). */
    void update(long step, double loss, double sharpness);

    /** Changes the expected total (e.g. when Phase I ends and the Phase II length becomes known). */
    void total(long total);

    @Override
    void close();

    /** Whether the display redraws one line with carriage returns (another message must start a new line). */
    default boolean redraws() {
        return false;
    }

    /** No output at all. */
    static Progress none() {
        return new Progress() {
            @Override
            public void update(long step, double loss, double sharpness) {
            }

            @Override
            public void total(long total) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The bar when stderr is a terminal (system property eos.tty=true, set by the launcher) and the user did not
     * ask for --no-progress; otherwise log lines every {@code eos.progress.seconds} seconds (default 10).
     */
    static Progress create(String task, long start, long total, boolean noProgress, PrintWriter err) {
        boolean tty = Boolean.getBoolean("eos.tty");
        if (tty && !noProgress) {
            return new Bar(task, start, total);
        }
        double seconds = Double.parseDouble(System.getProperty("eos.progress.seconds", "10"));
        return new LogLines(task, start, total, err, (long) (seconds * 1e9));
    }

    /** The terminal bar (me.tongfei:progressbar), drawn by {@link BarLine}. */
    final class Bar implements Progress {
        private final ProgressBar bar;

        Bar(String task, long start, long total) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(Math.max(total, start + 1))
                    .startsFrom(start, Duration.ZERO)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setRenderer(new BarLine())
                    .setUpdateIntervalMillis(500)
                    .build();
        }

        @Override
        public synchronized void update(long step, double loss, double sharpness) {
            bar.stepTo(step);
            String values = Format.values(loss, sharpness);
            if (!values.isEmpty()) {
                bar.setExtraMessage(" | " + values);
            }
        }

        @Override
        public synchronized void total(long total) {
            bar.maxHint(total);
        }

        @Override
        public boolean redraws() {
            return true;
        }

        @Override
        public synchronized void close() {
            bar.close();
        }
    }

    /** One plain line every few seconds, no carriage returns. */
    final class LogLines implements Progress {
        private final String task;
        private final long start;
        private final PrintWriter err;
        private final long intervalNanos;
        private final long t0 = System.nanoTime();
        private long total;
        private long lastPrint = System.nanoTime();

        LogLines(String task, long start, long total, PrintWriter err, long intervalNanos) {
            this.task = task;
            this.start = start;
            this.total = total;
            this.err = err;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public synchronized void update(long step, double loss, double sharpness) {
            long now = System.nanoTime();
            if (now - lastPrint < intervalNanos) {
                return;
            }
            lastPrint = now;
            double seconds = (now - t0) * 1e-9;
            double rate = (step - start) / Math.max(seconds, 1e-9);
            StringBuilder s = new StringBuilder(task).append(": step ").append(Format.count(step));
            if (total > 0) {
                s.append(" / ").append(Format.count(total))
                        .append(String.format(" (%.1f%%)", 100.0 * step / total));
            }
            s.append(", ").append(Format.count(Math.round(rate))).append(" steps/s");
            if (total > step && rate > 0) {
                s.append(", ETA ").append(Format.duration((total - step) / rate));
            }
            String values = Format.values(loss, sharpness);
            if (!values.isEmpty()) {
                s.append(", ").append(values);
            }
            err.println(s);
            err.flush();
        }

        @Override
        public synchronized void total(long total) {
            this.total = total;
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
