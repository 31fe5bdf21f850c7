package dev.eos.cli.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option: a TOML file whose keys are the command's flag names without dashes. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE.toml", order = 1000,
            description = "Read options from a TOML file (keys are the flag names without dashes, e.g. "
                    + "eta = 1e-3); flags on the command line override it. Relative paths in it are relative to "
                    + "the file.")
    public Path config;
}
