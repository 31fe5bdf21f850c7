package dev.eos.cli.sweep;

import java.util.List;
import picocli.CommandLine.Model.OptionSpec;

/** What kind of value a run option takes, which decides the grid forms it accepts and how a row passes it on. */
enum ValueKind {
    /** A whole number (--width, --steps, --seed): integer ranges i..j, rounded lin/log ranges, lists. */
    INTEGER,
    /** A real number (--eta, --horizon): lin/log ranges, lists. */
    REAL,
    /** A switch (--flow): true,false. */
    BOOLEAN,
    /** A list option (--widths, --spectrum): grid values are separated by ';' since ',' separates list items. */
    LIST,
    /** A name or a path (--model, --algo, --target): lists only. */
    TEXT;

    /** The kind of an option, from its Java type. */
    static ValueKind of(OptionSpec opt) {
        Class<?> t = opt.type();
        if (List.class.isAssignableFrom(t)) {
            return LIST;
        }
        if (t == boolean.class || t == Boolean.class) {
            return BOOLEAN;
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return INTEGER;
        }
        if (t == double.class || t == Double.class) {
            return REAL;
        }
        return TEXT;
    }
}
