package dev.eos.cli.sweep;

import dev.eos.cli.backend.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the sweep commands need from the root {@code eos} command: fresh command lines configured exactly as its own
 * (converters, handlers, factory), so that a sweep row is parsed by eos itself. The root implements it, which keeps
 * this package free of imports from {@code dev.eos.cli} (the root depends on sweep only through its subcommands).
 */
public interface RootCommand {

    /** A fresh, fully configured eos command line over the given backend. */
    CommandLine fresh(Backend backend);

    /** The root command of the command line that {@code spec} belongs to. */
    static RootCommand of(CommandSpec spec) {
        if (spec.root().userObject() instanceof RootCommand root) {
            return root;
        }
        throw new IllegalStateException("the sweep commands run under the eos root command, not "
                + spec.root().userObject());
    }
}
