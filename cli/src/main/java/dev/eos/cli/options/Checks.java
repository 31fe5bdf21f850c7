package dev.eos.cli.options;

import dev.eos.cli.common.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Range checks on option values; each failure is a one-line {@link BadInputException} naming the option. */
public final class Checks {

    private Checks() {
    }

    /** A bad-input error with this message. */
    public static BadInputException bad(String message) {
        return new BadInputException(message);
    }

    /** An optional integer option must be &gt; 0 when given. */
    public static void positive(String key, Integer value) {
        if (value != null && value <= 0) {
            throw bad("--" + key + " must be a positive integer, got " + value);
        }
    }

    /** An optional count must be &gt; 0 when given. */
    public static void positive(String key, Long value) {
        if (value != null && value <= 0) {
            throw bad("--" + key + " must be a positive integer, got " + value);
        }
    }

    /** An optional real must be finite and &gt; 0 when given. */
    public static void positive(String key, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw bad("--" + key + " must be a positive finite number, got " + value);
        }
    }

    /** An optional real must be finite and &ge; 0 when given. */
    public static void nonNegative(String key, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            throw bad("--" + key + " must be a finite number >= 0, got " + value);
        }
    }

    /** An optional input file must exist and be a readable regular file. */
    public static void readable(String key, Path file) {
        if (file == null) {
            return;
        }
        if (!Files.exists(file)) {
            throw bad("--" + key + " " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw bad("--" + key + " " + file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw bad("--" + key + " " + file + ": not readable (permission denied)");
        }
    }
}
