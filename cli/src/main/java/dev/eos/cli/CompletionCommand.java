package dev.eos.cli;

import dev.eos.cli.common.BadInputException;
import dev.eos.cli.common.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eos completion}: prints a bash or zsh completion script for every command, option and choice. */
@Command(name = "completion", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Print a shell completion script (subcommands, options, model and algorithm names).",
        footer = {
            "%nExamples:",
            "  source <(./eos completion bash)     # bash, in this shell",
            "  source <(./eos completion zsh)      # zsh, in this shell",
            "%nExit codes:",
            "  0 ok, 2 unknown shell"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            completionCandidates = Shells.class, description = "bash or zsh (default: ${DEFAULT-VALUE}).")
    String shell;

    /** The shells supported. */
    static final class Shells extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Shells() {
            super(java.util.List.of("bash", "zsh"));
        }
    }

    @Override
    public Integer call() {
        String s = shell.strip().toLowerCase(java.util.Locale.ROOT);
        if (!s.equals("bash") && !s.equals("zsh")) {
            throw new BadInputException("unknown shell '" + shell + "' (choose bash or zsh)");
        }
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash("eos", root);
        PrintWriter out = spec.commandLine().getOut();
        if (s.equals("zsh")) {
            // zsh runs bash completion functions through bashcompinit
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(script);
        out.flush();
        return ExitCodes.OK;
    }
}
