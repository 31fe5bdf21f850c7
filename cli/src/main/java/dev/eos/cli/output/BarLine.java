package dev.eos.cli.output;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * The terminal progress line, fitted to the terminal's width: "run  22% |###   | 66.5M/300M steps 6.65M/s ETA
 * 35.1 s | loss 1.234e-05, sharpness 2.0000". The bar takes what the text leaves (none on a narrow terminal), so
 * the current loss and sharpness stay visible on 80 columns (the library's default line put the counts first and
 * cut them off there).
 */
final class BarLine implements ProgressBarRenderer {

    /** The widest bar drawn, in characters between its borders. */
    static final int MAX_BAR = 24;

    @Override
    public String render(ProgressState s, int maxLength) {
        double seconds = s.getElapsedAfterStart().toNanos() * 1e-9;
        return line(s.getTaskName(), s.getStart(), s.getCurrent(), s.getMax(), seconds, s.getExtraMessage(),
                maxLength);
    }

    /**
     * The line for a computation at {@code current} of {@code max} steps that started at step {@code start}
     * {@code seconds} ago, at most {@code width} characters (no limit when width <= 0).
     */
    static String line(String task, long start, long current, long max, double seconds, String extra, int width) {
        double fraction = max > 0 ? Math.min(1, Math.max(0, (double) current / max)) : 0;
        double rate = seconds > 0 ? (current - start) / seconds : 0;
        StringBuilder stats = new StringBuilder();
        stats.append(compact(current)).append('/').append(compact(max)).append(" steps");
        if (rate > 0) {
            stats.append(' ').append(compact(Math.round(rate))).append("/s");
            if (max > current) {
                stats.append(" ETA ").append(Format.duration((max - current) / rate));
            }
        }
        String head = String.format(Locale.ROOT, "%s %3d%% ", task, (int) Math.floor(fraction * 100));
        String tail = stats + (extra == null ? "" : extra);
        int room = width > 0 ? width - head.length() - tail.length() - 3 : MAX_BAR;
        StringBuilder line = new StringBuilder(head);
        if (room >= 4) {
            int bar = Math.min(MAX_BAR, room);
            int filled = (int) Math.floor(fraction * bar);
            line.append('|').append("#".repeat(filled)).append(" ".repeat(bar - filled)).append("| ");
        }
        line.append(tail);
        return width > 0 && line.length() > width ? line.substring(0, width) : line.toString();
    }

    /** 950, 12.3k, 6.65M, 300M: a count in three significant digits (four below 10,000), at most 5 characters. */
    static String compact(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        String[] units = {"k", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 999.5 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        // three significant digits
        return String.format(Locale.ROOT, v < 9.995 ? "%.2f%s" : v < 99.95 ? "%.1f%s" : "%.0f%s", v, units[u]);
    }
}
