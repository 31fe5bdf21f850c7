package dev.eos.cli.sweep;

import dev.eos.cli.common.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Rebuilds sweep rows: {@code --config base.toml} plus a row's grid values as flags, parsed by the eos command line
 * itself (so every value goes through the converters and checks of {@code eos run}) into a
 * {@link RowCommand.Resolved}. One parser is reused for many rows; it is not thread-safe.
 */
final class RowParser {

    /** Options of {@code eos run} that steer one invocation or the output place: never grid axes. */
    private static final Set<String> NOT_GRIDABLE = Set.of("help", "version", "config", "out", "force", "no-progress",
            "no-plots", "dry-run");

    private final CommandLine root;
    private final CommandSpec rowSpec;

    /** @param root a fresh eos command line, configured as for a real invocation ({@link RootCommand#fresh}) */
    RowParser(CommandLine root) {
        this.root = root;
        rowSpec = root.getSubcommands().get("sweep").getSubcommands().get("row").getCommandSpec();
    }

    /** The option of {@code eos run} named {@code key} (flag name without dashes) that a grid may vary, or null. */
    OptionSpec gridOption(String key) {
        if (NOT_GRIDABLE.contains(key)) {
            return null;
        }
        OptionSpec o = rowSpec.findOption("--" + key);
        return o == null || !o.longestName().equals("--" + key) ? null : o;
    }

    /** The kind of a gridable option's values. */
    ValueKind kind(String key) {
        OptionSpec o = gridOption(key);
        if (o == null) {
            throw new IllegalArgumentException("not a grid option: " + key);
        }
        return ValueKind.of(o);
    }

    /** The keys of eos run's options a grid may vary, for "did you mean". */
    List<String> gridKeys() {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : rowSpec.options()) {
            String k = o.longestName().replaceFirst("^--?", "");
            if (gridOption(k) != null) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Resolves one row: base config plus these grid values (keys in order), with {@code dir} as the run directory.
     *
     * @param label how errors name the row, e.g. "row 3 (eta=0.01, seed=2)"
     */
    RowCommand.Resolved resolve(Path base, Map<String, String> values, Path dir, String label) {
        List<String> args = new ArrayList<>(List.of("sweep", "row"));
        if (base != null) {
            args.add("--config");
            args.add(base.toString());
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            args.addAll(flag(e.getKey(), e.getValue()));
        }
        args.add("--out");
        args.add(dir.toString());
        try {
            CommandLine.ParseResult parsed = root.parseArgs(args.toArray(String[]::new));
            RowCommand row = (RowCommand) parsed.subcommand().subcommand().commandSpec().userObject();
            return row.resolve();
        } catch (ParameterException | BadInputException e) {
            throw new BadInputException(label + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The flag(s) that give option {@code key} the value {@code text}. */
    private List<String> flag(String key, String text) {
        OptionSpec o = gridOption(key);
        if (o != null && ValueKind.of(o) == ValueKind.BOOLEAN) {
            return List.of(text.equals("true") ? "--" + key : "--no-" + key);
        }
        return List.of("--" + key, text);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
