package dev.eos.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option list of {@code --help} in sections (Model, Start point, Algorithm, Measurement, Output), one per
 * shared option mixin, then the command's own options.
 */
final class HelpLayout {

    /** Mixin name to section heading, in the order the sections are printed. */
    private static final Map<String, String> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put("model", "Model:");
        HEADINGS.put("start", "Start point:");
        HEADINGS.put("algorithm", "Algorithm:");
        HEADINGS.put("measurement", "Measurement:");
        HEADINGS.put("output", "Output and resources:");
    }

    private HelpLayout() {
    }

    /** Installs the sectioned option list on every subcommand of root that uses the shared mixins. */
    static void install(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommandSpec().mixins().keySet().stream().anyMatch(HEADINGS::containsKey)) {
                sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
                        help -> "");
                sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                        HelpLayout::sections);
            }
            install(sub);
        }
    }

    private static String sections(CommandLine.Help help) {
        CommandSpec spec = help.commandSpec();
        List<OptionSpec> all = spec.options();
        List<OptionSpec> rest = new ArrayList<>(all);
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> h : HEADINGS.entrySet()) {
            CommandSpec mixin = spec.mixins().get(h.getKey());
            if (mixin == null) {
                continue;
            }
            List<OptionSpec> opts = new ArrayList<>();
            for (OptionSpec o : mixin.options()) {
                for (OptionSpec a : all) {
                    if (a.longestName().equals(o.longestName()) && !a.hidden()) {
                        opts.add(a);
                    }
                }
            }
            rest.removeAll(opts);
            s.append(String.format("%n%s%n", h.getValue())).append(list(help, all, opts));
        }
        rest.removeIf(OptionSpec::hidden);
        if (!rest.isEmpty()) {
            s.append(String.format("%nOptions:%n")).append(list(help, all, rest));
        }
        return s.toString();
    }

    private static String list(CommandLine.Help help, List<OptionSpec> all, List<OptionSpec> opts) {
        CommandLine.Help.Layout layout = help.createDefaultLayout(all, help.commandSpec().positionalParameters(),
                help.colorScheme());
        layout.addOptions(opts, help.parameterLabelRenderer());
        return layout.toString();
    }
}
