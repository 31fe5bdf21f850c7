package dev.eos.cli;

import dev.eos.cli.backend.Backend;
import dev.eos.cli.backend.EngineBackend;
import dev.eos.cli.sweep.RootCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code eos} command: git-style subcommands over the engine. {@code main} only calls {@code execute}.
 * A new subcommand is one class implementing {@code Callable<Integer>}, added to the {@code subcommands} list.
 */
@Command(name = "eos",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Gradient descent at the edge of stability: fast, exact, reproducible runs of normalized GD and GD on "
                    + "sqrt(L), their sharpness, and the limiting flows of Arora, Li & Panigrahi (ICML 2022).",
            "",
            "Start with: eos run   (the built-in default experiment, under a minute)"},
        subcommands = {
            RunCommand.class,
            ResumeCommand.class,
            SharpnessCommand.class,
            FlowCommand.class,
            ReportCommand.class,
            ValidateCommand.class,
            dev.eos.cli.sweep.SweepCommand.class,
            dev.eos.cli.sweep.RatesCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  internal error (a bug in eos: please report it with the command line)",
            "  2  bad input (the one-line message names the problem)",
            "  3  the run diverged (NaN, Inf, or loss above --divergence-bound; with --algo gf also a flow step that",
            "     could not be integrated)",
            "  4  stopped by a signal after a checkpoint (continue with: eos resume DIR)",
            "  5  eos validate: a check failed"})
public final class Eos implements Runnable, RootCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (also: EOS_DEBUG=1).")
    boolean verbose;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line over the real engine (also used by the tests, which execute in-process). */
    public static CommandLine newCommandLine() {
        return newCommandLine(new EngineBackend());
    }

    /** The configured command line over a given backend (tests use fakes to reach every exit path). */
    public static CommandLine newCommandLine(Backend backend) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    var ctor = cls.getDeclaredConstructor(Backend.class);
                    ctor.setAccessible(true);
                    return ctor.newInstance(backend);
                } catch (NoSuchMethodException none) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        };
        CommandLine cl = new CommandLine(new Eos(), factory);
        cl.setParameterExceptionHandler(new ErrorHandlers.Usage());
        cl.setExecutionExceptionHandler(new ErrorHandlers.Execution());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Double.class, Eos::real);
        cl.registerConverter(Double.TYPE, Eos::real);
        HelpLayout.install(cl);
        return cl;
    }

    /** Reals as Java writes them, plus NumPy's nan, inf and -inf (range checks name such values later). */
    static Double real(String text) {
        String s = text.strip().replace("_", "");
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.valueOf(s);
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
                }
            }
        };
    }

    /** A fresh command line like this one's, over the given backend (sweep rows are parsed by it). */
    @Override
    public CommandLine fresh(Backend backend) {
        return newCommandLine(backend);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
