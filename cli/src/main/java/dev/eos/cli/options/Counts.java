package dev.eos.cli.options;

import picocli.CommandLine;

/**
 * Parses a count of steps or points the way researchers write it: "20000", "20_000", "2e4" or "2.5e6" (a
 * floating-point spelling must be a whole number that fits in a long).
 */
public final class Counts implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** The count written in {@code text}, or a one-line error. */
    public static long parse(String text) {
        String s = text.strip().replace("_", "");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(s);
                if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
                    return (long) d;
                }
            } catch (NumberFormatException notDouble) {
                // fall through
            }
            throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number (e.g. 20000, "
                    + "20_000 or 2e4)");
        }
    }
}
