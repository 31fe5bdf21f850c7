package dev.eos.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eos} command: git-style subcommands over the engine. {@code main} only calls {@code execute}. */
@Command(name = "eos",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Gradient descent at the edge of stability: fast, exact, reproducible runs of normalized GD "
                + "and GD on sqrt(L), their sharpness, and the limiting flows of Arora, Li & Panigrahi (ICML 2022).",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  internal error (a bug: please report it with the command line)",
            "  2  bad input (the message names the problem)",
            "  3  the run diverged (NaN, Inf, or loss above --divergence-bound)",
            "  4  stopped by a signal after writing a checkpoint (continue with: eos resume DIR)"})
public final class Eos implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (also used by the tests, which call execute in-process). */
    public static CommandLine newCommandLine() {
        return new CommandLine(new Eos());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
