package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One axis of a sweep's grid: a run option (flag name without dashes) and its values, as the command-line text a
 * row passes to that option. The forms of a grid expression, every range including both ends:
 * <ul>
 *   <li>{@code a:b:log:n} n values from a to b, equally spaced in log10 (a, b &gt; 0);
 *       value i = 10^(log10 a + i (log10 b - log10 a) / (n - 1)), the ends exactly a and b;</li>
 *   <li>{@code a:b:lin:n} n equally spaced values a + i (b - a) / (n - 1);</li>
 *   <li>{@code i..j} the integers from i to j (ascending or descending);</li>
 *   <li>{@code v1,v2,...} a list (for list options such as --widths, items are lists separated by ';').</li>
 * </ul>
 * Whole-number options round lin/log values to the nearest integer. The arithmetic is StrictMath, so a plan is the
 * same on every JVM.
 *
 * @param key    the option's flag name without dashes, e.g. "eta"
 * @param expr   the expression as given
 * @param values the values, in order, as command-line text
 */
record GridAxis(String key, String expr, List<String> values) {

    /** The most values one axis may have (a plan is at most {@link #MAX_ROWS} rows in all). */
    static final int MAX_ROWS = 1_000_000;

    private static final Pattern RANGE = Pattern.compile("^\\s*([^:]+):([^:]+):(lin|log):([^:]+)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INTS = Pattern.compile("^\\s*([+-]?\\d+)\\s*\\.\\.\\s*([+-]?\\d+)\\s*$");

    GridAxis {
        values = List.copyOf(values);
    }

    /** Whether {@code text} is written as a grid for an option of this kind (not a single value). */
    static boolean isGrid(String text, ValueKind kind) {
        if (kind == ValueKind.LIST) {
            return text.contains(";");
        }
        // a colon in a number is a range written wrong (e.g. 1e-1:1e-4:16): parse names it
        return RANGE.matcher(text).matches() || INTS.matcher(text).matches() || text.contains(",")
                || numeric(kind) && text.contains(":");
    }

    private static boolean numeric(ValueKind kind) {
        return kind == ValueKind.INTEGER || kind == ValueKind.REAL;
    }

    /** Parses {@code key=expr} for an option of this kind; a bad expression is bad input naming the key. */
    static GridAxis parse(String key, String expr, ValueKind kind) {
        String where = "--grid " + key + "=" + expr + ": ";
        if (expr.isBlank()) {
            throw new BadInputException(where + "empty grid (give values, e.g. " + example(kind) + ")");
        }
        List<String> values;
        Matcher range = RANGE.matcher(expr);
        Matcher ints = INTS.matcher(expr);
        if (kind == ValueKind.LIST) {
            values = items(expr, ";", where);
        } else if (range.matches()) {
            values = range(range, kind, where);
        } else if (ints.matches()) {
            if (kind != ValueKind.INTEGER && kind != ValueKind.REAL) {
                throw new BadInputException(where + "--" + key + " takes names, not a range of numbers");
            }
            long a = Long.parseLong(ints.group(1));
            long b = Long.parseLong(ints.group(2));
            if (Math.abs((double) b - a) >= MAX_ROWS) {
                throw new BadInputException(where + "more than " + MAX_ROWS + " values");
            }
            values = new ArrayList<>();
            for (long v = a; ; v += a <= b ? 1 : -1) {
                values.add(Long.toString(v));
                if (v == b) {
                    break;
                }
            }
        } else if (numeric(kind) && expr.contains(":")) {
            throw new BadInputException(where + "not a range: write a:b:log:n or a:b:lin:n (n values, both ends "
                    + "included)");
        } else {
            values = items(expr, ",", where);
        }
        if (kind == ValueKind.BOOLEAN) {
            List<String> b = new ArrayList<>();
            for (String v : values) {
                String l = v.toLowerCase(Locale.ROOT);
                if (!l.equals("true") && !l.equals("false")) {
                    throw new BadInputException(where + "--" + key + " is a switch: its values are true and false, "
                            + "not '" + v + "'");
                }
                b.add(l);
            }
            values = b;
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new BadInputException(where + "the value " + v + " appears twice");
            }
        }
        return new GridAxis(key, expr, values);
    }

    private static List<String> items(String expr, String sep, String where) {
        List<String> out = new ArrayList<>();
        for (String part : expr.split(Pattern.quote(sep), -1)) {
            String v = part.strip();
            if (v.isEmpty()) {
                throw new BadInputException(where + "an empty value (between '" + sep + "' separators)");
            }
            out.add(v);
        }
        return out;
    }

    private static List<String> range(Matcher m, ValueKind kind, String where) {
        if (kind != ValueKind.INTEGER && kind != ValueKind.REAL) {
            throw new BadInputException(where + "a lin/log range needs a numeric option");
        }
        double a = number(m.group(1), where);
        double b = number(m.group(2), where);
        boolean log = m.group(3).equalsIgnoreCase("log");
        long n;
        try {
            n = Long.parseLong(m.group(4).strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(where + "the count '" + m.group(4).strip() + "' is not a whole number");
        }
        if (n < 1) {
            throw new BadInputException(where + "empty grid (the count must be at least 1, got " + n + ")");
        }
        if (n > MAX_ROWS) {
            throw new BadInputException(where + "more than " + MAX_ROWS + " values");
        }
        if (n == 1 && a != b) {
            throw new BadInputException(where + "one value cannot include both ends " + m.group(1).strip() + " and "
                    + m.group(2).strip() + " (give a count of at least 2)");
        }
        if (log && !(a > 0 && b > 0)) {
            throw new BadInputException(where + "a log range needs positive ends");
        }
        List<String> out = new ArrayList<>();
        double la = log ? StrictMath.log10(a) : a;
        double lb = log ? StrictMath.log10(b) : b;
        for (long i = 0; i < n; i++) {
            double v;
            if (i == 0) {
                v = a;
            } else if (i == n - 1) {
                v = b;
            } else {
                double t = la + (lb - la) * i / (n - 1);
                v = log ? StrictMath.pow(10, t) : t;
            }
            out.add(kind == ValueKind.INTEGER ? Long.toString(Math.round(v)) : Double.toString(v));
        }
        return out;
    }

    private static double number(String text, String where) {
        try {
            double v = Double.parseDouble(text.strip().replace("_", ""));
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadInputException(where + "'" + text.strip() + "' is not a finite number");
    }

    private static String example(ValueKind kind) {
        return switch (kind) {
            case INTEGER -> "4,8,16 or 0..4";
            case REAL -> "1e-1:1e-4:log:16 or 0.1,0.05";
            case BOOLEAN -> "true,false";
            case LIST -> "3,4,3;4,4,4";
            case TEXT -> "ngd,sqrt";
        };
    }
}
