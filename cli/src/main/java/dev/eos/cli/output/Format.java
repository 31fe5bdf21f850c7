package dev.eos.cli.output;

import java.util.Locale;

/** Number and duration formats shared by progress lines, summaries and sharpness output. */
public final class Format {

    private Format() {
    }

    /** 1234567 as "1,234,567". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A real in 6 significant digits ("7.55953", "1.23456e-07"), or "-" for NaN. */
    public static String real(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.5e", v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Seconds as "87 ms", "42.1 s", "5m12s" or "3h05m". */
    public static String duration(double seconds) {
        if (!(seconds < 1e9)) {
            return "?";
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1e3);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** "loss 1.2e-07, sharpness 7.61" with the parts that are measured. */
    public static String values(double loss, double sharpness) {
        StringBuilder s = new StringBuilder();
        if (!Double.isNaN(loss)) {
            s.append("loss ").append(String.format(Locale.ROOT, "%.3e", loss));
        }
        if (!Double.isNaN(sharpness)) {
            s.append(s.isEmpty() ? "" : ", ").append("sharpness ").append(String.format(Locale.ROOT, "%.5g",
                    sharpness));
        }
        return s.toString();
    }
}
