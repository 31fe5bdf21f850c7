package dev.eos.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eos.cli.common.BadInputException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options of one command as resolved from defaults, then the {@code --config} file, then the command line
 * (each overriding the one before), with which keys the user gave. Keys are flag names without dashes. The
 * experiment-defining subset ({@link #values()}) is what run.json stores and {@code --dry-run} prints.
 */
public final class ResolvedOptions {

    /** Options that steer one invocation and are not part of an experiment's config. */
    private static final Set<String> SESSION_ONLY = Set.of("help", "version", "verbose", "config", "dry-run",
            "force", "no-progress", "no-plots");

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> given = new LinkedHashSet<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    private ResolvedOptions() {
    }

    /**
     * Applies the --config file (if any) to the options the command line did not set, and records the result.
     * Unknown keys and values of the wrong type are bad input naming the key.
     */
    public static ResolvedOptions resolve(CommandSpec spec) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, OptionSpec> byKey = new LinkedHashMap<>();
        for (OptionSpec opt : spec.options()) {
            for (String name : opt.names()) {
                if (name.startsWith("--")) {
                    byKey.put(name.substring(2), opt);
                }
            }
        }
        ResolvedOptions r = new ResolvedOptions();
        for (OptionSpec opt : spec.options()) {
            if (parsed != null && parsed.hasMatchedOption(opt)) {
                r.given.add(key(opt));
                r.sources.put(key(opt), "command line");
            }
        }
        OptionSpec configOpt = byKey.get("config");
        Path file = configOpt == null ? null : configOpt.getValue();
        if (file != null) {
            for (Map.Entry<String, JsonNode> e : TomlConfig.read(file).entrySet()) {
                String key = e.getKey();
                OptionSpec opt = byKey.get(key);
                if (opt == null || SESSION_ONLY.contains(key) && !isStorableFlag(key) || !key.equals(key(opt))) {
                    throw new BadInputException("--config " + file + ": unknown key '" + key + "' ("
                            + spec.qualifiedName() + " has no --" + key + ")" + suggestion(key, byKey.keySet()));
                }
                if (parsed != null && parsed.hasMatchedOption(opt)) {
                    continue; // the command line overrides the file
                }
                opt.setValue(ConfigValues.convert(e.getValue(), opt, key, file));
                r.given.add(key);
                r.sources.put(key, "config " + file);
            }
        }
        for (OptionSpec opt : spec.options()) {
            String key = key(opt);
            if (!SESSION_ONLY.contains(key) && !opt.usageHelp() && !opt.versionHelp()) {
                r.values.put(key, opt.getValue());
            }
        }
        return r;
    }

    /** Flags that steer one invocation but may still be set from a config file. */
    private static boolean isStorableFlag(String key) {
        return key.equals("force") || key.equals("no-progress") || key.equals("no-plots");
    }

    private static String key(OptionSpec opt) {
        return opt.longestName().replaceFirst("^--?", "");
    }

    /** Whether the user gave this key (on the command line or in the config file). */
    public boolean given(String key) {
        return given.contains(key);
    }

    /** The keys the user gave. */
    public Set<String> givenKeys() {
        return Collections.unmodifiableSet(given);
    }

    /** Where a key's value came from: "command line", "config FILE" or "default". */
    public String source(String key) {
        return sources.getOrDefault(key, "default");
    }

    /** The experiment's config, in declaration order (null for "chosen by the engine"). */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Replaces a value by the one in effect (e.g. a model default the engine chose). */
    public void put(String key, Object value) {
        values.put(key, value);
    }

    /** Drops a key that does not apply (e.g. --depth for a toy model). */
    public void remove(String key) {
        values.remove(key);
    }

    /** The config as TOML, the format --config reads (null values, which TOML cannot hold, are left out). */
    public String toToml() {
        return toToml(Set.of());
    }

    /** The config as TOML without the keys {@code leaveOut} (and without null values). */
    public String toToml(Set<String> leaveOut) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() != null && !leaveOut.contains(e.getKey())) {
                s.append(e.getKey()).append(" = ").append(tomlValue(e.getValue())).append('\n');
            }
        }
        return s.toString();
    }

    private static String tomlValue(Object v) {
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "nan";
            }
            if (d.isInfinite()) {
                return d > 0 ? "inf" : "-inf";
            }
            return d.toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(tomlValue(list.get(i)));
            }
            return s.append(']').toString();
        }
        String text = v instanceof Path p ? p.toString() : v.toString();
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String suggestion(String key, Set<String> keys) {
        String best = null;
        int bestDist = 3;
        for (String k : keys) {
            int d = distance(key, k);
            if (d < bestDist && !SESSION_ONLY.contains(k)) {
                bestDist = d;
                best = k;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
